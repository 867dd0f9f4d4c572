import rule from '../../../language/src/lint/rules/public-endpoint-without-tls.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'https', code: `client Web : browser\ngateway Api\nWeb -> Api : https` },
        { name: 'the endpoint terminates TLS', code: `client Web : browser\nloadbalancer Edge { tls terminate }\nWeb -> Edge : http` },
        { name: 'an internal client', code: `client Batch { internal }\nservice A\nBatch -> A : http` },
        { name: 'protocol not stated', code: `client Web : browser\nservice A\nWeb -> A` },
        { name: 'TLS on the relation', code: `client Web : browser\nservice A\nWeb calls A over http { tls }` },
        { name: 'service-to-service plaintext is not this rule', code: `service A { calls B over http }\nservice B` }
    ],
    invalid: [
        {
            name: 'a browser over http',
            code: `client Web : browser\ngateway Api\nWeb -> Api : http { timeout 2s }`,
            errors: [{ messageId: 'plaintext', line: 3, message: 'over http' }],
            output: `client Web : browser\ngateway Api\nWeb -> Api : https { timeout 2s }`
        },
        {
            name: 'websocket becomes wss',
            code: `client App : mobile\nservice Chat\nApp calls Chat over websocket`,
            errors: [{ messageId: 'plaintext' }],
            output: `client App : mobile\nservice Chat\nApp calls Chat over wss`
        },
        {
            name: 'tls none on the relation',
            code: `client Web : browser\nservice A\nWeb -> A : grpc { tls none }`,
            errors: [{ messageId: 'disabled' }],
            output: `client Web : browser\nservice A\nWeb -> A : grpc { tls }`
        },
        {
            name: 'the endpoint says tls none',
            code: `client Web : browser\ncdn Static { tls none }\nWeb -> Static : http`,
            errors: [{ messageId: 'plaintext' }],
            output: `client Web : browser\ncdn Static { tls none }\nWeb -> Static : https`
        }
    ]
});
