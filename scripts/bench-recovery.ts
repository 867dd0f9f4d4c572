/**
 * The error-recovery benchmark: for every example and every token in it, that one token is replaced
 * with a plausible wrong word (scripts/bench/recovery-mutate.ts) and the document is rebuilt
 * incrementally in a workspace that holds the example's files, as the editor would after the keystroke.
 * Measured through the hosts' facade (`SysdAnalysis`), in process:
 *
 * - diagnostics: the problems of the mutated file that are new against the unmutated file's (matched by
 *   code + message + line: one token replaced by one word keeps every line where it was), errors,
 *   warnings and infos alike; and, separately, how many of those come from syntax, reference, import or
 *   model checks (not lint);
 * - findings kept: the share of the unmutated workspace's lint findings (all its files; matched by rule
 *   id + message id + elements) still reported, leaving out findings whose location contains the
 *   mutated token (those may legitimately change). A mutated name renames the elements under it, so a
 *   finding also counts as kept when its element ids match with that name replaced by the mutant.
 *
 * Target (issue): median 1 diagnostic, p95 ≤ 3, ≥ 95 % of findings kept. Numbers are printed, never asserted.
 *
 * A workspace is an example folder (all its files) or a file directly under `examples/` on its own
 * (those are separate examples that do not import each other).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { SysdAnalysis } from '../language/src/host/analysis.js';
import type { DocumentProblem } from '../language/src/host/problems.js';
import type { Finding } from '../language/src/lint/types.js';
import type { Model } from '../language/src/generated/ast.js';
import { createSysdServices } from '../language/src/sysd-module.js';
import * as values from '../language/src/model/values.js';
import {
    applyMutant, grammarWords, lexTokens, mutantFor, sample, tokenRandom, mulberry32, fileSeed,
    type LexedToken, type TokenKind
} from './bench/recovery-mutate.js';

export interface RecoveryOptions {
    /** The repository root (examples/ is under it). */
    root: string;
    seed: number;
    /** Mutate a deterministic sample of this many tokens per file; all tokens when undefined. */
    samplePerFile?: number;
    /** Also mutate punctuation and strings (reported in a row of their own). */
    punctuation: boolean;
    /** Where the worst cases of the overall run are written (JSON). */
    worstFile?: string;
    /** Only the workspaces whose name contains this. */
    only?: string;
    /**
     * Rebuild the unmutated file after every mutation (twice the work). By default the next mutant of
     * the same file replaces the previous one directly, which must give the same numbers: this checks it.
     */
    restoreEach?: boolean;
}

export interface NewProblem {
    source: string;
    code: string;
    severity: string;
    line: number;
    message: string;
}

export interface MutationResult {
    workspace: string;
    file: string;
    line: number;
    column: number;
    kind: TokenKind;
    original: string;
    mutant: string;
    /** New problems in the mutated file. */
    diagnostics: number;
    /** Of those: syntax, reference, import and model problems. */
    structural: number;
    /** Share of the baseline findings (those not about the mutated element) still reported; undefined when none apply. */
    kept: number | undefined;
    newProblems: NewProblem[];
    /** Baseline findings (not about the mutated element) no longer reported. */
    lostFindings: string[];
    ms: number;
}

/** Files of a workspace, overlaid in memory: the mutated text is read from here on the next build. */
class OverlayFileSystem extends NodeFileSystemProvider {
    readonly overlay = new Map<string, string>();
    override readFile(uri: URI): Promise<string> {
        const text = this.overlay.get(uri.toString());
        return text !== undefined ? Promise.resolve(text) : super.readFile(uri);
    }
    override readFileSync(uri: URI): string {
        return this.overlay.get(uri.toString()) ?? super.readFileSync(uri);
    }
}

interface WorkspaceSpec {
    name: string;
    files: string[];
}

/** The value lists the model builder accepts (each vocabulary's values and aliases), found by shape. */
export function vocabularies(): string[][] {
    const lists: string[][] = [];
    for (const exported of Object.values(values) as unknown[]) {
        if (typeof exported !== 'object' || exported === null) continue;
        const { values: canonical, aliases } = exported as { values?: unknown; aliases?: unknown };
        if (!Array.isArray(canonical) || typeof aliases !== 'object' || aliases === null) continue;
        lists.push([...canonical.map(String), ...Object.keys(aliases)]);
    }
    return lists;
}

/** Each folder under examples/ is one workspace; each file directly under it is one on its own. */
export function exampleWorkspaces(root: string): WorkspaceSpec[] {
    const examples = path.join(root, 'examples');
    const specs: WorkspaceSpec[] = [];
    for (const entry of fs.readdirSync(examples, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(examples, entry.name);
        if (entry.isDirectory()) {
            const files = fs.readdirSync(full).filter(name => name.endsWith('.sysd')).sort().map(name => path.join(full, name));
            if (files.length > 0) specs.push({ name: `${entry.name}/`, files });
        } else if (entry.name.endsWith('.sysd')) specs.push({ name: entry.name, files: [full] });
    }
    return specs;
}

const problemKey = (p: DocumentProblem) => `${p.code}\u0000${p.message}\u0000${p.range.start.line}`;
const findingKey = (f: Finding) => `${f.ruleId}\u0000${f.messageId}\u0000${[...f.elements].sort().join(',')}`;

/** The finding's key with every part of its element ids that is `from` replaced by `to`. */
function renamedKey(finding: Finding, from: string, to: string): string {
    const rename = (id: string) => id.replace(/[\w-]+/g, part => (part === from ? to : part));
    return findingKey({ ...finding, elements: finding.elements.map(rename) });
}

function countKeys<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
}

/** Whether a finding's location contains the token (0-based LSP positions vs. the token's 1-based line and column). */
function contains(finding: Finding, uri: string, token: LexedToken): boolean {
    if (finding.loc.uri !== uri) return false;
    const { start, end } = finding.loc.range;
    const line = token.line - 1;
    const startChar = token.column - 1;
    const endChar = startChar + token.text.length;
    const after = line > start.line || (line === start.line && startChar >= start.character);
    const before = line < end.line || (line === end.line && endChar <= end.character);
    return after && before;
}

const STRUCTURAL = new Set(['syntax', 'reference', 'import', 'model']);

/** Mutations whose rebuild or analysis threw (across the run). */
const crashes: { at: string; original: string; mutant: string; error: string }[] = [];

/** Runs the mutations of one workspace. */
async function runWorkspace(spec: WorkspaceSpec, options: RecoveryOptions): Promise<{ results: MutationResult[]; findings: number }> {
    const fileSystem = new OverlayFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const analysis = new SysdAnalysis(Sysd);
    const workspace = shared.workspace;
    // The facade computes every problem itself; Langium's validation phase would only repeat it.
    workspace.DocumentBuilder.updateBuildOptions = { validation: false };
    const words = grammarWords(Sysd.Grammar, vocabularies());

    const texts = new Map<string, string>();
    const documents: LangiumDocument<Model>[] = [];
    for (const file of spec.files) {
        const uri = URI.file(file);
        const text = fs.readFileSync(file, 'utf8');
        texts.set(uri.toString(), text);
        const document = workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
        workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await workspace.DocumentBuilder.build(documents, { validation: false });

    const baselineProblems = new Map(documents.map(d => [d.uri.toString(), analysis.problems(d)]));
    const baselineFindings = [...analysis.findings()];

    const results: MutationResult[] = [];
    for (const document of documents) {
        const uri = document.uri.toString();
        const text = texts.get(uri)!;
        const display = path.relative(path.join(options.root, 'examples'), document.uri.fsPath);
        const baseline = countKeys(baselineProblems.get(uri)!, problemKey);
        const all = lexTokens(Sysd, text, words).filter(t => options.punctuation || (t.kind !== 'punctuation' && t.kind !== 'string'));
        const tokens = sample(all, options.samplePerFile, mulberry32(fileSeed(options.seed, `sample:${display}`)));
        for (const token of tokens) {
            const mutant = mutantFor(token, tokenRandom(options.seed, display, token.index));
            fileSystem.overlay.set(uri, applyMutant(text, token, mutant));
            const started = performance.now();
            let problems: DocumentProblem[];
            let findings: readonly Finding[];
            try {
                await workspace.DocumentBuilder.update([document.uri], []);
                problems = analysis.problems(uri);
                findings = analysis.findings();
            } catch (error) {
                // A bug, not a number: noted, and the run goes on (the fuzz suite is where it gets fixed).
                crashes.push({ at: `${display}:${token.line}:${token.column}`, original: token.text, mutant, error: error instanceof Error ? error.stack ?? error.message : String(error) });
                continue;
            }
            const ms = performance.now() - started;

            const remaining = new Map(baseline);
            const fresh: DocumentProblem[] = [];
            for (const problem of problems) {
                const key = problemKey(problem);
                const left = remaining.get(key) ?? 0;
                if (left > 0) remaining.set(key, left - 1);
                else fresh.push(problem);
            }
            const current = countKeys(findings, findingKey);
            let considered = 0;
            let kept = 0;
            const lost: string[] = [];
            for (const finding of baselineFindings) {
                if (contains(finding, uri, token)) continue;
                considered++;
                // A mutated name renames the elements under it (`Ads.Clicks` becomes `As.Clicks`): the
                // finding is still there, about the same element under its new name.
                const renamed = renamedKey(finding, token.text, mutant);
                const key = [findingKey(finding), renamed].find(k => (current.get(k) ?? 0) > 0);
                if (key !== undefined) {
                    kept++;
                    current.set(key, current.get(key)! - 1);
                } else lost.push(`${finding.ruleId}/${finding.messageId} [${finding.elements.join(', ')}]`);
            }
            results.push({
                workspace: spec.name, file: display, line: token.line, column: token.column, kind: token.kind,
                original: token.text, mutant,
                diagnostics: fresh.length,
                structural: fresh.filter(p => STRUCTURAL.has(p.source)).length,
                kept: considered > 0 ? kept / considered : undefined,
                newProblems: fresh.map(p => ({ source: p.source, code: p.code, severity: p.severity, line: p.range.start.line + 1, message: p.message })),
                lostFindings: lost,
                ms
            });
            if (options.restoreEach) {
                fileSystem.overlay.delete(uri);
                await workspace.DocumentBuilder.update([document.uri], []);
            }
        }
        // Back to the file as written before the next file's mutations.
        fileSystem.overlay.delete(uri);
        await workspace.DocumentBuilder.update([document.uri], []);
    }
    return { results, findings: baselineFindings.length };
}

// ---- Statistics and the table ----------------------------------------------------------------------

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const medianOf = (values: number[]) => (values.length === 0 ? NaN : sorted(values)[Math.floor(values.length / 2)]);
/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => (values.length === 0 ? NaN : sorted(values)[Math.max(0, Math.ceil(p * values.length) - 1)]);
const pct = (value: number) => (Number.isNaN(value) ? '–' : `${(value * 100).toFixed(1)} %`);
const share = (results: MutationResult[], test: (r: MutationResult) => boolean) => (results.length === 0 ? NaN : results.filter(test).length / results.length);

/** Worst first: most new problems, then fewest findings kept, then place. */
function byBadness(a: MutationResult, b: MutationResult): number {
    return b.diagnostics - a.diagnostics || (a.kept ?? 1) - (b.kept ?? 1) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

const place = (r: MutationResult) => `${r.file}:${r.line}:${r.column}`;
const worstLabel = (r: MutationResult) => `${place(r)} \`${r.original}\`→\`${r.mutant}\` (${r.diagnostics})`;

export interface RecoveryRow {
    label: string;
    results: MutationResult[];
    seconds: number;
    /** Lint findings of the unmutated workspace(s). */
    findings?: number;
}

function row(r: RecoveryRow): string {
    const d = r.results.map(x => x.diagnostics);
    const s = r.results.map(x => x.structural);
    const keptValues = r.results.map(x => x.kept).filter((x): x is number => x !== undefined);
    const keptMean = keptValues.length === 0 ? NaN : keptValues.reduce((a, b) => a + b, 0) / keptValues.length;
    const worst = [...r.results].sort(byBadness).slice(0, 5).map(worstLabel).join('<br>');
    return `| ${r.label} | ${r.findings ?? '–'} | ${r.results.length} | ${medianOf(d)} | ${percentile(d, 0.95)} | ${medianOf(s)} / ${percentile(s, 0.95)} | ` +
        `${pct(share(r.results, x => x.diagnostics === 1))} | ${pct(share(r.results, x => x.diagnostics <= 2))} | ` +
        `${pct(share(r.results, x => x.diagnostics === 0))} | ${pct(keptMean)} | ${r.seconds.toFixed(1)} s | ${worst} |`;
}

export function recoveryTable(rows: RecoveryRow[]): string {
    return [
        '| workspace | baseline findings | tokens mutated | median diags | p95 diags | syntax/ref/model median / p95 | exactly 1 | ≤ 2 | 0 (unnoticed) | findings kept (mean) | time | worst 5 (file:line:col, original → mutant, new problems) |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
        ...rows.map(row)
    ].join('\n');
}

/** Runs the benchmark, prints its table and writes the worst cases; returns the rows. */
export async function runRecoveryBench(options: RecoveryOptions): Promise<RecoveryRow[]> {
    crashes.length = 0;
    const specs = exampleWorkspaces(options.root).filter(spec => !options.only || spec.name.includes(options.only));
    const rows: RecoveryRow[] = [];
    const all: MutationResult[] = [];
    const started = performance.now();
    let totalFindings = 0;
    for (const spec of specs) {
        const start = performance.now();
        const { results, findings } = await runWorkspace(spec, options);
        totalFindings += findings;
        all.push(...results);
        const seconds = (performance.now() - start) / 1000;
        const words = results.filter(r => r.kind !== 'punctuation' && r.kind !== 'string');
        rows.push({ label: spec.name, results: words, seconds, findings });
    }
    const seconds = (performance.now() - started) / 1000;
    const words = all.filter(r => r.kind !== 'punctuation' && r.kind !== 'string');
    rows.push({ label: '**overall**', results: words, seconds, findings: totalFindings });
    const kinds = { word: 'keywords and names', value: 'values after a keyword', number: 'numbers' } as const;
    for (const kind of ['word', 'value', 'number'] as const) {
        rows.push({ label: `overall: ${kinds[kind]}`, results: words.filter(r => r.kind === kind), seconds: NaN });
    }
    if (options.punctuation) {
        rows.push({ label: 'overall: punctuation & strings', results: all.filter(r => r.kind === 'punctuation' || r.kind === 'string'), seconds: NaN });
    }

    const updates = all.map(r => r.ms);
    console.log(`sysd error-recovery benchmark — seed ${options.seed}, ${options.samplePerFile === undefined ? 'every token' : `sample of ${options.samplePerFile} tokens per file`}` +
        `${options.punctuation ? ', punctuation and strings too' : ''}, ${all.length} mutations in ${seconds.toFixed(1)} s ` +
        `(rebuild + problems + findings per mutation: median ${medianOf(updates).toFixed(1)} ms, p95 ${percentile(updates, 0.95).toFixed(1)} ms)`);
    if (crashes.length > 0) console.log(`${crashes.length} mutations threw (left out of the numbers; listed in the JSON file): first at ${crashes[0].at}: ${crashes[0].error.split('\n')[0]}`);
    console.log('Target: median 1, p95 ≤ 3, ≥ 95 % of findings kept. "diags" = problems of the mutated file that the unmutated file did not have.');
    console.log('');
    console.log(recoveryTable(rows).replace(/\| NaN s \|/g, '| – |'));
    const d = words.map(r => r.diagnostics);
    const keptValues = words.map(r => r.kept).filter((x): x is number => x !== undefined);
    const keptMean = keptValues.reduce((a, b) => a + b, 0) / Math.max(1, keptValues.length);
    const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log('');
    console.log(`Overall against the target: median ${medianOf(d)} (target 1: ${mark(medianOf(d) === 1)}), ` +
        `p95 ${percentile(d, 0.95)} (target ≤ 3: ${mark(percentile(d, 0.95) <= 3)}), ` +
        `findings kept ${pct(keptMean)} (target ≥ 95 %: ${mark(keptMean >= 0.95)}).`);

    if (options.worstFile) {
        const worst = [...all].sort(byBadness).slice(0, 50);
        fs.mkdirSync(path.dirname(options.worstFile), { recursive: true });
        fs.writeFileSync(options.worstFile, JSON.stringify({
            seed: options.seed, samplePerFile: options.samplePerFile ?? null, punctuation: options.punctuation,
            mutations: all.length, crashes, worst: worst.map(r => ({
                at: place(r), workspace: r.workspace, kind: r.kind, original: r.original, mutant: r.mutant,
                diagnostics: r.diagnostics, structural: r.structural, kept: r.kept, newProblems: r.newProblems, lostFindings: r.lostFindings
            })),
            // How often each kind of new problem appeared over the run (a cascade shows as a large count).
            newProblemsByCode: Object.fromEntries([...countKeys(all.flatMap(r => r.newProblems), p => `${p.source}:${p.code}`)].sort((a, b) => b[1] - a[1])),
            // Wrong words nothing reported, and the mutations that lost the most findings elsewhere.
            unnoticed: all.filter(r => r.diagnostics === 0).slice(0, 50).map(r => ({ at: place(r), kind: r.kind, original: r.original, mutant: r.mutant, kept: r.kept })),
            findingsLost: all.filter(r => r.kept !== undefined && r.kept < 1).sort((a, b) => (a.kept ?? 1) - (b.kept ?? 1)).slice(0, 50)
                .map(r => ({ at: place(r), kind: r.kind, original: r.original, mutant: r.mutant, kept: r.kept, lostFindings: r.lostFindings }))
        }, null, 2) + '\n');
        console.log('');
        console.log(`The 50 worst mutations, with their new problems: ${path.relative(process.cwd(), options.worstFile)}`);
    }
    return rows;
}
