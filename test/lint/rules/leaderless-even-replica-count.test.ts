import rule from '../../../language/src/lint/rules/leaderless-even-replica-count.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'three replicas', code: `database Db { replication leaderless { n 3; w 2; r 2 } }` },
        { name: 'five replicas', code: `database Db { replication leaderless { n 5; w 3; r 3 } }` },
        { name: 'n not stated', code: `database Db : cassandra` }
    ],
    invalid: [
        {
            name: 'four replicas, the next odd size keeps the quorums',
            code: `database Db { replication leaderless { n 4; w 3; r 3 } }`,
            errors: [{ messageId: 'even', line: 1, data: { store: 'Db', n: 4, smaller: 3 }, elements: ['Db'] }],
            output: `database Db { replication leaderless { n 5; w 3; r 3 } }`
        },
        {
            name: 'only the smaller size keeps w + r above n',
            code: `database Db { replication leaderless { n 4; w 3; r 2 } }`,
            errors: [{ messageId: 'even' }],
            output: `database Db { replication leaderless { n 3; w 3; r 2 } }`
        },
        {
            name: 'two replicas',
            code: `database Db {\n    replication leaderless {\n        n 2\n    }\n}`,
            errors: [{ messageId: 'even', message: 'n = 2 replicas: a majority of 2 replicas tolerates no more failures than a majority of 1 replica' }],
            output: `database Db {\n    replication leaderless {\n        n 3\n    }\n}`
        }
    ]
});
