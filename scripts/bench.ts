// Prints speed and memory figures for a generated workspace: cold build, model merge, lint,
// and the latency of an edit (what a user feels while typing); then the error-recovery benchmark
// (scripts/bench-recovery.ts: one wrong word in every token of every example); between them the
// workspace-scale table (scripts/bench-scale.ts: `sysd check`, LikeC4, the language server over stdio). Usage:
//   npm run bench [-- --components 1000 --files 10 --seed 1] [-- --quick | --full]
//   node out/bench/bench.cjs --speed (only the in-process table)
//   node out/bench/bench.cjs --analysis (only the what-if analysis table, scripts/bench-analysis.ts)
//   node out/bench/bench.cjs --what-if (only the preview's what-if requests, scripts/bench-what-if.ts)
//   node out/bench/bench.cjs --scale [--quick | --full] [--scale-seed S] [--scale-runs N]
//   node out/bench/bench.cjs --lsp [--lsp-sizes 1000,5000] [--lsp-edits 100] [--lsp-rounds 1] [--lsp-server A.cjs --lsp-server B.cjs]
//     (the language server's edit latency alone; several --lsp-server bundles are run interleaved, A/B;
//     SYSD_LSP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server)
//   node out/bench/bench.cjs --recovery [--recovery-sample N] [--recovery-punctuation] [--recovery-seed S] [--recovery-only NAME]
import { URI } from 'langium';
import { MemoryFileSystem } from './bench/memory-fs.js';
import { performance } from 'node:perf_hooks';
import { createSysdServices } from '../language/src/sysd-module.js';
import { lint } from '../language/src/lint/engine.js';
import { ArchModel } from '../language/src/model/workspace.js';
import { runRecoveryBench } from './bench-recovery.js';
import { findLikeC4, runLspBench, runScaleBench } from './bench-scale.js';
import { runAnalysisBench } from './bench-analysis.js';
import { runWhatIfBench } from './bench-what-if.js';
import { generate, toSysd } from './bench/generate.js';

function arg(name: string, fallback: number): number {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const flag = (name: string) => process.argv.includes(`--${name}`);
function stringArg(name: string): string | undefined {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
}

const COMPONENTS = arg('components', 1000);
const FILES = arg('files', 10);

const ms = (start: number) => performance.now() - start;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    // One system per file, rich (zones, placements, brokers with topics, resilience properties): scripts/bench/generate.ts.
    const generated = toSysd(generate({ elements: COMPONENTS, systems: FILES, files: FILES, seed: arg('seed', 1), detail: 'rich' }));
    const uris: URI[] = [];
    let lines = 0;
    for (const file of generated) {
        const uri = URI.parse(`memory:///bench/${file.name}`);
        lines += file.text.split('\n').length;
        fileSystem.files.set(uri.toString(), file.text);
        uris.push(uri);
    }
    const documents = uris.map(uri => shared.workspace.LangiumDocumentFactory.fromString(fileSystem.files.get(uri.toString())!, uri));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);

    const heapBefore = process.memoryUsage().heapUsed;
    let start = performance.now();
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const cold = ms(start);
    const service = Sysd.model.ModelService;
    const model = service.workspaceModel();
    const errors = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1 && !(d.data as { ruleId?: string })?.ruleId);
    if (errors.length > 0) {
        const message = errors[0].message;
        throw new Error(`generated workspace has errors: ${typeof message === 'string' ? message : message.value}`);
    }

    const fragments = documents.map(d => service.fragment(d));
    const merges: number[] = [];
    for (let i = 0; i < 10; i++) {
        start = performance.now();
        new ArchModel(fragments);
        merges.push(ms(start));
    }
    const byUri = new Map(documents.map(d => [d.uri.toString(), d]));
    const config = service.configFor(uris[0].toString());
    const lints: number[] = [];
    let findings = 0;
    for (let i = 0; i < 5; i++) {
        start = performance.now();
        findings = lint({ model, documents: uri => byUri.get(uri), config }).length;
        lints.push(ms(start));
    }
    // Quick fixes are built when a host asks for them (a code action, fix all, --fix), not by the check above.
    const checked = lint({ model, documents: uri => byUri.get(uri), config });
    start = performance.now();
    const fixCount = checked.reduce((count, finding) => count + finding.fixes.length, 0);
    const fixing = ms(start);

    // Typing: change a timeout value (the structure stays), then add a service (it changes).
    const edits: number[] = [];
    const structural: number[] = [];
    const target = uris[Math.floor(FILES / 2)];
    for (let i = 0; i < 10; i++) {
        const before = fileSystem.files.get(target.toString())!;
        fileSystem.files.set(target.toString(), before.replace(/timeout \d+ms/, `timeout ${500 + i}ms`));
        start = performance.now();
        await shared.workspace.DocumentBuilder.update([target], []);
        edits.push(ms(start));
        const withService = fileSystem.files.get(target.toString())!.replace(/\n}\n$/, `\n    service Added${i} { replicas 2; calls Svc0 { timeout 1s; circuit-breaker } }\n}\n`);
        fileSystem.files.set(target.toString(), withService);
        start = performance.now();
        await shared.workspace.DocumentBuilder.update([target], []);
        structural.push(ms(start));
    }
    const heapAfter = process.memoryUsage().heapUsed;

    console.log(`sysd benchmark — ${model.components.size} components, ${model.relations.length} relations, ${FILES} files, ${lines} lines, node ${process.version}`);
    console.log('');
    console.log(`| measure | value |`);
    console.log(`|---|---|`);
    console.log(`| cold build (parse, link, model, lint, validate) | ${fmt(cold)} |`);
    console.log(`| merge fragments into the workspace model (median of 10) | ${fmt(median(merges))} |`);
    console.log(`| lint the whole workspace, ${findings} findings (median of 5) | ${fmt(median(lints))} |`);
    console.log(`| build the quick fixes of every finding, ${fixCount} fixes (only on request: a code action, fix all) | ${fmt(fixing)} |`);
    console.log(`| edit a value in one file -> diagnostics (median of 10) | ${fmt(median(edits))} |`);
    console.log(`| add a service in one file -> diagnostics (median of 10) | ${fmt(median(structural))} |`);
    console.log(`| heap used by the workspace | ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB |`);
}

/** The error-recovery section: `--recovery` runs only it. */
async function recovery(): Promise<void> {
    const sample = stringArg('recovery-sample');
    await runRecoveryBench({
        root: process.cwd(),
        seed: arg('recovery-seed', 1),
        samplePerFile: sample === undefined ? undefined : Number(sample),
        punctuation: flag('recovery-punctuation'),
        only: stringArg('recovery-only'),
        restoreEach: flag('recovery-restore-each'),
        worstFile: 'out/bench/recovery-worst.json'
    });
}

/** The workspace-scale section: `--scale` runs only it; `--quick` makes it short, `--full` adds the 20,000-element rows. */
async function scale(): Promise<void> {
    const quick = flag('quick');
    await runScaleBench({
        root: process.cwd(),
        quick,
        full: flag('full') && !quick,
        seed: arg('scale-seed', 1),
        runs: arg('scale-runs', quick ? 1 : 3),
        likec4: findLikeC4()
    });
}

/** The language server's edit latency (`--lsp`), optionally of several server bundles interleaved. */
async function lsp(): Promise<void> {
    const servers: string[] = [];
    process.argv.forEach((value, i) => {
        if (value === '--lsp-server' && process.argv[i + 1]) servers.push(process.argv[i + 1]);
    });
    await runLspBench({
        root: process.cwd(),
        servers,
        sizes: (stringArg('lsp-sizes') ?? '1000,5000').split(',').map(Number),
        edits: arg('lsp-edits', 100),
        rounds: arg('lsp-rounds', 1),
        seed: arg('scale-seed', 1),
        nodeArgs: (process.env.SYSD_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean)
    });
}

async function all(): Promise<void> {
    if (flag('lsp')) return lsp();
    if (flag('scale')) return scale();
    if (flag('speed')) return main();
    if (flag('analysis')) {
        await runAnalysisBench();
        return;
    }
    if (flag('what-if')) {
        await runWhatIfBench();
        return;
    }
    if (!flag('recovery')) {
        await main();
        console.log('');
        await runAnalysisBench();
        console.log('');
        await runWhatIfBench();
        console.log('');
        await scale();
        console.log('');
    }
    await recovery();
}

all().catch(error => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
});
