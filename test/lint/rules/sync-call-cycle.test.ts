import rule from '../../../language/src/lint/rules/sync-call-cycle.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a chain without a way back', code: `service A { calls B }\nservice B { calls C }\nservice C` },
        { name: 'the way back is asynchronous', code: `service A { calls B }\nservice B { calls A async }` },
        { name: 'the way back is an event', code: `service A { calls B; consumes Bus.done }\nservice B { publishes Bus.done }\nbroker Bus : kafka { topic done }` },
        { name: 'two callers of the same service', code: `service A { calls C }\nservice B { calls C }\nservice C { calls D }\nservice D` }
    ],
    invalid: [
        {
            name: 'two services calling each other',
            code: `service A { calls B over grpc }\nservice B { calls A over grpc }`,
            errors: [{ messageId: 'cycle', line: 1, message: 'A -> B -> A', elements: ['A calls B', 'B calls A', 'A', 'B'] }]
        },
        {
            name: 'a three-service loop written with arrows',
            code: `service Orders\nservice Billing\nservice Ledger\nOrders -> Billing : grpc\nBilling -> Ledger : grpc\nLedger -> Orders : http`,
            errors: [{
                messageId: 'cycle', line: 4, message: 'Orders -> Billing -> Ledger -> Orders',
                elements: ['Orders calls Billing', 'Billing calls Ledger', 'Ledger calls Orders', 'Orders', 'Billing', 'Ledger']
            }]
        },
        {
            name: 'one finding per tangle, naming how many more are caught in it',
            code: `service A { calls B }\nservice B { calls C; calls A }\nservice C { calls B }\nservice D { calls E }\nservice E { calls D }`,
            errors: [{ messageId: 'cycle', message: 'A -> B -> A: ' }, { messageId: 'cycle', message: 'D -> E -> D' }]
        }
    ]
});
