// The facts the what-if analysis reads beyond the original language: a failover's time
// (`failover manual 5m`), latencies at a percentile on a component and on a call (`latency p99 40ms`),
// and a retry's base delay (`retry 3 exponential 200ms`). Each is read into the model, checked with a
// "did you mean" where a word is unknown, and survives half-typed text.
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { diagnosticText, workspace } from '../helpers.js';

describe('failover time', () => {
    it('reads the time of a component failover and of a single-leader failover setting', async () => {
        const { model, diagnostics } = await workspace(`
            database A { replicas 2; replication single-leader { followers 1; failover manual 5m } }
            database B { failover automatic 30s; replication single-leader { followers 1 } }
            database C { replication single-leader { followers 1 }; failover manual 2h }
            service D { failover manual }`);
        expect(diagnostics().filter(d => d.severity === 1).map(diagnosticText)).toEqual([]);
        const a = model.component('A')!;
        expect(a.props.replication).toMatchObject({ type: 'single-leader', failover: 'manual', failoverTimeMs: 300_000 });
        const b = model.component('B')!;
        expect(b.props).toMatchObject({ failover: 'automatic', failoverTimeMs: 30_000 });
        expect(b.props.replication).toMatchObject({ failover: 'automatic', failoverTimeMs: 30_000 });
        expect(b.origins.failoverTimeMs).toBe('declared');
        // A component failover written after the replication updates the leader's, time included.
        expect(model.component('C')!.props.replication).toMatchObject({ failover: 'manual', failoverTimeMs: 7_200_000 });
        expect(model.component('D')!.props.failoverTimeMs).toBeUndefined();
    });

    it('warns about a time on failover none and ignores it', async () => {
        const { model, diagnostics } = await workspace(`database A { replication single-leader { followers 1; failover none 5m } }`);
        const warning = diagnostics().find(d => d.code === 'misplaced-setting');
        expect(warning && diagnosticText(warning)).toContain("'failover none' promotes nobody");
        expect(model.component('A')!.props.replication).toMatchObject({ failover: 'none', failoverTimeMs: undefined });
    });

    it('suggests the mode of a misspelt failover and keeps the rest of the block', async () => {
        const { model, diagnostics } = await workspace(`database A { failover manul 5m; replicas 2 }`);
        const problem = diagnostics().find(d => d.code === 'unknown-value');
        expect(problem && diagnosticText(problem)).toContain("'manual'");
        expect(model.component('A')!.props.replicas).toBe(2);
    });
});

describe('stated latencies', () => {
    it('reads a component latency per percentile and a call latency', async () => {
        const { model, diagnostics } = await workspace(`
            service Api {
                latency p50 2ms
                latency p99 8ms
                latency P99.9 20ms
                calls Orders { timeout 200ms; latency p99 40ms; latency mean 12ms }
            }
            service Orders
            Web -> Api { latency p95 60ms }
            client Web`);
        expect(diagnostics().filter(d => d.severity === 1).map(diagnosticText)).toEqual([]);
        expect(model.component('Api')!.props.latencies).toEqual([
            { percentile: 'p50', ms: 2 }, { percentile: 'p99', ms: 8 }, { percentile: 'p99.9', ms: 20 }
        ]);
        expect(model.component('Api')!.origins.latencies).toBe('declared');
        const call = model.relations.find(r => r.source === 'Api' && r.target === 'Orders')!;
        expect(call.latencies).toEqual([{ percentile: 'p99', ms: 40 }, { percentile: 'avg', ms: 12 }]);
        expect(model.relations.find(r => r.source === 'Web')!.latencies).toEqual([{ percentile: 'p95', ms: 60 }]);
    });

    it('warns about the same percentile twice, not about two percentiles', async () => {
        const { diagnostics } = await workspace(`service A {\n    latency p50 2ms\n    latency p99 8ms\n    latency p99 9ms\n}`);
        const warnings = diagnostics().filter(d => d.code === 'duplicate-property');
        expect(warnings.map(d => d.range.start.line)).toEqual([3]);
        expect(diagnosticText(warnings[0])).toContain("'latency p99' is already set on line 3");
    });

    it('suggests the nearest percentile for an unknown one, with a quick fix', async () => {
        const ws = await workspace(`service A { latency pp99 5ms }`);
        const { model, diagnostics } = ws;
        const shown = diagnostics().find(d => d.code === 'unknown-value')!;
        expect(diagnosticText(shown)).toContain("'pp99' is not a percentile");
        expect(diagnosticText(shown)).toContain("did you mean 'p99'");
        expect(shown.range.start).toEqual({ line: 0, character: 20 });
        const problem = new SysdAnalysis(ws.services).problems(ws.documents[0]).find(p => p.message.includes('pp99'))!;
        expect(problem.fixes[0]).toMatchObject({ title: "Change 'pp99' to 'p99'", edits: [{ newText: 'p99' }] });
        expect(model.component('A')!.props.latencies).toBeUndefined();
    });
});

describe('retry base delay', () => {
    it('reads the base delay after the backoff, with jitter and max', async () => {
        const { model, diagnostics } = await workspace(`
            service A { calls B { timeout 1s; retry 3 exponential 200ms jitter max 2s } }
            service B { calls C { retry 2 fixed } }
            service C`);
        expect(diagnostics().filter(d => d.severity === 1).map(diagnosticText)).toEqual([]);
        expect(model.relations.find(r => r.source === 'A')!.retry).toEqual({
            count: 3, unbounded: false, backoff: 'exponential', baseDelayMs: 200, jitter: true, maxDelayMs: 2000
        });
        expect(model.relations.find(r => r.source === 'B')!.retry).toMatchObject({ backoff: 'fixed', baseDelayMs: undefined });
    });
});

describe('half-typed facts', () => {
    const texts = [
        'database A { failover manual ',
        'database A { replication single-leader { failover manual } }\nservice B { failover automatic 3',
        'service A { latency p9',
        'service A { latency ',
        'service A { calls B { latency p99 } }\nservice B',
        'service A { calls B { retry 3 exponential } }\nservice B',
        'service A { calls B { retry 3 exponential 2 } }\nservice B',
        'slo S { path A; latency p9 }\nservice A { latency p99 4ms }'
    ];
    for (const text of texts) {
        it(`builds a model for ${JSON.stringify(text)}`, async () => {
            const { model } = await workspace(text);
            expect(model.component('A')).toBeDefined();
        });
    }

    it('keeps the statements after a half-typed latency', async () => {
        const { model } = await workspace('service A {\n    latency p99\n    replicas 3\n}');
        expect(model.component('A')!.props.replicas).toBe(3);
    });
});
