import rule from '../../../language/src/lint/rules/write-back-cache-durability.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'two redis instances (single-leader by default)', code: `cache Buffer : redis { write-back; replicas 2; eviction lru }` },
        { name: 'a managed cache', code: `cache Buffer : redis { write-back; managed }` },
        { name: 'write-through keeps the database current', code: `cache Buffer : redis { write-through }` },
        { name: 'declared replication with followers', code: `cache Buffer { write-back; replicas 3; replication single-leader { followers 2 } }` }
    ],
    invalid: [
        {
            name: 'a single redis instance',
            code: `cache Buffer : redis { write-back }`,
            errors: [{ messageId: 'single', line: 1 }],
            output: `cache Buffer : redis { write-back; replicas 2 }`
        },
        {
            name: 'an explicit single replica',
            code: `cache Buffer : redis {\n    write-back\n    replicas 1\n}`,
            errors: [{ messageId: 'single' }],
            output: `cache Buffer : redis {\n    write-back\n    replicas 2\n}`
        },
        {
            name: 'several instances but no replication',
            code: `cache Buffer { write-back; replicas 3 }`,
            errors: [{ messageId: 'unreplicated', message: 'declares no replication' }],
            output: `cache Buffer { write-back; replicas 3; replication single-leader }`
        },
        {
            name: 'memcached does not replicate: write through instead',
            code: `cache Buffer : memcached { write-back; replicas 2 }`,
            errors: [{ messageId: 'unreplicated', message: 'is not replicated' }],
            output: `cache Buffer : memcached { write-through; replicas 2 }`
        }
    ]
});
