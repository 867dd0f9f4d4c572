import rule from '../../../language/src/lint/rules/multi-frontend-single-backend.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'one kind of frontend', code: `client Web : browser\nclient Admin : spa\nservice Api\nWeb -> Api : https\nAdmin -> Api : https` },
        { name: 'a backend for each frontend', code: `client Web : browser\nclient App : mobile\nservice WebBff { style bff }\nservice AppBff { style bff }\nWeb -> WebBff : https\nApp -> AppBff : https` },
        { name: 'both frontends reach a BFF through the gateway', code: `client Web : browser\nclient App : mobile\ngateway Edge { routes Shop }\nservice Shop { style bff }\nWeb -> Edge : https\nApp -> Edge : https` },
        { name: 'clients whose technology is not stated are not counted', code: `client Web\nclient App\nservice Api\nWeb -> Api : https\nApp -> Api : https` },
        { name: 'a service behind the BFFs is not reached by the clients', code: `client Web : browser\nclient App : mobile\nservice WebBff { style bff; calls Orders }\nservice AppBff { style bff; calls Orders }\nservice Orders\nWeb -> WebBff : https\nApp -> AppBff : https` },
        { name: 'the mobile client calls nothing', code: `client Web : browser\nclient App : mobile\nservice Api\nWeb -> Api : https` },
        { name: 'three kinds under a raised threshold', code: `client Web : browser\nclient App : mobile\nclient Pc : desktop\nservice Api\nWeb -> Api\nApp -> Api\nPc -> Api`, options: { minKinds: 4 } }
    ],
    invalid: [
        {
            name: 'a browser and a mobile app call one service',
            code: `client Web : browser\nclient App : mobile\nservice Api\nWeb -> Api : https\nApp -> Api : https`,
            errors: [{ messageId: 'shared', line: 3, data: { service: 'Api', kinds: 'browser and mobile' }, elements: ['Api'] }]
        },
        {
            name: 'through a gateway and a load balancer',
            code: `client Web : browser\nclient App : ios\nloadbalancer Lb { routes Edge }\ngateway Edge { routes Shop }\nservice Shop\nWeb -> Lb : https\nApp -> Lb : https`,
            errors: [{ messageId: 'shared', line: 5, data: { service: 'Shop', kinds: 'browser and mobile' } }]
        },
        {
            name: 'three kinds, one direct',
            code: `client Web : browser\nclient App : mobile\nclient Pc : desktop\ngateway Edge\nservice Api\nWeb -> Edge : https\nApp -> Edge : https\nEdge -> Api : http\nPc -> Api : https`,
            errors: [{ messageId: 'shared', data: { service: 'Api', kinds: 'browser, desktop and mobile' } }]
        },
        {
            name: 'a service style other than bff',
            code: `client Web : browser\nclient App : mobile\nservice Api { style monolith }\nWeb -> Api\nApp -> Api`,
            errors: [{ messageId: 'shared' }]
        }
    ]
});
