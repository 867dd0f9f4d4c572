// The failure model on hand-computed cases: series and parallel availability, correlated zone
// failure, quorums and consensus majorities, leader failover, cache fallback, asynchronous hops,
// fallback calls and managed components. Every expected number is worked out in the comment above it.
import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';
import { analyze, parseFailure, failureSet, type AnalysisResult, type FailureSet, type PathReport } from '../../language/src/analysis/index.js';

const P = 0.995; // the default availability of one self-run instance (one zone unit)

async function run(body: string, fail?: FailureSet): Promise<AnalysisResult> {
    const { model } = await workspace(`system S {\n    region us { zones a, b, c }\n    client Web : browser\n${body}\n}\n`);
    return analyze(model, { fail });
}

function path(result: AnalysisResult, name: string): PathReport {
    const found = [...result.flows, ...result.slos].find(r => r.name === name);
    if (!found) throw new Error(`no flow or SLO named ${name}`);
    return found;
}

const zone = (...names: string[]): FailureSet => ({ zones: names.map(n => `S.us.${n}`) });

describe('availability arithmetic', () => {
    it('multiplies the stated availabilities of a series of synchronous hops', async () => {
        // 0.999 × 0.995 = 0.994005 (the client is the caller and not a factor)
        const result = await run(`
    Web -> Api : https
    service Api { availability 99.9%; calls Orders { timeout 1s } }
    service Orders { availability 99.5% }
    slo Buy { path Web -> Api -> Orders; availability 99% }`);
        const slo = path(result, 'Buy');
        expect(slo.availability.value).toBeCloseTo(0.994005, 12);
        expect(slo.availability.terms.map(t => t.source)).toEqual(['declared', 'declared']);
        expect(slo.objective?.availability?.verdict).toBe('met');
    });

    it('counts replicas in independent zones in parallel, and replicas in one zone as one unit', async () => {
        const result = await run(`
    service Spread { replicas 3 across a, b, c }
    service Packed { replicas 3 across a }
    service Two { replicas 4 across a, b }
    flow F1 { path Spread }
    flow F2 { path Packed }
    flow F3 { path Two }`);
        // 1 − (1 − 0.995)^3
        expect(path(result, 'F1').availability.value).toBeCloseTo(1 - (1 - P) ** 3, 14);
        // three replicas in zone a fail together: 0.995
        expect(path(result, 'F2').availability.value).toBeCloseTo(P, 14);
        // 2 + 2 replicas in two zones: 1 − 0.005² = 0.999975
        expect(path(result, 'F3').availability.value).toBeCloseTo(0.999975, 14);
        expect(path(result, 'F1').availability.terms[0].working).toContain('1 − (1 − 0.995)^3');
    });

    it('counts a component shared by two steps once', async () => {
        // Api and Orders both write Db (single node): Db is one factor, 0.999 × 0.999 × 0.995 (not × 0.995²)
        const result = await run(`
    service Api { availability 99.9%; calls Orders { timeout 1s }; writes Db }
    service Orders { availability 99.9%; writes Db; reads Db }
    database Db { replicas 1 across a }
    flow F { path Api -> Orders }`);
        expect(path(result, 'F').availability.value).toBeCloseTo(0.999 * 0.999 * P, 14);
        expect(path(result, 'F').availability.terms).toHaveLength(3);
    });

    it('takes a managed technology at its published figure and keeps it through a zone failure', async () => {
        const body = `
    service Api { availability 99.9%; reads Files }
    objectstore Files : s3
    flow F { path Api }`;
        const result = await run(body);
        // 0.999 (Api) × 0.999 (Amazon S3 SLA)
        expect(path(result, 'F').availability.value).toBeCloseTo(0.999 * 0.999, 14);
        expect(path(result, 'F').availability.terms[1].source).toBe('technology');
        expect(path(result, 'F', ).status).toBe('up');
        expect(path(await run(body, zone('a')), 'F').status).toBe('up');
    });

    it('lets a stated availability win over the replicas', async () => {
        const result = await run(`
    service Api { replicas 3 across a, b, c; availability 99.95% }
    flow F { path Api }`);
        expect(path(result, 'F').availability.value).toBeCloseTo(0.9995, 14);
    });
});

describe('zone failures', () => {
    const body = `
    Web -> Api : https
    service Api { replicas 2 across a, b; calls Orders { timeout 1s } }
    service Orders { replicas 2 across a }
    flow Buy { path Web -> Api -> Orders }`;

    it('degrades a component that keeps replicas in another zone and downs one that had all of them in the failed zone', async () => {
        const result = await run(body, zone('a'));
        const flow = path(result, 'Buy');
        expect(flow.status).toBe('down');
        expect(flow.consequences[0]).toMatchObject({ status: 'down', component: 'S.Orders', step: 2 });
        expect(flow.consequences[0].why).toContain('all 2 instances of Orders are lost');
        expect(result.components.find(c => c.id === 'S.Api')?.status).toBe('degraded');
        expect(flow.availability.value).toBe(0);
    });

    it('leaves the flow up when the failed zone holds nothing it needs', async () => {
        const result = await run(body, zone('c'));
        expect(path(result, 'Buy').status).toBe('up');
        expect(result.components).toEqual([]);
    });

    it('fails every zone of a failed region', async () => {
        const result = await run(`
    service Api { replicas 3 across a, b, c }
    flow F { path Api }`, { regions: ['S.us'] });
        expect(path(result, 'F').status).toBe('down');
    });

    it('fails some instances of a component', async () => {
        const body2 = `
    service Api { replicas 3 across a, b, c }
    flow F { path Api }`;
        expect(path(await run(body2, { instances: { 'S.Api': 2 } }), 'F').status).toBe('degraded');
        expect(path(await run(body2, { instances: { 'S.Api': 3 } }), 'F').status).toBe('down');
    });
});

describe('quorums', () => {
    const store = (w: number, r: number) => `
    service Api { availability 99.9%; writes Kv; reads Kv }
    service Reader { availability 99.9%; reads Kv }
    database Kv : cassandra { replicas 3 across a, b, c; replication leaderless { n 3; w ${w}; r ${r} } }
    flow Write { path Api }
    flow Read { path Reader }`;

    it('n=3 w=2 r=2 survives one zone and not two', async () => {
        const one = await run(store(2, 2), zone('a'));
        expect(path(one, 'Write').status).toBe('degraded');
        expect(path(one, 'Write').consequences[0].why).toContain('2 of n=3 copies left, writes still reach w=2');
        const two = await run(store(2, 2), zone('a', 'b'));
        expect(path(two, 'Write').status).toBe('down');
        expect(path(two, 'Write').consequences[0].why).toContain('1 of n=3 copies of each key left, writes need w=2');
        expect(path(two, 'Read').status).toBe('down');
    });

    it('n=3 w=2 r=1 keeps reading after losing two zones', async () => {
        const two = await run(store(2, 1), zone('a', 'b'));
        expect(path(two, 'Read').status).toBe('degraded');
        expect(path(two, 'Write').status).toBe('down');
    });

    it('computes P(at least w of n copies) with the copies one per zone', async () => {
        // P(≥ 2 of 3) = 3p²(1 − p) + p³ = 0.99992525 with p = 0.995; Api × that
        const result = await run(store(2, 2));
        expect(path(result, 'Write').availability.value).toBeCloseTo(0.999 * (3 * P * P * (1 - P) + P ** 3), 14);
        // after zone a: both remaining copies needed, p² = 0.990025
        const one = await run(store(2, 2), zone('a'));
        expect(path(one, 'Write').availability.value).toBeCloseTo(0.999 * P * P, 14);
    });

    it('consensus of 5 nodes across 3 zones (2, 2, 1) survives any one zone', async () => {
        const body = `
    coordinator Zk : zookeeper { replicas 5 across a, b, c }
    service Api { availability 99.9%; calls Zk { timeout 1s } }
    flow F { path Api }`;
        for (const z of ['a', 'b', 'c']) {
            const result = await run(body, zone(z));
            expect(path(result, 'F').status, `zone ${z}`).toBe('degraded');
        }
        expect(path(await run(body, zone('a', 'b')), 'F').status).toBe('down');
    });

    it('consensus of 5 nodes across 2 zones (3, 2) dies with the zone holding the majority', async () => {
        const body = `
    coordinator Zk : zookeeper { replicas 5 across a, b }
    service Api { availability 99.9%; calls Zk { timeout 1s } }
    flow F { path Api }`;
        const a = path(await run(body, zone('a')), 'F');
        expect(a.status).toBe('down');
        expect(a.consequences[0].why).toContain('keeps 2 of 5 nodes; consensus needs a majority of 3');
        expect(path(await run(body, zone('b')), 'F').status).toBe('degraded');
    });
});

describe('single-leader failover', () => {
    const db = (failover: string, mode = 'async') => `
    service Api { availability 99.9%; writes Db }
    database Db : postgres { replicas 2 across a, b; replication single-leader { followers 1 across b; mode ${mode}; failover ${failover} } }
    flow F { path Api }`;

    it('fails over automatically when the leader zone goes, and stops with manual failover', async () => {
        const auto = path(await run(db('automatic'), zone('a')), 'F');
        expect(auto.status).toBe('degraded');
        expect(auto.consequences[0].why).toContain('automatic failover promotes');
        const manual = path(await run(db('manual'), zone('a')), 'F');
        expect(manual.status).toBe('down');
        expect(manual.consequences[0].why).toContain('failover is manual');
    });

    it('counts the follower in parallel only with automatic failover', async () => {
        // automatic: 1 − 0.005² = 0.999975; manual: the leader alone, 0.995
        expect(path(await run(db('automatic')), 'F').availability.value).toBeCloseTo(0.999 * 0.999975, 14);
        expect(path(await run(db('manual')), 'F').availability.value).toBeCloseTo(0.999 * P, 14);
    });

    it('blocks writes with synchronous replication when the only follower is lost', async () => {
        const result = path(await run(db('automatic', 'sync'), zone('b')), 'F');
        expect(result.status).toBe('down');
        expect(result.consequences[0].why).toContain('synchronous replication');
        expect(path(await run(db('automatic', 'async'), zone('b')), 'F').status).toBe('degraded');
    });

    it('cannot elect a new leader when the election coordinator lost its majority', async () => {
        const body = `
    coordinator Zk : zookeeper { replicas 3 across a, b, c }
    service Api { availability 99.9%; writes Db }
    database Db : postgres { replicas 3 across a, b, c; replication single-leader { followers 2 across b, c; failover automatic; election via Zk } }
    flow F { path Api }`;
        expect(path(await run(body, zone('a')), 'F').status).toBe('degraded');
        const both = path(await run(body, zone('a', 'b')), 'F');
        expect(both.status).toBe('down');
        expect(both.consequences.map(c => c.why).join('\n')).toContain('no new one can be elected');
    });
});

describe('fallbacks and asynchronous hops', () => {
    it('falls back from a cache to its store', async () => {
        const body = `
    service Api { availability 99.9%; reads Hot; reads Db }
    cache Hot : redis { replicas 1 across a }
    database Db { availability 99.99% }
    flow F { path Api }`;
        const before = path(await run(body), 'F');
        // the cache is not a factor: Api × Db = 0.999 × 0.9999
        expect(before.availability.value).toBeCloseTo(0.999 * 0.9999, 14);
        const result = path(await run(body, { components: ['S.Hot'] }), 'F');
        expect(result.status).toBe('degraded');
        expect(result.consequences[0].why).toContain('reads fall back to Db');
    });

    it('buffers work behind an asynchronous hop, and fails with a broker that is published to synchronously', async () => {
        const body = (via: string) => `
    service Api { availability 99.9%; publishes Bus.orders${via} }
    broker Bus : kafka { replicas 3 across a, b, c; topic orders }
    service Worker { replicas 1 across a; consumes Bus.orders }
    flow F { path Api -> Bus.orders -> Worker }`;
        const worker = path(await run(body(''), { components: ['S.Worker'] }), 'F');
        expect(worker.status).toBe('degraded');
        expect(worker.steps[2]).toMatchObject({ async: true, status: 'degraded' });
        expect(path(await run(body(''), { components: ['S.Bus'] }), 'F').status).toBe('down');
        // through an outbox the publish does not wait for the broker
        expect(path(await run(body(' via outbox'), { components: ['S.Bus'] }), 'F').status).toBe('degraded');
        // the worker after the asynchronous hop is not a factor: Api × P(any of 3 broker zones)
        expect(path(await run(body('')), 'F').availability.value).toBeCloseTo(0.999 * (1 - (1 - P) ** 3), 14);
    });

    it('answers from a fallback component, in parallel', async () => {
        const body = `
    service Api { availability 99.9%; calls Prices { timeout 1s; fallback Backup } }
    service Prices { availability 99% }
    service Backup { availability 98% }
    flow F { path Api }`;
        // 0.999 × (1 − 0.01 × 0.02) = 0.999 × 0.9998
        expect(path(await run(body), 'F').availability.value).toBeCloseTo(0.999 * 0.9998, 14);
        const failed = path(await run(body, { components: ['S.Prices'] }), 'F');
        expect(failed.status).toBe('degraded');
        expect(failed.consequences[0].why).toContain('the fallback Backup answers');
        expect(path(await run(body, { components: ['S.Prices', 'S.Backup'] }), 'F').status).toBe('down');
    });

    it('degrades on a call with a cached or default fallback', async () => {
        const body = `
    service Api { availability 99.9%; calls Prices { timeout 1s; fallback cache } }
    service Prices { availability 99% }
    flow F { path Api }`;
        expect(path(await run(body), 'F').availability.value).toBeCloseTo(0.999, 14);
        expect(path(await run(body, { components: ['S.Prices'] }), 'F').status).toBe('degraded');
    });
});

describe('objectives', () => {
    it('is unmet when the stated figures alone miss the target, at risk when only the defaults do', async () => {
        const stated = await run(`
    service Api { availability 99.9% }
    slo S1 { path Api; availability 99.95% }
    service Plain { replicas 1 across a }
    slo S2 { path Plain; availability 99.9% }`);
        expect(path(stated, 'S1').objective?.availability?.verdict).toBe('unmet');
        expect(path(stated, 'S2').objective?.availability?.verdict).toBe('at-risk');
    });
});

describe('failure names', () => {
    it('resolves zones, regions, components and instances, and suggests a name for a typo', async () => {
        const { model } = await workspace(`system S {\n    region us { zones a, b }\n    service Orders { replicas 2 across a, b }\n}\n`);
        expect(parseFailure(model, 'zone:us.a')).toEqual({ target: { kind: 'zone', id: 'S.us.a' } });
        expect(parseFailure(model, 'region:us')).toEqual({ target: { kind: 'region', id: 'S.us' } });
        expect(parseFailure(model, 'Orders')).toEqual({ target: { kind: 'component', id: 'S.Orders' } });
        expect(parseFailure(model, 'Orders:1')).toEqual({ target: { kind: 'instances', id: 'S.Orders', count: 1 } });
        const typo = parseFailure(model, 'Ordres');
        expect('error' in typo && typo.error).toContain("did you mean 'Orders'");
        expect('error' in parseFailure(model, 'Orders:0')).toBe(true);
        expect(failureSet([{ kind: 'zone', id: 'S.us.a' }, { kind: 'instances', id: 'S.Orders', count: 1 }])).toEqual({ components: [], instances: { 'S.Orders': 1 }, zones: ['S.us.a'], regions: [] });
    });
});
