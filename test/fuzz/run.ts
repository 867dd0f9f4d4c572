/**
 * A fuzz run: seeded mutants of the corpus through the pipeline, with what went wrong grouped by
 * signature. Shared by the test (`fuzz.test.ts`, a small fixed budget) and `npm run fuzz` (any budget).
 */
import { performance } from 'node:perf_hooks';
import { makeMutant, mulberry32, mutantSeed, type CorpusFile, type Mutant } from './mutate.js';
import { Pipeline, STAGES, type Failure, type Stage } from './pipeline.js';

/** A text under this size must get through every stage in less than `SLOW_MS`. */
export const SLOW_MS = 2000;
export const SLOW_LIMIT_BYTES = 100 * 1024;

export interface FuzzOptions {
    seed: number;
    /** Mutants to run at most. */
    budget: number;
    /** Stop after this many milliseconds, even if the budget is not spent. */
    timeLimitMs?: number;
    /** Share of mutants laid out with ELK. */
    elkShare: number;
    corpus: readonly CorpusFile[];
    /** Called for each mutant that failed (first of its signature or not). */
    onFailure?: (mutant: Mutant, failure: Failure) => void;
    /** Called every `progressEvery` mutants. */
    onProgress?: (done: number) => void;
    progressEvery?: number;
}

export interface CrashGroup {
    signature: string;
    count: number;
    /** The first mutant that showed it. */
    first: Mutant;
    failure: Failure;
}

export interface SlowMutant {
    mutant: Mutant;
    ms: number;
    /** The stage that took longest. */
    stage: Stage;
}

export interface FuzzReport {
    seed: number;
    mutants: number;
    laidOutWithElk: number;
    ms: number;
    crashes: CrashGroup[];
    slow: SlowMutant[];
    /** Total milliseconds per stage over all mutants. */
    stageMs: Record<Stage, number>;
    /** The slowest mutant's milliseconds. */
    maxMs: number;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
    const pipeline = new Pipeline({ elkShare: options.elkShare });
    const context = { corpus: options.corpus, keywords: pipeline.keywords() };
    const stageMs = Object.fromEntries(STAGES.map(stage => [stage, 0])) as Record<Stage, number>;
    const crashes = new Map<string, CrashGroup>();
    const slow: SlowMutant[] = [];
    const started = performance.now();
    let mutants = 0;
    let laidOutWithElk = 0;
    let maxMs = 0;
    for (let index = 0; index < options.budget; index++) {
        if (options.timeLimitMs !== undefined && performance.now() - started > options.timeLimitMs) break;
        const mutant = makeMutant(options.seed, index, context);
        // The ELK draw has its own stream, so changing the share never changes the mutants.
        const result = await pipeline.run(mutant.text, mulberry32(mutantSeed(options.seed ^ 0x5eed, index))());
        mutants++;
        if (result.elk) laidOutWithElk++;
        for (const stage of STAGES) stageMs[stage] += result.times[stage];
        maxMs = Math.max(maxMs, result.total);
        if (result.total > SLOW_MS && Buffer.byteLength(mutant.text) < SLOW_LIMIT_BYTES) {
            const stage = STAGES.reduce((a, b) => (result.times[b] > result.times[a] ? b : a));
            slow.push({ mutant, ms: result.total, stage });
        }
        for (const failure of result.failures) {
            const group = crashes.get(failure.signature);
            if (group) group.count++;
            else crashes.set(failure.signature, { signature: failure.signature, count: 1, first: mutant, failure });
            options.onFailure?.(mutant, failure);
        }
        if (options.onProgress && (index + 1) % (options.progressEvery ?? 1000) === 0) options.onProgress(index + 1);
    }
    return {
        seed: options.seed, mutants, laidOutWithElk, ms: performance.now() - started,
        crashes: [...crashes.values()].sort((a, b) => b.count - a.count), slow, stageMs, maxMs
    };
}

/** The signatures a text fails with (empty when it passes), on a fresh pipeline without ELK unless asked. */
export async function signaturesOf(pipeline: Pipeline, text: string, elk = false): Promise<string[]> {
    const result = await pipeline.run(text, elk ? 0 : 1);
    return result.failures.map(f => f.signature);
}

/**
 * Shrinks a failing text while it still fails with `signature`: delta debugging over lines, then over
 * tokens-ish chunks (runs of non-space characters), removing ever smaller pieces until none can go.
 */
export async function reduce(pipeline: Pipeline, text: string, signature: string, maxRuns = 2000): Promise<string> {
    let runs = 0;
    const stillFails = async (candidate: string) => {
        runs++;
        return (await signaturesOf(pipeline, candidate)).includes(signature);
    };
    const shrink = async (parts: string[], join: string): Promise<string[]> => {
        let chunk = Math.max(1, Math.floor(parts.length / 2));
        while (chunk >= 1 && runs < maxRuns) {
            let removed = false;
            for (let start = 0; start < parts.length && runs < maxRuns; ) {
                const candidate = [...parts.slice(0, start), ...parts.slice(start + chunk)];
                if (candidate.length < parts.length && await stillFails(candidate.join(join))) {
                    parts = candidate;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) chunk = Math.floor(chunk / 2);
        }
        return parts;
    };
    let current = (await shrink(text.split('\n'), '\n')).join('\n');
    // Words and the spaces between them, so removing a word keeps its neighbours apart.
    current = (await shrink(current.split(/(?<=\s)(?=\S)/), '')).join('');
    return current;
}

/** A file name for a signature: its words, lower case, hyphenated, short. */
export function signatureSlug(signature: string): string {
    const slug = signature.toLowerCase().replace(/\(.*?\)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return slug.slice(0, 60).replace(/-$/, '') || 'crash';
}
