import rule from '../../../language/src/lint/rules/retry-without-backoff.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'exponential with jitter', code: `service A { calls B { retry 3 exponential jitter } }\nservice B` },
        { name: 'incremental with jitter', code: `service A { calls B { retry 3 incremental jitter max 10s } }\nservice B` },
        { name: 'no retries', code: `service A { calls B { retry 0 } }\nservice B` },
        { name: 'jitter not required by configuration', code: `service A { calls B { retry 3 exponential } }\nservice B`, options: { requireJitter: false } }
    ],
    invalid: [
        {
            name: 'no backoff at all',
            code: `service A {\n    calls B { retry 3 }\n}\nservice B`,
            errors: [{ messageId: 'noBackoff', line: 2, message: 'with no backoff or jitter' }],
            output: `service A {\n    calls B { retry 3 exponential jitter }\n}\nservice B`
        },
        {
            name: 'a fixed interval keeps max',
            code: `service A { calls B { retry 5 fixed max 20s } }\nservice B`,
            errors: [{ messageId: 'noBackoff', message: 'at a fixed interval and without jitter' }],
            output: `service A { calls B { retry 5 exponential jitter max 20s } }\nservice B`
        },
        {
            name: 'exponential without jitter',
            code: `service A { calls B over grpc { timeout 1s; retry 3 exponential; circuit-breaker } }\nservice B`,
            errors: [{ messageId: 'noJitter', message: 'with exponential backoff but no jitter' }],
            output: `service A { calls B over grpc { timeout 1s; retry 3 exponential jitter; circuit-breaker } }\nservice B`
        },
        {
            name: 'incremental without jitter keeps incremental',
            code: `service P { publishes Bus.t { retry 4 incremental } }\nbroker Bus : kafka { topic t }`,
            errors: [{ messageId: 'noJitter', message: "retries publishing to 't'" }],
            output: `service P { publishes Bus.t { retry 4 incremental jitter } }\nbroker Bus : kafka { topic t }`
        },
        {
            name: 'a consumer retrying with jitter but no backoff',
            code: `service C { consumes Bus.t { retry 3 jitter } }\nbroker Bus : kafka { topic t }`,
            errors: [{ messageId: 'noBackoff', message: "messages from 't' with no backoff:" }],
            output: `service C { consumes Bus.t { retry 3 exponential jitter } }\nbroker Bus : kafka { topic t }`
        }
    ]
});
