import rule from '../../../language/src/lint/rules/write-back-bypass-reads.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'every read goes through the cache', code: `cache K : redis { write-back }\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db { via K } }` },
        { name: 'a write-through cache keeps the database current', code: `cache K : redis { write-through }\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db }` },
        { name: 'no cache declared for the store', code: `cache K : redis { write-back }\ndatabase Db\nservice A { reads Db }` },
        { name: 'the cache reading its own store', code: `cache K : redis { write-back; reads Db }\ndatabase Db\nservice A { reads Db { via K } }` },
        { name: 'another store is read directly', code: `cache K : redis { write-back }\ndatabase Db\ndatabase Other\nservice A { reads Db { via K }; reads Other }` }
    ],
    invalid: [
        {
            name: 'a second reader bypasses the cache',
            code: `cache K : redis { write-back }\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db }`,
            errors: [{ messageId: 'bypass', line: 4, data: { reader: 'B', store: 'Db', cache: 'K' }, elements: ['B reads Db', 'K'] }],
            output: `cache K : redis { write-back }\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db { via K } }`
        },
        {
            name: 'a read through another cache',
            code: `cache K : redis { write-back }\ncache L : memcached\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db { via L; requires eventual } }`,
            errors: [{ messageId: 'bypass', line: 5 }],
            output: `cache K : redis { write-back }\ncache L : memcached\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db { via K; requires eventual } }`
        },
        {
            name: 'in another system: the fix names the cache in full',
            code: `system Data {\n    cache K : redis { write-back }\n    database Db\n    service A { reads Db { via K } }\n}\nservice Report { reads Data.Db }`,
            errors: [{ messageId: 'bypass', line: 6 }],
            output: `system Data {\n    cache K : redis { write-back }\n    database Db\n    service A { reads Db { via K } }\n}\nservice Report { reads Data.Db { via Data.K } }`
        },
        {
            name: 'an arrow to the store has no fix',
            code: `cache K : redis { write-back }\ndatabase Db\nservice A { reads Db { via K } }\nservice B\nB -> Db`,
            errors: [{ messageId: 'bypass', line: 5 }]
        }
    ]
});
