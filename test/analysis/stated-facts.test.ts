// The analysis reads the facts the language states instead of its defaults: a failover's time
// (what-if outage and availability), stated latencies (the budget at a percentile beside the worst
// case) and a retry's base delay (the backoff sum). Every expected number is worked out above it.
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';
import { analyze, backoffDelays, explainMarkdown, summaryLine, type AnalysisResult, type FailureSet, type PathReport } from '../../language/src/analysis/index.js';
import { failoverAvailability } from '../../language/src/analysis/components.js';
import type { RelationModel } from '../../language/src/model/types.js';

const P = 0.995; // one self-run instance (one zone unit)
const ANY = 1 - 0.005 ** 2; // leader or follower, two zones: 0.999975

async function run(body: string, fail?: FailureSet): Promise<AnalysisResult> {
    const { model } = await workspace(`system S {\n    region us { zones a, b, c }\n    client Web : browser\n${body}\n}\n`);
    return analyze(model, { fail });
}

function path(result: AnalysisResult, name: string): PathReport {
    const found = [...result.flows, ...result.slos].find(r => r.name === name);
    if (!found) throw new Error(`no flow or SLO named ${name}`);
    return found;
}

const zoneA: FailureSet = { zones: ['S.us.a'] };

describe('failover time', () => {
    const db = (failover: string, where: 'setting' | 'component' = 'setting') => `
    service Api { availability 99.9%; writes Db }
    database Db : postgres { replicas 2 across a, b; replication single-leader { followers 1 across b${where === 'setting' ? `; failover ${failover}` : ''} }${where === 'component' ? `; failover ${failover}` : ''} }
    flow F { path Api }`;

    it('keeps writes down for the stated manual time when the leader zone fails, then recovers', async () => {
        const flow = path(await run(db('manual 5m'), zoneA), 'F');
        expect(flow.status).toBe('degraded');
        expect(flow.consequences[0]).toMatchObject({ status: 'degraded', component: 'S.Db', outageMs: 300_000 });
        expect(flow.consequences[0].why).toContain('writes stop for 5 min (the stated time for an operator to promote one of the 1 follower left');
        // After the failover the follower serves alone: 0.999 × 0.995.
        expect(flow.availability.value).toBeCloseTo(0.999 * P, 14);
        expect(explainMarkdown(flow)).toContain('degraded (for 5 min, then recovers)');
        // Without a stated time a manual failover waits for an operator: down, no outage time.
        const untimed = path(await run(db('manual'), zoneA), 'F');
        expect(untimed.status).toBe('down');
        expect(untimed.consequences[0].outageMs).toBeUndefined();
        expect(untimed.consequences[0].why).toContain('states no time');
    });

    it('says how long writes pause with a timed automatic failover', async () => {
        const flow = path(await run(db('automatic 30s'), zoneA), 'F');
        expect(flow.status).toBe('degraded');
        expect(flow.consequences[0].outageMs).toBe(30_000);
        expect(flow.consequences[0].why).toContain('writes stop for 30 s (the stated failover time) and then resume');
    });

    it('charges the stated failover time of each leader outage in the availability', async () => {
        // A = A_leader + (A_any − A_leader) × (1 − F / 1 h)
        // manual 5m:     0.995 + 0.004975 × 11/12  = 0.999560416...
        // automatic 30s: 0.995 + 0.004975 × 119/120 = 0.999933541...
        const manual = 0.995 + (ANY - P) * (1 - 5 / 60);
        const automatic = 0.995 + (ANY - P) * (1 - 0.5 / 60);
        expect(manual).toBeCloseTo(0.99956041666, 10);
        const m = await run(db('manual 5m'));
        expect(path(m, 'F').availability.value).toBeCloseTo(0.999 * manual, 14);
        expect(path(m, 'F').availability.terms.find(t => t.components[0] === 'S.Db')?.working)
            .toContain('0.995 + (0.999975 − 0.995) × (1 − min(1, 5 min / 1 h)) = 0.9995604');
        expect(m.assumptions.some(a => a.includes('A failed leader is out for 1 h'))).toBe(true);
        expect(path(await run(db('automatic 30s')), 'F').availability.value).toBeCloseTo(0.999 * automatic, 14);
        // The component's `failover manual 5m` is the leader's.
        expect(path(await run(db('manual 5m', 'component')), 'F').availability.value).toBeCloseTo(0.999 * manual, 14);
        // A failover as long as the repair saves nothing: the leader alone; untimed automatic is immediate.
        expect(path(await run(db('manual 2h')), 'F').availability.value).toBeCloseTo(0.999 * P, 14);
        const untimed = await run(db('automatic'));
        expect(path(untimed, 'F').availability.value).toBeCloseTo(0.999 * ANY, 14);
        expect(untimed.assumptions.some(a => a.includes('A failed leader'))).toBe(false);
    });

    it('interpolates between the leader alone and any copy', () => {
        expect(failoverAvailability(0.9, 0.99, 0)).toBeCloseTo(0.99, 14);
        expect(failoverAvailability(0.9, 0.99, 30 * 60_000)).toBeCloseTo(0.945, 14);
        expect(failoverAvailability(0.9, 0.99, 10 * 3_600_000)).toBeCloseTo(0.9, 14);
    });
});

describe('stated latencies', () => {
    // Web → Api (timeout 1 s) → Orders (timeout 200 ms, 2 retries exponential base 50 ms).
    const body = (call: string, api = 'latency p99 5ms', target = '100ms') => `
    Web -> Api : https { timeout 1s }
    service Api { ${api}; calls Orders { timeout 200ms; retry 2 exponential 50ms${call} } }
    service Orders
    slo Buy { path Web -> Api -> Orders; latency p99 ${target} }`;

    it('adds the stated latencies for the budget and keeps the worst case beside it', async () => {
        // budget p99: Api → Orders 40 (stated) + Api's own 5 = 45; Web → Api states none, but Api's
        // time rests on stated figures: one attempt of 45 ms (under the 1 s timeout). 45 ms ≤ 100 ms.
        // worst: Api → Orders 3 × 200 + 50 + 100 = 750, + Api's own 5 = 755 under Web's 1 s timeout: 1,000 ms.
        const slo = path(await run(body('; latency p99 40ms')), 'Buy');
        expect(slo.latency.worstMs).toBe(1000);
        expect(slo.latency.budgets).toEqual([expect.objectContaining({ percentile: 'p99', ms: 45, complete: true })]);
        expect(slo.latency.budgets[0].working).toBe("Web → Api: one attempt, the callee's p99 45 ms; Api: own p99 5 ms stated; Api → Orders: latency p99 40 ms stated → p99 budget 45 ms");
        expect(slo.objective?.latencies[0]).toMatchObject({ verdict: 'within', basis: 'stated', budgetMs: 45, targetMs: 100 });
        expect(slo.objective?.latencies[0].why).toContain('the worst case is 1,000 ms when every timeout and retry is waited out');
        expect(summaryLine(slo)).toContain('p99 budget 45 / 100 ms (worst 1,000 ms)');
    });

    it('exceeds the target on the stated budget', async () => {
        const slo = path(await run(body('; latency p99 40ms', 'latency p99 5ms', '30ms')), 'Buy');
        expect(slo.objective?.latencies[0]).toMatchObject({ verdict: 'exceeded', basis: 'stated', budgetMs: 45 });
        expect(slo.objective?.latencies[0].why).toContain('p99 budget 45 ms from the stated latencies > p99 30 ms');
    });

    it('lets the worst case stand in for a hop that states nothing', async () => {
        // Api states 5 ms, Api → Orders states nothing: its worst case 750 ms stands in: 755 ms.
        const slo = path(await run(body('')), 'Buy');
        expect(slo.latency.budgets[0]).toMatchObject({ percentile: 'p99', ms: 755, complete: false });
        expect(slo.latency.budgets[0].working).toContain('(no latency stated: the worst case stands in)');
        expect(slo.objective?.latencies[0]).toMatchObject({ verdict: 'exceeded', basis: 'stated', budgetMs: 755 });
    });

    it('answers a percentile with the nearest higher one stated, and cuts one attempt at the timeout', async () => {
        // Figures stated at p99.9 answer for p99 (an upper bound): 40 + 5 = 45 ms.
        const slo = path(await run(body('; latency p99.9 40ms', 'latency p99.9 5ms')), 'Buy');
        expect(slo.latency.budgets[0]).toMatchObject({ percentile: 'p99', ms: 45, complete: true });
        expect(slo.latency.budgets[0].working).toContain('latency p99.9 40 ms stated');
        // A p50 figure says nothing about p99: the worst case answers.
        const lower = path(await run(body('; latency p50 40ms', 'latency p50 5ms')), 'Buy');
        expect(lower.latency.budgets.find(b => b.percentile === 'p99')).toBeUndefined();
        expect(lower.objective?.latencies[0]).toMatchObject({ basis: 'worst-case', budgetMs: 1000, verdict: 'exceeded' });
        // The callee's 2 s is cut at the caller's 1 s timeout for one attempt.
        const cut = path(await run(body('; latency p99 40ms', 'latency p99 2s', '5s')), 'Buy');
        expect(cut.latency.budgets[0]).toMatchObject({ ms: 1000 });
        expect(cut.latency.budgets[0].working).toContain("one attempt, the callee's p99 2,040 ms, cut at the timeout 1,000 ms");
    });

    it('lists the budgets of a flow at the percentiles the model states, and none when it states none', async () => {
        const result = await run(`
    service Api { latency p50 3ms; latency p99 9ms; calls Db { timeout 100ms } }
    database Db { latency p99 4ms }
    flow F { path Api -> Db }
    flow G { path Db }`);
        // p50: Api 3 + one attempt of Db, whose p99 4 bounds its p50 = 7, complete.
        // p99: Api 9 + one attempt of Db's 4 = 13, complete.
        expect(path(result, 'F').latency.budgets).toEqual([
            expect.objectContaining({ percentile: 'p50', ms: 7, complete: true }),
            expect.objectContaining({ percentile: 'p99', ms: 13, complete: true })
        ]);
        expect(summaryLine(path(result, 'F'))).toContain('p50 7 ms · p99 13 ms · worst case 109 ms');
        const none = await run(`
    service Api { calls Db { timeout 100ms } }
    database Db
    flow F { path Api -> Db }`);
        expect(path(none, 'F').latency.budgets).toEqual([]);
        expect(path(none, 'F').latency.working).toContain('no processing time is stated: each counts as 0');
    });
});

describe('retry base delay', () => {
    const relation = (backoff: 'fixed' | 'incremental' | 'exponential', baseDelayMs?: number, maxDelayMs?: number) =>
        ({ retry: { count: 4, unbounded: false, backoff, baseDelayMs, jitter: false, maxDelayMs } }) as unknown as RelationModel;

    it('sums the stated base by each kind, capped by max', () => {
        expect(backoffDelays(relation('fixed', 200))).toEqual([200, 200, 200, 200]);
        expect(backoffDelays(relation('incremental', 200))).toEqual([200, 400, 600, 800]);
        expect(backoffDelays(relation('exponential', 200))).toEqual([200, 400, 800, 1600]);
        expect(backoffDelays(relation('exponential', 200, 500))).toEqual([200, 400, 500, 500]);
        expect(backoffDelays(relation('incremental', 250, 600))).toEqual([250, 500, 600, 600]);
    });

    it('uses the stated base in the worst case and drops the default from the assumptions', async () => {
        // 4 attempts × 100 ms + 200 + 400 + 800 = 1,800 ms (base 200 ms, max 2 s not reached)
        const stated = await run(`
    service Api { calls Orders { timeout 100ms; retry 3 exponential 200ms jitter max 2s } }
    service Orders
    flow F { path Api -> Orders }`);
        expect(path(stated, 'F').latency.worstMs).toBe(1800);
        expect(path(stated, 'F').latency.working).toContain('4 attempts × timeout 100 ms + backoff 200 + 400 + 800 ms (exponential, base 200 ms, max 2,000 ms) = 1,800 ms');
        expect(stated.assumptions.some(a => a.includes('without a stated base'))).toBe(false);
        // Unstated: 4 × 100 + 100 + 200 + 400 = 1,100 ms, and the default is listed.
        const unstated = await run(`
    service Api { calls Orders { timeout 100ms; retry 3 exponential } }
    service Orders
    flow F { path Api -> Orders }`);
        expect(path(unstated, 'F').latency.worstMs).toBe(1100);
        expect(unstated.assumptions.some(a => a.includes('without a stated base starts at 100 ms'))).toBe(true);
    });
});

describe('half-typed facts', () => {
    for (const text of [
        'database Db { replicas 2 across a, b; replication single-leader { followers 1 across b; failover manual } }\n    flow F { path Db }\n    service X { failover manual ',
        'service Api { latency p9',
        'service Api { calls Db { latency p99 } }\n    database Db\n    slo S { path Api -> Db; latency p9',
        'service Api { calls Db { timeout 1s; retry 3 exponential } }\n    database Db\n    flow F { path Api -> Db }'
    ]) {
        it(`analyses ${JSON.stringify(text.slice(0, 60))} without throwing`, async () => {
            const result = await run(text, zoneA);
            expect(result.version).toBe(1);
        });
    }
});
