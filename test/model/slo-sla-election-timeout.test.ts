import { describe, expect, it } from 'vitest';
import { diagnosticText, workspace } from '../helpers.js';

describe('model: SLAs, indicators and election timeouts', () => {
    it('reads an SLO marked external and its indicator', async () => {
        const { model, diagnostics } = await workspace(
            'service Api\nslo Internal { target Api; availability 99.95%; indicator "  2xx share at Api " }\nslo Promised { external; target Api; availability 99.9% }'
        );
        expect(diagnostics().filter(d => d.severity === 1)).toEqual([]);
        const [internal, promised] = model.slos;
        expect(internal.external).toBeUndefined();
        expect(internal.indicator).toBe('2xx share at Api');
        expect(promised.external).toBe(true);
        expect(promised.indicator).toBeUndefined();
    });

    it('reads an election timeout: a range, or a single value as a range of one', async () => {
        const { model } = await workspace(
            'database A { replication consensus raft { nodes 5; election timeout 150ms to 300ms } }\ndatabase B { replication consensus { election timeout 1s } }'
        );
        const a = model.component('A')!.props.replication;
        const b = model.component('B')!.props.replication;
        expect(a?.type === 'consensus' && a.electionTimeout).toMatchObject({ minMs: 150, maxMs: 300 });
        expect(a?.type === 'consensus' && a.nodes).toBe(5);
        expect(b?.type === 'consensus' && b.electionTimeout).toMatchObject({ minMs: 1000, maxMs: 1000 });
    });

    it('reports a range that ends before it starts and keeps the rest of the block', async () => {
        const { model, diagnostics } = await workspace('database A { replication consensus { election timeout 300ms to 150ms; nodes 3 } }');
        const problems = diagnostics().map(d => `${d.code}: ${diagnosticText(d)}`);
        expect(problems).toContain('election-timeout-range: The election timeout range ends (150ms) before it starts (300ms).');
        const r = model.component('A')!.props.replication;
        expect(r?.type === 'consensus' && r.electionTimeout).toBeUndefined();
        expect(r?.type === 'consensus' && r.nodes).toBe(3);
    });

    it('keeps modelling half-typed settings', async () => {
        const { model } = await workspace('database A { replication consensus { nodes 3; election timeout 150ms to } }\nslo S { external; indicator }');
        const r = model.component('A')!.props.replication;
        expect(r?.type === 'consensus' && r.nodes).toBe(3);
        expect(model.slos[0]?.external).toBe(true);
    });
});
