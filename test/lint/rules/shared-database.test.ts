import rule from '../../../language/src/lint/rules/shared-database.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'database per service', code: `service A { writes DbA }\nservice B { writes DbB }\ndatabase DbA : postgres\ndatabase DbB : postgres` },
        { name: 'a monolith and its worker', code: `service Mono { style monolith; writes Db }\nservice B { writes Db }\ndatabase Db` },
        { name: 'one writer, one reader', code: `service A { owns Db; writes Db }\nservice B { reads Db }\ndatabase Db` },
        { name: 'a CDC relay is not an owner', code: `service A { writes Db }\nservice Relay { style message-relay; writes Db }\ndatabase Db` }
    ],
    invalid: [
        {
            name: 'two writers',
            code: `service A { writes Db }\nservice B { writes Db }\ndatabase Db : postgres`,
            errors: [{ messageId: 'shared', line: 3, message: 'A, B' }]
        },
        {
            name: 'an owner and a writer',
            code: `service A { owns Db }\nservice B { writes Db }\ndatabase Db`,
            errors: [{ messageId: 'shared' }]
        },
        {
            name: 'arrows to a store count as writes',
            code: `system S {\n  service A\n  service B\n  service C\n  database Db\n  A -> Db\n  B -> Db\n  C -> Db\n}`,
            errors: [{ messageId: 'shared', line: 5, message: '3 services' }]
        }
    ]
});
