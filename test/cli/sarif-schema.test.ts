import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { detectsSection } from '../../cli/src/format/sarif.js';
import { rulePage } from '../../cli/src/package-info.js';
import { cli, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';
import { SARIF_SCHEMA, schemaErrors } from './json-schema.js';

interface SarifRule { id: string; helpUri?: string; fullDescription: { text: string }; help: { markdown: string } }
interface SarifLog { runs: { tool: { driver: { informationUri?: string; rules: SarifRule[] } } }[] }

const BROKEN = 'system Other {\n  service Api { replicas 2; calls Missing over http { timeout 1s } }\n}\n';

async function sarif(args: string[] = []): Promise<{ text: string; log: SarifLog }> {
    const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'src/shop.sysd': SHOP, 'src/broken.sysd': BROKEN, 'src/bad.sysd': 'system {' });
    const result = await cli(root, ['check', 'src', '--format', 'sarif', ...args]);
    expect(result.code).toBe(1);
    return { text: result.stdout, log: JSON.parse(result.stdout) as SarifLog };
}

describe('sysd check --format sarif', () => {
    it('is valid SARIF 2.1.0 (the vendored OASIS schema), with results of every kind and notifications', async () => {
        const { log } = await sarif();
        expect(schemaErrors(SARIF_SCHEMA, log)).toEqual([]);
        // The validator does reject what the schema forbids.
        expect(schemaErrors(SARIF_SCHEMA, { ...log, version: '2.0.0' }).length).toBeGreaterThan(0);
        const withNotification = JSON.parse((await cli(fixture({ 'sysd.config.json': '{"rules": {"nope": "off"}}', 'a.sysd': SHOP }), ['check', '--format', 'sarif'])).stdout) as unknown;
        expect(schemaErrors(SARIF_SCHEMA, withNotification)).toEqual([]);
    });

    it('links each rule to its page on the web, never to a path of this machine', async () => {
        const { text, log } = await sarif();
        const { driver } = log.runs[0].tool;
        expect(driver.informationUri).toBe('https://github.com/sysd-dev/sysd#readme');
        const timeout = driver.rules.find(rule => rule.id === 'sync-call-without-timeout')!;
        expect(timeout.helpUri).toBe('https://github.com/sysd-dev/sysd/blob/main/docs/rules/sync-call-without-timeout.md');
        // Every rule with a page links to it (a rule whose page is still to be written has no link).
        const withPages = driver.rules.filter(r => ALL_RULES.some(known => known.meta.id === r.id) && rulePage(r.id) !== undefined);
        expect(withPages.length).toBeGreaterThan(80);
        for (const rule of withPages) {
            expect(rule.helpUri, rule.id).toBe(`https://github.com/sysd-dev/sysd/blob/main/docs/rules/${rule.id}.md`);
        }
        // Relative links of the pages point at the pages next to them on the web.
        const linked = driver.rules.find(rule => /\]\(https:\/\/github\.com\/sysd-dev\/sysd\/blob\/main\/docs\//.test(rule.help.markdown));
        expect(linked).toBeDefined();
        expect(driver.rules.every(rule => !/\]\((?!https?:|#)[^)]*\.md/.test(rule.help.markdown))).toBe(true);
        // file:// appears only where SARIF locates the checked files.
        const fileUris = [...text.matchAll(/"(\w+)": "file:\/\//g)].map(match => match[1]);
        expect(new Set(fileUris)).toEqual(new Set(['uri']));
    });

    it('--rules-base-url links elsewhere, or nowhere with an empty value', async () => {
        const custom = (await sarif(['--rules-base-url', 'https://sysd.example/rules/{id}.html'])).log.runs[0].tool.driver.rules;
        expect(custom.find(rule => rule.id === 'shared-database')!.helpUri).toBe('https://sysd.example/rules/shared-database.html');
        const folder = (await sarif(['--rules-base-url=https://sysd.example/docs'])).log.runs[0].tool.driver.rules;
        expect(folder.find(rule => rule.id === 'shared-database')!.helpUri).toBe('https://sysd.example/docs/shared-database.md');
        const none = await sarif(['--rules-base-url', '']);
        expect(none.log.runs[0].tool.driver.rules.every(rule => rule.helpUri === undefined)).toBe(true);
        expect(schemaErrors(SARIF_SCHEMA, none.log)).toEqual([]);
        const root = fixture({ 'a.sysd': SHOP });
        for (const bad of ['docs/rules', 'file:///tmp/rules/']) {
            const result = await cli(root, ['check', '--format', 'sarif', '--rules-base-url', bad]);
            expect(result.code).toBe(2);
            expect(result.stderr).toContain('--rules-base-url needs');
        }
    });

    it('describes each rule by the whole "What it detects" section, lists included', async () => {
        const { log } = await sarif();
        const rules = log.runs[0].tool.driver.rules;
        const quorum = rules.find(rule => rule.id === 'quorum-invalid')!.fullDescription.text;
        expect(quorum).toMatch(/^A `leaderless` replication block where:\n\n- `w` or `r` is set but `n` is not;\n- `n`, `w` or `r` is below 1;\n- `w` or `r` is larger than `n`\.\n\nEach problem is reported separately\./);
        // No description stops at the end of a line or at a colon that introduces a list.
        for (const rule of ALL_RULES) {
            const text = rules.find(r => r.id === rule.meta.id)!.fullDescription.text;
            expect(text, rule.meta.id).not.toMatch(/:$/);
            const page = rulePage(rule.meta.id);
            if (page === undefined) continue;
            const section = /^## What it detects\n([\s\S]*?)(?=^## )/m.exec(page ?? '')?.[1] ?? '';
            // Every word of the section is in the description.
            const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
            expect(words(text), rule.meta.id).toBe(words(section));
        }
    });

    it('keeps a code block of the section as written', () => {
        const page = '# x\n\n## What it detects\n\nA block like:\n\n```sysd\nservice A {\n  replicas 1\n}\n```\nand\nmore.\n\n## Why\n';
        expect(detectsSection(page)).toBe('A block like:\n\n```sysd\nservice A {\n  replicas 1\n}\n```\n\nand more.');
        expect(detectsSection('# x\n\nNo section.\n')).toBeUndefined();
    });
});
