import rule from '../../../language/src/lint/rules/follower-read-with-strong-requirement.js';
import { ruleTester } from '../rule-tester.js';

const store = (mode = 'async') => `database Db : postgres { replication single-leader { followers 2; mode ${mode} } }`;

ruleTester(rule, {
    valid: [
        { name: 'strong reads from the leader', code: `service S { reads Db { read from leader; requires strong } }\n${store()}` },
        { name: 'synchronous followers are up to date', code: `service S { reads Db { read from followers; requires linearizable } }\n${store('sync')}` },
        { name: 'a weaker need from followers', code: `service S { reads Db { read from followers; requires eventual } }\n${store()}` },
        { name: 'no stated need', code: `service S { reads Db { read from followers } }\n${store()}` },
        { name: 'a flow that requires less', code: `service S { reads Db { read from followers } }\n${store()}\nflow F { path S -> Db; requires read-your-writes }` }
    ],
    invalid: [
        {
            name: 'strong read from followers',
            code: `service S { reads Db { read from followers; requires strong } }\n${store()}`,
            errors: [{ messageId: 'read', line: 1, message: "'S' requires strong reads from 'Db' but reads from followers while replication is async", elements: ['S reads Db'] }],
            output: `service S { reads Db { read from leader; requires strong } }\n${store()}`
        },
        {
            name: 'read source from the store, need from a flow',
            code: `service S { reads Db }\ndatabase Db : postgres { replication single-leader { followers 1; read from any } }\nflow Pay { path S -> Db; requires linearizable }`,
            errors: [{ messageId: 'read', message: "linearizable reads (flow 'Pay')" }],
            output: `service S { reads Db { read from leader } }\ndatabase Db : postgres { replication single-leader { followers 1; read from any } }\nflow Pay { path S -> Db; requires linearizable }`
        },
        {
            name: 'mode not declared',
            code: `service S { reads Db { read from nearest; requires strong } }\ndatabase Db { replication single-leader { followers 1 } }`,
            errors: [{ messageId: 'read', message: 'not declared synchronous' }]
        }
    ]
});
