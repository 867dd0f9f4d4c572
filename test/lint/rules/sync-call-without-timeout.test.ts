import rule from '../../../language/src/lint/rules/sync-call-without-timeout.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a call with a timeout', code: `service A { calls B over grpc { timeout 500ms } }\nservice B` },
        { name: 'an async call', code: `service A { calls B over http async }\nservice B` },
        { name: 'a browser calling a gateway (people have their own timeout)', code: `client Web : browser\ngateway Api\nWeb -> Api : https` },
        { name: 'reads of a database are not calls', code: `service A { reads Db }\ndatabase Db : postgres` }
    ],
    invalid: [
        {
            name: 'no options at all',
            code: `service A { calls B over grpc }\nservice B`,
            errors: [{ messageId: 'missing', line: 1 }],
            output: `service A { calls B over grpc { timeout 1s } }\nservice B`
        },
        {
            name: 'a breaker but no timeout',
            code: `service A {\n    calls B over http { circuit-breaker }\n}\nservice B`,
            errors: [{ messageId: 'missing', line: 2 }],
            output: `service A {\n    calls B over http { circuit-breaker; timeout 1s }\n}\nservice B`
        },
        {
            name: 'a gateway calling a service through an arrow',
            code: `gateway Api\nservice Orders\nApi -> Orders : http`,
            errors: [{ messageId: 'missing', line: 3 }],
            output: `gateway Api\nservice Orders\nApi -> Orders : http { timeout 1s }`
        },
        {
            name: 'the fix uses the configured timeout',
            code: `service A { calls B }\nservice B`,
            options: { defaultTimeout: '250ms' },
            errors: [{ messageId: 'missing' }],
            output: `service A { calls B { timeout 250ms } }\nservice B`
        }
    ]
});
