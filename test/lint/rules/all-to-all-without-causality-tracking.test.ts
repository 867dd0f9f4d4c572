import rule from '../../../language/src/lint/rules/all-to-all-without-causality-tracking.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'version vectors', code: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution version-vectors } }` },
        { name: 'CRDTs', code: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution crdt } }` },
        { name: 'conflicts avoided by routing each record to one leader', code: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution avoidance } }` },
        { name: 'no strategy (multi-leader-without-conflict-resolution reports it)', code: `database Db { replication multi-leader { leaders 3; topology all-to-all } }` },
        { name: 'two leaders have one path', code: `database Db { replication multi-leader { leaders 2; topology all-to-all; conflict resolution lww } }` },
        { name: 'a circle (multi-leader-topology-spof reports it)', code: `database Db { replication multi-leader { leaders 3; topology circle; conflict resolution lww } }` }
    ],
    invalid: [
        {
            name: 'last-write-wins all-to-all',
            code: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution lww } }`,
            errors: [{ messageId: 'blind', line: 1, data: { store: 'Db', leaders: '3 leaders', strategy: 'last-write-wins' }, elements: ['Db'] }],
            output: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution version-vectors } }`
        },
        {
            name: 'strategy stated on the component, leader count unknown',
            code: `database Db {\n    conflict resolution custom\n    replication multi-leader { topology mesh }\n}`,
            errors: [{ messageId: 'blind', message: "between its leaders and resolves conflicts by 'custom'" }],
            output: `database Db {\n    conflict resolution version-vectors\n    replication multi-leader { topology mesh }\n}`
        },
        {
            name: 'a merge strategy',
            code: `database Db { replication multi-leader { leaders 4; topology all-to-all; conflict resolution merge } }`,
            errors: [{ messageId: 'blind', message: "between 4 leaders and resolves conflicts by 'merge'" }]
        }
    ]
});
