// Fuzzes the whole pipeline with seeded mutants of the examples and prints what broke, what was slow,
// where the time went, and whether the heap grows in a long-lived workspace. Usage:
//   npm run fuzz [-- --seed 1 --budget 7000 --minutes 5 --elk 0.02 --out test/fuzz/crashers --heap 10000]
//   npm run fuzz -- --lsp [--budget 500]     (edit storm against the bundled server, out/server/main.cjs)
//   npm run fuzz -- --seed 1 --show 42        (prints mutant 42 of seed 1)
//   npm run fuzz -- --cli out/cli/main.cjs [--budget 250]   (the mutants through a CLI bundle, any release)
// A mutant is reproduced from its seed and index alone; see docs/testing.md, "Fuzzing".
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveCrasher } from '../test/fuzz/crashers.js';
import { loadCorpus, makeMutant } from '../test/fuzz/mutate.js';
import { Pipeline, STAGES } from '../test/fuzz/pipeline.js';
import { runFuzz, SLOW_MS } from '../test/fuzz/run.js';
import { lspStorm } from '../test/fuzz/lsp-storm.js';
import { runCli } from '../test/fuzz/cli-run.js';

const ROOT = path.resolve(__dirname, '../..');

function option(name: string): string | undefined {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
}

function numberOption(name: string, fallback: number): number {
    const value = option(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} wants a non-negative number, not '${value}'`);
    return parsed;
}

const seed = numberOption('seed', 1);
const budget = numberOption('budget', process.argv.includes('--minutes') ? Number.MAX_SAFE_INTEGER : 2000);
const minutes = option('minutes') === undefined ? undefined : numberOption('minutes', 0);
const elkShare = numberOption('elk', 0.02);
const out = option('out');
const heapDocuments = process.argv.includes('--no-heap') ? 0 : numberOption('heap', 10_000);

const pad = (text: string | number, width: number) => String(text).padStart(width);

/**
 * Pushes `documents` mutants through one long-lived workspace (added, built, analysed, removed) and
 * samples the heap after a forced GC every 1,000: a leak shows as a positive slope.
 */
async function heapCheck(documents: number): Promise<{ samples: number[]; slopeKbPer1000: number }> {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('the heap check needs node --expose-gc (npm run fuzz passes it)');
    const pipeline = new Pipeline();
    const context = { corpus: loadCorpus(ROOT), keywords: pipeline.keywords() };
    const samples: number[] = [];
    const sample = () => {
        gc();
        gc();
        samples.push(process.memoryUsage().heapUsed);
    };
    sample();
    for (let i = 0; i < documents; i++) {
        // Its own seed stream, so the heap run never repeats the crash run's mutants.
        await pipeline.run(makeMutant(seed + 7919, i, context).text);
        if ((i + 1) % 1000 === 0) sample();
    }
    // Least squares over the samples after the first thousand (caches and JIT warm up there).
    const points = samples.slice(1).map((bytes, i) => [i, bytes / 1024] as const);
    const n = points.length;
    const meanX = points.reduce((s, [x]) => s + x, 0) / n;
    const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
    const num = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0);
    const den = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
    return { samples, slopeKbPer1000: den > 0 ? num / den : 0 };
}

async function main(): Promise<void> {
    if (process.argv.includes('--lsp')) {
        const report = await lspStorm({ root: ROOT, seed, edits: numberOption('budget', 500), server: path.resolve(option('server') ?? path.join(ROOT, 'out/server/main.cjs')) });
        console.log(`LSP edit storm (seed ${seed}): ${report.edits} edits, ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s`);
        console.log(`  server deaths: ${report.deaths}`);
        console.log(`  unanswered requests: ${report.unanswered}`);
        console.log(`  error responses: ${report.errors}${report.errorMessages.length ? ' — ' + report.errorMessages.join('; ') : ''}`);
        console.log(`  errors the server logged: ${report.loggedErrors}`);
        console.log(`  slowest answer: ${Math.round(report.maxAnswerMs)} ms`);
        process.exitCode = report.deaths + report.unanswered + report.errors > 0 ? 1 : 0;
        return;
    }
    const show = option('show');
    if (show !== undefined) {
        // One mutant's text, to save as a file and open in the editor or pass to `sysd check`.
        const mutant = makeMutant(seed, numberOption('show', 0), { corpus: loadCorpus(ROOT), keywords: new Pipeline().keywords() });
        process.stderr.write(`seed ${seed} mutant ${mutant.index}: ${mutant.source}: ${mutant.operations.join(', ')}\n`);
        process.stdout.write(mutant.text);
        return;
    }
    const cli = option('cli');
    if (cli) {
        const mutants = numberOption('budget', 250);
        const report = await runCli({ cli: path.resolve(cli), seed, mutants, corpus: loadCorpus(ROOT), keywords: new Pipeline().keywords() });
        console.log(`CLI ${cli} (seed ${seed}): ${report.mutants} mutants, ${report.runs} runs (check --format json; export mermaid, markdown, elk-json)`);
        console.log(`  mutants with a crashing command: ${report.crashedMutants}`);
        for (const [signature, count] of [...report.signatures].sort((a, b) => b[1] - a[1])) console.log(`  ${pad(count, 6)}× ${signature}`);
        process.exitCode = report.crashedMutants > 0 ? 1 : 0;
        return;
    }
    const corpus = loadCorpus(ROOT);
    console.log(`fuzz: seed ${seed}, ${budget === Number.MAX_SAFE_INTEGER ? 'no mutant limit' : `${budget} mutants`}${minutes !== undefined ? `, ${minutes} min` : ''}, ELK for ${(elkShare * 100).toFixed(1)}%, corpus of ${corpus.length} files`);
    const saver = out ? new Pipeline() : undefined;
    const firstOfSignature = new Map<string, Parameters<typeof saveCrasher>[2]>();
    const report = await runFuzz({
        seed, budget, elkShare, corpus,
        timeLimitMs: minutes === undefined ? undefined : minutes * 60_000,
        onFailure: (mutant, failure) => {
            if (!firstOfSignature.has(failure.signature)) firstOfSignature.set(failure.signature, mutant);
        },
        onProgress: done => process.stderr.write(`  ${done} mutants\n`)
    });

    console.log(`\nmutants run:     ${report.mutants} (${report.laidOutWithElk} laid out with ELK) in ${(report.ms / 1000).toFixed(1)} s`);
    console.log(`crashes:         ${report.crashes.reduce((s, c) => s + c.count, 0)} in ${report.crashes.length} signatures`);
    for (const crash of report.crashes) {
        console.log(`  ${pad(crash.count, 6)}× ${crash.signature}`);
        console.log(`          first: --seed ${seed} mutant ${crash.first.index} (${crash.first.source}: ${crash.first.operations.join(', ')})`);
    }
    console.log(`slow (> ${SLOW_MS} ms): ${report.slow.length}; slowest mutant ${Math.round(report.maxMs)} ms`);
    for (const slow of report.slow.slice(0, 20)) {
        console.log(`  ${pad(Math.round(slow.ms), 6)} ms in ${slow.stage}: mutant ${slow.mutant.index} (${slow.mutant.source}: ${slow.mutant.operations.join(', ')})`);
    }
    console.log('\nstage        total s   mean ms');
    for (const stage of STAGES) {
        console.log(`${stage.padEnd(12)} ${pad((report.stageMs[stage] / 1000).toFixed(1), 8)} ${pad((report.stageMs[stage] / Math.max(1, report.mutants)).toFixed(2), 9)}`);
    }

    if (saver && out) {
        console.log(`\nminimising crashers into ${out}:`);
        for (const [signature, mutant] of firstOfSignature) {
            const file = await saveCrasher(saver, path.resolve(out), mutant, signature);
            console.log(`  ${file ? path.relative(process.cwd(), file) : '(already saved)'}  ${signature}`);
        }
    }

    if (heapDocuments > 0) {
        const started = performance.now();
        const heap = await heapCheck(heapDocuments);
        const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
        console.log(`\nheap after GC over ${heapDocuments} documents in one workspace (${((performance.now() - started) / 1000).toFixed(0)} s), MB per 1,000: ${heap.samples.map(mb).join(' ')}`);
        console.log(`heap slope: ${heap.slopeKbPer1000.toFixed(1)} KB per 1,000 documents`);
    }
    process.exitCode = report.crashes.length > 0 || report.slow.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
});
