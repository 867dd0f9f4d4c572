import rule from '../../../language/src/lint/rules/replicas-in-single-zone.js';
import { ruleTester } from '../rule-tester.js';

const REGION = `region eu { zones a, b, c }\n`;

ruleTester(rule, {
    valid: [
        { name: 'spread over two zones', code: `${REGION}service A { replicas 2 across a, b }` },
        { name: 'placed in a region (zones unknown)', code: `${REGION}service A { replicas 3 across eu }` },
        { name: 'one instance', code: `${REGION}service A { in a }` },
        { name: 'no placement', code: `service A { replicas 3 }` },
        { name: 'followers in another zone', code: `${REGION}database Db : postgres {\n    in a\n    replication single-leader { followers 2 in b }\n}` },
        { name: 'leader zone unknown', code: `${REGION}database Db : postgres { replication single-leader { followers 2 in a } }` }
    ],
    invalid: [
        {
            name: 'three replicas in zone a',
            code: `${REGION}service A { replicas 3 across a }`,
            errors: [{ messageId: 'instances', line: 2, message: "zone 'a'" }],
            output: `${REGION}service A { replicas 3 across a, b }`
        },
        {
            name: 'placed with `in`',
            code: `${REGION}gateway G {\n    replicas 2\n    in b\n}`,
            errors: [{ messageId: 'instances', line: 2 }],
            output: `${REGION}gateway G {\n    replicas 2\n    in b, a\n}`
        },
        {
            name: 'leader and followers in one zone',
            code: `${REGION}database Db : postgres {\n    in c\n    replication single-leader { followers 2 in c; failover automatic }\n}`,
            errors: [{ messageId: 'copies', line: 2, message: '2 followers' }],
            output: `${REGION}database Db : postgres {\n    in c\n    replication single-leader { followers 2 in c, a; failover automatic }\n}`
        },
        {
            name: 'a region with one zone offers no fix',
            code: `region us { zone x }\nservice A { replicas 2 across x }`,
            errors: [{ messageId: 'instances' }]
        }
    ]
});
