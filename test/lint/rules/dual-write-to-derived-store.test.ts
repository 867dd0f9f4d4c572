import rule from '../../../language/src/lint/rules/dual-write-to-derived-store.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the index follows the database by CDC', code: `service Orders { writes OrdersDb }\ndatabase OrdersDb : postgres { cdc }\nsearch Index : elasticsearch\nservice Indexer { style cdc-connector; reads OrdersDb; writes Index }` },
        { name: 'a projector writes the read model', code: `service Orders { writes OrdersDb }\nservice Projector { writes OrdersDb; writes Index }\ndatabase OrdersDb\nsearch Index\ncqrs Catalog { command Orders; command store OrdersDb; query Orders; query store Index; sync via cdc Projector }` },
        { name: 'both stores in one two-phase commit', code: `service S { writes Db; writes Index }\ndatabase Db\nsearch Index\ntransaction T 2pc { coordinator S; participants Db, Index }` },
        { name: 'two primary databases (not derived)', code: `service S { writes A; writes B }\ndatabase A\ndatabase B` }
    ],
    invalid: [
        {
            name: 'a database and a search index',
            code: `service Orders {\n    writes OrdersDb\n    writes Index\n}\ndatabase OrdersDb : postgres\nsearch Index : elasticsearch`,
            errors: [{ messageId: 'dualWrite', line: 3, data: { service: 'Orders', source: 'OrdersDb', derived: 'Index', why: 'a search index derived from it' }, elements: ['Orders writes Index', 'Orders writes OrdersDb'] }]
        },
        {
            name: 'the store of a materialized view',
            code: `service Courses { writes CoursesDb; writes PageDb }\ndatabase CoursesDb\ndatabase PageDb\nview CoursePage materialized { store PageDb; sources CoursesDb; refresh on-change }`,
            errors: [{ messageId: 'dualWrite', message: "which is the store of view 'CoursePage'" }]
        },
        {
            name: 'arrows to the stores',
            code: `service S\nS -> Db\nS -> Index\ndatabase Db\nsearch Index`,
            errors: [{ messageId: 'dualWrite', line: 3 }]
        }
    ]
});
