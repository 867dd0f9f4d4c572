import rule from '../../../language/src/lint/rules/fully-synchronous-replication.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'one synchronous follower', code: `database Db { replication single-leader { followers 1; mode sync; failover automatic } }` },
        { name: 'semi-sync', code: `database Db { replication single-leader { followers 3; mode semi-sync } }` },
        { name: 'mode not stated', code: `database Db { replication single-leader { followers 3 } }` }
    ],
    invalid: [
        {
            name: 'every follower synchronous',
            code: `database Db { replication single-leader { followers 2; mode sync } }`,
            errors: [{ messageId: 'allSync', line: 1, data: { store: 'Db', followers: 2 }, elements: ['Db'] }],
            output: `database Db { replication single-leader { followers 2; mode semi-sync } }`
        },
        {
            name: 'an alias of sync in a multi-line block',
            code: `database Db {\n    replication single-leader {\n        followers 4\n        mode synchronous\n    }\n}`,
            errors: [{ messageId: 'allSync', message: 'synchronously to 4 followers' }],
            output: `database Db {\n    replication single-leader {\n        followers 4\n        mode semi-sync\n    }\n}`
        },
        {
            name: 'three synchronous followers with failover',
            code: `database Db : mysql { replication single-leader { followers 3; mode sync; failover automatic } }`,
            errors: [{ messageId: 'allSync', data: { store: 'Db', followers: 3 } }],
            output: `database Db : mysql { replication single-leader { followers 3; mode semi-sync; failover automatic } }`
        }
    ]
});
