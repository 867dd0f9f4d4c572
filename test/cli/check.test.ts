import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLEAN, cli, fixture, onlyKnownRules, positionOf, SHOP } from './cli-helpers.js';

interface JsonDiagnostic {
    rule: string | null;
    messageId: string | null;
    severity: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface JsonEntry {
    file: string;
    diagnostics: JsonDiagnostic[];
}

function expectPosition(value: unknown): void {
    expect(value).toBeTypeOf('object');
    expect(Object.keys(value as object).sort()).toEqual(['character', 'line']);
    const { line, character } = value as { line: unknown; character: unknown };
    expect(Number.isInteger(line) && (line as number) >= 0).toBe(true);
    expect(Number.isInteger(character) && (character as number) >= 0).toBe(true);
}

/** Parses `--format json` output and checks every field of the contract. */
function parseJson(stdout: string): JsonEntry[] {
    const parsed = JSON.parse(stdout) as unknown;
    expect(Array.isArray(parsed)).toBe(true);
    for (const entry of parsed as unknown[]) {
        expect(Object.keys(entry as object).sort()).toEqual(['diagnostics', 'file']);
        const { file, diagnostics } = entry as { file: unknown; diagnostics: unknown };
        expect(file).toBeTypeOf('string');
        expect(Array.isArray(diagnostics)).toBe(true);
        for (const d of diagnostics as Record<string, unknown>[]) {
            expect(Object.keys(d).sort()).toEqual(['message', 'messageId', 'range', 'rule', 'severity']);
            expect(d.rule === null || typeof d.rule === 'string').toBe(true);
            // A lint finding names the rule's message; other problems have neither.
            if (d.rule === null) expect(d.messageId).toBeNull();
            else expect(d.messageId).toBeTypeOf('string');
            expect(['error', 'warning', 'info', 'hint']).toContain(d.severity);
            expect(d.message).toBeTypeOf('string');
            expect((d.message as string).length).toBeGreaterThan(0);
            expect(Object.keys(d.range as object).sort()).toEqual(['end', 'start']);
            const range = d.range as { start: unknown; end: unknown };
            expectPosition(range.start);
            expectPosition(range.end);
        }
    }
    return parsed as JsonEntry[];
}

describe('sysd check --format json', () => {
    it('prints one entry per file with rule ids, null for broken references, and LSP positions', async () => {
        const broken = 'system Other {\n  service Api { replicas 2; calls Missing over http { timeout 1s } }\n}\n';
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'broken.sysd': broken, 'clean/ok.sysd': 'system Quiet {\n  service Solo { replicas 2 }\n}\n' });
        const result = await cli(root, ['check', '.', '--format', 'json']);
        expect(result.code).toBe(1);
        const entries = parseJson(result.stdout);
        expect(entries.map(entry => entry.file)).toEqual(['broken.sysd', path.join('clean', 'ok.sysd'), 'shop.sysd']);
        expect(entries[1].diagnostics).toEqual([]);

        const reference = entries[0].diagnostics;
        expect(reference).toHaveLength(1);
        expect(reference[0].rule).toBeNull();
        expect(reference[0].severity).toBe('error');
        const start = positionOf(broken, 'Missing');
        expect(reference[0].range).toEqual({ start, end: { line: start.line, character: start.character + 'Missing'.length } });

        const shop = entries[2].diagnostics;
        expect(shop.map(d => d.rule)).toEqual(['sync-call-without-timeout', 'shared-database']);
        expect(shop.map(d => d.messageId)).toEqual(['missing', 'shared']);
        expect(shop.every(d => d.severity === 'warning')).toBe(true);
        expect(shop[0].range.start).toEqual(positionOf(SHOP, 'Billing over'));
        expect(shop[1].range.start).toEqual(positionOf(SHOP, 'Db :'));
        expect(result.stderr).toBe('');
    });

    it('links every file of a folder as one workspace', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            'arch/orders.sysd': 'system Shop {\n  service Orders { replicas 2; calls Billing over http }\n}\n',
            'arch/billing/billing.sysd': 'system Shop {\n  service Billing { replicas 2 }\n}\n'
        });
        const result = await cli(root, ['check', 'arch', '--format', 'json']);
        const entries = parseJson(result.stdout);
        expect(entries.map(entry => entry.file)).toEqual([path.join('arch', 'billing', 'billing.sysd'), path.join('arch', 'orders.sysd')]);
        // The call resolves across files, so the rule about it can fire; no reference error.
        expect(entries[1].diagnostics.map(d => d.rule)).toEqual(['sync-call-without-timeout']);
        expect(result.code).toBe(0);
    });

    it('follows imports transitively from a single file', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            'main.sysd': 'import "parts/orders.sysd"\nsystem Shop {\n  service Web { replicas 2; calls Orders over http { timeout 1s } }\n}\n',
            'parts/orders.sysd': 'import "billing"\nsystem Shop {\n  service Orders { replicas 2; calls Billing over http }\n}\n',
            'parts/billing.sysd': 'system Shop {\n  service Billing { replicas 2 }\n}\n',
            'parts/unrelated.sysd': 'system Else {\n  service Lonely { calls Nowhere }\n}\n'
        });
        const result = await cli(root, ['check', 'main.sysd', '--format', 'json']);
        const entries = parseJson(result.stdout);
        expect(entries.map(entry => entry.file)).toEqual(['main.sysd', path.join('parts', 'billing.sysd'), path.join('parts', 'orders.sysd')]);
        expect(entries[0].diagnostics).toEqual([]);
        expect(entries[2].diagnostics.map(d => d.rule)).toEqual(['sync-call-without-timeout']);
        expect(result.code).toBe(0);
    });

    it('reports a missing import (validator) and an unusable import (binary file) on the importing file', async () => {
        const root = fixture({
            'main.sysd': 'import "gone.sysd"\nimport "blob.sysd"\nsystem Shop {\n  service Web { replicas 2 }\n}\n',
            'blob.sysd': Buffer.from([0x73, 0x00, 0x01, 0x02])
        });
        const result = await cli(root, ['check', 'main.sysd', '--format', 'json']);
        const entries = parseJson(result.stdout);
        expect(entries.map(entry => entry.file)).toEqual(['main.sysd']);
        const errors = entries[0].diagnostics.filter(d => d.severity === 'error');
        expect(errors.map(d => d.range.start.line)).toEqual([0, 1]);
        expect(errors.every(d => d.rule === null)).toBe(true);
        expect(errors[0].message).toContain('gone.sysd');
        expect(errors[1].message).toMatch(/blob\.sysd.*binary/);
        expect(result.code).toBe(1);
    });

    it('skips node_modules and dot-folders when walking a folder', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            'a.sysd': CLEAN,
            'node_modules/pkg/x.sysd': 'not sysd at all {{{',
            '.git/y.sysd': 'not sysd at all {{{',
            'notes.txt': 'ignored'
        });
        const result = await cli(root, ['check', '--format', 'json']);
        expect(parseJson(result.stdout).map(entry => entry.file)).toEqual(['a.sysd']);
        expect(result.code).toBe(0);
    });
});

describe('sysd check exit codes and options', () => {
    it('exits 0 on a clean workspace and says so', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'a.sysd': CLEAN });
        const result = await cli(root, ['check']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('No problems');
        expect(result.stderr).toBe('');
    });

    it('exits 0 with warnings only, and 1 when they exceed --max-warnings', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        expect((await cli(root, ['check'])).code).toBe(0);
        expect((await cli(root, ['check', '--max-warnings', '2'])).code).toBe(0);
        const over = await cli(root, ['check', '--max-warnings', '1']);
        expect(over.code).toBe(1);
        expect(over.stderr).toMatch(/too many warnings/);
        expect((await cli(root, ['check', '--max-warnings=0', '--quiet'])).code).toBe(0);
    });

    it('exits 1 on errors, and --rule raises or removes findings', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const raised = await cli(root, ['check', '--format', 'json', '--rule', 'shared-database=error']);
        expect(raised.code).toBe(1);
        expect(parseJson(raised.stdout)[0].diagnostics.find(d => d.rule === 'shared-database')?.severity).toBe('error');

        const removed = await cli(root, ['check', '--format', 'json', '--rule', 'shared-database=off', '--rule=sync-call-without-timeout=off']);
        expect(removed.code).toBe(0);
        expect(parseJson(removed.stdout)[0].diagnostics).toEqual([]);
    });

    it('rejects an unknown rule id, a bad severity and unknown options with exit 2', async () => {
        const root = fixture({ 'a.sysd': CLEAN });
        const unknown = await cli(root, ['check', '--rule', 'no-such-rule=off']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("Unknown rule 'no-such-rule'");
        expect(unknown.stdout).toBe('');
        expect((await cli(root, ['check', '--rule', 'shared-database=loud'])).code).toBe(2);
        expect((await cli(root, ['check', '--frobnicate'])).code).toBe(2);
        expect((await cli(root, ['check', '--format', 'xml'])).code).toBe(2);
        expect((await cli(root, ['check', '--max-warnings', 'many'])).code).toBe(2);
        expect((await cli(root, ['lint'])).code).toBe(2);
        expect((await cli(root, [])).code).toBe(2);
    });

    it('applies the nearest sysd.config.json above each file and warns about its problems', async () => {
        const root = fixture({
            'sysd.config.json': JSON.stringify({ rules: { 'sync-call-without-timeout': 'error', 'made-up-rule': 'off' } }),
            'deep/er/shop.sysd': SHOP
        });
        const result = await cli(root, ['check', 'deep', '--format', 'json']);
        const finding = parseJson(result.stdout)[0].diagnostics.find(d => d.rule === 'sync-call-without-timeout');
        expect(finding?.severity).toBe('error');
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/warning: .*sysd\.config\.json: Unknown rule 'made-up-rule'/);
    });

    it('--config replaces the upward search, and --rule still wins over it', async () => {
        const root = fixture({
            'sysd.config.json': JSON.stringify({ rules: { 'sync-call-without-timeout': 'error' } }),
            // Says nothing about sync-call-without-timeout: its default (warning) must win over the
            // 'error' of the sysd.config.json that the upward search would have found.
            'ci.json': JSON.stringify({ rules: { ...(JSON.parse(onlyKnownRules({ 'shared-database': 'off' })) as { rules: Record<string, string> }).rules, 'sync-call-without-timeout': undefined } }),
            'shop.sysd': SHOP
        });
        const viaConfig = await cli(root, ['check', '--config', 'ci.json', '--format', 'json']);
        expect(parseJson(viaConfig.stdout)[0].diagnostics.map(d => [d.rule, d.severity])).toEqual([['sync-call-without-timeout', 'warning']]);
        expect(viaConfig.code).toBe(0);

        const withRule = await cli(root, ['check', '--config', 'ci.json', '--rule', 'shared-database=info', '--format', 'json']);
        expect(parseJson(withRule.stdout)[0].diagnostics.map(d => [d.rule, d.severity])).toEqual([['sync-call-without-timeout', 'warning'], ['shared-database', 'info']]);

        const missing = await cli(root, ['check', '--config', 'nope.json']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/nope\.json does not exist/);
    });

    it('--quiet shows errors only', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'bad.sysd': 'system X {\n  service Y { calls Z }\n}\n' });
        const result = await cli(root, ['check', '--quiet', '--format', 'json']);
        const entries = parseJson(result.stdout);
        expect(entries.flatMap(entry => entry.diagnostics).map(d => d.severity)).toEqual(['error']);
        expect(result.code).toBe(1);
    });

    it('prints stylish output with aligned rows and a summary; colour only on a terminal without NO_COLOR', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const plain = await cli(root, ['check']);
        const lines = plain.stdout.split('\n');
        expect(lines[0]).toBe('shop.sysd');
        expect(lines[1]).toMatch(/^ {2}2:49 {2}warning {2}'Orders' calls 'Billing'.* {2}sync-call-without-timeout$/);
        expect(lines[2]).toMatch(/^ {2}4:12 {2}warning {2}'Db' is written by 2 services.* {2}shared-database$/);
        expect(lines[1].indexOf('sync-call-without-timeout')).toBe(lines[2].indexOf('shared-database'));
        expect(plain.stdout).toContain('✖ 2 problems (0 errors, 2 warnings, 0 infos)');
        expect(plain.stdout).not.toContain('\u001b[');

        expect((await cli(root, ['check'], {}, true)).stdout).toContain('\u001b[');
        expect((await cli(root, ['check'], { NO_COLOR: '1' }, true)).stdout).not.toContain('\u001b[');
        expect((await cli(root, ['check', '--no-color'], {}, true)).stdout).not.toContain('\u001b[');
    });

    it('writes the report to --output-file and nothing to stdout', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const result = await cli(root, ['check', '--format', 'json', '-o', 'report.json']);
        expect(result.stdout).toBe('');
        const entries = parseJson(fs.readFileSync(path.join(root, 'report.json'), 'utf8'));
        expect(entries[0].diagnostics).toHaveLength(2);
    });
});

describe('sysd check input errors', () => {
    it('reports missing paths, binary, non-UTF-8 and oversized files in one line each, exits 2, still lints the rest', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            'shop.sysd': SHOP,
            'binary.sysd': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]),
            'latin1.sysd': Buffer.from('system Caf\xe9 {}\n', 'latin1'),
            'huge.sysd': Buffer.alloc(11 * 1024 * 1024, 0x61)
        });
        const result = await cli(root, ['check', '.', 'missing.sysd', 'nowhere/', '--format', 'json']);
        expect(result.code).toBe(2);
        const entries = parseJson(result.stdout);
        expect(entries.map(entry => entry.file)).toEqual(['shop.sysd']);
        expect(entries[0].diagnostics).toHaveLength(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(5);
        expect(result.stderr).toMatch(/missing\.sysd does not exist/);
        expect(result.stderr).toMatch(/nowhere\/? does not exist/);
        expect(result.stderr).toMatch(/binary\.sysd looks like a binary file/);
        expect(result.stderr).toMatch(/latin1\.sysd is not valid UTF-8/);
        expect(result.stderr).toMatch(/huge\.sysd is too large \(11 MB; the limit is 5 MB\)/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('refuses a file that is not a regular file without blocking on it', async () => {
        const root = fixture({ 'a.sysd': CLEAN });
        const fifo = path.join(root, 'pipe.sysd');
        const made = spawnSync('mkfifo', [fifo]);
        if (made.status !== 0) return; // no mkfifo on this system
        const result = await cli(root, ['check', 'pipe.sysd', 'a.sysd']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('pipe.sysd is not a regular file');
    });

    it.skipIf(process.getuid?.() === 0)('reports a file without read permission', async () => {
        const root = fixture({ 'locked.sysd': CLEAN });
        fs.chmodSync(path.join(root, 'locked.sysd'), 0o000);
        const result = await cli(root, ['check', 'locked.sysd']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('locked.sysd cannot be read (permission denied)');
    });

    it('exits 2 when a folder holds no .sysd files', async () => {
        const root = fixture({ 'readme.md': '# nothing here' });
        const result = await cli(root, ['check']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('without .sysd files');
    });
});
