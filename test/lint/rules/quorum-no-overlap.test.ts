import rule from '../../../language/src/lint/rules/quorum-no-overlap.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'majority quorums overlap', code: `database Events : cassandra { replication leaderless { n 3; w 2; r 2 } }` },
        { name: 'write all, read one', code: `database Events { replication leaderless { n 3; w 3; r 1 } }` },
        { name: 'numbers left to the technology are unknown', code: `database Events : cassandra` },
        { name: 'without n nothing can be computed here (quorum-invalid reports it)', code: `database Events { replication leaderless { w 1; r 1 } }` },
        { name: 'w above n is quorum-invalid, not this rule', code: `database Events { replication leaderless { n 3; w 4; r 1 } }` }
    ],
    invalid: [
        {
            name: 'one and one out of three',
            code: `database Events { replication leaderless { n 3; w 1; r 1 } }`,
            errors: [{ messageId: 'noOverlap', line: 1, message: 'w + r = 2' }],
            output: `database Events { replication leaderless { n 3; w 1; r 3 } }`
        },
        {
            name: 'w + r equal to n is not enough',
            code: `database Events {\n    replication leaderless {\n        n 4\n        w 2\n        r 2\n        read repair\n    }\n}`,
            errors: [{ messageId: 'noOverlap', line: 1 }],
            output: `database Events {\n    replication leaderless {\n        n 4\n        w 2\n        r 3\n        read repair\n    }\n}`
        },
        {
            name: 'five replicas, two and two',
            code: `database Carts : riak { replication leaderless { n 5; w 2; r 2; sloppy quorum } }`,
            errors: [{ messageId: 'noOverlap', message: 'not more than n = 5' }],
            output: `database Carts : riak { replication leaderless { n 5; w 2; r 4; sloppy quorum } }`
        }
    ]
});
