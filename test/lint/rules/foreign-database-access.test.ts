import rule from '../../../language/src/lint/rules/foreign-database-access.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the owner reads its own store', code: `service Orders { owns OrdersDb; writes OrdersDb; reads OrdersDb }\ndatabase OrdersDb : postgres` },
        { name: 'a store nobody owns (ownership unknown)', code: `service A { writes Db }\nservice B { reads Db }\ndatabase Db : postgres` },
        { name: 'a projector may read the source store', code: `service Orders { owns OrdersDb; writes OrdersDb }\nservice Feed { style projector; reads OrdersDb }\ndatabase OrdersDb : postgres` },
        {
            name: 'the CQRS sync component reads the command store',
            code: `service Orders { owns OrdersDb; writes OrdersDb }\nservice Search { reads Index }\nservice Copier { reads OrdersDb; writes Index }\ndatabase OrdersDb : postgres\nsearch Index : elasticsearch\ncqrs Catalog {\n  command Orders\n  command store OrdersDb\n  query Search\n  query store Index\n  sync via function Copier\n}`
        },
        { name: 'asking the owner through its API', code: `service Orders { owns OrdersDb; writes OrdersDb }\nservice Reports { calls Orders { timeout 1s } }\ndatabase OrdersDb : postgres` },
        { name: 'a write by a non-owner is shared-database territory', code: `service Orders { owns OrdersDb }\nservice Reports\ndatabase OrdersDb : postgres\nReports -> OrdersDb` }
    ],
    invalid: [
        {
            name: 'a plain read of a foreign database',
            code: `service Orders { owns OrdersDb; writes OrdersDb }\nservice Reports { reads OrdersDb }\ndatabase OrdersDb : postgres`,
            errors: [{ messageId: 'foreign', line: 2, message: "'Reports' reads 'OrdersDb', which belongs to 'Orders'" }],
            output: `service Orders { owns OrdersDb; writes OrdersDb }\nservice Reports { calls Orders }\ndatabase OrdersDb : postgres`
        },
        {
            name: 'a read with options gets no rewrite but is still reported',
            code: `service Orders { owns OrdersDb }\nservice Reports {\n  reads OrdersDb { requires eventual }\n}\ndatabase OrdersDb : postgres`,
            errors: [{ messageId: 'foreign', line: 3 }]
        },
        {
            name: 'an arrow to a foreign cache counts as a read',
            code: `service Pricing { owns PriceCache; writes PriceCache }\nservice Cart\ncache PriceCache : redis\nCart -> PriceCache`,
            errors: [{ messageId: 'foreign', line: 4, message: "belongs to 'Pricing'" }]
        },
        {
            name: 'the fix names the owner across systems',
            code: `system Shop {\n  service Orders { owns OrdersDb }\n  database OrdersDb : postgres\n}\nsystem Analytics {\n  service Reports { reads Shop.OrdersDb }\n}`,
            errors: [{ messageId: 'foreign', line: 6 }],
            output: `system Shop {\n  service Orders { owns OrdersDb }\n  database OrdersDb : postgres\n}\nsystem Analytics {\n  service Reports { calls Shop.Orders }\n}`
        }
    ]
});
