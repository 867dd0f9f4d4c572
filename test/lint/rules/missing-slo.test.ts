import rule from '../../../language/src/lint/rules/missing-slo.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'an SLO with the flow\'s path', code: `client Web : browser\nservice Api\nflow Buy { path Web -> Api; user-facing }\nslo Checkout { path Web -> Api; availability 99.9% }` },
        { name: 'an SLO whose path contains the flow\'s', code: `client Web : browser\ngateway Edge\nservice Api\nservice Db\nflow Browse { path Edge -> Api; user-facing }\nslo Pages { path Web -> Edge -> Api -> Db; latency p99 300ms }` },
        { name: 'a flow that is not user-facing', code: `service Batch\nservice Api\nflow Nightly { path Batch -> Api }` },
        { name: 'a public component on an SLO path', code: `client Web : browser\ngateway Edge { public }\nslo Edge99 { path Web -> Edge; availability 99.9% }` },
        { name: 'a public component that is an SLO target', code: `gateway Edge { public }\nslo EdgeUp { target Edge; availability 99.9% }` },
        { name: 'public components left out by the option', code: `gateway Edge { public }`, options: { publicComponents: false } }
    ],
    invalid: [
        {
            name: 'a user-facing flow with no SLO',
            code: `client Web : browser\nservice Api\nflow Buy {\n    path Web -> Api\n    user-facing\n}`,
            errors: [{ messageId: 'flow', line: 3, data: { name: 'Buy' }, elements: ['Buy'] }]
        },
        {
            name: 'an SLO on only part of the flow',
            code: `client Web : browser\nservice Api\nservice Orders\nflow Buy { path Web -> Api -> Orders; user-facing }\nslo Front { path Web -> Api; availability 99.9% }`,
            errors: [{ messageId: 'flow', line: 4 }]
        },
        {
            name: 'an SLO with the same components in another order',
            code: `service A\nservice B\nflow F { path A -> B; user-facing }\nslo S { path B -> A; availability 99% }`,
            errors: [{ messageId: 'flow' }]
        },
        {
            name: 'a public gateway no SLO mentions',
            code: `gateway Edge { public }\nservice Api\nslo Other { path Api; availability 99% }`,
            errors: [{ messageId: 'component', line: 1, data: { name: 'Edge' }, elements: ['Edge'] }]
        }
    ]
});
