import rule from '../../../language/src/lint/rules/runtime-cross-service-join.js';
import { ruleTester } from '../rule-tester.js';

const backends = `service Catalog\nservice Pricing\nservice Reviews\n`;

ruleTester(rule, {
    valid: [
        { name: 'a composition of two services', code: `${backends}service Page { style composition; calls Catalog; calls Pricing }` },
        { name: 'an ordinary service calling three others', code: `${backends}service Page { calls Catalog; calls Pricing; calls Reviews }` },
        { name: 'a cached fallback already accepts stale data', code: `${backends}service Page { style composition; calls Catalog; calls Pricing; calls Reviews { timeout 200ms; fallback cache } }` },
        { name: 'asynchronous requests are not a join on the request path', code: `${backends}service Page { style composition; calls Catalog; calls Pricing; calls Reviews async }` }
    ],
    invalid: [
        {
            name: 'three synchronous calls',
            code: `${backends}service Page { style composition; calls Catalog; calls Pricing; calls Reviews }`,
            errors: [{ messageId: 'join', line: 4, message: 'calling 3 services synchronously (Catalog, Pricing, Reviews)' }]
        },
        {
            name: 'repeated calls to one service count once',
            code: `${backends}service Stock\nservice Page {\n  style composition\n  calls Catalog over grpc\n  calls Catalog over http\n  calls Pricing\n  calls Reviews\n  calls Stock\n}`,
            errors: [{ messageId: 'join', line: 5, message: '4 services' }]
        },
        {
            name: 'the threshold is an option',
            code: `${backends}service Page { style composition; calls Catalog; calls Pricing }`,
            options: { minServices: 2 },
            errors: [{ messageId: 'join' }]
        }
    ]
});
