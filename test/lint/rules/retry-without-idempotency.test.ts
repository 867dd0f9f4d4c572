import rule from '../../../language/src/lint/rules/retry-without-idempotency.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'retries with an idempotency key', code: `service A { calls B { retry 3 exponential jitter; idempotency-key } }\nservice B` },
        { name: 'retries of an idempotent call', code: `service A { calls B { retry 2; idempotent } }\nservice B` },
        { name: 'retry 0 is no retry', code: `service A { calls B { retry 0 } }\nservice B` },
        { name: 'no retry at all', code: `service A { calls B { timeout 1s } }\nservice B` },
        { name: 'consumer retries are covered by the consumer rules', code: `service C { consumes Bus.t { retry 3 } }\nbroker Bus : kafka { topic t }` }
    ],
    invalid: [
        {
            name: 'a retried call',
            code: `service A {\n    calls B over grpc { timeout 1s; retry 3 exponential jitter }\n}\nservice B`,
            errors: [{ messageId: 'missing', line: 2, message: 'up to 3 times' }],
            output: `service A {\n    calls B over grpc { timeout 1s; retry 3 exponential jitter; idempotency-key }\n}\nservice B`
        },
        {
            name: 'an unbounded retry',
            code: `service A { calls B { retry forever } }\nservice B`,
            errors: [{ messageId: 'missing', message: 'without limit' }],
            output: `service A { calls B { retry forever; idempotency-key } }\nservice B`
        },
        {
            name: 'a retried arrow',
            code: `gateway Api\nservice Orders\nApi -> Orders : http { retry 2 exponential }`,
            errors: [{ messageId: 'missing', line: 3 }],
            output: `gateway Api\nservice Orders\nApi -> Orders : http { retry 2 exponential; idempotency-key }`
        }
    ]
});
