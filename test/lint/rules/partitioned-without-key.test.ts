import rule from '../../../language/src/lint/rules/partitioned-without-key.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a key is declared', code: `database Orders { partition by customerId hash into 16 }` },
        { name: 'functional partitioning splits by feature, not key', code: `database Shop { partition functional }` },
        { name: 'a technology default partitions by the primary key', code: `database Orders : dynamodb` },
        { name: 'caches are not checked', code: `cache Hot { partition hash; eviction lru }` }
    ],
    invalid: [
        {
            name: 'hash into a count without a key',
            code: `database Orders { partition hash into 8 }`,
            errors: [{ messageId: 'missing', line: 1, message: 'into 8 partitions by hash' }]
        },
        {
            name: 'range without a key',
            code: `database Events : postgres {\n    replicas 2\n    partition range\n}`,
            errors: [{ messageId: 'missing', line: 1, message: 'by range' }]
        },
        {
            name: 'overriding a technology default without naming the key',
            code: `database Items : cassandra { partition consistent-hash into 64 }`,
            errors: [{ messageId: 'missing' }]
        }
    ]
});
