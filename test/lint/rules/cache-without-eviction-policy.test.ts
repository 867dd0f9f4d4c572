import rule from '../../../language/src/lint/rules/cache-without-eviction-policy.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'memcached evicts LRU', code: `cache Sessions : memcached` },
        { name: 'a declared policy', code: `cache Sessions : redis { eviction lfu }` },
        { name: 'databases are not caches', code: `database Orders : postgres` }
    ],
    invalid: [
        {
            name: 'redis without a policy',
            code: `cache Sessions : redis`,
            errors: [{ messageId: 'missing', line: 1 }],
            output: `cache Sessions : redis { eviction lru }`
        },
        {
            name: 'eviction none',
            code: `cache Sessions { replicas 2; eviction none }`,
            errors: [{ messageId: 'none' }],
            output: `cache Sessions { replicas 2; eviction lru }`
        },
        {
            name: 'a multi-line cache',
            code: `cache Sessions : redis {\n    replicas 2\n    ttl 30m\n}`,
            errors: [{ messageId: 'missing', line: 1 }],
            output: `cache Sessions : redis {\n    replicas 2\n    ttl 30m\n    eviction lru\n}`
        },
        {
            name: 'the configured policy',
            code: `cache Catalog : redis { ttl 1h }`,
            options: { policy: 'lfu' },
            errors: [{ messageId: 'missing' }],
            output: `cache Catalog : redis { ttl 1h; eviction lfu }`
        }
    ]
});
