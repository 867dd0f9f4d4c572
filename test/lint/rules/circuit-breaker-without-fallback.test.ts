import rule from '../../../language/src/lint/rules/circuit-breaker-without-fallback.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a fallback to a cache', code: `service A { calls B { circuit-breaker; fallback cache } }\nservice B` },
        { name: 'a default answer', code: `service A { calls B { timeout 1s; circuit-breaker; fallback default } }\nservice B` },
        { name: 'a backup service', code: `service A { calls B { circuit-breaker; fallback C } }\nservice B\nservice C` },
        { name: 'no circuit breaker (another rule)', code: `service A { calls B { timeout 1s } }\nservice B` },
        { name: 'an asynchronous call without a breaker', code: `service A { calls B async }\nservice B` }
    ],
    invalid: [
        {
            name: 'a breaker and nothing to answer with',
            code: `service A { calls B { timeout 1s; circuit-breaker } }\nservice B`,
            errors: [{ messageId: 'noFallback', line: 1, data: { source: 'A', target: 'B' }, elements: ['A calls B'] }],
            output: `service A { calls B { timeout 1s; circuit-breaker; fallback cache } }\nservice B`
        },
        {
            name: 'an arrow',
            code: `gateway Api\nservice Orders\nApi -> Orders : http { circuit-breaker }`,
            errors: [{ messageId: 'noFallback', line: 3, data: { source: 'Api', target: 'Orders' } }],
            output: `gateway Api\nservice Orders\nApi -> Orders : http { circuit-breaker; fallback cache }`
        },
        {
            name: 'a multi-line call',
            code: `service A {\n    calls B over grpc {\n        timeout 300ms\n        circuit-breaker\n    }\n}\nservice B`,
            errors: [{ messageId: 'noFallback', line: 2 }],
            output: `service A {\n    calls B over grpc {\n        timeout 300ms\n        circuit-breaker\n        fallback cache\n    }\n}\nservice B`
        },
        {
            name: 'each guarded call',
            code: `service A {\n    calls B { circuit-breaker }\n    calls C { circuit-breaker; fallback default }\n    calls D { circuit-breaker }\n}\nservice B\nservice C\nservice D`,
            errors: [{ messageId: 'noFallback', line: 2 }, { messageId: 'noFallback', line: 4 }]
        }
    ]
});
