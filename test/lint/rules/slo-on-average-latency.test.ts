import rule from '../../../language/src/lint/rules/slo-on-average-latency.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'percentiles', code: `service A\nslo S { target A; latency p50 100ms; latency p99 300ms }` },
        { name: 'an average next to a percentile', code: `service A\nslo S { target A; latency avg 80ms; latency p99 300ms }` },
        { name: 'no latency target', code: `service A\nslo S { target A; availability 99.9% }` }
    ],
    invalid: [
        {
            name: 'an average only',
            code: `service A\nslo S { target A; latency avg 200ms }`,
            errors: [{ messageId: 'average', line: 2, data: { name: 'S', key: 'avg', value: '200ms' }, elements: ['S'] }]
        },
        {
            name: 'mean, in seconds',
            code: `service A\nslo S { target A; latency mean 2s }`,
            errors: [{ messageId: 'average', message: 'only as mean 2000ms' }]
        },
        {
            name: 'a multi-line SLO',
            code: `service A\nslo Checkout {\n    target A\n    availability 99.9%\n    latency avg 150ms\n}`,
            errors: [{ messageId: 'average', line: 2 }]
        }
    ]
});
