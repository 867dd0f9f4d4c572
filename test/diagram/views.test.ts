import { describe, expect, test } from 'vitest';
import { ArchModel } from '../../language/src/model/workspace.js';
import type { ComponentModel, ModelFragment, RelationModel, SourceLocation } from '../../language/src/model/types.js';
import {
    buildViewGraph, defaultViewKey, findView, listViews, parseViewKey, resolveView, viewKey, type ResolvedView, type ViewRef
} from '../../diagram/src/views/index.js';
import { allNodes, modelOf, nodeById, parentOf } from './diagram-helpers.js';

const SHOP = `
system Shop {
  region eu { zones a, b }
  client Web : browser
  gateway Api {
    in a
    calls Orders over grpc { timeout 500ms }
  }
  service Orders {
    in a
    calls Billing over http { timeout 1s }
    publishes Bus.orders via outbox
    writes OrdersDb
  }
  service Billing { in b }
  service Mailer { consumes Bus.orders }
  database OrdersDb : postgres { in b }
  cache Sessions : redis
  broker Bus : kafka { topic orders; topic audit }
  Web -> Api : https
  flow Buy { path Web -> Api -> Orders -> Billing }
  saga Checkout orchestrated by Orders {
    step Billing.charge compensate Billing.refund
    step Mailer.notify
  }
  system Back {
    service Ledger { calls Shop.Billing over http { timeout 1s } }
  }
}

system Other {
  service Lonely { calls Shop.Api over http { timeout 1s } }
}
`;

function resolved(model: ArchModel, ref: ViewRef): ResolvedView {
    const view = resolveView(model, ref);
    if ('error' in view) throw new Error(view.error);
    return view;
}

/** The error of a result that must be one. */
function errorOf(result: object): string {
    expect(result).toHaveProperty('error');
    return (result as { error: string }).error;
}

function ids(view: ResolvedView): string[] {
    return [...view.components].sort();
}

async function declared(body: string, extra = ''): Promise<{ model: ArchModel; view: ResolvedView }> {
    const { model } = await modelOf(`${SHOP}\n${extra}\nview V { ${body} }\n`);
    return { model, view: resolved(model, { kind: 'declared', id: 'V' }) };
}

describe('view keys', () => {
    test('every kind round-trips through its key', () => {
        const refs: ViewRef[] = [
            { kind: 'all' }, { kind: 'deployment' }, { kind: 'file', id: 'file:///w/a%20b.sysd' }, { kind: 'system', id: 'Shop.Back' },
            { kind: 'declared', id: 'Shop.Checkout' }, { kind: 'flow', id: 'Shop.Buy' }, { kind: 'saga', id: 'Shop.Checkout' },
            { kind: 'neighbourhood', id: 'Shop.Orders', hops: 1 }, { kind: 'neighbourhood', id: 'Shop.Orders', hops: 3 }
        ];
        for (const ref of refs) expect(parseViewKey(viewKey(ref))).toEqual(ref);
        expect(viewKey({ kind: 'neighbourhood', id: 'X', hops: 1 })).toBe('neighbourhood:X');
        expect(viewKey({ kind: 'neighbourhood', id: 'X', hops: 9 })).toBe('neighbourhood:X:5');
        expect(parseViewKey('neighbourhood:X:0')).toEqual({ kind: 'neighbourhood', id: 'X', hops: 1 });
        for (const text of ['', 'system:', 'Shop', 'view:', 'neighbourhood::2', 'everything']) expect(parseViewKey(text)).toBeUndefined();
    });
});

describe('finding and listing views', () => {
    test('bare names resolve to a declared view, a system, a flow, a saga, then a component neighbourhood', async () => {
        const { model } = await modelOf(`${SHOP}\nview Payments { include Shop.Billing }\n`);
        expect(findView(model, 'Payments')).toEqual({ kind: 'declared', id: 'Payments' });
        expect(findView(model, 'Shop')).toEqual({ kind: 'system', id: 'Shop' });
        expect(findView(model, 'Back')).toEqual({ kind: 'system', id: 'Shop.Back' });
        expect(findView(model, 'Buy')).toEqual({ kind: 'flow', id: 'Shop.Buy' });
        expect(findView(model, 'Checkout')).toEqual({ kind: 'saga', id: 'Shop.Checkout' });
        expect(findView(model, 'Orders')).toEqual({ kind: 'neighbourhood', id: 'Shop.Orders', hops: 1 });
        expect(findView(model, 'all')).toEqual({ kind: 'all' });
        expect(findView(model, 'system:Back')).toEqual({ kind: 'system', id: 'Shop.Back' });
        expect(findView(model, 'neighbourhood:Orders:2')).toEqual({ kind: 'neighbourhood', id: 'Shop.Orders', hops: 2 });
        expect(errorOf(findView(model, 'Oders'))).toContain("did you mean 'Orders'");
        expect(errorOf(findView(model, 'system:Shp'))).toMatch(/no system 'Shp'; did you mean 'Shop'/);
        expect(findView(model, 'zzzzzzzz')).toHaveProperty('error');
    });

    test('the picker: the file first, then systems, all, deployment, declared views, flows, sagas; no neighbourhoods', async () => {
        const { model } = await modelOf({ 'shop.sysd': SHOP, 'views.sysd': 'view Payments { title "Money"; include Shop.Billing, Shop.OrdersDb }' });
        const uri = model.uris.find(u => u.endsWith('shop.sysd'))!;
        const views = listViews(model, { uri });
        expect(views.map(v => v.key)).toEqual([
            `file:${uri}`, 'system:Other', 'system:Shop', 'system:Shop.Back', 'all', 'deployment', 'view:Payments', 'flow:Shop.Buy', 'saga:Shop.Checkout'
        ]);
        expect(views[0]).toMatchObject({ kind: 'file', title: 'Shop, Other', detail: 'shop.sysd · 12 components', components: 12 });
        expect(views.find(v => v.key === 'view:Payments')).toMatchObject({ title: 'Money', components: 2 });
        expect(views.find(v => v.key === 'system:Shop')).toMatchObject({ components: 11 });
        expect(views.find(v => v.key === 'flow:Shop.Buy')).toMatchObject({ title: 'Flow Buy', components: 4 });
        expect(views.some(v => v.kind === 'neighbourhood')).toBe(false);
        // Without a file, or for a file that declares nothing, no file view; the default is then `all`.
        expect(listViews(model)[0].key).toBe('system:Other');
        const viewsOnly = model.uris.find(u => u.endsWith('views.sysd'))!;
        expect(listViews(model, { uri: viewsOnly })[0].key).toBe('system:Other');
        expect(defaultViewKey(model, uri)).toBe(`file:${uri}`);
        expect(defaultViewKey(model, viewsOnly)).toBe('all');
        expect(defaultViewKey(model)).toBe('all');
    });
});

describe('what each view shows', () => {
    test('system: the system and its nested systems; all and deployment: everything, without stand-ins', async () => {
        const { model } = await modelOf(SHOP);
        const back = resolved(model, { kind: 'system', id: 'Shop.Back' });
        expect(ids(back)).toEqual(['Shop.Back.Ledger']);
        expect(back.stubs).toBe(true);
        expect(resolved(model, { kind: 'system', id: 'Shop' }).components.has('Shop.Back.Ledger')).toBe(true);
        const all = resolved(model, { kind: 'all' });
        expect(all.components.size).toBe(model.components.size);
        expect(all.stubs).toBe(false);
        expect(resolved(model, { kind: 'deployment' })).toMatchObject({ grouping: 'deployment', stubs: false });
        expect(errorOf(resolveView(model, { kind: 'system', id: 'Nope' }))).toContain("no system 'Nope'");
    });

    test('neighbourhood: breadth first up to the hops asked for (a broker brings its channels)', async () => {
        const { model } = await modelOf(SHOP);
        expect(ids(resolved(model, { kind: 'neighbourhood', id: 'Shop.Billing', hops: 1 })))
            .toEqual(['Shop.Back.Ledger', 'Shop.Billing', 'Shop.Orders']);
        expect(ids(resolved(model, { kind: 'neighbourhood', id: 'Shop.Billing', hops: 2 })))
            .toEqual(['Shop.Api', 'Shop.Back.Ledger', 'Shop.Billing', 'Shop.Bus.orders', 'Shop.Orders', 'Shop.OrdersDb']);
        expect(ids(resolved(model, { kind: 'neighbourhood', id: 'Shop.Bus', hops: 1 })))
            .toEqual(['Shop.Bus', 'Shop.Bus.audit', 'Shop.Bus.orders', 'Shop.Mailer', 'Shop.Orders']);
        const graph = buildViewGraph(model, [], resolved(model, { kind: 'neighbourhood', id: 'Shop.Billing', hops: 1 }));
        // Api (calls Orders) is outside the view: a stand-in.
        expect(nodeById(graph, 'Shop.Api')?.stub).toBe(true);
        expect(graph.view).toMatchObject({ key: 'neighbourhood:Shop.Billing', title: 'Billing and its neighbours' });
    });

    test('flow: the path, in order, with the relations between its steps as focus', async () => {
        const { model, findings } = await modelOf(SHOP);
        const flow = resolved(model, { kind: 'flow', id: 'Shop.Buy' });
        expect(ids(flow)).toEqual(['Shop.Api', 'Shop.Billing', 'Shop.Orders', 'Shop.Web']);
        const relation = (source: string, target: string) => model.relations.find(r => r.source === source && r.target === target)!.id;
        expect(flow.focus).toEqual([
            'Shop.Web', relation('Shop.Web', 'Shop.Api'), 'Shop.Api', relation('Shop.Api', 'Shop.Orders'), 'Shop.Orders',
            relation('Shop.Orders', 'Shop.Billing'), 'Shop.Billing'
        ]);
        expect(flow.stubs).toBe(true);
        const graph = buildViewGraph(model, findings, flow);
        expect(graph.edges.filter(e => e.focus).map(e => `${e.source}>${e.target}`))
            .toEqual(['Shop.Api>Shop.Orders', 'Shop.Orders>Shop.Billing', 'Shop.Web>Shop.Api']);
        expect(allNodes(graph).filter(e => e.node.focus).map(e => e.node.id).sort()).toEqual(['Shop.Api', 'Shop.Billing', 'Shop.Orders', 'Shop.Web']);
        // Focus is not a problem: the path is not drawn as highlighted.
        expect(graph.edges.some(e => e.focus && e.highlighted)).toBe(false);
        // Stand-ins for what the path's components talk to.
        expect(nodeById(graph, 'Shop.OrdersDb')?.stub).toBe(true);
        expect(graph.view?.title).toBe('Flow Buy');
    });

    test('saga: the orchestrator and the steps, the orchestrator\'s calls as focus', async () => {
        const { model } = await modelOf(SHOP);
        const saga = resolved(model, { kind: 'saga', id: 'Shop.Checkout' });
        expect(ids(saga)).toEqual(['Shop.Billing', 'Shop.Mailer', 'Shop.Orders']);
        expect(saga.focus?.[0]).toBe('Shop.Orders');
        expect(saga.focus).toContain(model.relations.find(r => r.source === 'Shop.Orders' && r.target === 'Shop.Billing')!.id);
        expect(saga.title).toBe('Saga Checkout');
    });

    test('deployment: grouped by region and zone only, no system groups and no stand-ins', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildViewGraph(model, findings, resolved(model, { kind: 'deployment' }));
        const kinds = new Set(allNodes(graph).map(e => e.node.kind));
        expect(kinds.has('system')).toBe(false);
        expect(allNodes(graph).some(e => e.node.stub)).toBe(false);
        const zone = parentOf(graph, 'Shop.Orders')!;
        expect(zone).toMatchObject({ kind: 'zone', label: 'a' });
        expect(parentOf(graph, zone.id)).toMatchObject({ kind: 'region', label: 'eu' });
        expect(parentOf(graph, 'Shop.Api')?.id).toBe(zone.id);
        // Unplaced components sit at the top level.
        expect(graph.nodes.map(n => n.id)).toContain('Shop.Mailer');
        expect(graph.nodes.map(n => n.id)).toContain('Other.Lonely');
    });
});

describe('declared views', () => {
    test('an element: a component with its channels, a system with everything nested', async () => {
        expect(ids((await declared('include Shop.Bus')).view)).toEqual(['Shop.Bus', 'Shop.Bus.audit', 'Shop.Bus.orders']);
        expect(ids((await declared('include Shop.Back')).view)).toEqual(['Shop.Back.Ledger']);
        expect((await declared('include Shop')).view.components.size).toBe(11);
    });

    test('rules apply in order: the last rule that matches decides', async () => {
        const excluded = await declared('include Shop; exclude Shop.Back; exclude kind database');
        expect(ids(excluded.view)).not.toContain('Shop.Back.Ledger');
        expect(ids(excluded.view)).not.toContain('Shop.OrdersDb');
        expect(ids(excluded.view)).toContain('Shop.Orders');
        const reincluded = await declared('include Shop; exclude kind database; include Shop.OrdersDb');
        expect(ids(reincluded.view)).toContain('Shop.OrdersDb');
        const everything = await declared('include *; exclude Other');
        expect(ids(everything.view)).not.toContain('Other.Lonely');
        expect(everything.view.components.size).toBe(11);
    });

    test('neighbours in each direction, relations between two elements, kinds and placements', async () => {
        expect(ids((await declared('include Shop.Orders -> *')).view))
            .toEqual(['Shop.Billing', 'Shop.Bus.orders', 'Shop.Orders', 'Shop.OrdersDb']);
        expect(ids((await declared('include * -> Shop.Orders')).view)).toEqual(['Shop.Api', 'Shop.Orders']);
        expect(ids((await declared('include Shop.Orders <-> *')).view))
            .toEqual(['Shop.Api', 'Shop.Billing', 'Shop.Bus.orders', 'Shop.Orders', 'Shop.OrdersDb']);
        // A system's neighbours: those of its components.
        expect(ids((await declared('include Other -> *')).view)).toEqual(['Other.Lonely', 'Shop.Api']);
        expect(ids((await declared('include Shop.Orders -> Shop.Bus')).view)).toEqual(['Shop.Bus.orders', 'Shop.Orders']);
        expect(ids((await declared('include Shop.Billing -> Shop.Orders')).view)).toEqual([]);
        expect(ids((await declared('include Shop.Billing <-> Shop.Orders')).view)).toEqual(['Shop.Billing', 'Shop.Orders']);
        expect(ids((await declared('include kind database, kind cache')).view)).toEqual(['Shop.OrdersDb', 'Shop.Sessions']);
        expect(ids((await declared('include zone Shop.eu.a')).view)).toEqual(['Shop.Api', 'Shop.Orders']);
        expect(ids((await declared('include region Shop.eu')).view)).toEqual(['Shop.Api', 'Shop.Billing', 'Shop.Orders', 'Shop.OrdersDb']);
    });

    test('names are resolved from the view\'s system outwards; an unknown name matches nothing', async () => {
        const { model } = await modelOf(`${SHOP}\nsystem Views { view Inside { include Shop.Orders, Nope, Shop.Nope -> * } }\n`);
        expect(ids(resolved(model, { kind: 'declared', id: 'Views.Inside' }))).toEqual(['Shop.Orders']);
        const scoped = await modelOf(SHOP.replace('system Back {', 'view Local { include Orders, Back }\n  system Back {'));
        expect(ids(resolved(scoped.model, { kind: 'declared', id: 'Shop.Local' }))).toEqual(['Shop.Back.Ledger', 'Shop.Orders']);
    });

    test('a view that shows nothing is a valid, empty view', async () => {
        const { model, view } = await declared('include Nope');
        expect(view.components.size).toBe(0);
        const graph = buildViewGraph(model, [], view);
        expect(graph.nodes).toEqual([]);
        expect(graph.edges).toEqual([]);
        expect(graph.view?.key).toBe('view:V');
    });

    test('half-typed views do not crash', async () => {
        for (const body of ['include', 'include Shop.', 'exclude', 'include Shop.Orders ->', 'include -> *', 'include kind', 'include zone', 'include region Shop.', 'title', 'include *,']) {
            const { model } = await modelOf(`${SHOP}\nview V { ${body} }\n`);
            for (const info of listViews(model)) {
                const view = resolveView(model, parseViewKey(info.key)!);
                if ('error' in view) throw new Error(`${body}: ${view.error}`);
                expect(() => buildViewGraph(model, [], view), body).not.toThrow();
            }
            expect(() => findView(model, 'V'), body).not.toThrow();
        }
    });
});

describe('the view graph', () => {
    test('the file view of trips.sysd draws Rides (and stand-ins), as one system group', async () => {
        const { model, findings } = await modelOf(`${SHOP}\nsystem Third { service X { calls Shop.Orders over http { timeout 1s } } }`);
        const view = resolved(model, parseViewKey(defaultViewKey(model, model.uris[0]))!);
        const graph = buildViewGraph(model, findings, view);
        expect(graph.view?.title).toBe('Shop, Other, Third');
        expect(graph.nodes.map(n => n.id).sort()).toEqual(['system:Other', 'system:Shop', 'system:Third']);
    });

    test('a system view: the system is the outermost group; outside endpoints are stand-ins; the kinds option filters', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildViewGraph(model, findings, resolved(model, { kind: 'system', id: 'Shop.Back' }));
        expect(graph.nodes.map(n => n.id).sort()).toEqual(['Shop.Billing', 'system:Shop.Back']);
        expect(nodeById(graph, 'Shop.Billing')).toMatchObject({ stub: true, detail: 'in Shop' });
        const services = buildViewGraph(model, findings, resolved(model, { kind: 'system', id: 'Shop' }), { kinds: ['service'] });
        expect(new Set(allNodes(services).filter(e => !['system', 'region', 'zone'].includes(e.node.kind)).map(e => e.node.kind))).toEqual(new Set(['service']));
    });

    test('one relation has the same edge id in every view', async () => {
        const { model, findings } = await modelOf(SHOP);
        const all = buildViewGraph(model, findings, resolved(model, { kind: 'all' }));
        const byEnds = new Map(all.edges.map(e => [`${e.source}>${e.target}`, e.id]));
        for (const info of listViews(model)) {
            const graph = buildViewGraph(model, findings, resolved(model, parseViewKey(info.key)!));
            for (const e of graph.edges) expect(e.id).toBe(byEnds.get(`${e.source}>${e.target}`));
        }
    });
});

describe('speed', () => {
    /** A generated workspace model: systems of services calling the next, each writing a database. */
    function generated(size: number): ArchModel {
        const loc: SourceLocation = { uri: 'file:///gen.sysd', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
        const components: ComponentModel[] = [];
        const relations: RelationModel[] = [];
        for (let i = 0; i < size; i++) {
            const system = `S${Math.floor(i / 50)}`;
            const kind = i % 5 === 4 ? 'database' : 'service';
            components.push({ id: `${system}.C${i}`, name: `C${i}`, kind, system, loc, props: { placements: [], replicas: 1 } } as unknown as ComponentModel);
            if (i > 0) relations.push({ id: `r${i}`, kind: 'calls', sync: true, source: `S${Math.floor((i - 1) / 50)}.C${i - 1}`, target: `${system}.C${i}`, loc } as unknown as RelationModel);
        }
        const systems = [...new Set(components.map(c => c.system!))].map(id => ({ id, name: id, loc }));
        const fragment = {
            uri: loc.uri, components, relations, systems, regions: [], sagas: [], cqrs: [], views: [], eventSourcing: [], transactions: [], slos: [],
            flows: [{ id: 'F', name: 'F', path: components.slice(0, 200).map(c => c.id), userFacing: true, loc }], problems: [],
            diagramViews: [{ id: 'V', name: 'V', loc, rules: [
                { include: true, loc, predicates: [{ kind: 'all', loc }] },
                { include: false, loc, predicates: [{ kind: 'kind', componentKind: 'database', loc }] },
                { include: true, loc, predicates: [{ kind: 'neighbours', direction: 'both', name: { text: 'S3', loc }, loc }] }
            ] }]
        } as unknown as ModelFragment;
        return new ArchModel([fragment]);
    }

    test('5,000 components: every view kind resolves and builds well within the budget, and scales linearly', () => {
        const time = (model: ArchModel): number => {
            const started = performance.now();
            for (const ref of [{ kind: 'all' }, { kind: 'deployment' }, { kind: 'system', id: 'S1' }, { kind: 'declared', id: 'V' },
                { kind: 'flow', id: 'F' }, { kind: 'neighbourhood', id: 'S2.C120', hops: 5 }] as ViewRef[]) {
                buildViewGraph(model, [], resolved(model, ref));
            }
            listViews(model, { uri: 'file:///gen.sysd' });
            return performance.now() - started;
        };
        const small = generated(1000);
        const large = generated(5000);
        time(small); // warm up the JIT
        const t1 = Math.min(time(small), time(small));
        const t5 = Math.min(time(large), time(large));
        expect(t5).toBeLessThan(2000);
        // Linear: five times the model, about five times the work (a quadratic scan would be 25 times).
        expect(t5 / Math.max(t1, 1)).toBeLessThan(12);
        const started = performance.now();
        const graph = buildViewGraph(large, [], resolved(large, { kind: 'all' }));
        expect(performance.now() - started).toBeLessThan(500);
        expect(graph.edges).toHaveLength(4999);
    });
});
