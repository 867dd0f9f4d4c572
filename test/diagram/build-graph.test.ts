import { describe, expect, test } from 'vitest';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { legendFor } from '../../diagram/src/legend.js';
import { componentSize, textWidth, FONT } from '../../diagram/src/metrics.js';
import { allNodes, exampleModel, modelOf, nodeById, parentOf } from './diagram-helpers.js';

const SHOP = `
system Shop {
  region eu { zones a, b }
  region us { zones c }

  client Web : browser
  loadbalancer Edge { routes Api }
  service Api {
    replicas 3 across a, b
    calls Orders over grpc { timeout 500ms }
  }
  service Orders {
    in a
    calls Billing over http { timeout 1s }
    publishes Bus.orders via outbox
    writes OrdersDb
  }
  service Billing {
    in a
    calls Orders over http { timeout 1s }
  }
  service Mailer {
    in eu, us
    consumes Bus.orders
    calls Billing async
  }
  service Reader {
    reads OrdersDb
  }
  database OrdersDb : postgres {
    in b
    replicates to Replica async
  }
  database Replica : postgres { in c }
  cache Sessions : redis { managed }
  broker Bus : kafka { topic orders }
  Web -> Edge : https
  Reader -> Sessions
}

system Other {
  service Lonely { calls Shop.Api over http { timeout 1s } }
}
`;

describe('buildDiagram: nodes and groups', () => {
    test('every component becomes a node; systems, regions and zones become groups', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        const ids = allNodes(graph).map(entry => entry.node.id);
        for (const c of model.components.values()) expect(ids).toContain(c.id);
        expect(nodeById(graph, 'system:Shop')?.kind).toBe('system');
        expect(nodeById(graph, 'system:Other')?.kind).toBe('system');
        // Top level: only the two systems.
        expect(graph.nodes.map(n => n.id).sort()).toEqual(['system:Other', 'system:Shop']);
    });

    test('a component in one zone sits in that zone, inside its region, inside its system', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        const zone = parentOf(graph, 'Shop.Orders')!;
        expect(zone.kind).toBe('zone');
        expect(zone.label).toBe('a');
        const region = parentOf(graph, zone.id)!;
        expect(region.kind).toBe('region');
        expect(region.label).toBe('eu');
        expect(parentOf(graph, region.id)?.id).toBe('system:Shop');
        // Billing shares the zone group with Orders.
        expect(parentOf(graph, 'Shop.Billing')?.id).toBe(zone.id);
        // OrdersDb is alone in zone b of the same region.
        const zoneB = parentOf(graph, 'Shop.OrdersDb')!;
        expect(zoneB.label).toBe('b');
        expect(parentOf(graph, zoneB.id)?.id).toBe(region.id);
    });

    test('spanning zones of one region puts a component in the region; spanning regions leaves it in the system', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        expect(parentOf(graph, 'Shop.Api')?.kind).toBe('region');
        expect(parentOf(graph, 'Shop.Api')?.label).toBe('eu');
        expect(parentOf(graph, 'Shop.Mailer')?.id).toBe('system:Shop');
        expect(parentOf(graph, 'Shop.Reader')?.id).toBe('system:Shop');
        // Replica is in zone c of region us: a second region group.
        const zoneC = parentOf(graph, 'Shop.Replica')!;
        expect(zoneC.kind).toBe('zone');
        expect(parentOf(graph, zoneC.id)?.label).toBe('us');
    });

    test('topics sit inside their broker, which becomes a compound node', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        const bus = nodeById(graph, 'Shop.Bus')!;
        expect(bus.children.map(c => c.id)).toEqual(['Shop.Bus.orders']);
        expect(bus.kind).toBe('broker');
        expect(parentOf(graph, 'Shop.Bus.orders')?.id).toBe('Shop.Bus');
    });

    test('nodes carry kind, detail, replicas and a size that fits the text', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        const api = nodeById(graph, 'Shop.Api')!;
        expect(api.kind).toBe('service');
        expect(api.replicas).toBe(3);
        const db = nodeById(graph, 'Shop.OrdersDb')!;
        expect(db.detail).toBe('postgres');
        const sessions = nodeById(graph, 'Shop.Sessions')!;
        expect(sessions.detail).toBe('redis · managed');
        expect(sessions.managed).toBe(true);
        for (const { node } of allNodes(graph)) {
            expect(node.width).toBeGreaterThan(textWidth(node.label, FONT.label, true));
            expect(node.height).toBeGreaterThan(FONT.label);
        }
        // Replica stacking and longer names make room.
        expect(componentSize('service', 'Api', undefined, 3).height).toBeGreaterThan(componentSize('service', 'Api', undefined, 1).height);
        expect(componentSize('service', 'AVeryLongServiceNameIndeed', undefined, 1).width)
            .toBeGreaterThan(componentSize('service', 'Api', undefined, 1).width);
    });

    test('the kinds option keeps only some kinds', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings, { kinds: ['service', 'database'] });
        const kinds = new Set(allNodes(graph).map(e => e.node.kind));
        expect([...kinds].sort()).toEqual(['database', 'region', 'service', 'system', 'zone']);
        for (const edge of graph.edges) {
            expect(nodeById(graph, edge.source)).toBeDefined();
            expect(nodeById(graph, edge.target)).toBeDefined();
        }
    });
});

describe('buildDiagram: edges', () => {
    test('styles follow the relation kinds; consumes is drawn from the channel to the consumer', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings);
        const edge = (source: string, target: string) => graph.edges.find(e => e.source === source && e.target === target);
        expect(edge('Shop.Api', 'Shop.Orders')).toMatchObject({ style: 'sync-call', relation: 'calls', label: 'grpc' });
        expect(edge('Shop.Mailer', 'Shop.Billing')).toMatchObject({ style: 'async-call', label: 'async' });
        expect(edge('Shop.Orders', 'Shop.Bus.orders')).toMatchObject({ style: 'publish', label: 'via outbox' });
        expect(edge('Shop.Bus.orders', 'Shop.Mailer')).toMatchObject({ style: 'consume', relation: 'consumes' });
        expect(edge('Shop.Mailer', 'Shop.Bus.orders')).toBeUndefined();
        expect(edge('Shop.Orders', 'Shop.OrdersDb')).toMatchObject({ style: 'write' });
        expect(edge('Shop.Reader', 'Shop.OrdersDb')).toMatchObject({ style: 'read' });
        expect(edge('Shop.Reader', 'Shop.Sessions')).toMatchObject({ style: 'read-write', relation: 'uses' });
        expect(edge('Shop.Edge', 'Shop.Api')).toMatchObject({ style: 'route' });
        expect(edge('Shop.OrdersDb', 'Shop.Replica')).toMatchObject({ style: 'replication', label: 'async' });
        expect(edge('Shop.Web', 'Shop.Edge')?.label).toBe('https');
        // Edge ids are the model's relation ids.
        for (const e of graph.edges) expect(model.relations.some(r => r.id === e.id)).toBe(true);
    });

    test('the edges of a sync call cycle are highlighted, the others are not', async () => {
        const { model, findings } = await modelOf(SHOP);
        expect(findings.some(f => f.ruleId === 'sync-call-cycle')).toBe(true);
        const graph = buildDiagram(model, findings);
        const highlighted = graph.edges.filter(e => e.highlighted).map(e => `${e.source}>${e.target}`).sort();
        expect(highlighted).toEqual(['Shop.Billing>Shop.Orders', 'Shop.Orders>Shop.Billing']);
        expect(graph.edges.filter(e => e.highlighted).some(e => e.findings.some(f => f.ruleId === 'sync-call-cycle'))).toBe(true);
        // The badge of the cycle sits on each call of it and each component waiting in it.
        const cycleBadges = (id: string) => [...(nodeById(graph, id)?.findings ?? []), ...graph.edges.filter(e => e.id === id).flatMap(e => e.findings)]
            .filter(f => f.ruleId === 'sync-call-cycle').length;
        const cycle = findings.find(f => f.ruleId === 'sync-call-cycle')!;
        expect(cycle.elements.length).toBe(4);
        for (const id of cycle.elements) expect(cycleBadges(id), id).toBe(1);
        expect(cycleBadges('Shop.Api')).toBe(0);
        // Without the finding nothing is highlighted.
        expect(buildDiagram(model, findings.filter(f => f.ruleId !== 'sync-call-cycle')).edges.some(e => e.highlighted)).toBe(false);
    });

    test('a finding about several relations highlights each; one about a single relation or about text only does not', async () => {
        const { model } = await modelOf(SHOP);
        const [a, b, c] = buildDiagram(model, []).edges.map(e => e.id);
        const finding = (elements: string[]) => ({
            ruleId: 'r', messageId: 'm', severity: 'warning' as const, message: 'm', loc: model.components.get('Shop.Api')!.loc, elements, related: [], fixes: []
        });
        const graph = buildDiagram(model, [finding([a, b, 'Shop.Api']), finding([c]), finding([])]);
        expect(graph.edges.filter(e => e.highlighted).map(e => e.id).sort()).toEqual([a, b].sort());
        expect(nodeById(graph, 'Shop.Api')?.findings).toHaveLength(1);
        const drawn = [...allNodes(graph).flatMap(e => e.node.findings), ...graph.edges.flatMap(e => e.findings)];
        expect(drawn).toHaveLength(4);
    });

    test('findings land on their element with the worst severity', async () => {
        const { model, findings } = await exampleModel('online-store.sysd');
        const graph = buildDiagram(model, findings);
        const db = nodeById(graph, 'Store.OrdersDb')!;
        expect(db.findings.map(f => f.ruleId)).toContain('shared-database');
        expect(db.severity).toBeDefined();
        // Every finding is on the picture once for each element it names that the picture shows.
        const ids = new Set([...allNodes(graph).map(e => e.node.id), ...graph.edges.map(e => e.id)]);
        const onPicture = [...allNodes(graph).flatMap(e => e.node.findings), ...graph.edges.flatMap(e => e.findings)];
        const expected = findings.flatMap(f => f.elements.filter(id => ids.has(id)));
        expect(onPicture.length).toBe(expected.length);
        expect(expected.length).toBeGreaterThan(0);
        const dualWrite = graph.edges.find(e => e.findings.some(f => f.ruleId === 'dual-write-without-outbox'));
        expect(dualWrite?.style).toBe('publish');
    });

    test('a system filter keeps one system; outside endpoints become stubs', async () => {
        const { model, findings } = await modelOf(SHOP);
        const graph = buildDiagram(model, findings, { system: 'Other' });
        expect(graph.nodes.map(n => n.id).sort()).toEqual(['Shop.Api', 'system:Other']);
        const stub = nodeById(graph, 'Shop.Api')!;
        expect(stub.stub).toBe(true);
        expect(stub.detail).toBe('in Shop');
        expect(stub.findings).toEqual([]);
        expect(graph.edges).toHaveLength(1);
        expect(graph.edges[0]).toMatchObject({ source: 'Other.Lonely', target: 'Shop.Api' });
        // Unknown system: nothing to draw.
        expect(buildDiagram(model, findings, { system: 'Nope' }).nodes).toEqual([]);
        // The graph says which view it is.
        expect(graph.view).toEqual({ key: 'system:Other', title: 'Other' });
        expect(buildDiagram(model, findings).view).toMatchObject({ key: 'all', title: 'Everything' });
    });

    test('a consumer\'s edge comes out of its channel and carries the delivery it gets', async () => {
        const { model, findings } = await modelOf(`
system S {
  service P { publishes B.t }
  service C { consumes B.t }
  service D { consumes B.t { delivery at-most-once } }
  broker B : kafka { topic t { delivery at-least-once } }
}`);
        const graph = buildDiagram(model, findings);
        expect(graph.edges.find(e => e.target === 'S.C')).toMatchObject({ source: 'S.B.t', style: 'consume', label: 'at-least-once' });
        expect(graph.edges.find(e => e.target === 'S.D')).toMatchObject({ source: 'S.B.t', label: 'at-most-once' });
        expect(graph.edges.some(e => e.source === 'S.C' || e.source === 'S.D')).toBe(false);
    });
});

describe('legendFor', () => {
    test('lists only what the picture holds, in a fixed order: shapes, lines, groups, marks, the rest', async () => {
        const { model, findings } = await modelOf(SHOP);
        const all = legendFor(buildDiagram(model, findings));
        const kinds = all.map(e => e.kind);
        // Fixed order of the parts.
        const order = ['shape', 'line', 'group', 'badge', 'stub', 'replicas', 'highlight'];
        expect([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(kinds);
        expect(all.filter(e => e.kind === 'shape').map(e => e.kind === 'shape' && e.component))
            .toEqual(['client', 'service', 'loadbalancer', 'broker', 'topic', 'database', 'cache']);
        const labels = all.map(e => e.label);
        expect(labels).toContain('Solid arrow: synchronous call / route');
        expect(labels).toContain('Dashed arrow: asynchronous call / publish / consume');
        expect(labels).toContain('Dotted: replication');
        expect(labels).toContain('Stacked shape: replicas');
        expect(labels).toContain('Broker box: its topics and queues');
        expect(all.some(e => e.kind === 'badge' && e.severity === 'warning')).toBe(true);
        // The whole workspace has no stand-ins; a system view of Other does, and nothing else (the
        // stand-in for Api is drawn as one box, so no replicas entry).
        expect(kinds).not.toContain('stub');
        const other = legendFor(buildDiagram(model, findings, { system: 'Other' }));
        expect(other.map(e => e.label)).toEqual(['Service', 'Solid arrow: synchronous call', 'Box with a title bar: system', 'Orange mark: warning finding', 'Dashed small box: outside this view']);
        // An empty picture needs no legend.
        expect(legendFor({ nodes: [], edges: [], structureKey: '' })).toEqual([]);
    });
});

describe('structureKey', () => {
    const base = `
system S {
  service A { calls B over http { timeout 1s } }
  service B { writes Db }
  database Db : postgres
}`;

    test('is stable under a timeout change, a comment and a new finding', async () => {
        const one = await modelOf(base);
        const two = await modelOf(base.replace('timeout 1s', 'timeout 3s').replace('service B', '// the billing side\n  service B'));
        const k1 = buildDiagram(one.model, one.findings).structureKey;
        expect(buildDiagram(two.model, two.findings).structureKey).toBe(k1);
        expect(buildDiagram(one.model, []).structureKey).toBe(k1);
    });

    test('changes with a new service, a new edge or a longer name', async () => {
        const one = await modelOf(base);
        const k1 = buildDiagram(one.model, one.findings).structureKey;
        const added = await modelOf(base.replace('database Db', 'service C\n  database Db'));
        expect(buildDiagram(added.model, added.findings).structureKey).not.toBe(k1);
        const edge = await modelOf(base.replace('service B { writes Db }', 'service B { writes Db; reads Db }'));
        expect(buildDiagram(edge.model, edge.findings).structureKey).not.toBe(k1);
        const renamed = await modelOf(base.replace(/\bB\b/g, 'BillingBackend'));
        expect(buildDiagram(renamed.model, renamed.findings).structureKey).not.toBe(k1);
    });
});
