import rule from '../../../language/src/lint/rules/public-ingress-without-rate-limit.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a rate-limited gateway', code: `client Web : browser\ngateway Api { rate limit 500/s per client }\nWeb -> Api : https` },
        { name: 'an internal client', code: `client Ops { internal }\nservice Admin\nOps -> Admin : https` },
        { name: 'a service behind a rate-limited gateway is covered', code: `client Web : browser\ngateway Api { public; rate limit 100/s; routes Orders }\nservice Orders { public }\nWeb -> Api : https` },
        { name: 'not reachable from outside', code: `service A { calls B }\nservice B` },
        { name: 'kinds can exclude services', code: `client Web : browser\nservice Shop\nWeb -> Shop : https`, options: { kinds: ['gateway'] } }
    ],
    invalid: [
        {
            name: 'a gateway called by a browser',
            code: `client Web : browser\ngateway Api { auth jwt }\nWeb -> Api : https`,
            errors: [{ messageId: 'missing', line: 2, message: "from 'Web'" }],
            output: `client Web : browser\ngateway Api { auth jwt; rate limit 100/s per client }\nWeb -> Api : https`
        },
        {
            name: 'a public load balancer',
            code: `loadbalancer Edge {\n    public\n}`,
            errors: [{ messageId: 'missing', message: 'the internet' }],
            output: `loadbalancer Edge {\n    public\n    rate limit 100/s per client\n}`
        },
        {
            name: 'rate limit none is replaced',
            code: `client App : mobile\nservice Feed { rate limit none }\nApp -> Feed : https`,
            errors: [{ messageId: 'none' }],
            output: `client App : mobile\nservice Feed { rate limit 100/s per client }\nApp -> Feed : https`
        },
        {
            name: 'the configured limit',
            code: `client P : partner\nfunction Hook\nP -> Hook : https`,
            options: { defaultLimit: '20/s per api-key' },
            errors: [{ messageId: 'missing' }],
            output: `client P : partner\nfunction Hook { rate limit 20/s per api-key }\nP -> Hook : https`
        }
    ]
});
