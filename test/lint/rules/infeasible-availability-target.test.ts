import rule from '../../../language/src/lint/rules/infeasible-availability-target.js';
import { ruleTester } from '../rule-tester.js';

const PARTS = `client Web : browser\nservice Api { replicas 2 }\n`;

ruleTester(rule, {
    valid: [
        { name: 'three nines', code: `${PARTS}slo Checkout { path Web -> Api; availability 99.9% }` },
        { name: 'five nines is ambitious but finite', code: `${PARTS}slo Checkout { availability 99.999% }` },
        { name: 'no availability target', code: `${PARTS}slo Checkout { latency p99 300ms }` }
    ],
    invalid: [
        {
            name: '100%',
            code: `${PARTS}slo Checkout {\n    path Web -> Api\n    availability 100%\n}`,
            errors: [{ messageId: 'perfect', line: 5, message: '100%' }],
            output: `${PARTS}slo Checkout {\n    path Web -> Api\n    availability 99.9%\n}`
        },
        {
            name: 'more than 100%',
            code: `${PARTS}slo Checkout { availability 100.5% }`,
            errors: [{ messageId: 'perfect' }],
            output: `${PARTS}slo Checkout { availability 99.9% }`
        },
        {
            name: 'the configured replacement',
            code: `${PARTS}slo Search { availability 100.0%; latency p99 1s }`,
            options: { target: 99.95 },
            errors: [{ messageId: 'perfect' }],
            output: `${PARTS}slo Search { availability 99.95%; latency p99 1s }`
        }
    ]
});
