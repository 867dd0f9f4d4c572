/**
 * The fuzz suite at a small fixed budget: seeded mutants of every example (and the sketch) through
 * the whole pipeline. No exception may escape, no rule may fail, and no mutant may take longer than
 * two seconds. `npm run fuzz` runs the same mutants at any budget (docs/testing.md, "Fuzzing").
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './mutate.js';
import { runFuzz, SLOW_MS } from './run.js';

const ROOT = path.resolve(__dirname, '../..');
/** Fixed, so a failure here is reproduced with `npm run fuzz -- --seed 1 --budget <n>`. */
const SEED = 1;
const BUDGET = 2000;
/** ELK is slow (tens of milliseconds a layout); one mutant in fifty gets a real layout. */
const ELK_SHARE = 0.02;
/**
 * About 60 s runs the whole budget on an idle machine; on a loaded one the run stops here instead of
 * timing out, and checks the mutants it got through (always the same first ones, in order).
 */
const TIME_LIMIT_MS = 150_000;

describe('fuzz', () => {
    it(`${BUDGET} seeded mutants of the examples pass every stage without an exception, a failed rule or a ${SLOW_MS} ms stall`, async () => {
        const report = await runFuzz({ seed: SEED, budget: BUDGET, elkShare: ELK_SHARE, corpus: loadCorpus(ROOT), timeLimitMs: TIME_LIMIT_MS });
        const crashes = report.crashes.map(c => `${c.count}× ${c.signature}\n  first: mutant ${c.first.index} of ${c.first.source} (${c.first.operations.join(', ')})`);
        const slow = report.slow.map(s => `${Math.round(s.ms)} ms (${s.stage}): mutant ${s.mutant.index} of ${s.mutant.source}`);
        expect(report.mutants).toBeGreaterThan(0);
        expect(crashes, 'crash signatures (reproduce: npm run fuzz -- --seed 1 --budget 2000 --out <dir>)').toEqual([]);
        expect(slow, 'mutants slower than the limit').toEqual([]);
    }, TIME_LIMIT_MS + 60_000);
});
