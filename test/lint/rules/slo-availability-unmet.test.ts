import rule from '../../../language/src/lint/rules/slo-availability-unmet.js';
import { ruleTester } from '../rule-tester.js';

const shop = (target: string, api = '99.9%', db = '99.9%') => `client Web : browser
service Api {
    availability ${api}
    writes Db
}
database Db : postgres { availability ${db} }
Web -> Api : https

slo Checkout {
    path Web -> Api
    availability ${target}
}`;

ruleTester(rule, {
    valid: [
        { name: 'a target the stated figures reach', code: shop('99.8%') },
        { name: 'at risk only because of default figures', code: `client Web : browser\nservice Api { replicas 2 }\nWeb -> Api : https\nslo S {\n    path Web -> Api\n    availability 99.99%\n}` },
        { name: '100% is infeasible-availability-target\'s finding', code: shop('100%') },
        { name: 'an SLO without an availability target', code: `client Web : browser\nservice Api\nWeb -> Api : https\nslo S { path Web -> Api; latency p99 1s }` }
    ],
    invalid: [
        {
            name: 'two stated figures in series',
            code: shop('99.95%'),
            errors: [{ messageId: 'unmet', line: 11, message: "SLO 'Checkout' asks for 99.95% availability, but its path composes to 99.8001%", elements: ['Checkout', 'Web', 'Api'] }],
            output: shop('99.8%')
        },
        {
            name: 'a technology figure counts as stated',
            code: `client Web : browser\nservice Api {\n    availability 99.99%\n    reads Files\n}\nobjectstore Files : s3\nWeb -> Api : https\nslo Downloads {\n    path Web -> Api\n    availability 99.95%\n}`,
            errors: [{ messageId: 'unmet', line: 10 }]
        },
        {
            name: 'at risk, when asked for',
            code: `client Web : browser\nservice Api { replicas 2 }\nWeb -> Api : https\nslo S {\n    path Web -> Api\n    availability 99.999%\n}`,
            options: { atRisk: true },
            errors: [{ messageId: 'atRisk', line: 6, message: "with sysd's default figures" }]
        }
    ]
});
