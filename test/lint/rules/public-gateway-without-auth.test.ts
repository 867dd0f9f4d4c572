import rule from '../../../language/src/lint/rules/public-gateway-without-auth.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'jwt', code: `client Web : browser\ngateway Api { auth jwt }\nWeb -> Api : https` },
        { name: 'an internal gateway', code: `gateway Internal\nservice A { calls Internal }` },
        { name: 'an internal client', code: `client Ops { internal }\ngateway Admin\nOps -> Admin : https` },
        { name: 'a public load balancer is not a gateway', code: `loadbalancer Lb { public }` }
    ],
    invalid: [
        {
            name: 'a gateway called by a browser',
            code: `client Web : browser\ngateway Api { rate limit 100/s }\nWeb -> Api : https`,
            errors: [{ messageId: 'missing', line: 2 }],
            output: `client Web : browser\ngateway Api { rate limit 100/s; auth jwt }\nWeb -> Api : https`
        },
        {
            name: 'auth none on a public gateway',
            code: `gateway Api {\n    public\n    auth none\n}`,
            errors: [{ messageId: 'none' }],
            output: `gateway Api {\n    public\n    auth jwt\n}`
        },
        {
            name: 'the configured method',
            code: `gateway Api { public }`,
            options: { method: 'oidc' },
            errors: [{ messageId: 'missing' }],
            output: `gateway Api { public; auth oidc }`
        }
    ]
});
