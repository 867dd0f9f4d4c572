import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

/** A pattern of a VS Code problem matcher, as package.json contributes it. */
interface MatcherPattern { regexp: string; file?: number; line?: number; column?: number; severity?: number; message?: number; code?: number; loop?: boolean }
interface ProblemMatcher { name: string; owner: string; fileLocation: unknown; pattern: MatcherPattern | MatcherPattern[] }

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { problemMatchers: ProblemMatcher[]; taskDefinitions: { type: string; properties: Record<string, unknown> }[] };
};

interface Problem { file: string; line: number; column: number; severity: string; message: string; code: string | undefined }

/**
 * Reads a report the way VS Code's problem matcher does: a single pattern matches one line; a
 * multi-line pattern matches its first patterns on consecutive lines, then its last (`loop`) pattern
 * on every following line until one does not match, which may start the next match.
 */
function runMatcher(matcher: ProblemMatcher, output: string): Problem[] {
    const patterns = Array.isArray(matcher.pattern) ? matcher.pattern : [matcher.pattern];
    const regexps = patterns.map(p => new RegExp(p.regexp));
    const lines = output.split('\n');
    const problems: Problem[] = [];
    const take = (pattern: MatcherPattern, match: RegExpExecArray, into: Partial<Problem>) => {
        if (pattern.file) into.file = match[pattern.file];
        if (pattern.line) into.line = Number(match[pattern.line]);
        if (pattern.column) into.column = Number(match[pattern.column]);
        if (pattern.severity) into.severity = match[pattern.severity].toLowerCase();
        if (pattern.message) into.message = match[pattern.message];
        if (pattern.code) into.code = match[pattern.code];
    };
    let i = 0;
    while (i < lines.length) {
        const data: Partial<Problem> = {};
        let at = i;
        let ok = true;
        for (let p = 0; p < patterns.length - (patterns.length > 1 ? 1 : 0); p++) {
            const match = regexps[p].exec(lines[at] ?? '');
            if (!match) {
                ok = false;
                break;
            }
            take(patterns[p], match, data);
            at++;
        }
        if (!ok) {
            i++;
            continue;
        }
        if (patterns.length === 1) {
            problems.push(data as Problem);
            i = at;
            continue;
        }
        const last = patterns[patterns.length - 1];
        let matched = 0;
        for (let match = regexps[regexps.length - 1].exec(lines[at] ?? ''); match; match = regexps[regexps.length - 1].exec(lines[at] ?? '')) {
            const problem = { ...data };
            take(last, match, problem);
            problems.push(problem as Problem);
            matched++;
            at++;
            if (!last.loop) break;
        }
        i = matched > 0 ? at : i + 1;
    }
    return problems;
}

const matcher = (name: string) => manifest.contributes.problemMatchers.find(m => m.name === name)!;

/** Three files: lint warnings and an error, a syntax error, and a message with a colon and parentheses. */
function project(): string {
    return fixture({
        'sysd.config.json': onlyKnownRules({ 'single-point-of-failure': 'error' }),
        'arch/shop.sysd': SHOP,
        'arch/my files/broken.sysd': 'system Other {\n  service Api { replicas 2; calls Missing over http { timeout 1s } }\n}\n',
        'arch/lb.sysd': 'system Edge {\n  load-balancer Front { replicas 1; routes to Web }\n  service Web { replicas 2 }\n}\n'
    });
}

async function expected(root: string): Promise<Problem[]> {
    const json = JSON.parse((await cli(root, ['check', 'arch', '--format', 'json'])).stdout) as {
        file: string; diagnostics: { rule: string | null; severity: string; message: string; range: { start: { line: number; character: number } } }[];
    }[];
    return json.flatMap(entry => entry.diagnostics.map(d => ({
        file: entry.file, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, message: d.message, code: d.rule ?? undefined
    })));
}

describe('sysd check --format compact and unix', () => {
    it('print ESLint\'s line shapes with absolute paths and a count', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP, 'bad.sysd': 'system X {\n  service Y { calls Z over http { timeout 1s } }\n}\n' });
        const shop = path.join(root, 'shop.sysd');
        const bad = path.join(root, 'bad.sysd');
        const compact = await cli(root, ['check', '--format', 'compact']);
        expect(compact.code).toBe(1);
        const compactLines = compact.stdout.split('\n');
        expect(compactLines[0]).toMatch(/^.*bad\.sysd: line 2, col 21, Error - .*'Z'.*[^)]$/);
        expect(compactLines[0].startsWith(`${bad}: `)).toBe(true);
        expect(compactLines).toContain(`${shop}: line 4, col 12, Warning - ${compactLines.find(l => l.includes('(shared-database)'))!.split(' - ')[1].replace(/ \(shared-database\)$/, '')} (shared-database)`);
        expect(compact.stdout).toMatch(/\n\n3 problems\n$/);
        const unix = await cli(root, ['check', '--format', 'unix']);
        expect(unix.code).toBe(1);
        const unixLines = unix.stdout.split('\n');
        expect(unixLines[0]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:21: .*'Z'.* \\[Error\\]$`));
        expect(unixLines.some(line => line.startsWith(`${shop}:4:12: `) && line.endsWith(' [Warning/shared-database]'))).toBe(true);
        expect(unix.stdout).toMatch(/\n\n3 problems\n$/);
        // Nothing at all when there is nothing to say, as in ESLint.
        const clean = fixture({ 'sysd.config.json': onlyKnownRules(), 'ok.sysd': 'system A { service B { replicas 2 } }\n' });
        expect(await cli(clean, ['check', '--format', 'unix'])).toEqual({ code: 0, stdout: '', stderr: '' });
        expect((await cli(clean, ['check', '--format', 'compact'])).stdout).toBe('');
    });

    it('show text from standard input under its name, each message on one line', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules() });
        const result = await cli(root, ['check', '-', '--format', 'unix'], {}, false, SHOP);
        expect(result.stdout.split('\n')[0]).toMatch(/^<stdin>:\d+:\d+: /);
        const named = await cli(root, ['check', '-', '--stdin-filename', 'x/shop.sysd', '--format', 'compact'], {}, false, SHOP);
        expect(named.stdout.split('\n')[0]).toMatch(/^x\/shop\.sysd: line \d+/);
        for (const line of named.stdout.trimEnd().split('\n').slice(0, -2)) expect(line).toMatch(/\((shared-database|sync-call-without-timeout)\)$/);
    });
});

describe('problem matchers ($sysd-stylish, $sysd-compact, $sysd-unix)', () => {
    it('are contributed with a task type that runs sysd check', () => {
        expect(manifest.contributes.problemMatchers.map(m => m.name)).toEqual(['sysd-stylish', 'sysd-compact', 'sysd-unix']);
        for (const m of manifest.contributes.problemMatchers) {
            expect(m.owner).toBe('sysd');
            expect(m.fileLocation).toEqual(['autoDetect', '${workspaceFolder}']);
        }
        expect(manifest.contributes.taskDefinitions[0].type).toBe('sysd');
        expect(Object.keys(manifest.contributes.taskDefinitions[0].properties).sort()).toEqual(['args', 'paths']);
    });

    for (const [format, name] of [['stylish', 'sysd-stylish'], ['compact', 'sysd-compact'], ['unix', 'sysd-unix']] as const) {
        it(`${name} reads every problem of real --format ${format} output`, async () => {
            const root = project();
            const want = await expected(root);
            expect(want.length).toBeGreaterThanOrEqual(4);
            expect(new Set(want.map(p => p.severity))).toEqual(new Set(['error', 'warning']));
            expect(want.some(p => p.code === undefined)).toBe(true);
            const result = await cli(root, ['check', 'arch', '--format', format]);
            expect(result.code).toBe(1);
            const got = runMatcher(matcher(name), result.stdout);
            // Paths: stylish shows them relative to the folder the task runs in, compact and unix absolute.
            const normalised = got.map(p => ({ ...p, file: path.isAbsolute(p.file) ? path.relative(root, p.file) : p.file }));
            expect(normalised).toEqual(want);
        });
    }
});
