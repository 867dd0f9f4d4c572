import rule from '../../../language/src/lint/rules/raft-fixed-election-timeout.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a randomized range', code: `database Meta { replication consensus raft { nodes 5; election timeout 150ms to 300ms } }` },
        { name: 'a range in seconds', code: `database Meta { replication consensus { election timeout 1s to 2s } }` },
        { name: 'no election timeout stated', code: `database Meta { replication consensus raft { nodes 3 } }` },
        { name: 'not consensus', code: `database Db { replication single-leader }` },
        { name: 'a technology default (etcd) states no timeout', code: `database Meta : etcd` }
    ],
    invalid: [
        {
            name: 'a single value',
            code: `database Meta {\n    replication consensus raft {\n        nodes 5\n        election timeout 150ms\n    }\n}`,
            errors: [{ messageId: 'fixed', line: 4, data: { name: 'Meta', timeout: 150, suggested: '150ms to 300ms' }, elements: ['Meta'] }],
            output: `database Meta {\n    replication consensus raft {\n        nodes 5\n        election timeout 150ms to 300ms\n    }\n}`
        },
        {
            name: 'a range of one value is fixed too, and the fix keeps the unit',
            code: `database Meta { replication consensus { election timeout 1s to 1s; nodes 3 } }`,
            errors: [{ messageId: 'fixed', data: { name: 'Meta', timeout: 1000, suggested: '1000ms to 2000ms' } }],
            output: `database Meta { replication consensus { election timeout 1s to 2s; nodes 3 } }`
        },
        {
            name: 'any consensus protocol',
            code: `coordinator Zk { replicas 3; replication consensus zab { election timeout 200ms } }`,
            errors: [{ messageId: 'fixed', line: 1 }],
            output: `coordinator Zk { replicas 3; replication consensus zab { election timeout 200ms to 400ms } }`
        }
    ]
});
