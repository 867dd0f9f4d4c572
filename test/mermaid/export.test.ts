import { describe, expect, test } from 'vitest';
import { exportMermaid, type MermaidExportRequest } from '../../diagram/src/mermaid/export.js';
import { compoundId, nodeId } from '../../diagram/src/mermaid/flowchart.js';
import { workspace } from '../helpers.js';
import { decodeMermaid, parseFlowchart, parseSequence } from './mermaid-env.js';

const SHOP = `system Shop {
    client Web
    service Orders { calls Billing over http { timeout 1s }; writes Db; publishes Bus.events }
    service Billing { writes Db }
    service Mailer { consumes Bus.events }
    database Db
    broker Bus : kafka { topic events }
    Web -> Orders : https
    saga Checkout orchestrated by Orders { step Billing.charge compensate Billing.refund
        step Orders.confirm }
    flow Notify { path Orders -> Bus.events -> Mailer }
}`;
const OPS = `system Ops {
    service Monitor { calls Pinger over http { timeout 1s } }
    service Pinger
    flow Watch { path Monitor -> Pinger }
}
view Money { title "Money path"; description "Who touches the database"; include Shop.Db <-> *; exclude Shop.Web }`;

async function load() {
    const { model, services } = await workspace({ 'shop.sysd': SHOP, 'ops.sysd': OPS });
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    const uri = (name: string) => model.uris.find(u => u.endsWith(name))!;
    const run = (request: Partial<MermaidExportRequest>) => exportMermaid(model, findings, { format: 'mermaid', ...request });
    return { model, findings, uri, run };
}

function text(result: ReturnType<typeof exportMermaid>): string {
    if ('error' in result) throw new Error(result.error);
    return result.text;
}

describe('exportMermaid', () => {
    test('the default view is the file\'s systems; a view key or name picks another', async () => {
        const { uri, run } = await load();
        const shop = run({ uri: uri('shop.sysd') });
        expect(shop).toMatchObject({ view: { key: `file:${uri('shop.sysd')}`, title: 'Shop' } });
        const parsed = await parseFlowchart(text(shop));
        const ids = parsed.vertices.map(v => v.id);
        expect(ids).toContain(nodeId('Shop.Orders'));
        expect(ids).not.toContain(nodeId('Ops.Monitor'));
        // The broker is the box around its topic; the consumer's edge comes out of the topic.
        expect(parsed.subgraphs.find(s => s.id === compoundId('Shop.Bus'))?.nodes).toEqual([nodeId('Shop.Bus.events')]);
        expect(parsed.edges.some(e => e.start === nodeId('Shop.Bus.events') && e.end === nodeId('Shop.Mailer'))).toBe(true);
        expect(parsed.subgraphs.some(s => s.id === 'legend')).toBe(true);

        expect(run({ view: 'Ops' })).toMatchObject({ view: { key: 'system:Ops', title: 'Ops' } });
        expect(run({})).toMatchObject({ view: { key: 'all' } });
        const money = run({ view: 'Money', legend: false });
        expect(money).toMatchObject({ view: { key: 'view:Money', title: 'Money path' } });
        const moneyParsed = await parseFlowchart(text(money));
        expect(moneyParsed.subgraphs.some(s => s.id === 'legend')).toBe(false);
        expect(moneyParsed.vertices.map(v => v.id).sort())
            .toEqual([nodeId('Shop.Billing'), nodeId('Shop.Bus.events'), nodeId('Shop.Db'), nodeId('Shop.Orders'), nodeId('Shop.Web')].sort());
        // Web and the topic are outside the view, but Orders talks to them: dashed stand-ins.
        const stubs = /^\s*class (\S+) stub$/m.exec(text(money))![1].split(',');
        expect(stubs.sort()).toEqual([nodeId('Shop.Bus.events'), nodeId('Shop.Web')].sort());
        const tb = text(run({ view: 'all', direction: 'TB', layout: 'elk' }));
        expect(tb.startsWith('---\nconfig:\n  layout: elk\n---\nflowchart TB\n')).toBe(true);
    });

    test('kinds, sequences and errors with suggestions', async () => {
        const { run } = await load();
        const noDb = await parseFlowchart(text(run({ view: 'all', excludeKinds: ['database'], legend: false })));
        expect(noDb.vertices.map(v => v.id)).not.toContain(nodeId('Shop.Db'));
        const error = (result: ReturnType<typeof run>): string => ('error' in result ? result.error : '');
        expect(error(run({ includeKinds: ['servce'] }))).toContain("did you mean 'service'");
        expect(error(run({ view: 'Ordres' }))).toContain("did you mean 'Orders'");
        expect(error(run({ view: 'system:Shp' }))).toContain("did you mean 'Shop'");

        const saga = run({ sequence: 'Checkout' });
        expect(saga).toMatchObject({ view: { key: 'saga:Shop.Checkout', title: 'Saga Checkout' } });
        expect(text(saga).startsWith('sequenceDiagram\n')).toBe(true);
        await parseSequence(text(saga));
        expect(run({ sequence: 'Nope' })).toHaveProperty('error');
    });

    test('the Markdown page of a view: its flowchart, its sequences, its inventory and its findings only', async () => {
        const { findings, uri, run } = await load();
        const page = text(run({ format: 'markdown', uri: uri('ops.sysd'), ruleLink: () => undefined }));
        expect(page.startsWith('# Ops\n')).toBe(true);
        expect(page).toContain('## Components');
        expect(page).toContain('## Flow Watch');
        expect(page).not.toContain('## Saga Checkout');
        expect(page).not.toContain('## Flow Notify');
        const inventory = page.slice(page.indexOf('## Inventory'), page.indexOf('## Lint findings'));
        expect(inventory).toContain('`Ops.Monitor`');
        expect(inventory).toContain('`Ops.Pinger`');
        expect(inventory).not.toContain('Shop.');
        const blocks = [...page.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => m[1]);
        expect(blocks).toHaveLength(2);
        const flowchart = await parseFlowchart(blocks[0]);
        expect(flowchart.subgraphs.some(s => s.id === 'legend')).toBe(true);
        await parseSequence(blocks[1]);
        // Findings about Shop are not on the Ops page; the Shop page lists them.
        const shopFindings = findings.filter(f => f.elements.some(id => id.startsWith('Shop.')));
        expect(shopFindings.length).toBeGreaterThan(0);
        const findingsPart = page.slice(page.indexOf('## Lint findings'));
        expect(findingsPart).not.toContain('shop.sysd:');
        const shopPage = text(run({ format: 'markdown', view: 'Shop', title: 'Architecture: shop', ruleLink: () => undefined }));
        expect(shopPage.split('\n').slice(0, 3)).toEqual(['# Architecture: shop', '', 'View: Shop.']);
        expect(shopPage).toContain('## Saga Checkout');
        expect(shopPage).toContain('## Flow Notify');
        for (const f of shopFindings) expect(shopPage).toContain(`shop.sysd:${f.loc.range.start.line + 1}`);
        // A flow's page: the flow's view, its path bold.
        const flow = text(run({ format: 'markdown', view: 'Notify' }));
        expect(flow.startsWith('# Flow Notify\n')).toBe(true);
        expect(decodeMermaid(flow)).toMatch(/class \S+ focus/);
    });
});
