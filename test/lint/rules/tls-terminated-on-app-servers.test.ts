import rule from '../../../language/src/lint/rules/tls-terminated-on-app-servers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a load balancer terminates TLS in front', code: `client Web : browser\nloadbalancer Lb { tls terminate; routes Api }\nservice Api { replicas 2 }\nWeb -> Lb : https` },
        { name: 'the service re-encrypts behind a gateway', code: `client Web : browser\ngateway Edge { tls terminate }\nservice Api { tls terminate }\nWeb -> Edge : https\nEdge -> Api : https` },
        { name: 'a CDN fetches from the service', code: `cdn Edge { pull; origin Site }\nservice Site { public; tls terminate }` },
        { name: 'internal callers only', code: `service Api { tls terminate }\nservice Orders { calls Api over https }` },
        { name: 'no TLS termination stated', code: `client Web : browser\nservice Api\nWeb -> Api : https` }
    ],
    invalid: [
        {
            name: 'browsers reach the service itself',
            code: `client Web : browser\nservice Api { tls terminate }\nWeb -> Api : https`,
            errors: [{ messageId: 'onApp', line: 2, data: { service: 'Api' }, elements: ['Api'] }]
        },
        {
            name: 'a public service',
            code: `service Api {\n    public\n    tls terminate\n}`,
            errors: [{ messageId: 'onApp', line: 1 }]
        },
        {
            name: 'a public function',
            code: `function Hook : aws-lambda { public; tls terminate; trigger http }`,
            errors: [{ messageId: 'onApp', data: { service: 'Hook' } }]
        }
    ]
});
