import rule from '../../../language/src/lint/rules/leaderless-without-repair.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'both repair mechanisms', code: `database Db { replication leaderless { n 3; w 2; r 2; read repair; anti-entropy } }` },
        { name: 'anti-entropy alone', code: `database Db { replication leaderless { n 3; anti-entropy } }` },
        { name: 'read repair alone by default', code: `database Db { replication leaderless { n 3; read repair } }` },
        { name: 'a technology that repairs', code: `database Db : cassandra { replication leaderless { n 3; w 2; r 2 } }` },
        { name: 'another replication', code: `database Db : postgres { replication single-leader { followers 2 } }` }
    ],
    invalid: [
        {
            name: 'no repair at all',
            code: `database Db { replication leaderless { n 3; w 2; r 2 } }`,
            errors: [{ messageId: 'none', line: 1, data: { store: 'Db' }, elements: ['Db'] }],
            output: `database Db { replication leaderless { n 3; w 2; r 2; read repair; anti-entropy } }`
        },
        {
            name: 'a bare leaderless replication gets a block',
            code: `database Db {\n    replication leaderless\n}`,
            errors: [{ messageId: 'none' }],
            output: `database Db {\n    replication leaderless { read repair; anti-entropy }\n}`
        },
        {
            name: 'read repair without anti-entropy when required',
            code: `database Db { replication leaderless { n 3; read repair } }`,
            options: { requireAntiEntropy: true },
            errors: [{ messageId: 'readRepairOnly' }],
            output: `database Db { replication leaderless { n 3; read repair; anti-entropy } }`
        }
    ]
});
