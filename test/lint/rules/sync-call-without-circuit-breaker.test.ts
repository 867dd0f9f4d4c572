import rule from '../../../language/src/lint/rules/sync-call-without-circuit-breaker.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a call with a breaker', code: `service A { calls B over grpc { timeout 500ms; circuit-breaker } }\nservice B` },
        { name: 'an async call', code: `service A { calls B over http async }\nservice B` },
        { name: 'a gateway is not checked (only services and functions)', code: `gateway Api\nservice B\nApi -> B : http { timeout 1s }` },
        { name: 'a browser calling a service', code: `client Web : browser\nservice B\nWeb -> B : https` },
        { name: 'calling a load balancer is not a service-to-service hop', code: `service A { calls Lb }\nloadbalancer Lb { routes B }\nservice B` }
    ],
    invalid: [
        {
            name: 'a service calling a service',
            code: `service A {\n    calls B over grpc { timeout 500ms }\n}\nservice B`,
            errors: [{ messageId: 'missing', line: 2, message: "'A' calls 'B' synchronously with no circuit breaker" }],
            output: `service A {\n    calls B over grpc { timeout 500ms; circuit-breaker }\n}\nservice B`
        },
        {
            name: 'a function calling an external system',
            code: `function F { calls Stripe over https }\nservice Stripe : external`,
            errors: [{ messageId: 'missing', line: 1 }],
            output: `function F { calls Stripe over https { circuit-breaker } }\nservice Stripe : external`
        },
        {
            name: 'a top-level arrow between services',
            code: `service A\nservice B\nA -> B : http { timeout 1s }`,
            errors: [{ messageId: 'missing', line: 3 }],
            output: `service A\nservice B\nA -> B : http { timeout 1s; circuit-breaker }`
        }
    ]
});
