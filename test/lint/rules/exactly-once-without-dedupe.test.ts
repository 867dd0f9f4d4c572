import rule from '../../../language/src/lint/rules/exactly-once-without-dedupe.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'an idempotent exactly-once consumer', code: `broker B : kafka { topic t { delivery exactly-once } }\nservice S { consumes B.t { idempotent } }` },
        { name: 'at-least-once (another rule)', code: `broker B : kafka { topic t }\nservice S { consumes B.t { delivery at-least-once } }` },
        { name: 'delivery unknown', code: `broker B : kafka { topic t }\nservice S { consumes B.t }` }
    ],
    invalid: [
        {
            name: 'exactly-once stated on the consume',
            code: `broker B : kafka { topic t }\nservice S { consumes B.t { delivery exactly-once } }`,
            errors: [{ messageId: 'noDedupe', line: 2, data: { consumer: 'S', channel: 't' }, elements: ['S consumes B.t'] }],
            output: `broker B : kafka { topic t }\nservice S { consumes B.t { delivery exactly-once; idempotent } }`
        },
        {
            name: 'exactly-once inherited from the broker',
            code: `broker B : kafka {\n    delivery exactly-once\n    topic t\n}\nservice S {\n    consumes B.t\n}`,
            errors: [{ messageId: 'noDedupe', line: 6 }],
            output: `broker B : kafka {\n    delivery exactly-once\n    topic t\n}\nservice S {\n    consumes B.t { idempotent }\n}`
        },
        {
            name: 'exactly-once inherited from the topic',
            code: `broker B : kafka { topic t { delivery exactly-once } }\nservice S { consumes B.t { group g } }`,
            errors: [{ messageId: 'noDedupe' }],
            output: `broker B : kafka { topic t { delivery exactly-once } }\nservice S { consumes B.t { group g; idempotent } }`
        }
    ]
});
