// The facade every host uses (language/src/host/): problems as one sysd-native list, fixes at a place,
// configuration layers, and the one severity mapping to LSP.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import type { DocumentProblem } from '../../language/src/host/problems.js';
import { fromLspSeverity, toLspSeverity } from '../../language/src/host/severity.js';
import { ruleCatalog } from '../../language/src/host/rules.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import type { Severity } from '../../language/src/lint/types.js';
import { diagnosticText, workspace } from '../helpers.js';

/** The 0-based position of `needle` in `text`, `delta` characters in. */
function at(text: string, needle: string, delta = 0): { line: number; character: number } {
    const index = text.indexOf(needle);
    expect(index, needle).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, index + delta).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

function rangeOf(text: string, needle: string) {
    return { start: at(text, needle), end: at(text, needle, needle.length) };
}

// A parse error (`replicas` without a number), an unresolved reference (`Missing`), a model problem
// (`replicas 0`) and lint findings (a synchronous call without timeout or circuit breaker).
const BROKEN = [
    'system Shop {',
    '  service Orders { replicas 2; calls Billing over http; calls Missing { timeout 1s } }',
    '  service Billing { replicas 0 }',
    '  service Broken { replicas }',
    '}',
    ''
].join('\n');

describe('SysdAnalysis.problems', () => {
    it('lists the syntax error, the unresolved reference, the model problem and the findings of a broken document', async () => {
        const { services, documents } = await workspace({ 'broken.sysd': BROKEN });
        const analysis = new SysdAnalysis(services);
        const uri = documents[0].uri.toString();
        const problems = analysis.problems(uri);

        const syntax = problems.filter(p => p.source === 'syntax');
        expect(syntax).toHaveLength(1);
        expect(syntax[0]).toMatchObject({ code: 'parsing-error', severity: 'error', uri, elements: [], fixes: [] });
        expect(syntax[0].messageId).toBeUndefined();
        expect(syntax[0].range.start).toEqual(at(BROKEN, '}\n}'));

        const reference = problems.filter(p => p.source === 'reference');
        expect(reference).toHaveLength(1);
        expect(reference[0]).toMatchObject({ code: 'linking-error', severity: 'error', range: rangeOf(BROKEN, 'Missing') });
        expect(reference[0].message).toContain("'Missing'");

        const model = problems.filter(p => p.source === 'model');
        expect(model).toEqual([expect.objectContaining({ code: 'invalid-number', severity: 'error', range: { start: at(BROKEN, '0 }'), end: at(BROKEN, '0 }', 1) } })]);

        const timeout = problems.find(p => p.code === 'sync-call-without-timeout')!;
        expect(timeout).toMatchObject({
            source: 'lint', messageId: 'missing', severity: 'warning', uri,
            range: rangeOf(BROKEN, 'Billing'),
            elements: ['Shop.Orders calls Shop.Billing']
        });
        expect(timeout.fixes.map(fix => fix.title).join()).toMatch(/timeout/);

        // The order the editor lists them in: what Langium finds, then what sysd finds.
        const order = problems.map(p => p.source);
        expect(order.indexOf('syntax')).toBeLessThan(order.indexOf('reference'));
        expect(order.indexOf('reference')).toBeLessThan(order.indexOf('model'));
        expect(order.indexOf('model')).toBeLessThan(order.indexOf('lint'));
    });

    it('is what the editor shows: the validator turns the same problems into the diagnostics', async () => {
        const { services, documents, diagnostics } = await workspace({ 'broken.sysd': BROKEN });
        const problems = new SysdAnalysis(services).problems(documents[0]);
        const shown = diagnostics('broken.sysd');
        expect(shown.map(d => [diagnosticText(d), d.severity, d.range])).toEqual(problems.map(p => [p.message, toLspSeverity(p.severity), p.range]));
        const lint = shown.find(d => d.code === 'sync-call-without-timeout')!;
        expect(lint.data).toMatchObject({ ruleId: 'sync-call-without-timeout', messageId: 'missing' });
    });

    it('reports imports, duplicate names across files with the other declaration, and nothing for an unknown document', async () => {
        const files = {
            'a.sysd': 'import "gone"\nimport "a"\nsystem Shop {\n  service Orders { replicas 2 }\n}\n',
            'b.sysd': 'system Shop {\n  service Orders { replicas 2 }\n}\n'
        };
        const { services } = await workspace(files);
        const analysis = new SysdAnalysis(services);
        const problems = analysis.problems('file:///test/a.sysd');
        expect(problems.filter(p => p.source === 'import').map(p => [p.code, p.severity, p.range.start.line])).toEqual([
            ['unresolved-import', 'error', 0],
            ['import-self', 'warning', 1]
        ]);
        const duplicate = problems.find(p => p.code === 'duplicate-name')!;
        expect(duplicate).toMatchObject({ source: 'model', severity: 'error', elements: ['Shop.Orders'], range: rangeOf(files['a.sysd'], 'Orders') });
        expect(duplicate.related).toEqual([{ uri: 'file:///test/b.sysd', range: rangeOf(files['b.sysd'], 'Orders'), message: "'Shop.Orders' is also declared here" }]);
        expect(analysis.problems('file:///test/elsewhere.sysd')).toEqual([]);
    });

    it('lists every document and the configuration in the workspace problems', async () => {
        const { services } = await workspace({ 'a.sysd': 'service A { calls B }\nservice B', 'b.sysd': 'service C { calls Nowhere }' });
        const analysis = new SysdAnalysis(services);
        analysis.configure({ settings: { source: 'settings', config: { rules: { 'no-such-rule': 'off' } } } });
        const problems = analysis.workspaceProblems();
        expect(new Set(problems.filter(p => p.source !== 'config').map(p => p.uri))).toEqual(new Set(['file:///test/a.sysd', 'file:///test/b.sysd']));
        const config = problems.filter(p => p.source === 'config');
        expect(config).toEqual([expect.objectContaining({ source: 'config', origin: 'settings', uri: undefined, severity: 'warning' })]);
        expect(config[0].message).toContain("Unknown rule 'no-such-rule'");
    });
});

describe('SysdAnalysis.fixes', () => {
    const TEXT = 'service A {\n    calls B\n}\nservice B { replicas 2 }';

    it("offers the rule's fixes for a range that touches the finding, and none elsewhere", async () => {
        const { services, documents } = await workspace({ 'a.sysd': TEXT });
        const analysis = new SysdAnalysis(services);
        const uri = documents[0].uri.toString();
        // A cursor (an empty range) inside the flagged name.
        const cursor = at(TEXT, 'B\n', 1);
        const fixes = analysis.fixes(uri, { start: cursor, end: cursor });
        const timeout = fixes.find(fix => fix.problem.code === 'sync-call-without-timeout')!;
        expect(timeout).toMatchObject({ preferred: true, problem: { source: 'lint', messageId: 'missing' } });
        const document = TextDocument.create(uri, 'sysd', 1, TEXT);
        expect(TextDocument.applyEdits(document, timeout.edits)).toContain('calls B { timeout 1s }');

        // The last line holds no finding with a fix.
        const elsewhere = at(TEXT, 'replicas 2');
        expect(analysis.fixes(uri, { start: elsewhere, end: elsewhere })).toEqual([]);
        expect(analysis.fixes('file:///test/unknown.sysd', { start: cursor, end: cursor })).toEqual([]);
    });
});

describe('SysdAnalysis configuration layers', () => {
    const SHOP = 'system Shop {\n  service Orders { replicas 2; calls Billing over http }\n  service Billing { replicas 2 }\n}\n';
    const severityOf = (problems: DocumentProblem[], rule: string) => problems.find(p => p.code === rule)?.severity;

    it('applies settings, then the nearest configuration file, then overrides', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-host-'));
        fs.writeFileSync(path.join(root, 'sysd.config.json'), JSON.stringify({ rules: { 'sync-call-without-timeout': 'info' } }));
        const file = path.join(root, 'shop.sysd');
        const { services } = await workspace({ [file]: SHOP });
        const analysis = new SysdAnalysis(services);
        const uri = URI.file(file).toString();

        // The file says info; settings below it lose.
        analysis.configure({ settings: { source: 'settings', config: { rules: { 'sync-call-without-timeout': 'error', 'sync-call-without-circuit-breaker': 'hint' } } } });
        expect(severityOf(analysis.problems(uri), 'sync-call-without-timeout')).toBe('info');
        // Settings still apply to what the file does not set.
        expect(severityOf(analysis.problems(uri), 'sync-call-without-circuit-breaker')).toBe('hint');
        expect(analysis.configFor(uri).get('sync-call-without-timeout')?.severity).toBe('info');

        // Overrides (--rule) win over the file.
        analysis.configure({
            settings: { source: 'settings', config: { rules: { 'sync-call-without-timeout': 'error' } } },
            overrides: { source: '--rule', config: { rules: { 'sync-call-without-timeout': 'off' } } }
        });
        expect(severityOf(analysis.problems(uri), 'sync-call-without-timeout')).toBeUndefined();

        // A changed file is read again once the host says so.
        analysis.configure({});
        fs.writeFileSync(path.join(root, 'sysd.config.json'), JSON.stringify({ rules: { 'sync-call-without-timeout': 'error' } }));
        analysis.configFilesChanged();
        expect(severityOf(analysis.problems(uri), 'sync-call-without-timeout')).toBe('error');

        // A broken file is a configuration problem named after the file.
        fs.writeFileSync(path.join(root, 'sysd.config.json'), '{ "rules": ');
        analysis.configFilesChanged();
        const [broken] = analysis.configurationProblems();
        expect(broken).toMatchObject({ source: 'config', origin: path.join(root, 'sysd.config.json'), uri: URI.file(path.join(root, 'sysd.config.json')).toString() });
    });

    it('uses a configuration file given with its content for every document, without reading it', async () => {
        const { services } = await workspace({ 'shop.sysd': SHOP });
        const analysis = new SysdAnalysis(services);
        // The path does not exist: the content given is what applies (the CLI reads --config once).
        analysis.configure({ configFile: { path: path.join(os.tmpdir(), 'sysd-no-such-dir', 'ci.json'), config: { rules: { 'sync-call-without-timeout': 'error' } } } });
        expect(severityOf(analysis.problems('file:///test/shop.sysd'), 'sync-call-without-timeout')).toBe('error');
        expect(analysis.configurationProblems()).toEqual([]);
    });

    it('reports a problem of a layer once, however many configuration files the documents use', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-host-'));
        for (const dir of ['one', 'two']) {
            fs.mkdirSync(path.join(root, dir));
            fs.writeFileSync(path.join(root, dir, 'sysd.config.json'), '{}');
        }
        const { services } = await workspace({ [path.join(root, 'one', 'a.sysd')]: SHOP.replaceAll('Shop', 'One'), [path.join(root, 'two', 'b.sysd')]: SHOP.replaceAll('Shop', 'Two') });
        const analysis = new SysdAnalysis(services);
        analysis.configure({ overrides: { source: '--rule', config: { rules: { 'made-up': 'off' } } } });
        expect(analysis.configurationProblems().map(p => [p.origin, p.message])).toEqual([['--rule', "Unknown rule 'made-up'. Run 'sysd rules' to list the rules."]]);
    });
});

describe('severities and the rule catalog', () => {
    it('maps every sysd severity to LSP and back', () => {
        const severities: Severity[] = ['error', 'warning', 'info', 'hint'];
        expect(severities.map(toLspSeverity)).toEqual([1, 2, 3, 4]);
        expect(severities.map(s => fromLspSeverity(toLspSeverity(s)))).toEqual(severities);
        expect(fromLspSeverity(undefined)).toBe('error');
    });

    it('describes every rule without its code', () => {
        const catalog = ruleCatalog();
        expect(catalog.map(rule => rule.id)).toEqual(ALL_RULES.map(rule => rule.meta.id));
        for (const rule of catalog) expect(Object.keys(rule).sort()).toEqual(['defaultSeverity', 'description', 'fixable', 'id', 'type']);
    });
});
