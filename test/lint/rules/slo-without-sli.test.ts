import rule from '../../../language/src/lint/rules/slo-without-sli.js';
import { ruleTester } from '../rule-tester.js';

const PARTS = `client Web : browser\nservice Api { replicas 2 }\n`;

ruleTester(rule, {
    valid: [
        { name: 'an indicator', code: `${PARTS}slo Checkout { path Web -> Api; availability 99.9%; indicator "share of 2xx responses at the gateway" }` },
        { name: 'an indicator on an SLA', code: `${PARTS}slo Promised { external; target Api; availability 99.5%; indicator 'successful checkouts / attempted checkouts' }` },
        { name: 'no SLO at all', code: PARTS }
    ],
    invalid: [
        {
            name: 'no indicator',
            code: `${PARTS}slo Checkout {\n    path Web -> Api\n    availability 99.9%\n}`,
            errors: [{ messageId: 'missing', line: 3, data: { name: 'Checkout' }, elements: ['Checkout'] }]
        },
        {
            name: 'an empty indicator says nothing',
            code: `${PARTS}slo Checkout { target Api; indicator "  " }`,
            errors: [{ messageId: 'missing' }]
        },
        {
            name: 'half-typed: an empty SLO',
            code: `${PARTS}slo Checkout {}`,
            errors: [{ messageId: 'missing' }]
        }
    ]
});
