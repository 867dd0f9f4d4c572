// `sysd analyze` through the CLI's entry point: the JSON contract (docs/analysis.md), the table and
// Markdown output, `--fail` names with "did you mean", and the exit codes (0 held or only at risk,
// 1 an SLO unmet, 2 wrong usage).
import { describe, expect, it } from 'vitest';
import { cli, fixture } from './cli-helpers.js';
import type { AnalysisResult } from '../../language/src/analysis/index.js';

const SHOP = `system Shop {
    region us { zones a, b, c }
    client Web : browser
    Web -> Api : https { timeout 2s }
    service Api {
        replicas 3 across a, b, c
        availability 99.99%
        calls Orders { timeout 300ms; retry 2 exponential }
    }
    service Orders {
        replicas 2 across a
        availability 99.95%
        writes Db
    }
    database Db : postgres {
        availability 99.99%
        replicas 2 across a, b
        replication single-leader { followers 1 across b; failover automatic }
    }
    flow Checkout { path Web -> Api -> Orders; user-facing }
    slo Buy { path Web -> Api -> Orders; availability 99.9%; latency p99 3s }
}
`;

describe('sysd analyze', () => {
    it('prints the documented JSON shape', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const result = await cli(root, ['analyze', '--format', 'json']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const json = JSON.parse(result.stdout) as AnalysisResult;
        expect(Object.keys(json)).toEqual(['version', 'failures', 'flows', 'slos', 'components', 'timeouts', 'retries', 'assumptions']);
        expect(json.version).toBe(1);
        const [flow] = json.flows;
        expect(Object.keys(flow)).toEqual(['kind', 'id', 'name', 'loc', 'path', 'userFacing', 'status', 'consequences', 'moreConsequences', 'steps', 'availability', 'latency', 'retryAmplification']);
        expect(flow).toMatchObject({ kind: 'flow', id: 'Shop.Checkout', path: ['Shop.Web', 'Shop.Api', 'Shop.Orders'], userFacing: true, status: 'up', consequences: [] });
        // 0.9999 × 0.9995 × 0.9999 (all stated)
        expect(flow.availability.value).toBeCloseTo(0.9999 * 0.9995 * 0.9999, 12);
        expect(flow.availability.statedOnly).toBeCloseTo(flow.availability.value, 12);
        expect(flow.availability.terms.map(t => [t.components[0], t.source])).toEqual([['Shop.Api', 'declared'], ['Shop.Orders', 'declared'], ['Shop.Db', 'declared']]);
        expect(Object.keys(flow.availability.terms[0])).toEqual(['components', 'value', 'source', 'working']);
        expect(flow.steps[1]).toMatchObject({ index: 1, component: 'Shop.Api', known: true, status: 'up', async: false, hop: { kind: 'sync', via: 'calls' } });
        // Web → Api: timeout 2 s; Api → Orders inside it: 2,000 ms is the bound.
        expect(flow.latency.worstMs).toBe(2000);
        expect(flow.retryAmplification).toMatchObject({ factor: 3 });
        const [slo] = json.slos;
        expect(Object.keys(slo.objective ?? {})).toEqual(['availability', 'latencies']);
        expect(slo.objective?.availability).toMatchObject({ target: 99.9, verdict: 'met' });
        expect(slo.objective?.availability?.why).toContain('≥ 99.9%');
        expect(slo.objective?.latencies).toMatchObject([{ percentile: 'p99', targetMs: 3000, verdict: 'within', basis: 'worst-case', budgetMs: 2000 }]);
        expect(Object.keys(slo.objective!.latencies[0])).toEqual(['percentile', 'targetMs', 'basis', 'budgetMs', 'verdict', 'why']);
        // Nothing on the path states a latency: no budgets beside the worst case.
        expect(Object.keys(flow.latency)).toEqual(['worstMs', 'working', 'hops', 'budgets']);
        expect(flow.latency.budgets).toEqual([]);
        expect(json.timeouts).toEqual([]);
    });

    it('prints the stated latencies, the failover outage and the base delay in the JSON', async () => {
        const stated = SHOP
            .replace('calls Orders { timeout 300ms; retry 2 exponential }', 'latency p99 5ms\n        calls Orders { timeout 300ms; retry 2 exponential 50ms; latency p99 80ms }')
            .replace('availability 99.99%\n        replicas 2 across a, b', 'replicas 2 across a, b')
            .replace('failover automatic', 'failover manual 5m');
        const root = fixture({ 'shop.sysd': stated });
        const json = JSON.parse((await cli(root, ['analyze', '--format', 'json'])).stdout) as AnalysisResult;
        const [slo] = json.slos;
        // p99: Api's own 5 ms + Api → Orders 80 ms stated = 85 ms; Web → Api one attempt of it.
        expect(slo.latency.budgets).toEqual([{ percentile: 'p99', ms: 85, complete: true, working: expect.stringContaining('→ p99 budget 85 ms') as string }]);
        expect(slo.objective?.latencies[0]).toMatchObject({ basis: 'stated', budgetMs: 85, verdict: 'within' });
        // Worst: Api → Orders 3 × 300 + 50 + 100 = 1,050 ms + Api's 5 ms, under Web's 2 s timeout: 2,000 ms.
        expect(slo.latency.worstMs).toBe(2000);
        expect(json.assumptions.join('\n')).toContain('A failed leader is out for 1 h');
        const failed = JSON.parse((await cli(root, ['analyze', '--fail', 'zone:us.a', '--format', 'json'])).stdout) as AnalysisResult;
        const db = failed.slos[0].consequences.find(c => c.component === 'Shop.Db');
        expect(db).toMatchObject({ status: 'degraded', outageMs: 300_000 });
        expect(Object.keys(db!)).toEqual(['status', 'step', 'stepComponent', 'component', 'chain', 'why', 'outageMs']);
    });

    it('exits 1 when a failure takes an SLO down, and lists the failure and its consequences', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const result = await cli(root, ['analyze', 'shop.sysd', '--fail', 'zone:us.a', '--format', 'json']);
        expect(result.code).toBe(1);
        const json = JSON.parse(result.stdout) as { failures: unknown[]; slos: { status: string; consequences: { component: string; why: string }[]; objective: { availability: { verdict: string } } }[]; components: { id: string; status: string }[] };
        expect(json.failures).toEqual([{ kind: 'zone', id: 'Shop.us.a' }]);
        expect(json.slos[0].status).toBe('down');
        expect(json.slos[0].objective.availability.verdict).toBe('unmet');
        expect(json.slos[0].consequences[0]).toMatchObject({ component: 'Shop.Orders' });
        expect(json.components.map(c => [c.id, c.status])).toEqual([['Shop.Api', 'degraded'], ['Shop.Orders', 'down'], ['Shop.Db', 'degraded']]);
    });

    it('exits 0 when only a failover degrades the path', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const result = await cli(root, ['analyze', '--fail', 'Db', '--fail', 'zone:us.c']);
        expect(result.code).toBe(1);
        const degraded = await cli(root, ['analyze', '--fail', 'zone:us.b']);
        expect(degraded.code).toBe(0);
        expect(degraded.stdout).toContain('What if: zone Shop.us.b fails');
        expect(degraded.stdout).toMatch(/slo\s+Buy\s+degraded/);
    });

    it('prints a table and a Markdown section', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const table = await cli(root, ['analyze']);
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(/^What if: nothing fails/);
        expect(table.stdout).toMatch(/kind\s+name\s+status\s+availability\s+objective\s+worst latency/);
        expect(table.stdout).toContain('Api = 0.9999 (availability 99.99% stated)');
        const markdown = await cli(root, ['analyze', '--format', 'markdown', '--fail', 'Orders']);
        expect(markdown.code).toBe(1);
        expect(markdown.stdout).toContain('## Availability and failure analysis');
        expect(markdown.stdout).toContain('| kind | name | status | availability | objective | worst latency |');
        expect(markdown.stdout).toContain('### SLO Buy: down');
    });

    it('rejects an unknown failure name with a suggestion, and a wrong format', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const typo = await cli(root, ['analyze', '--fail', 'Ordrs']);
        expect(typo.code).toBe(2);
        expect(typo.stderr).toContain("--fail Ordrs: unknown component 'Ordrs'; did you mean 'Orders'?");
        const zone = await cli(root, ['analyze', '--fail', 'zone:us.d']);
        expect(zone.code).toBe(2);
        expect(zone.stderr).toContain("unknown zone 'us.d'");
        const format = await cli(root, ['analyze', '--format', 'svg']);
        expect(format.code).toBe(2);
        expect(format.stderr).toContain("Unknown format 'svg'");
        const help = await cli(root, ['analyze', '--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('Usage: sysd analyze');
    });

    it('is at risk, not unmet, when only default figures miss the target', async () => {
        const root = fixture({ 'plain.sysd': 'system P {\n    service Api\n    slo S { path Api; availability 99.9% }\n}\n' });
        const result = await cli(root, ['analyze', '--format', 'json']);
        expect(result.code).toBe(0);
        expect((JSON.parse(result.stdout) as { slos: { objective: { availability: { verdict: string } } }[] }).slos[0].objective.availability.verdict).toBe('at-risk');
    });
});
