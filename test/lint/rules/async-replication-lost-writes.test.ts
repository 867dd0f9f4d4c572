import rule from '../../../language/src/lint/rules/async-replication-lost-writes.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'semi-sync replication', code: `database Db : postgres { holds orders; replication single-leader { followers 2; mode semi-sync; failover automatic } }` },
        { name: 'manual failover: an operator can wait for the follower to catch up', code: `database Db : postgres { holds orders; replication single-leader { followers 1; mode async; failover manual } }` },
        { name: 'data whose loss is tolerable', code: `database Db : postgres { holds sessions; replication single-leader { followers 1; mode async; failover automatic } }` },
        { name: 'mode not stated', code: `database Db : postgres { holds payments; replication single-leader { followers 1; failover automatic } }` },
        { name: 'no followers to promote', code: `database Db : postgres { holds payments; replication single-leader { followers 0; mode async; failover automatic } }` },
        { name: 'kinds narrowed by an option', code: `database Db : postgres { holds orders; replication single-leader { followers 1; mode async; failover automatic } }`, options: { sensitiveKinds: ['payments'] } }
    ],
    invalid: [
        {
            name: 'async with automatic failover on orders',
            code: `database Db : postgres {\n    holds orders, sessions\n    replication single-leader { followers 1; mode async; failover automatic }\n}`,
            errors: [{ messageId: 'lostWrites', line: 1, data: { store: 'Db', kinds: 'orders' }, elements: ['Db'] }],
            output: `database Db : postgres {\n    holds orders, sessions\n    replication single-leader { followers 1; mode semi-sync; failover automatic }\n}`
        },
        {
            name: 'failover stated on the component',
            code: `database Ledger {\n    holds payments, financial\n    failover automatic\n    replication single-leader {\n        followers 2\n        mode async\n    }\n}`,
            errors: [{ messageId: 'lostWrites', message: 'holds payments, financial' }],
            output: `database Ledger {\n    holds payments, financial\n    failover automatic\n    replication single-leader {\n        followers 2\n        mode semi-sync\n    }\n}`
        },
        {
            name: 'an alias of async',
            code: `database Db { holds inventory; replication single-leader { followers 1; mode asynchronous; failover automatic } }`,
            errors: [{ messageId: 'lostWrites' }]
        }
    ]
});
