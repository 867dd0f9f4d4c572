import rule from '../../../language/src/lint/rules/at-least-once-without-idempotent-consumer.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'an idempotent consumer', code: `service C { consumes Bus.t { delivery at-least-once; idempotent } }\nbroker Bus : kafka { topic t }` },
        { name: 'a consumer deduplicating by key', code: `service C { consumes Bus.t { idempotency-key } }\nbroker Bus : kafka { topic t { delivery at-least-once } }` },
        { name: 'at-most-once delivery cannot duplicate', code: `service C { consumes Bus.t { delivery at-most-once } }\nbroker Bus : kafka { topic t }` },
        { name: 'the consume overrides the topic', code: `service C { consumes Bus.t { delivery exactly-once } }\nbroker Bus : kafka { topic t { delivery at-least-once } }` },
        { name: 'delivery unknown and no outbox producer', code: `service P { publishes Bus.t via cdc }\nservice C { consumes Bus.t }\nbroker Bus : kafka { topic t }` },
        { name: 'an explicit at-most-once consume is not second-guessed by an outbox producer', code: `service P { publishes Bus.t via outbox }\nservice C { consumes Bus.t { delivery at-most-once } }\nbroker Bus : kafka { topic t }` }
    ],
    invalid: [
        {
            name: 'delivery set on the consume',
            code: `service C {\n    consumes Bus.t { delivery at-least-once }\n}\nbroker Bus : kafka { topic t }`,
            errors: [{ messageId: 'atLeastOnce', line: 2, message: 'set on the consume' }],
            output: `service C {\n    consumes Bus.t { delivery at-least-once; idempotent }\n}\nbroker Bus : kafka { topic t }`
        },
        {
            name: 'delivery inherited from the topic',
            code: `service C { consumes Bus.t }\nbroker Bus : kafka { topic t { delivery at-least-once } }`,
            errors: [{ messageId: 'atLeastOnce', message: "set on 't'" }],
            output: `service C { consumes Bus.t { idempotent } }\nbroker Bus : kafka { topic t { delivery at-least-once } }`
        },
        {
            name: 'delivery inherited from the broker',
            code: `service C { consumes Bus.t }\nbroker Bus : rabbitmq { delivery at-least-once; topic t }`,
            errors: [{ messageId: 'atLeastOnce', message: 'set on its broker' }]
        },
        {
            name: 'an outbox producer implies duplicates',
            code: `service P { publishes Bus.t via outbox }\nservice C { consumes Bus.t }\nbroker Bus : kafka { topic t }`,
            errors: [{ messageId: 'outbox', line: 2, message: "'P' publishes through an outbox" }],
            output: `service P { publishes Bus.t via outbox }\nservice C { consumes Bus.t { idempotent } }\nbroker Bus : kafka { topic t }`
        }
    ]
});
