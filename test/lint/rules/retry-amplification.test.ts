import rule from '../../../language/src/lint/rules/retry-amplification.js';
import { ruleTester } from '../rule-tester.js';

const chain = (a: number, b: number, c: number) =>
    `service A { calls B { timeout 9s; retry ${a} } }\nservice B { calls C { timeout 2s; retry ${b} } }\nservice C { calls D { timeout 200ms; retry ${c} } }\nservice D`;

ruleTester(rule, {
    valid: [
        { name: 'retries at one layer only', code: chain(0, 0, 2) },
        { name: 'two layers of 3 attempts are 9 calls, within 10', code: chain(2, 2, 0) },
        { name: 'async hops do not multiply', code: `service A { calls B async { retry 4 } }\nservice B { calls C { timeout 1s; retry 4 } }\nservice C` },
        { name: 'a higher threshold', code: chain(2, 2, 2), options: { maxFactor: 27 } }
    ],
    invalid: [
        {
            name: 'three layers of 3 attempts',
            code: chain(2, 2, 2),
            errors: [{ messageId: 'amplified', line: 3, data: { chain: 'A → B → C → D', source: 'A', target: 'D', count: 27, why: '3 × 3 × 3 = 27 calls to D for one call to A' } }]
        },
        {
            name: 'two layers over a lower threshold',
            code: chain(2, 2, 0),
            options: { maxFactor: 4 },
            errors: [{ messageId: 'amplified', line: 3, message: "can become 9 calls to 'D'" }]
        },
        {
            name: 'a chain is reported once, at its end, not at its prefix',
            code: `service A { calls B { timeout 9s; retry 3 } }\nservice B { calls C { timeout 2s; retry 3 } }\nservice C {\n    writes Db\n}\ndatabase Db : postgres`,
            errors: [{ messageId: 'amplified', line: 4, message: "can become 16 calls to 'Db'" }]
        }
    ]
});
