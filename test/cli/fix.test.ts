// `sysd check --fix` and `--fix-dry-run`: the fix-all engine of language/src/host/fix-all.ts on files,
// folders and standard input.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';
import { EXAMPLES_DIR } from '../helpers.js';

const FIXED_SHOP = SHOP.replace('calls Billing over http }', 'calls Billing over http { timeout 1s } }');
const BROKEN = 'system Shop {\n  service Orders { replicas; calls Billing over http }\n  service Billing\n}\n';

describe('sysd check --fix', () => {
    it('writes the fixed file in place and reports what remains', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const { code, stdout, stderr } = await cli(root, ['check', '--fix', '.']);
        expect(fs.readFileSync(path.join(root, 'shop.sysd'), 'utf8')).toBe(FIXED_SHOP);
        expect(stderr).toContain('sysd: fixed 1 problem in shop.sysd');
        expect(stdout).not.toContain('sync-call-without-timeout');
        expect(stdout).toContain('shared-database');
        expect(code).toBe(0);
        // Idempotent: nothing left to fix, nothing written.
        const again = await cli(root, ['check', '--fix', '.']);
        expect(again.stderr).not.toContain('fixed');
        expect(fs.readFileSync(path.join(root, 'shop.sysd'), 'utf8')).toBe(FIXED_SHOP);
    });

    it('leaves a file with syntax errors alone and says so; the exit code comes from what remains', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'broken.sysd': BROKEN, 'shop.sysd': SHOP });
        const { code, stderr, stdout } = await cli(root, ['check', '--fix', '.']);
        expect(fs.readFileSync(path.join(root, 'broken.sysd'), 'utf8')).toBe(BROKEN);
        expect(stderr).toContain('broken.sysd has syntax errors: nothing was fixed in it');
        expect(fs.readFileSync(path.join(root, 'shop.sysd'), 'utf8')).toBe(FIXED_SHOP);
        expect(stdout).toContain('broken.sysd');
        expect(code).toBe(1);
    });

    it('does not fix files that are only imported', async () => {
        const lib = 'system Lib {\n  service A { replicas 2; calls B over http }\n  service B { replicas 2 }\n}\n';
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'main.sysd': 'import "lib/lib.sysd"\nsystem Main {\n  service C { replicas 2 }\n}\n', 'lib/lib.sysd': lib });
        await cli(root, ['check', '--fix', 'main.sysd']);
        expect(fs.readFileSync(path.join(root, 'lib/lib.sysd'), 'utf8')).toBe(lib);
    });

    it('with standard input, prints the fixed text and sends the report to standard error', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules() });
        const { code, stdout, stderr } = await cli(root, ['check', '-', '--fix'], {}, false, SHOP);
        expect(stdout).toBe(FIXED_SHOP);
        expect(stderr).toContain('shared-database');
        expect(code).toBe(0);
        const broken = await cli(root, ['check', '-', '--fix'], {}, false, BROKEN);
        expect(broken.stdout).toBe(BROKEN);
        expect(broken.code).toBe(1);
    });

    it('refuses --fix with --fix-dry-run', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const { code, stderr } = await cli(root, ['check', '--fix', '--fix-dry-run']);
        expect(code).toBe(2);
        expect(stderr).toContain('cannot be combined');
    });
});

describe('sysd check --fix-dry-run', () => {
    it('writes nothing and lists the fixes it would apply, then what would remain', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const { code, stdout } = await cli(root, ['check', '--fix-dry-run']);
        expect(fs.readFileSync(path.join(root, 'shop.sysd'), 'utf8')).toBe(SHOP);
        expect(stdout).toMatch(/shop\.sysd: 1 fix would be applied\n {2}2:\d+ {2}sync-call-without-timeout {2}\S/);
        expect(stdout).toContain('shared-database');
        expect(code).toBe(0);
    });

    it('includes the fixes and the fixed text in JSON', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'broken.sysd': BROKEN });
        const { stdout } = await cli(root, ['check', '--fix-dry-run', '--format', 'json']);
        const entries = JSON.parse(stdout) as Array<{ file: string; fixes?: Array<{ rule: string; range: { start: { line: number } } }>; output?: string; parseErrors?: boolean }>;
        const shop = entries.find(entry => entry.file === 'shop.sysd')!;
        expect(shop.fixes!.map(fix => [fix.rule, fix.range.start.line])).toEqual([['sync-call-without-timeout', 1]]);
        expect(shop.output).toBe(FIXED_SHOP);
        const broken = entries.find(entry => entry.file === 'broken.sysd')!;
        expect(broken).toMatchObject({ fixes: [], parseErrors: true });
        expect(broken.output).toBeUndefined();
        // Without fix options, the JSON shape is unchanged.
        const plain = JSON.parse((await cli(root, ['check', '--format', 'json'])).stdout) as object[];
        expect(plain.every(entry => !('fixes' in entry))).toBe(true);
    });
});

describe('--fix over the examples', () => {
    it('fixes copies of every example, leaves examples/ alone, and a second run changes nothing', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-fix-examples-'));
        fs.cpSync(EXAMPLES_DIR, root, { recursive: true });
        const before = snapshot(EXAMPLES_DIR);
        const first = await cli(root, ['check', '--fix', '.']);
        expect(first.stderr).not.toContain('error');
        const fixed = snapshot(root);
        expect(Object.keys(fixed).some(file => fixed[file] !== before[file])).toBe(true);
        const second = await cli(root, ['check', '--fix', '.']);
        expect(second.stderr).not.toContain('fixed');
        expect(snapshot(root)).toEqual(fixed);
        // The dry run over the fixed copies finds nothing to do either.
        const dry = await cli(root, ['check', '--fix-dry-run', '--format', 'json']);
        expect((JSON.parse(dry.stdout) as Array<{ fixes?: unknown[] }>).flatMap(entry => entry.fixes ?? [])).toEqual([]);
        expect(snapshot(EXAMPLES_DIR)).toEqual(before);
    });
});

function snapshot(root: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith('.sysd')) {
            const full = path.join(entry.parentPath, entry.name);
            files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
        }
    }
    return files;
}
