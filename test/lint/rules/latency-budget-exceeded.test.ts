import rule from '../../../language/src/lint/rules/latency-budget-exceeded.js';
import { ruleTester } from '../rule-tester.js';

const checkout = (options: string, latency = 'p99 300ms') => `client Web : browser
service Api {
    calls Orders over http { ${options} }
}
service Orders
Web -> Api : https

slo Checkout {
    path Web -> Api -> Orders
    latency ${latency}
}`;

ruleTester(rule, {
    valid: [
        { name: 'retries within the budget', code: checkout('timeout 100ms; retry 1') },
        { name: 'exactly the budget', code: checkout('timeout 100ms; retry 2') },
        { name: 'unbounded is unknown, not exceeded', code: checkout('timeout 100ms; retry forever') },
        { name: 'stated latencies within the target, however long the timeouts', code: checkout('timeout 2s; retry 2; latency p99 120ms') },
        { name: 'no latency target', code: `client Web : browser\nservice Api { calls B { timeout 9s } }\nservice B\nWeb -> Api : https\nslo S {\n    path Web -> Api -> B\n    availability 99%\n}` }
    ],
    invalid: [
        {
            name: 'attempts times timeout',
            code: checkout('timeout 2s; retry 2'),
            errors: [{ messageId: 'exceeded', line: 8, message: 'can wait 6,000 ms (Api → Orders: 3 attempts × timeout 2,000 ms', elements: ['Checkout', 'Web', 'Api', 'Orders'] }]
        },
        {
            name: 'backoff pushes it over',
            code: checkout('timeout 100ms; retry 2 exponential'),
            errors: [{ messageId: 'exceeded', message: 'can wait 600 ms' }]
        },
        {
            name: 'stated latencies over the target',
            code: checkout('timeout 1s; latency p99 250ms', 'p99 200ms').replace('service Orders', 'service Orders { latency p99 20ms }'),
            errors: [{ messageId: 'stated', line: 8, message: "targets p99 200 ms, but the latencies stated along its path add up to 250 ms (Web → Api: one attempt, the callee's p99 250 ms; Api → Orders: latency p99 250 ms stated → p99 budget 250 ms)" }]
        },
        {
            name: 'the strictest percentile is named',
            code: checkout('timeout 1s', 'p50 100ms\n    latency p99 500ms'),
            errors: [{ messageId: 'exceeded', message: 'targets p50 100 ms' }]
        }
    ]
});
