import rule from '../../../language/src/lint/rules/cache-on-strong-consistency-path.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'strong reads straight from the store', code: `service S { reads Db { requires strong } }\ndatabase Db\ncache K` },
        { name: 'eventual reads through a cache', code: `service S { reads Db { via K; requires eventual } }\ndatabase Db\ncache K` },
        { name: 'a cache read without a stated need', code: `service S { reads K }\ncache K` }
    ],
    invalid: [
        {
            name: 'strong reads through a cache',
            code: `service S { reads Db { via K; requires strong } }\ndatabase Db\ncache K : redis`,
            errors: [{ messageId: 'viaCache', line: 1, data: { service: 'S', store: 'Db', cache: 'K', level: 'strong', policy: '', why: '' }, elements: ['S reads Db', 'K'] }],
            output: `service S { reads Db { requires strong } }\ndatabase Db\ncache K : redis`
        },
        {
            name: 'a write-through cache read directly, the need from a flow',
            code: `service S { reads K }\ncache K { write-through }\nflow Balance { path S -> K; requires linearizable }`,
            errors: [{ messageId: 'cache', message: "linearizable reads (flow 'Balance') but reads cache 'K' (write-through, but without an atomic commit over cache and store)" }]
        },
        {
            name: 'a strong read of a cache',
            code: `service S { reads K { requires strong } }\ncache K : redis`,
            errors: [{ messageId: 'cache', data: { service: 'S', store: 'K', cache: 'K', level: 'strong', policy: '', why: '' } }]
        }
    ]
});
