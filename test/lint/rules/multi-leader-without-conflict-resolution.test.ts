import rule from '../../../language/src/lint/rules/multi-leader-without-conflict-resolution.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a declared strategy', code: `database Docs { replication multi-leader { leaders 2; conflict resolution crdt } }` },
        { name: 'the technology resolves conflicts (couchdb keeps siblings)', code: `database Notes : couchdb` },
        { name: 'a single leader cannot conflict', code: `database Docs { replication multi-leader { leaders 1 } }` },
        { name: 'single-leader replication', code: `database Docs : postgres { replication single-leader { followers 2 } }` }
    ],
    invalid: [
        {
            name: 'leaders without a strategy',
            code: `database Docs { replication multi-leader { leaders 2 } }`,
            errors: [{ messageId: 'missing', line: 1, message: '2 leaders' }],
            output: `database Docs { replication multi-leader { leaders 2; conflict resolution version-vectors } }`
        },
        {
            name: 'a bare multi-leader keyword gets braces',
            code: `database Docs { replication multi-leader }`,
            errors: [{ messageId: 'missing', message: 'several leaders' }],
            output: `database Docs { replication multi-leader { conflict resolution version-vectors } }`
        },
        {
            name: 'a multi-line block keeps its layout',
            code: `database Docs {\n    replicas 3\n    replication multi-leader {\n        leaders 3\n        topology all-to-all\n    }\n}`,
            errors: [{ messageId: 'missing', line: 1 }],
            output: `database Docs {\n    replicas 3\n    replication multi-leader {\n        leaders 3\n        topology all-to-all\n        conflict resolution version-vectors\n    }\n}`
        },
        {
            name: 'conflict resolution none is replaced',
            code: `database Docs { replication multi-leader { leaders 2; conflict resolution none } }`,
            errors: [{ messageId: 'none' }],
            output: `database Docs { replication multi-leader { leaders 2; conflict resolution version-vectors } }`
        },
        {
            name: 'the fix uses the configured strategy',
            code: `database Carts { replication multi-leader { leaders 2 } }`,
            options: { strategy: 'crdt' },
            errors: [{ messageId: 'missing' }],
            output: `database Carts { replication multi-leader { leaders 2; conflict resolution crdt } }`
        }
    ]
});
