import rule from '../../../language/src/lint/rules/unbounded-retries.js';
import { applyFix, lintWith, ruleTester } from '../rule-tester.js';
import { describe, expect, it } from 'vitest';

ruleTester(rule, {
    valid: [
        { name: 'a bounded count', code: `service A { calls B { retry 3 exponential jitter } }\nservice B` },
        { name: 'a bounded count with a cap on the delay', code: `service A { calls B { retry 5 exponential jitter max 1m } }\nservice B` },
        { name: 'no retry', code: `service A { calls B }\nservice B` }
    ],
    invalid: [
        {
            name: 'a call retried forever',
            code: `service A {\n    calls B { retry forever exponential jitter }\n}\nservice B`,
            errors: [{ messageId: 'unbounded', line: 2, message: "'A' retries its call to 'B' forever" }],
            output: `service A {\n    calls B { retry 3 exponential jitter }\n}\nservice B`
        },
        {
            name: 'a consumer retrying forever, with a configured count',
            code: `service C { consumes Bus.t { retry forever } }\nbroker Bus : kafka { topic t }`,
            options: { maxRetries: 5 },
            errors: [{ messageId: 'unbounded', message: "messages from 't'" }],
            output: `service C { consumes Bus.t { retry 5 } }\nbroker Bus : kafka { topic t }`
        },
        {
            name: 'forever with a cap on the delay between attempts: still unbounded',
            code: `service A { calls B { retry forever exponential jitter max 5s } }\nservice B`,
            errors: [{ messageId: 'unbounded', line: 1, message: "'A' retries its call to 'B' forever (its max caps only the wait between attempts)" }],
            output: `service A { calls B { retry 3 exponential jitter max 5s } }\nservice B`
        },
        {
            name: 'a publisher retrying forever',
            code: `service P { publishes Bus.t { retry forever fixed } }\nbroker Bus : kafka { topic t }`,
            errors: [{ messageId: 'unbounded', line: 1 }]
        }
    ]
});

describe('unbounded-retries fixes', () => {
    it('bounds the number of attempts and never offers `max`, which only caps the delay between them', async () => {
        const code = `service A { calls B { retry forever exponential jitter; circuit-breaker } }\nservice B`;
        const { findings } = await lintWith(rule, code);
        expect(findings[0].fixes.map(fix => fix.title)).toEqual(['Retry at most 3 times']);
        const fixed = applyFix(code, findings[0].fixes[0]);
        expect(fixed).toBe(`service A { calls B { retry 3 exponential jitter; circuit-breaker } }\nservice B`);
        expect((await lintWith(rule, fixed)).findings).toEqual([]);
        const capped = `service A { calls B { retry forever exponential jitter max 5s } }\nservice B`;
        expect((await lintWith(rule, capped)).findings.flatMap(f => f.fixes).every(fix => !/\bmax\b/.test(fix.edits.map(e => e.newText).join(' ')))).toBe(true);
    });
});
