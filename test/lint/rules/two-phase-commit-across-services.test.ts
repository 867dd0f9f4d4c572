import rule from '../../../language/src/lint/rules/two-phase-commit-across-services.js';
import { ruleTester } from '../rule-tester.js';

const services = `service Orders { owns OrdersDb }\nservice Billing { owns BillingDb }\ndatabase OrdersDb : postgres\ndatabase BillingDb : postgres\n`;

ruleTester(rule, {
    valid: [
        { name: 'a local transaction', code: `${services}transaction Checkout local { participants OrdersDb, BillingDb }` },
        { name: 'a 2PC inside one service (two stores of the same owner)', code: `service Orders { owns OrdersDb, AuditDb }\ndatabase OrdersDb : postgres\ndatabase AuditDb : postgres\ntransaction Audit 2pc { participants OrdersDb, AuditDb }` },
        { name: 'stores nobody owns: the services involved are unknown', code: `database A : postgres\ndatabase B : postgres\ntransaction Move 2pc { participants A, B }` },
        { name: 'a transaction without a protocol', code: `${services}transaction Checkout { participants OrdersDb, BillingDb }` }
    ],
    invalid: [
        {
            name: 'stores of two services',
            code: `${services}transaction Checkout 2pc {\n  coordinator Orders\n  participants OrdersDb, BillingDb\n}`,
            errors: [{ messageId: 'crossService', line: 5, message: '2 services (Orders, Billing)' }]
        },
        {
            name: 'services named directly',
            code: `service Orders\nservice Billing\nservice Stock\ntransaction Checkout 2pc { participants Orders, Billing, Stock }`,
            errors: [{ messageId: 'crossService', line: 4, message: '3 services' }]
        },
        {
            name: 'a service and a store of another service',
            code: `${services}transaction Pay 2pc { participants Orders, BillingDb }`,
            errors: [{ messageId: 'crossService', message: 'Orders, Billing' }]
        }
    ]
});
