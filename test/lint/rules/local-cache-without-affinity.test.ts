import rule from '../../../language/src/lint/rules/local-cache-without-affinity.js';
import { ruleTester } from '../rule-tester.js';

const cache = `cache Sessions { placement local; eviction lru }\n`;

ruleTester(rule, {
    valid: [
        { name: 'consistent hashing keeps a key on one instance', code: `${cache}service Api { replicas 3; reads Sessions }\nloadbalancer Lb { algorithm consistent-hash; routes Api }` },
        { name: 'one instance has one cache', code: `${cache}service Api { reads Sessions }\nloadbalancer Lb { algorithm round-robin; routes Api }` },
        { name: 'a global cache is shared', code: `cache Shared { placement global; eviction lru }\nservice Api { replicas 3; reads Shared }\nloadbalancer Lb { algorithm round-robin; routes Api }` },
        { name: 'an active-passive pair serves from one instance at a time', code: `${cache}service Api { ha active-passive; reads Sessions }\nloadbalancer Lb { algorithm random; routes Api }` },
        { name: 'routing algorithm unknown', code: `${cache}service Api { replicas 3; reads Sessions }\nloadbalancer Lb { routes Api }` }
    ],
    invalid: [
        {
            name: 'round-robin over three instances',
            code: `${cache}service Api { replicas 3; reads Sessions }\nloadbalancer Lb {\n    algorithm round-robin\n    routes Api\n}`,
            errors: [{ messageId: 'scattered', line: 5, message: "'Lb' routes with round-robin" }],
            output: `${cache}service Api { replicas 3; reads Sessions }\nloadbalancer Lb {\n    algorithm consistent-hash\n    routes Api\n}`
        },
        {
            name: 'a local cache in front of a database, behind least-connections',
            code: `${cache}database Db : postgres\nservice Api { replicas 2; reads Db { via Sessions } }\nloadbalancer Lb { algorithm least-connections }\nLb -> Api : http`,
            errors: [{ messageId: 'scattered', line: 5 }],
            output: `${cache}database Db : postgres\nservice Api { replicas 2; reads Db { via Sessions } }\nloadbalancer Lb { algorithm consistent-hash }\nLb -> Api : http`
        },
        {
            name: 'an active-active pair with random routing, fixed with the configured algorithm',
            code: `${cache}service Api { ha active-active; reads Sessions }\nloadbalancer Lb { algorithm random; routes Api }`,
            options: { algorithm: 'sticky-session' },
            errors: [{ messageId: 'scattered', message: '2 instances' }],
            output: `${cache}service Api { ha active-active; reads Sessions }\nloadbalancer Lb { algorithm sticky-session; routes Api }`
        }
    ]
});
