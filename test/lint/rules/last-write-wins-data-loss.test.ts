import rule from '../../../language/src/lint/rules/last-write-wins-data-loss.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'cassandra holding data where losing a concurrent write is fine', code: `database Sessions : cassandra { holds sessions }` },
        { name: 'orders with version vectors', code: `database Orders { holds orders; replication multi-leader { leaders 2; conflict resolution version-vectors } }` },
        { name: 'lww on a store that says nothing about what it holds', code: `database Metrics { replication leaderless { n 3; w 2; r 2; conflict resolution lww } }` },
        { name: 'single-leader stores have no write conflicts', code: `database Payments : postgres { holds payments }` },
        { name: 'riak does not imply lww', code: `database Cart : riak { holds orders }` }
    ],
    invalid: [
        {
            name: 'cassandra implies last-write-wins',
            code: `database Orders : cassandra { holds orders }`,
            errors: [{ messageId: 'implied', line: 1, message: 'cassandra' }]
        },
        {
            name: 'declared lww on payments',
            code: `database Ledger {\n    holds payments, customers\n    replication multi-leader { leaders 2; conflict resolution lww }\n}`,
            errors: [{ messageId: 'declared', line: 1, message: 'holds payments' }],
            output: `database Ledger {\n    holds payments, customers\n    replication multi-leader { leaders 2; conflict resolution version-vectors }\n}`
        },
        {
            name: 'leaderless lww on inventory',
            code: `database Stock { holds inventory; replication leaderless { n 3; w 2; r 2; conflict resolution lww } }`,
            errors: [{ messageId: 'declared' }],
            output: `database Stock { holds inventory; replication leaderless { n 3; w 2; r 2; conflict resolution version-vectors } }`
        },
        {
            name: 'a cassandra store that declares its lww: the declared fact, not the technology, and a fix',
            code: `database Orders : cassandra { holds orders; replication multi-leader { leaders 2; conflict resolution lww } }`,
            errors: [{ messageId: 'declared' }],
            output: `database Orders : cassandra { holds orders; replication multi-leader { leaders 2; conflict resolution version-vectors } }`
        },
        {
            name: 'the sensitive kinds are configurable',
            code: `database Sessions : cassandra { holds sessions }`,
            options: { sensitiveKinds: ['sessions'] },
            errors: [{ messageId: 'implied', message: 'sessions' }]
        }
    ]
});
