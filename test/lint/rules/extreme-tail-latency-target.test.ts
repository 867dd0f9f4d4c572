import rule from '../../../language/src/lint/rules/extreme-tail-latency-target.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'p99', code: `service A\nslo S { target A; latency p99 300ms }` },
        { name: 'p99.9', code: `service A\nslo S { target A; latency p99.9 800ms }` },
        { name: 'p99.99 allowed by an option', code: `service A\nslo S { target A; latency p99.99 2s }`, options: { maxPercentile: 99.99 } }
    ],
    invalid: [
        {
            name: 'p99.99',
            code: `service A\nslo S { target A; latency p99.99 2s }`,
            errors: [{ messageId: 'extreme', line: 2, data: { name: 'S', key: 'p99.99' }, elements: ['S'] }]
        },
        {
            name: 'p99.999 next to a p99',
            code: `service A\nslo S { target A; latency p99 300ms; latency p99.999 5s }`,
            errors: [{ messageId: 'extreme', message: 'targets p99.999 latency' }]
        },
        {
            name: 'p99.9 with a lower threshold',
            code: `service A\nslo S { target A; latency p99.9 1s }`,
            options: { maxPercentile: 99 },
            errors: [{ messageId: 'extreme' }]
        }
    ]
});
