import rule from '../../../language/src/lint/rules/udp-for-reliable-traffic.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'UDP for location updates', code: `client Driver : mobile\nservice Location { holds geo }\nDriver -> Location : udp` },
        { name: 'TCP for payments', code: `service Till { holds payments; calls Ledger over tcp }\nservice Ledger` },
        { name: 'grpc for orders', code: `service Orders { holds orders; calls Billing over grpc }\nservice Billing` },
        { name: 'no kinds configured', code: `service Orders { holds orders; calls Billing over udp }\nservice Billing`, options: { sensitiveKinds: [] } }
    ],
    invalid: [
        {
            name: 'payments over UDP',
            code: `service Till { holds payments; calls Ledger over udp { timeout 1s } }\nservice Ledger`,
            errors: [{ messageId: 'udp', line: 1, data: { source: 'Till', target: 'Ledger', kinds: 'payments' } }],
            output: `service Till { holds payments; calls Ledger over tcp { timeout 1s } }\nservice Ledger`
        },
        {
            name: 'an arrow to a service holding orders',
            code: `client Pos : iot\nservice Orders { holds orders }\nPos -> Orders : udp`,
            errors: [{ messageId: 'udp', line: 3 }],
            output: `client Pos : iot\nservice Orders { holds orders }\nPos -> Orders : tcp`
        },
        {
            name: 'a top-level call',
            code: `service Stock { holds inventory }\nservice Shop\nShop calls Stock over udp`,
            errors: [{ messageId: 'udp', data: { source: 'Shop', target: 'Stock', kinds: 'inventory' } }],
            output: `service Stock { holds inventory }\nservice Shop\nShop calls Stock over tcp`
        },
        {
            name: 'a kind added by the option',
            code: `service Game { calls Scores over udp }\nservice Scores { holds scores }`,
            options: { sensitiveKinds: ['scores'] },
            errors: [{ messageId: 'udp' }]
        }
    ]
});
