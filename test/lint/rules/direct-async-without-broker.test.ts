import rule from '../../../language/src/lint/rules/direct-async-without-broker.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a synchronous call', code: `service Orders { holds orders; calls Billing over http }\nservice Billing` },
        { name: 'no loss-intolerant data', code: `service Orders { calls Audit over webhook async }\nservice Audit { holds logs }` },
        { name: 'through a broker', code: `service Orders { holds orders; publishes Bus.orders }\nbroker Bus : kafka { topic orders }\nservice Billing { consumes Bus.orders }` },
        { name: 'a broker protocol', code: `service Orders { holds orders; calls Billing over amqp async }\nservice Billing` },
        { name: 'a managed function queues its asynchronous invocations', code: `service Orders { holds orders; calls Notify async }\nfunction Notify : aws-lambda` },
        { name: 'kinds narrowed by the option', code: `service Orders { holds orders; calls Billing over http async }\nservice Billing`, options: { sensitiveKinds: ['payments'] } }
    ],
    invalid: [
        {
            name: 'a webhook carrying payments',
            code: `service Psp { calls Billing over webhook async }\nservice Billing { holds payments }`,
            errors: [{ messageId: 'direct', line: 1, data: { source: 'Psp', target: 'Billing', kinds: 'payments', how: 'over webhook' } }]
        },
        {
            name: 'the sender holds the orders, no protocol stated',
            code: `service Orders {\n    holds orders\n    calls Fulfilment async\n}\nservice Fulfilment`,
            errors: [{ messageId: 'direct', line: 3, data: { source: 'Orders', target: 'Fulfilment', kinds: 'orders', how: 'in a direct call' } }]
        },
        {
            name: 'a top-level arrow over tcp',
            code: `service Till { holds financial }\nservice Ledger\nTill -> Ledger : tcp async`,
            errors: [{ messageId: 'direct', line: 3, message: 'over tcp' }]
        },
        {
            name: 'a self-hosted function has no platform queue',
            code: `service Orders { holds orders; calls Notify over http async }\nfunction Notify`,
            errors: [{ messageId: 'direct' }]
        }
    ]
});
