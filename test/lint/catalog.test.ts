import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSource, parseSource, SOURCE_NOTES } from '../../language/src/knowledge/sources.js';
import { findBlock, GENERATED_END, HEADER_BEGIN, OPTIONS_BEGIN, ruleHeader, ruleOptions, withGeneratedBlocks } from '../../language/src/lint/rule-docs.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { INDEX_BEGIN, ruleIndex, withRuleIndex } from '../../scripts/gen-rule-docs.mjs';
import { lintWith } from './rule-tester.js';

const REGENERATE = 'run node scripts/gen-rule-docs.mjs';

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

            it('has the header and options table that its meta generates, and no hand-written copy of them', () => {
                const page = readFileSync(pagePath(rule.meta.id), 'utf8');
                const header = findBlock(page, HEADER_BEGIN);
                expect(header?.text, REGENERATE).toBe(ruleHeader(rule.meta));
                // The header comes right after the title.
                expect(header?.start).toBe(`# ${rule.meta.id}\n\n`.length);
                const options = findBlock(page, OPTIONS_BEGIN);
                expect(options?.text, REGENERATE).toBe(ruleOptions(rule.meta));
                expect(page.slice(0, options?.start), 'the options table opens the Options section').toMatch(/\n## Options\n\n$/);
                // One block of each, and nothing left for the generator to change.
                expect(page.split(HEADER_BEGIN).length).toBe(2);
                expect(page.split(OPTIONS_BEGIN).length).toBe(2);
                expect(page.split(GENERATED_END).length).toBe(3);
                expect(withGeneratedBlocks(page, rule.meta), REGENERATE).toBe(page);
                // What the blocks say is not repeated by hand.
                const prose = page.slice(0, header!.start) + page.slice(header!.end, options!.start) + page.slice(options!.end);
                expect(prose).not.toMatch(/^Sources?:/m);
                expect(prose).not.toMatch(/^- \*\*(Type|Default severity|Quick fix|Grounding|Fixable):\*\*/m);
                expect(prose).not.toMatch(/^\| *(option|name) *\|/m);
                expect(prose).not.toMatch(/^(This rule has no options\.|None\.)$/m);
                // The prose says what the quick fix does exactly when the rule has one.
                expect(prose.includes('\n**Quick fix:** '), 'a "**Quick fix:** ..." paragraph').toBe(rule.meta.fixable);
            });

            it('cites its sources as known notes and sections', () => {
                for (const seed of rule.meta.grounding.seeds) {
                    const parsed = parseSource(seed);
                    expect(SOURCE_NOTES, seed).toContain(parsed.note);
                    expect(parsed.section, seed).toBeDefined();
                    expect(formatSource(seed), seed).not.toMatch(/#|\*\*|""/);
                }
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

describe('generated rule page parts', () => {
    const rule = ALL_RULES.find(r => r.meta.id === 'long-sync-call-chain')!;
    const handWritten = `# long-sync-call-chain\n\nProse.\n\n## Options\n\nMore prose.\n`;

    it('inserts the header after the title and the table under Options, then only replaces them', () => {
        const page = withGeneratedBlocks(handWritten, rule.meta);
        expect(page).toBe(`# long-sync-call-chain\n\n${ruleHeader(rule.meta)}\n\nProse.\n\n## Options\n\n${ruleOptions(rule.meta)}\n\nMore prose.\n`);
        expect(withGeneratedBlocks(page, rule.meta)).toBe(page);
        const stale = page.replace('- **Type:** problem', '- **Type:** suggestion').replace('| `maxDepth` |', '| `depth` |');
        expect(withGeneratedBlocks(stale, rule.meta)).toBe(page);
    });

    it('renders sources for a reader, options with their bounds, and a page without options', () => {
        expect(ruleHeader(rule.meta)).toContain('\n  - High Level Design (architecture notes), section "Circuit Breaker Pattern" (service a -> b -> c -> d, slowness cascades)\n');
        expect(ruleOptions(rule.meta)).toContain('| `maxDepth` | number, at least 1 | `3` | Most synchronous calls');
        const cycle = ALL_RULES.find(r => r.meta.id === 'sync-call-cycle')!;
        expect(ruleOptions(cycle.meta)).toBe(`${OPTIONS_BEGIN}\nThis rule has no options.\n\n${GENERATED_END}`);
    });

    it('are current on every page (the script the build runs agrees)', () => {
        const script = new URL('../../scripts/gen-rule-docs.mjs', import.meta.url);
        expect(() => execFileSync(process.execPath, [script.pathname, '--check'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    });
});

/** The seed catalog's section 2 numbers its candidate rules R01 to R173. */
const CATALOG_SIZE = 173;
const catalogId = (n: number) => `R${String(n).padStart(2, '0')}`;
const STATUSES = ['implemented', 'partial', 'expressible', 'language', 'out of scope'] as const;
type Status = (typeof STATUSES)[number];

interface CoverageRow { id: string; name: string; status: string; text: string; rules: string[] }

/** The rows of the "Catalog coverage" table of docs/rules/README.md. */
function coverageRows(readme: string): CoverageRow[] {
    const section = readme.slice(readme.indexOf('\n## Catalog coverage\n'));
    return [...section.matchAll(/^\| (R\d+) \| `([a-z0-9-]+)` \| ([a-z ]+) \| (.*) \|$/gm)].map(m => ({
        id: m[1], name: m[2], status: m[3], text: m[4],
        rules: [...m[4].matchAll(/\[([a-z0-9-]+)\]\(\1\.md\)/g)].map(link => link[1])
    }));
}

describe('rule index and catalog coverage (docs/rules/README.md)', () => {
    const readmeUrl = new URL('../../docs/rules/README.md', import.meta.url);
    const readme = existsSync(readmeUrl) ? readFileSync(readmeUrl, 'utf8') : '';
    const rows = coverageRows(readme);
    /** Catalog entry -> the rules whose meta lists it. */
    const implementedBy = new Map<string, string[]>();
    for (const rule of ALL_RULES) {
        for (const id of rule.meta.grounding.catalog) implementedBy.set(id, [...(implementedBy.get(id) ?? []), rule.meta.id].sort());
    }

    it('has the index that the rules\' meta generates', () => {
        const metas = ALL_RULES.map(r => r.meta);
        expect(readme).toContain(INDEX_BEGIN);
        expect(withRuleIndex(readme, metas), REGENERATE).toBe(readme);
        for (const rule of ALL_RULES) expect(ruleIndex(metas)).toContain(`| [\`${rule.meta.id}\`](${rule.meta.id}.md) | ${rule.meta.type} | ${rule.meta.defaultSeverity} |`);
    });

    it('lists every catalog entry once, in order, with a known status', () => {
        expect(rows.map(r => r.id)).toEqual(Array.from({ length: CATALOG_SIZE }, (_, i) => catalogId(i + 1)));
        for (const row of rows) expect(STATUSES, row.id).toContain(row.status);
    });

    it('cites only catalog entries in the rules\' meta', () => {
        const known = new Set(rows.map(r => r.id));
        for (const [id, rules] of implementedBy) expect(known.has(id), `${rules.join(', ')} cite ${id}, which is not a catalog entry`).toBe(true);
    });

    it('says an entry is implemented exactly when a rule lists it, and names those rules', () => {
        for (const row of rows) {
            const rules = implementedBy.get(row.id) ?? [];
            const implemented = row.status === 'implemented' || row.status === 'partial';
            expect(implemented, rules.length > 0
                ? `${row.id} is implemented by ${rules.join(', ')}: mark it implemented or partial in docs/rules/README.md`
                : `${row.id} is marked ${row.status} but no rule lists it in grounding.catalog`).toBe(rules.length > 0);
            expect([...row.rules].sort(), `${row.id}: the rules named in docs/rules/README.md`).toEqual(implemented ? rules : []);
        }
    });

    it('gives the reason for every entry that is not fully implemented', () => {
        for (const row of rows) {
            if (row.status === 'implemented') {
                // Nothing but the links to the rules.
                expect(row.text.replace(/\[([a-z0-9-]+)\]\(\1\.md\)/g, '').replace(/[,\s]/g, ''), row.id).toBe('');
                continue;
            }
            const reason = row.text.replace(/\[([a-z0-9-]+)\]\(\1\.md\)/g, '').replace(/^[,:\s]+/, '');
            expect(reason.length, `${row.id} (${row.status}) needs a reason`).toBeGreaterThan(10);
        }
    });

    it('counts the entries of each status as the table does', () => {
        const count = (status: Status) => rows.filter(r => r.status === status).length;
        expect(readme).toContain(`Of the ${CATALOG_SIZE} entries, ${count('implemented')} are implemented, ${count('partial')} partially, `
            + `${count('expressible')} are expressible, ${count('language')} need the language to state more, and ${count('out of scope')} are out of scope.`);
    });
});
