import { EmptyFileSystem } from 'langium';
import { CancellationToken, type Connection } from 'vscode-languageserver/node';
import { describe, expect, test } from 'vitest';
import { buildViewGraph } from '../../diagram/src/build-graph.js';
import { resolveView } from '../../diagram/src/views/resolve.js';
import type { ResolvedView, ViewRef } from '../../diagram/src/views/types.js';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { WhatIfRequest, type WhatIfParams, type WhatIfResult } from '../../protocol/src/lsp.js';
import { isWhatIfResult } from '../../protocol/src/webview.js';
import { installDiagramHandler } from '../../server/src/diagram-handler.js';
import { readFailures, whatIfForView } from '../../server/src/what-if.js';
import { exampleWorkspaces, workspace } from '../helpers.js';

function example(name: string): Record<string, string> {
    const found = exampleWorkspaces().find(w => w.name === name);
    if (!found) throw new Error(`no example ${name}`);
    return found.files;
}

function graphOf(model: ArchModel, ref: ViewRef) {
    return buildViewGraph(model, [], resolveView(model, ref) as ResolvedView);
}

const A = 'zone:Shortener.apSouth.a';
const B = 'zone:Shortener.apSouth.b';
const REGION = 'region:Shortener.apSouth';
const REGION_NODE = 'region:system:Shortener/Shortener.apSouth';

/** Zones drawn as groups: each service runs in one zone. */
const ZONED = `system Shop {
    region eu { zones a, b }
    client Web : browser
    service Api { replicas 2 in a }
    service Orders { replicas 2 in b }
    Web -> Api : https
    Api -> Orders
    flow Buy { path Web -> Api -> Orders }
}`;

describe('what-if mapped onto a view (server)', () => {
    test('two zones of three fail: the SLO goes down at the step, with why, and the edges into what broke it', async () => {
        const { model } = await workspace(example('url-shortener.sysd'));
        const graph = graphOf(model, { kind: 'all' });
        const result = whatIfForView(model, graph, [A, B]);
        expect(isWhatIfResult(result)).toBe(true);
        expect(result.view).toBe('all');
        expect(result.fail).toEqual([A, B]);
        expect(result.dropped).toEqual([]);

        const slo = result.paths.find(p => p.id === 'Shortener.Redirects')!;
        expect(slo.status).toBe('down');
        expect(slo.availability).toBe('0%');
        expect(slo.baseline).toBe('99.97504%');
        expect(slo.objective).toBe('99.99% unmet');
        expect(slo.path).toBe('Visitor → Edge → Links');
        expect(slo.consequences[0]).toEqual({
            status: 'down', step: 3, component: 'Links',
            text: 'step 3 Links (via Links → LinkStore): LinkStore: 1 of n=3 copies of each key left, writes need w=2'
        });
        // The path's own edges, and the dependency edges to the stores that broke it, are all broken.
        const edges = new Map(result.edges.map(e => [e.id, e.status]));
        for (const id of slo.edges) expect(edges.get(id)).toBeDefined();
        const into = (target: string) => graph.edges.filter(e => e.target === target || e.source === target).map(e => e.id);
        expect(slo.edges).toEqual(expect.arrayContaining(['Shortener.Visitor calls Shortener.Edge', 'Shortener.Edge routes Shortener.Links']));
        expect(into('Shortener.LinkStore').some(id => edges.get(id) === 'down')).toBe(true);
        expect(slo.nodes).toEqual(expect.arrayContaining(['Shortener.Visitor', 'Shortener.Edge', 'Shortener.Links', 'Shortener.LinkStore']));

        // Node states: the stores that lost their quorum are down, the rest degraded; the region lost two zones.
        const states = new Map(result.elements.map(e => [e.id, e.state]));
        expect(states.get('Shortener.LinkStore')).toBe('down');
        expect(states.get('Shortener.Ids')).toBe('down');
        expect(states.get('Shortener.Links')).toBe('degraded');
        expect(states.get(REGION_NODE)).toBe('degraded');
        expect(result.elements.find(e => e.id === REGION_NODE)!.why).toEqual(['zones a, b of apSouth failed']);
        // Every element named is a node of the view.
        const ids = new Set<string>();
        const walk = (nodes: typeof graph.nodes) => nodes.forEach(n => { ids.add(n.id); walk(n.children); });
        walk(graph.nodes);
        for (const e of result.elements) expect(ids.has(e.id)).toBe(true);
    });

    test('what can be failed: components but clients, the region drawn and its zones (listed without a node of their own)', async () => {
        const { model } = await workspace(example('url-shortener.sysd'));
        const result = whatIfForView(model, graphOf(model, { kind: 'all' }), []);
        const targets = new Map(result.targets.map(t => [t.target, t]));
        expect(targets.get(REGION)).toMatchObject({ kind: 'region', label: 'apSouth', nodes: [REGION_NODE] });
        expect(targets.get(A)).toMatchObject({ kind: 'zone', label: 'apSouth.a', nodes: [] });
        expect(targets.get('component:Shortener.Links')).toMatchObject({ kind: 'component', label: 'Links', nodes: ['Shortener.Links'] });
        expect(targets.has('component:Shortener.Visitor')).toBe(false);
        // Nothing fails: no element touched, every path up at its own figure.
        expect(result.elements).toEqual([]);
        expect(result.edges).toEqual([]);
        expect(result.paths.every(p => p.status === 'up' && p.availability === p.baseline)).toBe(true);
    });

    test('a failed region greys its group; a failed component is failed, not merely down', async () => {
        const { model } = await workspace(example('url-shortener.sysd'));
        const graph = graphOf(model, { kind: 'all' });
        const region = whatIfForView(model, graph, [REGION]);
        expect(region.elements.find(e => e.id === REGION_NODE)).toMatchObject({ state: 'failed' });
        expect(region.paths[0].status).toBe('down');
        const component = whatIfForView(model, graph, ['component:Shortener.Edge']);
        expect(component.elements.find(e => e.id === 'Shortener.Edge')).toMatchObject({ state: 'failed' });
        expect(component.paths.find(p => p.id === 'Shortener.Redirects')!.status).toBe('down');
    });

    test('zone groups stand for their zone; the broken flow comes first, with the path of its own view', async () => {
        const { model } = await workspace(ZONED);
        const graph = graphOf(model, { kind: 'flow', id: 'Shop.Buy' });
        const clean = whatIfForView(model, graph, []);
        const zone = clean.targets.find(t => t.target === 'zone:Shop.eu.b')!;
        expect(zone.nodes).toHaveLength(1);
        expect(zone.nodes[0]).toMatch(/^zone:.*\/Shop\.eu\.b$/);
        const failed = whatIfForView(model, graph, ['zone:Shop.eu.b']);
        expect(failed.view).toBe('flow:Shop.Buy');
        const buy = failed.paths[0];
        expect(buy).toMatchObject({ kind: 'flow', id: 'Shop.Buy', status: 'down', view: 'flow:Shop.Buy' });
        expect(buy.nodes).toEqual(['Shop.Web', 'Shop.Api', 'Shop.Orders']);
        expect(buy.edges).toHaveLength(2);
        expect(failed.elements.find(e => e.id === zone.nodes[0])).toMatchObject({ state: 'failed' });
        expect(failed.elements.find(e => e.id === 'Shop.Orders')).toMatchObject({ state: 'down' });
    });

    test('the entries the view draws come before those it does not, within each status', async () => {
        const other = 'system Other {\n    client U : browser\n    service X\n    U -> X : https\n    flow Look { path U -> X }\n}';
        const { model } = await workspace({ 'a-other.sysd': other, 'shop.sysd': ZONED });
        // The analysis lists Other's flow first: the view of Shop must not.
        expect(model.flows.map(f => f.id)).toEqual(['Other.Look', 'Shop.Buy']);
        const graph = graphOf(model, { kind: 'system', id: 'Shop' });
        expect(whatIfForView(model, graph, []).paths.map(p => p.id)).toEqual(['Shop.Buy', 'Other.Look']);
        // A broken path comes first wherever it is drawn.
        expect(whatIfForView(model, graph, ['component:Other.X']).paths.map(p => `${p.id} ${p.status}`)).toEqual(['Other.Look down', 'Shop.Buy up']);
    });

    test('failures the model does not have (deleted, misspelt, half-typed, a count) drop out; duplicates count once', async () => {
        const { model } = await workspace(example('url-shortener.sysd'));
        const read = readFailures(model, [A, 'zone:Shortener.apSouth.z', 'zone:a', 'Links', 'component:Shortener.Links:2', 'component:', A, 'zone:Shortener.apSouth.b']);
        expect(read.keys).toEqual([A, B]);
        expect(read.dropped).toEqual(['zone:Shortener.apSouth.z', 'zone:a', 'Links', 'component:Shortener.Links:2', 'component:']);
    });

    test('the request is served from the current model for the view the preview shows', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const handlers = new Map<string, (params: WhatIfParams, token: CancellationToken) => Promise<WhatIfResult | null>>();
        const connection = {
            onRequest: (method: string, handler: (params: WhatIfParams, token: CancellationToken) => Promise<WhatIfResult | null>) => {
                handlers.set(method, handler);
                return { dispose() {} };
            },
            sendNotification: () => Promise.resolve()
        } as unknown as Connection;
        installDiagramHandler(connection, new SysdAnalysis(Sysd));
        await workspace({ 'shop.sysd': ZONED }, Sysd);
        const handler = handlers.get(WhatIfRequest.method)!;
        const answer = await handler({ uri: 'file:///test/shop.sysd', view: 'flow:Shop.Buy', fail: ['zone:Shop.eu.a'] }, CancellationToken.None);
        expect(answer?.view).toBe('flow:Shop.Buy');
        expect(answer?.paths[0].status).toBe('down');
        // Without a view: the document's own; an unknown document: nothing.
        expect((await handler({ uri: 'file:///test/shop.sysd', fail: [] }, CancellationToken.None))?.view).toBe('file:file:///test/shop.sysd');
        expect(await handler({ uri: 'file:///test/other.sysd', fail: [] }, CancellationToken.None)).toBeNull();
    });
});
