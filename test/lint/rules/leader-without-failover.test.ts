import rule from '../../../language/src/lint/rules/leader-without-failover.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'automatic failover', code: `database Db : postgres { replication single-leader { followers 2; failover automatic } }` },
        { name: 'manual failover is a legitimate choice', code: `database Db : postgres { replication single-leader { followers 1; failover manual } }` },
        { name: 'failover stated on the component', code: `database Db : mysql {\n    failover automatic\n    replication single-leader { followers 2 }\n}` },
        { name: 'followers unknown', code: `database Db : postgres` },
        { name: 'no followers (single-point-of-failure covers it)', code: `database Db { replication single-leader { followers 0 } }` },
        { name: 'a managed store', code: `database Db : dynamodb { replication single-leader { followers 2 } }` },
        { name: 'leaderless replication', code: `database Db : cassandra { replication leaderless { n 3 } }` }
    ],
    invalid: [
        {
            name: 'followers without failover',
            code: `database Db : postgres { replication single-leader { followers 2 } }`,
            errors: [{ messageId: 'unset', line: 1, message: '2 followers' }],
            output: `database Db : postgres { replication single-leader { followers 2; failover automatic } }`
        },
        {
            name: 'failover none inside a multi-line block',
            code: `database Db : postgres {\n    replication single-leader {\n        followers 1\n        failover none\n    }\n}`,
            errors: [{ messageId: 'none', line: 1, message: '1 follower' }],
            output: `database Db : postgres {\n    replication single-leader {\n        followers 1\n        failover automatic\n    }\n}`
        },
        {
            name: 'failover none on the component',
            code: `cache K : redis {\n    failover none\n    replication single-leader { followers 1 }\n}`,
            errors: [{ messageId: 'none' }],
            output: `cache K : redis {\n    failover automatic\n    replication single-leader { followers 1 }\n}`
        },
        {
            name: 'a multi-line block gets a new line',
            code: `database Db {\n    replication single-leader {\n        followers 2\n        mode semi-sync\n    }\n}`,
            errors: [{ messageId: 'unset' }],
            output: `database Db {\n    replication single-leader {\n        followers 2\n        mode semi-sync\n        failover automatic\n    }\n}`
        }
    ]
});
