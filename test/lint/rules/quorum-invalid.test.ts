import rule from '../../../language/src/lint/rules/quorum-invalid.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a complete quorum', code: `database Events { replication leaderless { n 3; w 2; r 2 } }` },
        { name: 'only n declared', code: `database Events { replication leaderless { n 5 } }` },
        { name: 'technology defaults without numbers', code: `database Events : cassandra` },
        { name: 'w equal to n is allowed', code: `database Events { replication leaderless { n 3; w 3; r 1 } }` }
    ],
    invalid: [
        {
            name: 'w and r without n',
            code: `database Events { replication leaderless { w 2; r 2 } }`,
            errors: [{ messageId: 'missingN', line: 1, message: 'w 2 and r 2' }],
            output: `database Events { replication leaderless { w 2; r 2; n 3 } }`
        },
        {
            name: 'w larger than n is clamped',
            code: `database Events { replication leaderless { n 3; w 5; r 2 } }`,
            errors: [{ messageId: 'aboveN', message: 'w 5 but only n = 3' }],
            output: `database Events { replication leaderless { n 3; w 3; r 2 } }`
        },
        {
            name: 'r of zero becomes a majority',
            code: `database Events {\n    replication leaderless {\n        n 5\n        w 3\n        r 0\n    }\n}`,
            errors: [{ messageId: 'belowOne', line: 1, message: 'r 0' }],
            output: `database Events {\n    replication leaderless {\n        n 5\n        w 3\n        r 3\n    }\n}`
        },
        {
            name: 'several problems are each reported',
            code: `database Events { replication leaderless { n 2; w 3; r 4 } }`,
            errors: [{ messageId: 'aboveN', message: 'w 3' }, { messageId: 'aboveN', message: 'r 4' }],
            output: `database Events { replication leaderless { n 2; w 2; r 4 } }`
        },
        {
            name: 'the added n covers a larger w',
            code: `database Events { replication leaderless { w 4 } }`,
            errors: [{ messageId: 'missingN', message: 'w 4' }],
            output: `database Events { replication leaderless { w 4; n 4 } }`
        },
        {
            name: 'n of zero',
            code: `database Events { replication leaderless { n 0; w 1; r 1 } }`,
            errors: [{ messageId: 'belowOne', message: 'n 0' }]
        }
    ]
});
