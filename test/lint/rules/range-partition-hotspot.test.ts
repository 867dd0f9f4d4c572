import rule from '../../../language/src/lint/rules/range-partition-hotspot.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'range on a key without a stated kind', code: `database Users { partition by lastName range }` },
        { name: 'hash on a timestamp spreads the writes', code: `database Events { partition by createdAt as timestamp hash }` },
        { name: 'range on a random key', code: `database Events { partition by eventId as random range }` },
        { name: 'a timestamp key without a strategy', code: `database Events { partition by createdAt as timestamp }` }
    ],
    invalid: [
        {
            name: 'range by timestamp',
            code: `database Events { partition by createdAt as timestamp range }`,
            errors: [{ messageId: 'increasing', line: 1, message: 'a timestamp' }],
            output: `database Events { partition by createdAt as timestamp hash }`
        },
        {
            name: 'range by a monotonic id into partitions',
            code: `database Orders {\n    partition by orderId as monotonic range into 16\n}`,
            errors: [{ messageId: 'increasing', line: 1, message: "'orderId'" }],
            output: `database Orders {\n    partition by orderId as monotonic hash into 16\n}`
        },
        {
            name: 'range inherited from the technology (no text to rewrite)',
            code: `database Metrics : hbase { partition by ts as timestamp }`,
            errors: [{ messageId: 'increasing' }]
        },
        {
            name: 'a low-cardinality key under hashing',
            code: `database Users { partition by country as low-cardinality hash into 64 }`,
            errors: [{ messageId: 'lowCardinality', message: "'country'" }]
        }
    ]
});
