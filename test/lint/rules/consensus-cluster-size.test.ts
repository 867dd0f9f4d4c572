import rule from '../../../language/src/lint/rules/consensus-cluster-size.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'three nodes', code: `coordinator Zk : zookeeper { replication consensus { nodes 3 } }` },
        { name: 'five replicas', code: `coordinator Etcd : etcd { replicas 5 }` },
        { name: 'size not stated (single-point-of-failure speaks)', code: `coordinator Zk : zookeeper` },
        { name: 'not a consensus group', code: `database Db : postgres { replicas 2 }` },
        { name: 'even sizes allowed by option', code: `database Db : cockroachdb { replicas 4 }`, options: { checkEven: false } },
        { name: 'a managed store', code: `database Db : cockroachdb { managed; replicas 2 }` }
    ],
    invalid: [
        {
            name: 'two nodes',
            code: `coordinator Zk : zookeeper { replication consensus { nodes 2 } }`,
            errors: [{ messageId: 'tooSmall', line: 1, message: 'on 2 nodes: every decision needs 2 nodes' }],
            output: `coordinator Zk : zookeeper { replication consensus { nodes 3 } }`
        },
        {
            name: 'one replica',
            code: `coordinator Consul : consul {\n    replicas 1\n}`,
            errors: [{ messageId: 'tooSmall' }],
            output: `coordinator Consul : consul {\n    replicas 3\n}`
        },
        {
            name: 'four nodes',
            code: `database Db : cockroachdb { replicas 4 }`,
            errors: [{ messageId: 'even', message: 'survives 1 failure, no more than 3 nodes' }],
            output: `database Db : cockroachdb { replicas 5 }`
        },
        {
            name: 'stated nodes win over replicas',
            code: `database Db { replicas 3; replication consensus raft { nodes 6 } }`,
            errors: [{ messageId: 'even' }],
            output: `database Db { replicas 3; replication consensus raft { nodes 7 } }`
        },
        {
            name: 'a larger minimum',
            code: `coordinator Zk : zookeeper { replicas 3 }`,
            options: { minNodes: 5 },
            errors: [{ messageId: 'tooSmall' }],
            output: `coordinator Zk : zookeeper { replicas 5 }`
        }
    ]
});
