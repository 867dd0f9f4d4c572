import rule from '../../../language/src/lint/rules/static-content-without-cdn.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a CDN pulls from the origin', code: `client Web : browser\ncdn Edge : cloudfront { pull; origin Assets }\nservice Assets { holds static-assets }\nWeb -> Edge : https` },
        { name: 'a CDN in front of the load balancer of the origin', code: `client Web : browser\ncdn Edge { pull; origin Lb }\nloadbalancer Lb { routes Site }\nservice Site { holds static-assets; replicas 2 }\nWeb -> Edge : https` },
        { name: 'internal only', code: `service Reports { holds static-assets }\nservice Admin { calls Reports }` },
        { name: 'public, but no static assets', code: `service Api { public; holds orders }` },
        { name: 'another kind of content by option', code: `service Site { public; holds static-assets }`, options: { staticKinds: ['videos'] } }
    ],
    invalid: [
        {
            name: 'a public service holding static assets',
            code: `service Site {\n    public\n    holds static-assets\n}`,
            errors: [{ messageId: 'noCdn', line: 1, data: { origin: 'Site', kinds: 'static-assets' }, elements: ['Site'] }]
        },
        {
            name: 'an object store the browsers read directly',
            code: `client Web : browser\nobjectstore Media : s3 { holds static-assets }\nWeb -> Media : https`,
            errors: [{ messageId: 'noCdn', line: 2, data: { origin: 'Media', kinds: 'static-assets' } }]
        },
        {
            name: 'behind a gateway, with a CDN in front of something else',
            code: `client Web : browser\ngateway Edge { routes Site }\nservice Site { holds static-assets, html }\ncdn Other { origin Api }\nservice Api\nWeb -> Edge : https`,
            errors: [{ messageId: 'noCdn', line: 3 }]
        },
        {
            name: 'a kind added by the option',
            code: `service Videos { public; holds videos }`,
            options: { staticKinds: ['videos'] },
            errors: [{ messageId: 'noCdn', data: { origin: 'Videos', kinds: 'videos' } }]
        }
    ]
});
