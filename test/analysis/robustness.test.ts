// The analysis on half-typed and odd models (missing targets, unresolved names, zero replicas,
// cycles, ids the model does not know) and on every example under every single failure: it never
// throws, stays deterministic, and its result survives JSON.
import { describe, expect, it } from 'vitest';
import { exampleWorkspaces, workspace } from '../helpers.js';
import { analyze, singleFailures, type AnalysisResult } from '../../language/src/analysis/index.js';

describe('half-typed models', () => {
    const texts = [
        'system S {\n    service Api { calls ',
        'system S {\n    service Api { calls Nope { timeout 1s } }\n    flow F { path Api -> Nope -> Api }\n    slo S { availability 99.9% }\n}',
        'system S {\n    region r { zones a }\n    service Api { replicas 0 across a }\n    flow F { path Api }\n}',
        'system S {\n    service A { calls B { timeout 1s; retry 2 } }\n    service B { calls A { timeout 1s; retry 2 } }\n    flow F { path A -> B -> A -> B }\n    slo L { path A -> B; latency p99 10ms }\n}',
        'system S {\n    database Kv : cassandra { replication leaderless { n 3; w 5; r 0 } }\n    service Api { writes Kv }\n    flow F { path Api }\n}',
        'system S {\n    database Db : postgres { replication single-leader { followers 0; failover automatic } }\n    service Api { writes Db }\n    flow F { path Api }\n    flow E { }\n    slo Empty { }\n}',
        'flow F { path }\nslo { availability 200% }\n'
    ];
    for (const [i, text] of texts.entries()) {
        it(`analyses text ${i + 1} without throwing`, async () => {
            const { model } = await workspace(text);
            const plain = analyze(model);
            const copy = JSON.parse(JSON.stringify(plain)) as AnalysisResult;
            expect(copy.flows.length + copy.slos.length).toBe(plain.flows.length + plain.slos.length);
            const failed = analyze(model, { fail: { components: ['S.Api', 'Nobody'], zones: ['S.r.a', 'no.zone'], regions: ['none'], instances: { 'S.Api': 2, ghost: 1 } } });
            expect(failed.version).toBe(1);
            for (const report of [...failed.flows, ...failed.slos]) {
                expect(Number.isFinite(report.availability.value)).toBe(true);
                expect(report.availability.value).toBeGreaterThanOrEqual(0);
                expect(report.availability.value).toBeLessThanOrEqual(1);
            }
        });
    }

    it('downs a path through a quorum that can never be met and says why', async () => {
        const { model } = await workspace(texts[4]);
        const flow = analyze(model).flows[0];
        expect(flow.status).toBe('down');
        expect(flow.consequences[0].why).toContain('writes need w=5');
    });
});

describe('every example', () => {
    it('analyses every single failure of every example, deterministically', async () => {
        for (const example of exampleWorkspaces()) {
            const { model } = await workspace(example.files);
            const baseline = analyze(model);
            expect(analyze(model), example.name).toBe(baseline);
            for (const fail of singleFailures(model)) {
                const first = JSON.stringify(analyze(model, { fail }));
                expect(JSON.stringify(analyze(model, { fail })), `${example.name} ${JSON.stringify(fail)}`).toBe(first);
            }
        }
    });
});
