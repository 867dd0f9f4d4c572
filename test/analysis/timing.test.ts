// Latency budgets, timeout ordering and retry amplification on hand-computed cases, and the
// arithmetic helpers (k-of-n over zone units, spreading replicas, majorities, backoff delays).
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';
import { analyze, atLeast, backoffDelays, majority, spread, type AnalysisResult } from '../../language/src/analysis/index.js';
import type { RelationModel } from '../../language/src/model/types.js';

async function run(body: string): Promise<AnalysisResult> {
    const { model } = await workspace(`system S {\n    client Web : browser\n${body}\n}\n`);
    return analyze(model);
}

describe('latency budget', () => {
    it('adds attempts × timeout and the backoff delays, nested along the path', async () => {
        // Api → Orders: 3 attempts × 200 ms + backoff 100 + 200 ms = 900 ms; Web → Api has no timeout,
        // so it waits as long as Api: 900 ms. p99 500 ms is exceeded.
        const result = await run(`
    Web -> Api : https
    service Api { calls Orders { timeout 200ms; retry 2 exponential } }
    service Orders
    slo Buy { path Web -> Api -> Orders; latency p99 500ms }`);
        const slo = result.slos[0];
        expect(slo.latency.worstMs).toBe(900);
        expect(slo.latency.working).toContain('3 attempts × timeout 200 ms + backoff 100 + 200 ms (exponential, default base 100 ms) = 900 ms');
        expect(slo.objective?.latencies[0]).toMatchObject({ percentile: 'p99', targetMs: 500, verdict: 'exceeded' });
    });

    it('bounds the wait by the first timeout on the path and adds the calls a step waits on', async () => {
        // Web → Api: timeout 1 s, one attempt: 1,000 ms whatever Api waits on.
        // Api's own calls: Db read (no timeout, nothing below: 0) + Auth 2 × 100 ms fixed + 100 ms = 300 ms.
        const result = await run(`
    Web -> Api : https { timeout 1s }
    service Api { calls Auth { timeout 100ms; retry 1 fixed }; reads Db }
    service Auth
    database Db
    flow F { path Web -> Api }
    flow G { path Api }`);
        const [f, g] = result.flows;
        expect(f.latency.worstMs).toBe(1000);
        expect(g.latency.worstMs).toBe(300);
    });

    it('is unbounded with retry forever', async () => {
        const result = await run(`
    service Api { calls Orders { timeout 200ms; retry forever exponential } }
    service Orders
    slo S { path Api -> Orders; latency p99 1s }`);
        expect(result.slos[0].latency.worstMs).toBeUndefined();
        expect(result.slos[0].objective?.latencies[0].verdict).toBe('unknown');
        expect(result.slos[0].retryAmplification.factor).toBeNull();
    });
});

describe('timeout ordering', () => {
    it('reports a caller whose timeout is shorter than the worst case of its callee', async () => {
        // Orders waits on Billing: 3 × 200 ms + 100 + 200 ms = 900 ms > Api's 300 ms timeout.
        const result = await run(`
    service Api { calls Orders { timeout 300ms } }
    service Orders { calls Billing { timeout 200ms; retry 2 exponential } }
    service Billing
    service Fine { calls Billing { timeout 1s } }`);
        expect(result.timeouts).toHaveLength(1);
        expect(result.timeouts[0]).toMatchObject({ caller: 'S.Api', callee: 'S.Orders', callerTimeoutMs: 300, calleeWorstMs: 900 });
    });
});

describe('retry amplification', () => {
    it('multiplies attempts along a chain of calls', async () => {
        // 3 × 3 × 3 = 27 calls to C for one call to A
        const result = await run(`
    service A { calls B { timeout 5s; retry 2 } }
    service B { calls C { timeout 1s; retry 2 } }
    service C { calls D { timeout 100ms; retry 2 } }
    service D
    flow F { path A -> B -> C -> D }`);
        const longest = result.retries.find(r => r.chain.join(' ') === 'S.A S.B S.C S.D');
        expect(longest?.factor).toBe(27);
        expect(longest?.working).toContain('3 × 3 × 3 = 27');
        expect(result.flows[0].retryAmplification.factor).toBe(27);
    });

    it('ignores a chain with a single retrying hop', async () => {
        const result = await run(`
    service A { calls B { timeout 5s } }
    service B { calls C { timeout 1s; retry 2 } }
    service C`);
        expect(result.retries).toEqual([]);
    });
});

describe('arithmetic helpers', () => {
    it('computes P(at least q copies) over correlated zone units', () => {
        // one unit of 3 copies: all or nothing
        expect(atLeast([{ count: 3, p: 0.9 }], 2)).toBeCloseTo(0.9, 14);
        // three units of one copy: 3p²(1 − p) + p³
        expect(atLeast([{ count: 1, p: 0.9 }, { count: 1, p: 0.9 }, { count: 1, p: 0.9 }], 2)).toBeCloseTo(3 * 0.81 * 0.1 + 0.729, 14);
        // 3 + 2 copies, majority 3: only the unit of 3, or both
        expect(atLeast([{ count: 3, p: 0.9 }, { count: 2, p: 0.9 }], 3)).toBeCloseTo(0.9, 14);
        expect(atLeast([], 1)).toBe(0);
        expect(atLeast([], 0)).toBe(1);
    });

    it('spreads replicas round-robin over placements', () => {
        expect(spread(5, ['a', 'b', 'c']).map(u => u.count)).toEqual([2, 2, 1]);
        expect(spread(2, ['a', 'b', 'c']).map(u => u.domain)).toEqual(['a', 'b']);
        expect(spread(0, ['a'])).toEqual([]);
        expect(spread(3, [])).toEqual([{ count: 3 }]);
    });

    it('sizes majorities and backoffs as the notes do', () => {
        expect([1, 2, 3, 4, 5, 6, 7].map(majority)).toEqual([1, 2, 2, 3, 3, 4, 4]);
        const relation = (backoff: 'fixed' | 'incremental' | 'exponential', maxDelayMs?: number) =>
            ({ retry: { count: 4, unbounded: false, backoff, jitter: false, maxDelayMs } }) as unknown as RelationModel;
        expect(backoffDelays(relation('fixed'))).toEqual([100, 100, 100, 100]);
        expect(backoffDelays(relation('incremental'))).toEqual([100, 200, 300, 400]);
        expect(backoffDelays(relation('exponential'))).toEqual([100, 200, 400, 800]);
        expect(backoffDelays(relation('exponential', 250))).toEqual([100, 200, 250, 250]);
    });
});
