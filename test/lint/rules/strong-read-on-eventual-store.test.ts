import rule from '../../../language/src/lint/rules/strong-read-on-eventual-store.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'strong reads on a single-leader store', code: `database Db : postgres\nservice Api { reads Db { read from leader; requires strong } }` },
        { name: 'eventual reads on cassandra', code: `database Events : cassandra\nservice Api { reads Events { requires eventual } }` },
        { name: 'a read that states its own weaker need overrides the flow', code: `database Events : cassandra\nservice Api { reads Events { requires read-your-writes } }\nflow Checkout { path Api -> Events; requires strong }` },
        { name: 'a multi-leader store with one leader', code: `database Db { replication multi-leader { leaders 1 } }\nservice Api { reads Db { requires linearizable } }` },
        { name: 'no stated requirement', code: `database Events : cassandra\nservice Api { reads Events }` }
    ],
    invalid: [
        {
            name: 'strong reads on cassandra',
            code: `database Events : cassandra\nservice Api {\n    reads Events { requires strong }\n}`,
            errors: [{ messageId: 'read', line: 3, message: 'leaderless' }]
        },
        {
            name: 'a strong flow passes through a multi-leader store',
            code: `database Docs { replication multi-leader { leaders 2; conflict resolution crdt } }\nservice Api { reads Docs }\nflow Checkout { path Api -> Docs; requires linearizable }`,
            errors: [{ messageId: 'read', line: 2, message: "(flow 'Checkout')" }]
        },
        {
            name: 'the store itself promises strong consistency',
            code: `database Events { replication leaderless { n 3; w 2; r 2 }; consistency strong }\nservice Api { reads Events { requires strong } }`,
            errors: [{ messageId: 'store', line: 1 }]
        }
    ]
});
