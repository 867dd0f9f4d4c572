import rule from '../../../language/src/lint/rules/clients-call-backends-directly.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'through a gateway', code: `client Web : browser\ngateway Api { routes A, B }\nservice A { replicas 2 }\nservice B { replicas 2 }\nWeb -> Api : https` },
        { name: 'one single-instance service', code: `client Web : browser\nservice A\nWeb -> A : https` },
        { name: 'a third-party service is not our backend', code: `client Web : browser\nservice A\nservice Stripe : external\nWeb -> A : https\nWeb -> Stripe : https` },
        { name: 'an internal client', code: `client Ops { internal }\nservice A\nservice B\nOps -> A\nOps -> B` },
        { name: 'a higher allowance', code: `client Web : browser\nservice A\nservice B\nWeb -> A\nWeb -> B`, options: { maxServices: 2 } }
    ],
    invalid: [
        {
            name: 'two backends',
            code: `client Web : browser\nservice Videos\nservice Comments\nWeb -> Videos : https\nWeb -> Comments : https`,
            errors: [{ messageId: 'many', line: 1, message: "'Videos', 'Comments'" }]
        },
        {
            name: 'a replicated service without a load balancer',
            code: `client App : mobile\nservice Feed { replicas 3 }\nApp -> Feed : https`,
            errors: [{ messageId: 'replicated', line: 3, message: '3 instances' }]
        },
        {
            name: 'calls written inside the client',
            code: `client Web : browser {\n    calls A over https\n    calls B over https\n    calls F over https\n}\nservice A\nservice B\nfunction F`,
            errors: [{ messageId: 'many', message: '3 backend services' }]
        }
    ]
});
