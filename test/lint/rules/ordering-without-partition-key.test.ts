import rule from '../../../language/src/lint/rules/ordering-without-partition-key.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the topic has a key', code: `broker Bus : kafka { topic t { partitions 12; key orderId; ordering per-key } }` },
        { name: 'the publisher sets a key', code: `service P { publishes Bus.t { key orderId } }\nbroker Bus : kafka { topic t { partitions 12; ordering per-key } }` },
        { name: 'a single partition is totally ordered', code: `broker Bus : kafka { topic t { partitions 1; ordering global } }` },
        { name: 'no ordering required', code: `service C { consumes Bus.t }\nbroker Bus : kafka { topic t { partitions 12; ordering none } }` },
        { name: 'partitions unknown', code: `broker Bus : kafka { topic t { ordering per-key } }` }
    ],
    invalid: [
        {
            name: 'per-key ordering without a key',
            code: `service P { publishes Bus.t }\nbroker Bus : kafka {\n    topic t { partitions 12; ordering per-key }\n}`,
            errors: [{ messageId: 'perKey', line: 3, message: "'t' has 12 partitions and requires per-key ordering" }]
        },
        {
            name: 'an ordered consumer',
            code: `service C { consumes Bus.t { ordered } }\nbroker Bus : kafka { topic t { partitions 6 } }`,
            errors: [{ messageId: 'perKey', message: "'C' consumes it in order" }]
        },
        {
            name: 'global ordering: the fix uses a single partition',
            code: `broker Bus : kafka {\n    topic ledger {\n        partitions 6\n        ordering global\n    }\n}`,
            errors: [{ messageId: 'global', line: 2 }],
            output: `broker Bus : kafka {\n    topic ledger {\n        partitions 1\n        ordering global\n    }\n}`
        },
        {
            name: 'a stand-alone queue with ordering',
            code: `queue Jobs { partitions 4; ordering per-key }`,
            errors: [{ messageId: 'perKey', line: 1 }]
        }
    ]
});
