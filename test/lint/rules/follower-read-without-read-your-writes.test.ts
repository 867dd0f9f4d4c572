import rule from '../../../language/src/lint/rules/follower-read-without-read-your-writes.js';
import { ruleTester } from '../rule-tester.js';

const store = `database Db : postgres { replication single-leader { followers 2; read from followers } }\n`;

ruleTester(rule, {
    valid: [
        { name: 'a reader that never writes and states no need', code: `${store}service Reports { reads Db }` },
        { name: 'the read goes to the leader', code: `${store}service Profile { writes Db; reads Db { read from leader } }` },
        { name: 'synchronous replication keeps followers current', code: `database Db : postgres { replication single-leader { followers 1; mode sync; read from followers } }\nservice Profile { writes Db; reads Db }` },
        { name: 'eventual consistency is stated as enough', code: `${store}service Feed { writes Db; reads Db { requires eventual } }` },
        { name: 'reads from the leader by default', code: `database Db : postgres { replication single-leader { followers 2 } }\nservice Profile { writes Db; reads Db }` }
    ],
    invalid: [
        {
            name: 'writes then reads from followers of the store',
            code: `${store}service Profile {\n    writes Db\n    reads Db\n}`,
            errors: [{ messageId: 'writesToo', line: 4, message: 'not declared synchronous' }],
            output: `${store}service Profile {\n    writes Db\n    reads Db { read from leader }\n}`
        },
        {
            name: 'requires read-your-writes on an async store',
            code: `database Db : postgres { replication single-leader { followers 2; mode async } }\nservice Feed { reads Db { read from followers; requires read-your-writes } }`,
            errors: [{ messageId: 'required', line: 2, message: 'replication is async' }],
            output: `database Db : postgres { replication single-leader { followers 2; mode async } }\nservice Feed { reads Db { read from leader; requires read-your-writes } }`
        },
        {
            name: 'nearest replica on a semi-sync store',
            code: `database Db : mysql { replication single-leader { followers 3; mode semi-sync } }\nservice Cart { writes Db; reads Db { read from nearest } }`,
            errors: [{ messageId: 'writesToo', message: "'nearest' replicas" }],
            output: `database Db : mysql { replication single-leader { followers 3; mode semi-sync } }\nservice Cart { writes Db; reads Db { read from leader } }`
        },
        {
            name: 'an arrow both reads and writes (no fix: arrows take call settings only)',
            code: `${store}service Api\nApi -> Db : sql`,
            errors: [{ messageId: 'writesToo', line: 3 }]
        }
    ]
});
