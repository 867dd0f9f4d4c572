import rule from '../../../language/src/lint/rules/fifo-eviction.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'LRU', code: `cache K : redis { eviction lru }` },
        { name: 'LFU by its Redis name', code: `cache K : redis { eviction allkeys-lfu }` },
        { name: 'S3-FIFO keeps keys that are read again', code: `cache K { eviction s3-fifo }` },
        { name: 'no eviction stated (another rule)', code: `cache K` }
    ],
    invalid: [
        {
            name: 'FIFO',
            code: `cache K : redis { eviction fifo }`,
            errors: [{ messageId: 'fifo', line: 1, data: { cache: 'K' }, elements: ['K'] }],
            output: `cache K : redis { eviction lru }`
        },
        {
            name: 'FIFO in upper case, on its own line',
            code: `cache Sessions {\n    ttl 30m\n    eviction FIFO\n}`,
            errors: [{ messageId: 'fifo', line: 1 }],
            output: `cache Sessions {\n    ttl 30m\n    eviction lru\n}`
        },
        {
            name: 'a CDN that evicts FIFO',
            code: `cdn Edge { pull; eviction fifo }`,
            errors: [{ messageId: 'fifo', data: { cache: 'Edge' } }],
            output: `cdn Edge { pull; eviction lru }`
        }
    ]
});
