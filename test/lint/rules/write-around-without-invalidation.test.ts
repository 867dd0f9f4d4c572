import rule from '../../../language/src/lint/rules/write-around-without-invalidation.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a ttl bounds staleness', code: `cache Catalog : redis { write-around; ttl 10m; eviction lru }` },
        { name: 'explicit invalidation on write', code: `cache Catalog : redis { write-around; invalidation explicit }` },
        { name: 'write-through keeps the cache in step', code: `cache Catalog : redis { write-through }` }
    ],
    invalid: [
        {
            name: 'write-around alone',
            code: `cache Catalog : redis { write-around }`,
            errors: [{ messageId: 'stale', line: 1, message: 'no invalidation' }],
            output: `cache Catalog : redis { write-around; ttl 5m }`
        },
        {
            name: 'invalidation none',
            code: `cache Catalog : redis {\n    write-around\n    invalidation none\n}`,
            errors: [{ messageId: 'stale', message: 'invalidation none' }],
            output: `cache Catalog : redis {\n    write-around\n    invalidation none\n    ttl 5m\n}`
        },
        {
            name: 'the configured ttl',
            code: `cache Prices { write-around; eviction lru }`,
            options: { ttl: '30s' },
            errors: [{ messageId: 'stale' }],
            output: `cache Prices { write-around; eviction lru; ttl 30s }`
        }
    ]
});
