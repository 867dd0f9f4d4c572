import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin', 'sysd.cjs');
const bundle = path.join(repo, 'out', 'cli', 'main.cjs');
const cliBundle = (name: string) => path.join(repo, 'out', 'cli', `${name}.cjs`);

beforeAll(() => {
    const started = Date.now();
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    // esbuild.mjs builds every bundle; the CLI's is what this suite needs, fresh.
    const fresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= started - 2000;
    if (!fresh) throw new Error(`the CLI bundle was not built:\n${build.stderr}`);
}, 150_000);

function sysd(cwd: string, args: string[], env: Record<string, string> = {}, input: string | Buffer = '') {
    const result = spawnSync(process.execPath, [bin, ...args], {
        cwd, encoding: 'utf8', timeout: 60_000, input, env: { ...process.env, NO_COLOR: '', ...env }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

describe('the bundled sysd command', () => {
    it('prints exactly one JSON array on stdout and exits 0 on warnings only', () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'ok.sysd': CLEAN.replace(/Shop/g, 'Other').replace(/Orders/g, 'Front').replace(/Billing/g, 'Back') });
        const result = sysd(root, ['check', '--format', 'json']);
        expect(result.code).toBe(0);
        const entries = JSON.parse(result.stdout) as { file: string; diagnostics: { rule: string | null }[] }[];
        expect(entries.map(entry => entry.file)).toEqual(['ok.sysd', 'shop.sysd']);
        expect(entries[1].diagnostics.map(d => d.rule)).toEqual(['sync-call-without-timeout', 'shared-database']);
        expect(result.stderr).toBe('');
    });

    it('exits 1 on errors and prints stylish output without colour when piped', () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'bad.sysd': 'system X {\n  service Y { calls Z }\n}\n' });
        const result = sysd(root, ['check', 'bad.sysd']);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^bad\.sysd\n {2}2:21 {2}error/);
        expect(result.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos)');
        expect(result.stdout).not.toContain('\u001b[');
    });

    it('rejects an 11 MB file by its size, quickly, with one line and exit 2', () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'huge.sysd': Buffer.alloc(11 * 1024 * 1024, 0x20) });
        const result = sysd(root, ['check', '.', '--format', 'json']);
        expect(result.signal).toBeNull();
        expect(result.code).toBe(2);
        expect(result.stderr.trim()).toBe('sysd: error: huge.sysd is too large (11 MB; the limit is 5 MB)');
        expect((JSON.parse(result.stdout) as { file: string }[]).map(entry => entry.file)).toEqual(['shop.sysd']);
    });

    it('reports a missing path, a binary file and invalid UTF-8 without a stack trace', () => {
        const root = fixture({ 'bin.sysd': Buffer.from([0, 1, 2, 3]), 'bad.sysd': Buffer.from([0x73, 0xff, 0xfe, 0x0a]) });
        const result = sysd(root, ['check', 'bin.sysd', 'bad.sysd', 'gone']);
        expect(result.code).toBe(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toEqual([
            'sysd: error: gone does not exist',
            'sysd: error: bin.sysd looks like a binary file (it contains NUL bytes), not .sysd text',
            'sysd: error: bad.sysd is not valid UTF-8 text (save it as UTF-8)'
        ]);
    });

    it('exits 2 on an unknown rule and on usage errors', () => {
        const root = fixture({ 'a.sysd': CLEAN });
        const unknown = sysd(root, ['check', '--rule', 'nope=off']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("Unknown rule 'nope'");
        expect(unknown.stdout).toBe('');
        expect(sysd(root, ['explode']).code).toBe(2);
    });

    it('reads options with Node\'s parser: a value may start with a dash, unknown options exit 2', () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        expect(sysd(root, ['check', '--max-warnings', '-1', '--format=json', '-o', 'report.json']).code).toBe(0);
        expect(fs.readFileSync(path.join(root, 'report.json'), 'utf8')).toContain('shared-database');
        const unknown = sysd(root, ['check', '--frobnicate']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toBe("sysd: Unknown option '--frobnicate'.\nRun 'sysd --help' for usage.\n");
        const missing = sysd(root, ['export', 'shop.sysd', '-o']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe("sysd: Option '-o' needs a value.\nRun 'sysd export --help' for usage.\n");
    });

    it('colours only when asked or in a terminal, with the same text either way', () => {
        const plain = sysd(repo, ['explain', 'quorum-no-overlap']);
        expect(plain.code).toBe(0);
        expect(plain.stdout).not.toContain('\u001b');
        const coloured = sysd(repo, ['explain', 'quorum-no-overlap', '--color']);
        expect(coloured.stdout).toContain('\u001b[1mquorum-no-overlap\u001b[22m');
        expect(stripVTControlCharacters(coloured.stdout)).toBe(plain.stdout);
        // FORCE_COLOR speaks to Node and chalk about process.stdout; sysd decides by its own rules.
        expect(sysd(repo, ['explain', 'quorum-no-overlap'], { FORCE_COLOR: '1' }).stdout).toBe(plain.stdout);
        const check = sysd(fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP }), ['check', '--color']);
        expect(check.stdout).toContain('\u001b[4mshop.sysd\u001b[24m');
    });

    it('prints the package version and lists rules', () => {
        const version = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
        expect(sysd(repo, ['--version']).stdout).toBe(`${version}\n`);
        const rules = JSON.parse(sysd(repo, ['rules', '--format', 'json']).stdout) as { id: string; docs: string | null }[];
        const ids = rules.map(rule => rule.id);
        expect(ids).toEqual(expect.arrayContaining(['shared-database', 'sync-call-without-timeout']));
        expect(rules.find(rule => rule.id === 'shared-database')!.docs).toBe(`file://${path.join(repo, 'docs', 'rules', 'shared-database.md')}`);
    });

    it('explains a topic and writes a Markdown page with a parseable Mermaid block', () => {
        const explained = sysd(repo, ['explain', 'transactional-outbox']);
        expect(explained.code).toBe(0);
        expect(explained.stdout.length).toBeGreaterThan(500);
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const page = sysd(root, ['export', 'shop.sysd', '--format', 'markdown', '-o', 'shop.md']);
        expect(page.code).toBe(0);
        const text = fs.readFileSync(path.join(root, 'shop.md'), 'utf8');
        expect(text).toMatch(/```mermaid\nflowchart LR/);
        expect(text).toContain('shared-database');
    });

    it("checks standard input with 'check -', and refuses binary or oversized input in one line", () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules() });
        const result = sysd(root, ['check', '-', '--stdin-filename', 'piped.sysd', '--format', 'json'], {}, SHOP);
        expect(result.code).toBe(0);
        const entries = JSON.parse(result.stdout) as { file: string; diagnostics: { rule: string | null }[] }[];
        expect(entries.map(entry => entry.file)).toEqual(['piped.sysd']);
        expect(entries[0].diagnostics.map(d => d.rule)).toEqual(['sync-call-without-timeout', 'shared-database']);
        const binary = sysd(root, ['check', '-'], {}, Buffer.from([0x73, 0x00, 0x01]));
        expect(binary.code).toBe(2);
        expect(binary.stderr).toBe('sysd: error: standard input looks like a binary file (it contains NUL bytes), not .sysd text\n');
        const huge = sysd(root, ['check', '-'], {}, Buffer.alloc(6 * 1024 * 1024, 0x61));
        expect(huge.code).toBe(2);
        expect(huge.stderr).toBe('sysd: error: standard input is too large (more than 5 MB)\n');
    });
});

describe('the CLI bundles', () => {
    /** Runs sysd in this process's Node and returns the out/cli bundles it loaded, by name. */
    function loadedBundles(cwd: string, args: string[]): { code: number | null; loaded: string[] } {
        const script = `process.argv.splice(1, 0, 'sysd');
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));
require(${JSON.stringify(bin)});`;
        const result = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '' } });
        const json = result.stderr.slice(result.stderr.lastIndexOf('LOADED ') + 'LOADED '.length);
        const loaded = (JSON.parse(json) as string[])
            .filter(file => path.dirname(file) === path.join(repo, 'out', 'cli'))
            .map(file => path.basename(file, '.cjs'))
            .sort();
        return { code: result.status, loaded };
    }

    it('load only the bundle of the command that runs', () => {
        const root = fixture({ 'one.sysd': 'service A\n' });
        expect(loadedBundles(root, ['--version'])).toEqual({ code: 0, loaded: ['main'] });
        expect(loadedBundles(root, ['check', 'one.sysd'])).toEqual({ code: 0, loaded: ['check', 'main'] });
        expect(loadedBundles(root, ['rules'])).toEqual({ code: 0, loaded: ['check', 'main'] });
        expect(loadedBundles(root, ['explain', 'outbox'])).toEqual({ code: 0, loaded: ['explain', 'main'] });
        expect(loadedBundles(root, ['export', 'one.sysd', '--format', 'mermaid'])).toEqual({ code: 0, loaded: ['export', 'main'] });
    });

    it('keep the diagram code, ELK, resvg and marked out of the entry and the check bundle', () => {
        const main = fs.readFileSync(cliBundle('main'), 'utf8');
        expect(main.length).toBeLessThan(100_000);
        expect(main).not.toMatch(/chevrotain|langium/i);
        // Strings that survive minification: ELK's option ids, resvg's package name, marked's own error.
        const markers = { elkjs: 'org.eclipse.elk', resvg: '@resvg/resvg-js', marked: 'input parameter is undefined or null' };
        const check = fs.readFileSync(cliBundle('check'), 'utf8');
        for (const [library, marker] of Object.entries(markers)) expect(check, library).not.toContain(marker);
        const exporter = fs.readFileSync(cliBundle('export'), 'utf8');
        expect(exporter).toContain(markers.elkjs);
        expect(exporter).toContain(markers.resvg);
        expect(fs.readFileSync(cliBundle('explain'), 'utf8')).toContain(markers.marked);
    });
});

