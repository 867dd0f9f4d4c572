import rule from '../../../language/src/lint/rules/materialized-view-without-refresh.js';
import { describe, expect, it } from 'vitest';
import { applyFix, lintWith, ruleTester } from '../rule-tester.js';

const stores = `database Courses : postgres\ndatabase Reviews : postgres\ndatabase Top : mongodb\n`;

ruleTester(rule, {
    valid: [
        { name: 'refreshed on change', code: `${stores}view TopCourses materialized {\n  store Top\n  sources Courses, Reviews\n  refresh on-change\n}` },
        { name: 'refreshed on a schedule', code: `${stores}view TopCourses materialized { store Top; sources Courses; refresh schedule "*/5 * * * *" }` },
        { name: 'a plain view is computed on read', code: `${stores}view TopCourses {\n  store Top\n  sources Courses\n}` },
        { name: 'a projector writes the view store', code: `${stores}service Builder { style projector; writes Top }\nview TopCourses materialized {\n  store Top\n  sources Courses\n}` },
        { name: 'a syncs relation feeds the view store', code: `${stores}Courses syncs Top via cdc\nview TopCourses materialized { store Top; sources Courses }` }
    ],
    invalid: [
        {
            name: 'no refresh stated',
            code: `${stores}view TopCourses materialized {\n  store Top\n  sources Courses, Reviews\n}`,
            errors: [{ messageId: 'missing', line: 4, message: "while 'Courses', 'Reviews' change" }],
            output: `${stores}view TopCourses materialized {\n  store Top\n  sources Courses, Reviews\n  refresh on-change\n}`
        },
        {
            name: 'refresh none',
            code: `${stores}view TopCourses materialized { store Top; sources Courses; refresh none }`,
            errors: [{ messageId: 'none', line: 4 }],
            output: `${stores}view TopCourses materialized { store Top; sources Courses; refresh on-change }`
        },
        {
            name: 'a reader of the store does not keep it fresh',
            code: `${stores}service Pages { reads Top }\nview TopCourses materialized {\n  store Top\n}`,
            errors: [{ messageId: 'missing', message: 'while its sources change' }]
        }
    ]
});

describe('materialized-view-without-refresh: the schedule fix', () => {
    it('inserts the configured schedule and silences the rule', async () => {
        const code = `database Top : mongodb\nview TopCourses materialized { store Top; refresh none }`;
        const { findings } = await lintWith(rule, code, { schedule: '*/10 * * * *' });
        expect(findings[0].fixes.map(f => f.title)).toEqual(['Refresh the view whenever its sources change', 'Refresh the view on a schedule (*/10 * * * *)']);
        const fixed = applyFix(code, findings[0].fixes[1]);
        expect(fixed).toBe(`database Top : mongodb\nview TopCourses materialized { store Top; refresh schedule "*/10 * * * *" }`);
        expect((await lintWith(rule, fixed)).findings).toEqual([]);
    });
});
