import rule from '../../../language/src/lint/rules/quorum-lost-on-zone-failure.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'one node per zone', code: `region eu { zones a, b, c }\ncoordinator Locks : etcd { replicas 3 across a, b, c }` },
        { name: '5 nodes across 3 zones (2, 2, 1)', code: `region eu { zones a, b, c }\ncoordinator Locks : etcd { replicas 5 across a, b, c }` },
        { name: 'placement not stated: no zone reaches it', code: `coordinator Locks : etcd { replicas 3 }` },
        { name: 'plain replicas are not a quorum', code: `region eu { zones a, b }\nservice Api { replicas 3 across a, b }` },
        { name: 'w 1 and r 1 survive a zone', code: `region eu { zones a, b }\ndatabase Kv : cassandra {\n    replicas 4 across a, b\n    replication leaderless { n 2; w 1; r 1 }\n}` }
    ],
    invalid: [
        {
            name: 'a majority in one of two zones',
            code: `region eu { zones a, b }\ncoordinator Locks : etcd { replicas 3 across a, b }`,
            errors: [{ messageId: 'lost', line: 2, message: "'Locks' loses its quorum when zone 'eu.a' fails: Locks keeps 1 of 3 nodes", elements: ['Locks'] }]
        },
        {
            name: 'every node in one zone',
            code: `region eu { zones a, b }\ncoordinator Locks : zookeeper { replicas 3 across a }`,
            errors: [{ messageId: 'lost', message: "zone 'eu.a' fails" }]
        },
        {
            name: 'a leaderless write quorum that two zones cannot keep',
            code: `region eu { zones a, b }\ndatabase Kv : cassandra {\n    replicas 4 across a, b\n    replication leaderless { n 2; w 2; r 1 }\n}`,
            errors: [{ messageId: 'lost', line: 2, message: "zone 'eu.a' or 'eu.b' fails" }]
        }
    ]
});
