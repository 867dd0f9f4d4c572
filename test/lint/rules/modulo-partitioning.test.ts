import rule from '../../../language/src/lint/rules/modulo-partitioning.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'consistent hashing', code: `database Orders { partition by orderId consistent-hash }` },
        { name: 'hash into a fixed number of partitions', code: `database Orders { partition by orderId hash into 256 }` },
        { name: 'memcached spreads keys by consistent hashing', code: `cache Sessions : memcached` }
    ],
    invalid: [
        {
            name: 'modulo on a database',
            code: `database Orders { partition by orderId modulo }`,
            errors: [{ messageId: 'modulo', line: 1 }],
            output: `database Orders { partition by orderId consistent-hash }`
        },
        {
            name: 'modulo with a partition count',
            code: `database Orders : postgres {\n    replicas 2\n    partition by customerId modulo into 4\n}`,
            errors: [{ messageId: 'modulo', line: 1 }],
            output: `database Orders : postgres {\n    replicas 2\n    partition by customerId consistent-hash into 4\n}`
        },
        {
            name: 'modulo on a cache, with a key named like a strategy',
            code: `cache Hot { eviction lru; partition by range modulo; ttl 1m }`,
            errors: [{ messageId: 'modulo' }],
            output: `cache Hot { eviction lru; partition by range consistent-hash; ttl 1m }`
        }
    ]
});
