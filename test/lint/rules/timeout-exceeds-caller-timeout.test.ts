import rule from '../../../language/src/lint/rules/timeout-exceeds-caller-timeout.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: "the callee's retries fit in the caller's timeout", code: `service A { calls B { timeout 1s } }\nservice B { calls C { timeout 250ms; retry 1 } }\nservice C` },
        { name: 'equal is not longer', code: `service A { calls B { timeout 900ms } }\nservice B { calls C { timeout 300ms; retry 2 } }\nservice C` },
        { name: 'a caller without a timeout has nothing to exceed', code: `service A { calls B }\nservice B { calls C { timeout 5s; retry 3 } }\nservice C` },
        { name: 'an async call is not waited on', code: `service A { calls B async { timeout 100ms } }\nservice B { calls C { timeout 5s } }\nservice C` }
    ],
    invalid: [
        {
            name: "retries of the callee's own call",
            code: `service A {\n    calls B { timeout 1s }\n}\nservice B { calls C { timeout 800ms; retry 2 } }\nservice C`,
            errors: [{ messageId: 'exceeds', line: 2, message: 'may take 2,400 ms', elements: ['A calls B'] }],
            output: `service A {\n    calls B { timeout 2400ms }\n}\nservice B { calls C { timeout 800ms; retry 2 } }\nservice C`
        },
        {
            name: 'backoff counts',
            code: `service A { calls B { timeout 700ms } }\nservice B { calls C { timeout 200ms; retry 2 exponential } }\nservice C`,
            errors: [{ messageId: 'exceeds', message: "'A' stops waiting for 'B' before 'B' can finish" }]
        },
        {
            name: 'calls of the callee add up one after another',
            code: `service A { calls B { timeout 1s } }\nservice B {\n    calls C { timeout 600ms }\n    calls D { timeout 600ms }\n}\nservice C\nservice D`,
            errors: [{ messageId: 'exceeds', message: '1,200 ms' }]
        },
        {
            name: 'an arrow relation from a gateway',
            code: `gateway Api\nservice Orders { calls C { timeout 1s; retry 2 } }\nservice C\nApi -> Orders : http { timeout 2s; circuit-breaker }`,
            errors: [{ messageId: 'exceeds', line: 4 }],
            output: `gateway Api\nservice Orders { calls C { timeout 1s; retry 2 } }\nservice C\nApi -> Orders : http { timeout 3000ms; circuit-breaker }`
        },
        {
            name: 'each caller of a slow callee',
            code: `service A { calls C { timeout 100ms } }\nservice B { calls C { timeout 200ms } }\nservice C { calls D { timeout 300ms } }\nservice D`,
            errors: [{ messageId: 'exceeds', line: 1 }, { messageId: 'exceeds', line: 2 }]
        }
    ]
});
