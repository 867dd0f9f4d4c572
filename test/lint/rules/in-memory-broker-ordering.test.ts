import rule from '../../../language/src/lint/rules/in-memory-broker-ordering.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a log-based broker keeps order per partition', code: `broker B : kafka { topic t { ordering per-key; key id; partitions 4 } }\nservice S { replicas 3; consumes B.t { group g } }` },
        { name: 'one consumer instance', code: `broker B : rabbitmq { queue q { ordering global } }\nservice S { consumes B.q }` },
        { name: 'no ordering needed', code: `broker B : rabbitmq { queue q }\nservice S { replicas 3; consumes B.q }` },
        { name: 'consumers in different groups each get every message', code: `broker B : rabbitmq { queue q { ordering global } }\nservice S { consumes B.q { group s } }\nservice T { consumes B.q { group t } }` }
    ],
    invalid: [
        {
            name: 'an ordered queue consumed by three instances',
            code: `broker B : rabbitmq { queue q { ordering global } }\nservice S { replicas 3; consumes B.q }`,
            errors: [{ messageId: 'reordered', line: 2, data: { channel: 'q', broker: 'B', count: 3, what: 'a global', consumers: 'S ×3' }, elements: ['B.q', 'S consumes B.q'] }]
        },
        {
            name: 'an ordered consume shared by two services in one group',
            code: `broker B { type in-memory; queue q }\nservice S { consumes B.q { group g; ordered } }\nservice T { consumes B.q { group g } }`,
            errors: [{ messageId: 'reordered', message: 'keep their order but is load-balanced over 2 consumers (S, T)' }]
        },
        {
            name: 'per-key order over two services without a group',
            code: `broker B { type in-memory; queue q { ordering per-key } }\nservice S { consumes B.q }\nservice T { replicas 2; consumes B.q }`,
            errors: [{ messageId: 'reordered', message: 'keep per-key order but is load-balanced over 3 consumers (S, T ×2)' }]
        }
    ]
});
