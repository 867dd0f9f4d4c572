import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { lintWith } from './rule-tester.js';

const pagePath = (id: string) => new URL(`../../docs/rules/${id}.md`, import.meta.url);

/** The first ```sysd block after a `## <heading>` line. */
function example(page: string, heading: string): string | undefined {
    const at = page.indexOf(`\n## ${heading}\n`);
    if (at < 0) return undefined;
    const match = /```sysd\n([\s\S]*?)```/.exec(page.slice(at));
    return match?.[1];
}

describe('rule catalog', () => {
    it('has unique, kebab-case ids', () => {
        const ids = ALL_RULES.map(r => r.meta.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    for (const rule of ALL_RULES) {
        describe(rule.meta.id, () => {
            it('has a doc page whose summary matches the description', () => {
                expect(existsSync(pagePath(rule.meta.id)), `docs/rules/${rule.meta.id}.md is missing`).toBe(true);
                const page = readFileSync(pagePath(rule.meta.id), 'utf8');
                expect(page.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
                expect(page).toContain(`> ${rule.meta.description}`);
                for (const section of ['What it detects', 'Why it matters', 'Incorrect', 'Correct', 'Options', 'When not to use it']) {
                    expect(page, `section '${section}'`).toContain(`\n## ${section}\n`);
                }
                expect(page).toContain(`**Default severity:** ${rule.meta.defaultSeverity}`);
            });

            it('has options with defaults and descriptions', () => {
                for (const [key, option] of Object.entries(rule.meta.options)) {
                    expect(option.description.length, key).toBeGreaterThan(0);
                    expect(option.default, key).not.toBeUndefined();
                }
            });

            it("flags the page's incorrect example and not its correct one", async () => {
                const page = readFileSync(pagePath(rule.meta.id), 'utf8');
                const incorrect = example(page, 'Incorrect');
                const correct = example(page, 'Correct');
                expect(incorrect, 'incorrect example').toBeDefined();
                expect(correct, 'correct example').toBeDefined();
                const bad = await lintWith(rule, incorrect!);
                expect(bad.findings.length, 'the incorrect example triggers the rule').toBeGreaterThan(0);
                const good = await lintWith(rule, correct!);
                expect(good.findings.map(f => f.message), 'the correct example is clean').toEqual([]);
            });
        });
    }
});
