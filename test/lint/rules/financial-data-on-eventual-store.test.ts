import rule from '../../../language/src/lint/rules/financial-data-on-eventual-store.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'payments on a single-leader store', code: `database Db : postgres { holds payments }` },
        { name: 'an eventual store holding other data', code: `database Db : cassandra { holds clicks }` },
        { name: 'async followers that are not read', code: `database Db { holds payments; replication single-leader { followers 1; mode async } }` },
        { name: 'one leader of a multi-leader store', code: `database Db { holds payments; replication multi-leader { leaders 1; conflict resolution crdt } }` },
        { name: 'kinds narrowed by an option', code: `database Db : cassandra { holds inventory }`, options: { sensitiveKinds: ['payments'] } }
    ],
    invalid: [
        {
            name: 'payments on a leaderless technology',
            code: `database Wallets : cassandra { holds payments, users }`,
            errors: [{ messageId: 'eventual', line: 1, data: { store: 'Wallets', kinds: 'payments', reason: 'it replicates leaderless' }, elements: ['Wallets'] }]
        },
        {
            name: 'inventory with declared eventual consistency',
            code: `database Stock { holds inventory; consistency eventual }`,
            errors: [{ messageId: 'eventual', message: 'it declares consistency eventual' }]
        },
        {
            name: 'multi-leader',
            code: `database Ledger { holds financial; replication multi-leader { leaders 2; conflict resolution crdt } }`,
            errors: [{ messageId: 'eventual', message: 'it accepts writes on several leaders' }]
        },
        {
            name: 'async followers serving reads',
            code: `database Ledger { holds financial; replication single-leader { followers 2; mode async; read from followers } }`,
            errors: [{ messageId: 'eventual', message: 'serves reads from followers' }]
        }
    ]
});
