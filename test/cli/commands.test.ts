// `sysd explain` and the Mermaid/Markdown formats of `sysd export`, run through the CLI's entry
// point as a user types them, and with the lint selection (`--rule`, `--config`) they share with check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

describe('sysd explain', () => {
    it('prints a topic for the terminal and exits 0', async () => {
        const result = await cli(process.cwd(), ['explain', 'quorum']);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^Quorums/);
        expect(result.stdout).toContain('w + r > n');
    });

    it('explains a lint rule by its id', async () => {
        const result = await cli(process.cwd(), ['explain', 'shared-database']);
        expect(result.code).toBe(0);
        expect(result.stdout.toLowerCase()).toContain('database');
    });

    it('prints a rule page readably: underlined headings, bullets, indented code, links as text', async () => {
        const result = await cli(process.cwd(), ['explain', 'quorum-no-overlap']);
        expect(result.code).toBe(0);
        expect(result.stdout.startsWith('quorum-no-overlap\n=================\n\n  A leaderless store')).toBe(true);
        expect(result.stdout).toContain('\nWhat it detects\n---------------\n');
        expect(result.stdout).toContain('\n• Type: problem\n');
        expect(result.stdout).toContain('\n    database Events : cassandra {\n        replication leaderless { n 3; w 1; r 1 }\n    }\n');
        expect(result.stdout).toContain('\n• Quorums (n, w, r) (quorums): With n replicas');
        expect(result.stdout).not.toMatch(/\*\*|`|\]\(|^#|<!--/m);
        expect(result.stdout).not.toContain('\u001b');
    });

    it("draws a rule's options table within the width", async () => {
        const result = await cli(process.cwd(), ['explain', 'retry-without-backoff', '--width', '60']);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^│ requireJitter +│ boolean +│ true +│ .+ │$/m);
        for (const line of result.stdout.split('\n')) {
            if (!line.startsWith('    ')) expect(line.length, line).toBeLessThanOrEqual(60);
        }
    });

    it('refuses an unknown option with exit 2 and a pointer to its help', async () => {
        const result = await cli(process.cwd(), ['explain', 'quorum', '--colour']);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe("sysd: Unknown option '--colour'. Did you mean '--color'?\nRun 'sysd explain --help' for usage.\n");
        expect((await cli(process.cwd(), ['explain', '--help'])).stdout).toContain('--no-color');
    });

    it('is listed in the main help', async () => {
        const result = await cli(process.cwd(), ['--help']);
        expect(result.stdout).toContain('sysd explain [topic-or-rule]');
        expect(result.stdout).toContain('mermaid|markdown');
    });
});

describe('sysd export --format mermaid|markdown', () => {
    it('writes a Mermaid flowchart of the files to standard output', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const result = await cli(root, ['export', 'shop.sysd', '--format', 'mermaid']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^flowchart LR/m);
        expect(result.stdout).toContain('Orders');
        expect(result.stdout).toContain('Billing');
    });

    it('lists findings on the Markdown page under the same --rule and --config as check', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const page = await cli(root, ['export', 'shop.sysd', '--format', 'markdown']);
        expect(page.code).toBe(0);
        expect(page.stdout).toContain('```mermaid');
        expect(page.stdout).toContain('shared-database');
        expect(page.stdout).toContain('sync-call-without-timeout');

        const off = await cli(root, ['export', 'shop.sysd', '--format', 'markdown', '--rule', 'shared-database=off']);
        expect(off.code).toBe(0);
        expect(off.stdout).not.toContain('shared-database');
        expect(off.stdout).toContain('sync-call-without-timeout');

        fs.writeFileSync(path.join(root, 'strict.json'), JSON.stringify({ rules: { 'sync-call-without-timeout': 'off' } }));
        const configured = await cli(root, ['export', 'shop.sysd', '--format', 'markdown', '--config', 'strict.json']);
        expect(configured.code).toBe(0);
        expect(configured.stdout).not.toContain('sync-call-without-timeout');
    });

    it('refuses options of another format, and an unreadable --config, with exit 2', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const direction = await cli(root, ['export', 'shop.sysd', '--format', 'svg', '--direction', 'TB']);
        expect(direction.code).toBe(2);
        expect(direction.stderr).toContain('--direction applies to --format mermaid and markdown only');
        const theme = await cli(root, ['export', 'shop.sysd', '--format', 'mermaid', '--theme', 'dark']);
        expect(theme.code).toBe(2);
        expect(theme.stderr).toContain('--theme applies to --format svg and png only');
        const config = await cli(root, ['export', 'shop.sysd', '--format', 'mermaid', '--config', 'missing.json']);
        expect(config.code).toBe(2);
        expect(config.stderr).toMatch(/^sysd: error: the configuration file missing\.json /);
    });
});
