import rule from '../../../language/src/lint/rules/at-most-once-for-loss-intolerant-data.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'location updates may be lost', code: `broker B : kafka { topic locations { holds locations; delivery at-most-once } }\nservice S { consumes B.locations }` },
        { name: 'orders delivered at least once', code: `broker B : kafka { topic orders { holds orders; delivery at-least-once } }\nservice S { consumes B.orders { idempotent } }` },
        { name: 'delivery unknown', code: `broker B : kafka { topic orders { holds orders } }\nservice S { consumes B.orders }` },
        { name: 'kinds narrowed by an option', code: `broker B : kafka { topic orders { holds orders; delivery at-most-once } }\nservice S { consumes B.orders }`, options: { sensitiveKinds: ['payments'] } }
    ],
    invalid: [
        {
            name: 'payments consumed at most once',
            code: `broker B : kafka { topic payments { holds payments } }\nservice S { consumes B.payments { delivery at-most-once } }`,
            errors: [{ messageId: 'lossy', line: 2, data: { consumer: 'S', channel: 'payments', kinds: 'payments' }, elements: ['S consumes B.payments'] }],
            output: `broker B : kafka { topic payments { holds payments } }\nservice S { consumes B.payments { delivery at-least-once } }`
        },
        {
            name: 'at-most-once from the topic',
            code: `broker B : kafka { topic orders { holds orders; delivery at-most-once } }\nservice S { consumes B.orders }`,
            errors: [{ messageId: 'lossy' }],
            output: `broker B : kafka { topic orders { holds orders; delivery at-most-once } }\nservice S { consumes B.orders { delivery at-least-once } }`
        },
        {
            name: 'what the broker holds',
            code: `broker B : rabbitmq {\n    holds financial\n    delivery at-most-once\n    queue q\n}\nservice S { consumes B.q }`,
            errors: [{ messageId: 'lossy', message: 'carries financial' }]
        }
    ]
});
