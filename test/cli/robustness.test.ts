// The CLI under hostile use: outputs that would replace their inputs or existing files, control
// characters in names and messages, huge numbers of problems, standard input, .gitignore, folder
// links back to a parent, FIFOs and broken configuration files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../cli/src/format/stylish.js';
import { colors } from '../../cli/src/format/colors.js';
import { inert, inertJson, inertLines } from '../../cli/src/format/inert.js';
import { isIgnored, readIgnoreFile } from '../../cli/src/gitignore.js';
import { writeOutputFile } from '../../cli/src/output-file.js';
import { run } from '../../cli/src/run.js';
import type { CliDiagnostic, FileReport } from '../../cli/src/workspace.js';
import { cli, CLEAN, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

/** Characters a terminal acts on: C0 (but line feed and tab), DEL, C1 and the bidirectional overrides and isolates. */
function rawControls(text: string): string[] {
    return [...text].filter(char => {
        const code = char.charCodeAt(0);
        return (code < 0x20 && code !== 0x0a && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    });
}

/** The colour codes sysd writes itself (SGR: ESC [ ... m). */
const SGR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');

/** Hostile text: an OSC title change, a screen clear, a one-character C1 CSI, BEL, NUL and a right-to-left override. */
const HOSTILE = ['\u001b]0;pwned\u0007', '\u001b[2J', '\u009b31m', '\u0007', '\u0000', '\u202eexe.sysd', '\r'];

function withStdin(cwd: string, argv: string[], input: string) {
    return cli(cwd, argv, {}, false, input);
}

function read(root: string, name: string): string {
    return fs.readFileSync(path.join(root, name), 'utf8');
}

describe('outputs never replace inputs', () => {
    it('check -o refuses every path to a checked file, an imported file or the configuration, and changes none', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            'shop.sysd': `import "lib/db.sysd";\n${SHOP}`,
            'lib/db.sysd': 'system Lib {\n  service Solo { replicas 2 }\n}\n'
        });
        fs.symlinkSync(path.join(root, 'shop.sysd'), path.join(root, 'alias.txt'));
        fs.linkSync(path.join(root, 'shop.sysd'), path.join(root, 'hard.txt'));
        const before = { shop: read(root, 'shop.sysd'), lib: read(root, 'lib/db.sysd'), config: read(root, 'sysd.config.json') };
        for (const output of ['shop.sysd', './shop.sysd', 'lib/../shop.sysd', path.join(root, 'shop.sysd'), 'alias.txt', 'hard.txt', 'lib/db.sysd', 'sysd.config.json']) {
            const result = await cli(root, ['check', 'shop.sysd', '-o', output]);
            expect(result.code, output).toBe(2);
            expect(result.stderr, output).toMatch(/the report would replace it/);
            expect(result.stdout, output).toBe('');
        }
        expect({ shop: read(root, 'shop.sysd'), lib: read(root, 'lib/db.sysd'), config: read(root, 'sysd.config.json') }).toEqual(before);
    });

    it('check -o writes a new report, replaces an earlier one, and leaves no temporary file', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        expect((await cli(root, ['check', '-o', 'report.txt'])).code).toBe(0);
        expect(read(root, 'report.txt')).toContain('2 warnings');
        fs.writeFileSync(path.join(root, 'report.txt'), 'old report');
        expect((await cli(root, ['check', '--format', 'json', '-o', 'report.txt'])).code).toBe(0);
        expect(JSON.parse(read(root, 'report.txt'))).toHaveLength(1);
        expect(fs.readdirSync(root).sort()).toEqual(['report.txt', 'shop.sysd', 'sysd.config.json']);
    });

    it('export refuses to replace an existing file without --force, names it, and says what --force replaced', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'shop.json': 'precious' });
        const refused = await cli(root, ['export', 'shop.sysd', '--format', 'elk-json', '-o', 'shop.json']);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toBe('sysd: error: shop.json already exists; add --force to replace it.\n');
        expect(read(root, 'shop.json')).toBe('precious');

        const forced = await cli(root, ['export', 'shop.sysd', '--format', 'elk-json', '-o', 'shop.json', '--force']);
        expect(forced.code).toBe(0);
        expect(forced.stderr).toBe('sysd: replaced shop.json\n');
        expect(JSON.parse(read(root, 'shop.json'))).toHaveProperty('children');

        const fresh = await cli(root, ['export', 'shop.sysd', '--format', 'mermaid', '-o', 'new.mmd']);
        expect(fresh.code).toBe(0);
        expect(fresh.stderr).toBe('');
        expect(read(root, 'new.mmd')).toMatch(/^flowchart|^---/);
        expect(fs.readdirSync(root).filter(name => name.endsWith('.tmp'))).toEqual([]);
    });

    it('export never writes over a file it draws, even with --force', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        for (const format of ['svg', 'mermaid', 'markdown']) {
            const result = await cli(root, ['export', 'shop.sysd', '--format', format, '-o', 'shop.sysd', '--force']);
            expect(result.code, format).toBe(2);
            expect(result.stderr, format).toContain('will not write shop.sysd: it is an input of this export');
        }
        expect(read(root, 'shop.sysd')).toBe(SHOP);
    });

    it('export to a folder writes nothing when a page exists, and replaces pages with --force', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'src/a.sysd': SHOP, 'src/b.sysd': CLEAN.replace(/Shop/g, 'Other'), 'pages/b.md': 'mine' });
        const refused = await cli(root, ['export', 'src', '--format', 'markdown', '-o', 'pages/']);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('pages/b.md already exists; add --force to replace it.');
        expect(fs.readdirSync(path.join(root, 'pages'))).toEqual(['b.md']);
        const forced = await cli(root, ['export', 'src', '--format', 'markdown', '-o', 'pages/', '--force']);
        expect(forced.code).toBe(0);
        expect(forced.stderr).toContain('sysd: replaced pages/b.md');
        expect(fs.readdirSync(path.join(root, 'pages')).sort()).toEqual(['a.md', 'b.md']);
        expect(read(root, 'pages/b.md')).toContain('# Architecture: b');
    });

    it('writes through a temporary file: a failed write leaves no file, a replacement keeps the permissions', () => {
        const root = fixture({ 'old.txt': 'old', 'plain': 'a file, not a folder' });
        const failed = writeOutputFile(path.join(root, 'plain', 'out.txt'), 'x', true);
        expect(failed).toEqual({ written: false, error: 'cannot be written (a part of the path is not a folder)' });
        fs.chmodSync(path.join(root, 'old.txt'), 0o640);
        expect(writeOutputFile(path.join(root, 'old.txt'), 'new', false)).toEqual({ written: false, error: 'already exists' });
        expect(writeOutputFile(path.join(root, 'old.txt'), 'new', true)).toEqual({ written: true, replaced: true });
        expect(read(root, 'old.txt')).toBe('new');
        expect(fs.statSync(path.join(root, 'old.txt')).mode & 0o777).toBe(0o640);
        expect(fs.readdirSync(root).sort()).toEqual(['old.txt', 'plain']);
    });
});

describe('terminal output is inert', () => {
    it('shows control characters as escapes and leaves other text alone', () => {
        expect(inert('a\u001b]0;x\u0007b\u009b\u202e\nc')).toBe('a\\x1b]0;x\\x07b\\x9b\\u202e\\nc');
        expect(inertLines('line\u001b[2J\n\tnext\r\n')).toBe('line\\x1b[2J\n\tnext\\r\n');
        expect(inert('Ünïcödé ✔ 名前')).toBe('Ünïcödé ✔ 名前');
        const json = JSON.stringify({ m: 'x\u009by\u202ez\u001b' }, null, 2);
        expect(rawControls(inertJson(json))).toEqual([]);
        expect(JSON.parse(inertJson(json))).toEqual({ m: 'x\u009by\u202ez\u001b' });
    });

    it('prints no raw control character from file names, element text or import paths in any check format', async () => {
        const files: Record<string, string> = { 'sysd.config.json': onlyKnownRules() };
        HOSTILE.forEach((text, i) => {
            const name = `f${i}${text.split('\u0000').join('')}.sysd`;
            files[name] = `import "${text}.sysd";\nsystem S${i}${text} {\n  service A { replicas 2 }\n}\n`;
        });
        const root = fixture(files);
        for (const format of ['stylish', 'json', 'sarif']) {
            const result = await cli(root, ['check', '--format', format]);
            // 1 for the syntax errors, 2 since the file holding a NUL byte is refused as binary.
            expect(result.code, format).toBe(2);
            expect(result.stderr, format).toContain('looks like a binary file');
            expect(rawControls(result.stdout), format).toEqual([]);
            expect(rawControls(result.stderr), format).toEqual([]);
        }
        const stylish = (await cli(root, ['check'])).stdout;
        expect(stylish).toContain('\\x1b]0;pwned\\x07');
        expect(stylish).toContain('\\x9b31m');
        // In colour, the only escapes left are the colours' own (SGR).
        const coloured = (await cli(root, ['check', '--color'])).stdout;
        expect(coloured).toMatch(SGR);
        expect(rawControls(coloured.replace(SGR, ''))).toEqual([]);
        const json = JSON.parse((await cli(root, ['check', '--format', 'json'])).stdout) as { file: string }[];
        expect(json.map(entry => entry.file)).toContain('f0\u001b]0;pwned\u0007.sysd');
    });

    it('escapes control characters in messages on standard error (export, usage, explain)', async () => {
        const root = fixture({ 'a.sysd': CLEAN });
        for (const argv of [
            ['export', 'missing\u001b]0;pwned\u0007.sysd', '--format', 'mermaid'],
            ['check', 'gone\u009b2J.sysd'],
            ['check', '--bogus\u001b[2J'],
            ['explain', 'no-such\u001b[2J'],
            ['export', 'a.sysd', '--format', 'mermaid', '--system', 'X\u202e']
        ]) {
            const result = await cli(root, argv);
            expect(result.code, argv.join(' ')).toBe(2);
            expect(rawControls(result.stderr), argv.join(' ')).toEqual([]);
            expect(result.stderr, argv.join(' ')).toMatch(/\\x1b|\\x9b|\\u202e/);
        }
    });
});

describe('stylish output at scale', () => {
    it('formats 130,000 problems without overflowing the stack, and grows linearly with them', () => {
        const long = 'x'.repeat(20_000);
        const diagnostics: CliDiagnostic[] = [];
        for (let i = 0; i < 130_000; i++) {
            diagnostics.push({
                rule: i % 2 ? 'shared-database' : null, messageId: null, kind: 'lint', severity: i % 3 ? 'warning' : 'error',
                message: i === 0 ? long : `problem ${i}`,
                range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, related: []
            });
        }
        const files: FileReport[] = [{ file: 'big.sysd', absolute: '/big.sysd', diagnostics }];
        const out = formatStylish(files, colors(false));
        // Each row is its own length plus the two padded columns; nothing is padded to the longest message.
        expect(out.length).toBeLessThan(long.length + 130_000 * 60);
        const lines = out.split('\n');
        expect(lines[2]).toMatch(/^ {7}2:1 {2}warning {2}problem 1 {2}shared-database$/);
        expect(lines[3]).toBe('       3:1  warning  problem 2');
        expect(out).toContain('✖ 130000 problems (43334 errors, 86666 warnings, 0 infos); 1 file checked');
    });
});

describe('sysd check: paths, standard input and configuration as in ESLint', () => {
    it('checks the current folder without paths, honouring .gitignore, and says how many files it checked', async () => {
        const root = fixture({
            'sysd.config.json': onlyKnownRules(),
            '.gitignore': '# generated\ngenerated/\n*.gen.sysd\n!keep.gen.sysd\n/top-only.sysd\n',
            'shop.sysd': SHOP,
            'top-only.sysd': 'not even sysd',
            'sub/top-only.sysd': CLEAN.replace(/Shop/g, 'Sub'),
            'generated/x.sysd': 'broken {',
            'a.gen.sysd': 'broken {',
            'keep.gen.sysd': CLEAN.replace(/Shop/g, 'Kept'),
            'deep/.gitignore': 'local.sysd\n',
            'deep/local.sysd': 'broken {',
            'node_modules/dep/x.sysd': 'broken {',
            '.cache/x.sysd': 'broken {'
        });
        fs.mkdirSync(path.join(root, '.git'));
        const json = await cli(root, ['check', '--format', 'json']);
        expect(json.code).toBe(0);
        expect((JSON.parse(json.stdout) as { file: string }[]).map(entry => entry.file)).toEqual(['keep.gen.sysd', 'shop.sysd', path.join('sub', 'top-only.sysd')]);
        const stylish = await cli(root, ['check']);
        expect(stylish.stdout).toContain('✖ 2 problems (0 errors, 2 warnings, 0 infos); 3 files checked');
    });

    it('reads the .gitignore syntax it documents', () => {
        const root = fixture({ '.gitignore': [
            '# comment', '', 'build/', '/only-top.sysd', 'doc/**/*.draft.sysd', '**/tmp', 'x[0-9].sysd', 'y[!a].sysd',
            '\\#hash.sysd', 'space.sysd\\ ', 'trailing.sysd   ', '*.gen.sysd', '!keep.gen.sysd', 'a?c.sysd', 'logs/**'
        ].join('\n') });
        const rules = [readIgnoreFile(root)!];
        const ignored = (relative: string, folder = false) => isIgnored(rules, path.join(root, relative), folder);
        expect(ignored('build', true)).toBe(true);
        expect(ignored('build', false)).toBe(false);
        expect(ignored('sub/build', true)).toBe(true);
        expect(ignored('only-top.sysd')).toBe(true);
        expect(ignored('sub/only-top.sysd')).toBe(false);
        expect(ignored('doc/a/b/c.draft.sysd')).toBe(true);
        expect(ignored('doc/c.draft.sysd')).toBe(true);
        expect(ignored('other/c.draft.sysd')).toBe(false);
        expect(ignored('deep/er/tmp', true)).toBe(true);
        expect(ignored('x1.sysd')).toBe(true);
        expect(ignored('xa.sysd')).toBe(false);
        expect(ignored('yb.sysd')).toBe(true);
        expect(ignored('ya.sysd')).toBe(false);
        expect(ignored('#hash.sysd')).toBe(true);
        expect(ignored('space.sysd ')).toBe(true);
        expect(ignored('trailing.sysd')).toBe(true);
        expect(ignored('m.gen.sysd')).toBe(true);
        expect(ignored('keep.gen.sysd')).toBe(false);
        expect(ignored('abc.sysd')).toBe(true);
        expect(ignored('a/c.sysd')).toBe(false);
        expect(ignored('logs/a/b.sysd')).toBe(true);
        expect(ignored('logs', true)).toBe(false);
    });

    it('applies the .gitignore files above a folder up to the root of its git work tree', async () => {
        const root = fixture({ '.gitignore': 'models/draft/\n', 'models/ok.sysd': CLEAN, 'models/draft/x.sysd': 'broken {' });
        fs.mkdirSync(path.join(root, '.git'));
        const result = await cli(root, ['check', 'models', '--format', 'json']);
        expect((JSON.parse(result.stdout) as { file: string }[]).map(entry => entry.file)).toEqual([path.join('models', 'ok.sysd')]);
    });

    it('does not follow a folder link back to a parent, so checking a folder stays inside it', async () => {
        const root = fixture({ 'parent.sysd': 'broken {', 'sub/ok.sysd': CLEAN });
        fs.symlinkSync('..', path.join(root, 'sub', 'up'));
        fs.symlinkSync(root, path.join(root, 'sub', 'root'));
        const result = await cli(root, ['check', 'sub', '--format', 'json']);
        expect(result.code).toBe(0);
        expect((JSON.parse(result.stdout) as { file: string }[]).map(entry => entry.file)).toEqual([path.join('sub', 'ok.sysd')]);
    });

    it("'-' reads standard input; --stdin-filename names it and finds its configuration", async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'strict/sysd.config.json': onlyKnownRules({ 'shared-database': 'error' }) });
        const plain = await withStdin(root, ['check', '-', '--format', 'json'], SHOP);
        expect(plain.code).toBe(0);
        const entries = JSON.parse(plain.stdout) as { file: string; diagnostics: { rule: string; severity: string }[] }[];
        expect(entries.map(entry => entry.file)).toEqual(['<stdin>']);
        expect(entries[0].diagnostics.map(d => d.rule)).toEqual(['sync-call-without-timeout', 'shared-database']);

        const named = await withStdin(root, ['check', '-', '--stdin-filename', 'strict/shop.sysd'], SHOP);
        expect(named.code).toBe(1);
        expect(named.stdout).toMatch(/^strict\/shop\.sysd\n/);
        expect(named.stdout).toMatch(/ {2}error {4}'Db' is written by 2 services/);

        expect((await withStdin(root, ['check', '-', 'other.sysd'], SHOP)).code).toBe(2);
        expect((await withStdin(root, ['check', '--stdin-filename', 'x.sysd'], SHOP)).code).toBe(2);
        const binary = await run(['check', '-'], { stdout: () => undefined, stderr: () => undefined, cwd: root, env: {}, isTTY: false, readStdin: () => Promise.resolve({ error: 'looks like a binary file' }) });
        expect(binary).toBe(2);
    });

    it('an invalid sysd.config.json is an error with exit 2, an unknown rule in it a warning', async () => {
        for (const text of ['{ "rules": ', '[]', '"rules"']) {
            const root = fixture({ 'sysd.config.json': text, 'shop.sysd': SHOP });
            const result = await cli(root, ['check', '--format', 'json']);
            expect(result.code, text).toBe(2);
            expect(result.stderr, text).toMatch(/^sysd: error: sysd\.config\.json/m);
            expect(result.stderr, text).not.toContain(root);
        }
        const sarif = JSON.parse((await cli(fixture({ 'sysd.config.json': '[]', 'a.sysd': CLEAN }), ['check', '--format', 'sarif'])).stdout) as {
            runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
        };
        expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map(n => n.level)).toEqual(['error']);
        const unknown = fixture({ 'sysd.config.json': JSON.stringify({ rules: { 'made-up-rule': 'off' } }), 'a.sysd': CLEAN });
        const warned = await cli(unknown, ['check']);
        expect(warned.stderr).toMatch(/^sysd: warning: sysd\.config\.json: Unknown rule 'made-up-rule'/m);
        expect(warned.code).not.toBe(2);
    });

    it('passes over a FIFO named sysd.config.json instead of waiting on it', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules({ 'shared-database': 'error' }), 'sub/shop.sysd': SHOP });
        if (spawnSync('mkfifo', [path.join(root, 'sub', 'sysd.config.json')]).status !== 0) return; // no mkfifo here
        const result = await cli(root, ['check', 'sub', '--format', 'json']);
        expect(result.code).toBe(1);
        const entries = JSON.parse(result.stdout) as { diagnostics: { rule: string; severity: string }[] }[];
        expect(entries[0].diagnostics.find(d => d.rule === 'shared-database')?.severity).toBe('error');
    }, 20_000);
});
