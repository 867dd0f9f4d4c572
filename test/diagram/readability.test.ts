import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { aspectRatio, geometryReport, placedNodes, type PlacedNode } from '../../diagram/src/geometry.js';
import { layoutDiagram } from '../../diagram/src/layout.js';
import { buildViewGraph, listViews, parseViewKey, resolveView } from '../../diagram/src/views/index.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import { exampleWorkspaces } from '../helpers.js';
import { modelOf } from './diagram-helpers.js';

const elk = createNodeElk();

/**
 * Views allowed to stay wider than 3:1, with the bound they are held to. Each is a long chain inside
 * one region (Tickets: Api → Orders → Reservations → Payments' stand-in → stores), a declared view
 * of one chain, or a small view whose stand-ins sit beside its only group; folding their top-level
 * group into rows leaves them as wide (the chain is inside the region, which is not folded: rows
 * inside a region bring lines running back through its content).
 */
const WIDE_VIEWS: Record<string, number> = {
    'ride-sharing view:Rides.DriverPositions': 4.8,
    'ride-sharing view:Rides.Booking': 3.3,
    'ride-sharing view:Rides.Deployment': 3.7,
    'ride-sharing flow:Rides.RequestRide': 3.4,
    'online-store.sysd view:Store.Checkout': 3.9,
    // Flows of one chain beside their stand-ins (a view with stand-ins is not folded).
    'online-store.sysd flow:Store.PlaceOrder': 3.5,
    'online-store.sysd flow:Store.Browse': 3.5,
    'ad-analytics.sysd flow:Ads.Reporting': 3.4,
    'ticket-reservation system:Tickets': 4.4,
    'ticket-reservation file:tickets.sysd': 4.4,
    'ticket-reservation system:Payments': 3.4,
    'ticket-reservation file:payments.sysd': 3.4,
    'ticket-reservation deployment': 3.4,
    'ticket-reservation saga:Tickets.Booking': 3.4
};

/** Every view the picker offers for any file of the example, by a short key (`file:<name>` for a file's view). */
async function laidOutViews(files: Record<string, string>): Promise<{ key: string; graph: DiagramGraph }[]> {
    const { model, findings } = await modelOf(files);
    const keys = new Map<string, string>();
    for (const file of Object.keys(files)) {
        for (const info of listViews(model, { uri: URI.file(file).toString() })) {
            keys.set(info.key, info.kind === 'file' ? `file:${file.slice(file.lastIndexOf('/') + 1)}` : info.key);
        }
    }
    const result: { key: string; graph: DiagramGraph }[] = [];
    for (const [key, short] of keys) {
        const view = resolveView(model, parseViewKey(key)!);
        if ('error' in view) throw new Error(`${key}: ${view.error}`);
        const graph = buildViewGraph(model, findings, view);
        if (graph.nodes.length === 0) continue;
        result.push({ key: short, graph: await layoutDiagram(graph, elk) });
    }
    return result;
}

function isGroup(p: PlacedNode): boolean {
    return p.group;
}

/**
 * The publish and consume lines that do not run left to right: a topic (or a broker) must lie
 * strictly right of each of its publishers (centre to centre) and strictly left of each of its
 * consumers. The one exception is where nothing can lie between them: a consumer that shares a
 * group (system, region or zone) with one of the topic's publishers, the topic outside that group,
 * and the consumer in the publisher's column (not right of it). When the consumer is right of the
 * publisher, the broker goes below the group, between them (Rides: Trips and Matching run in region
 * usWest, the broker Dispatch is declared in no region; its consume line used to loop around the
 * region, see `brokersBetween` in layout.ts).
 */
function backwardMessages(graph: DiagramGraph): string[] {
    const placed = placedNodes(graph);
    const byId = new Map(placed.map(p => [p.node.id, p]));
    const centre = (id: string) => {
        const box = byId.get(id)!.box;
        return box.x + box.width / 2;
    };
    const groupsOf = (id: string): Set<string> => {
        const result = new Set<string>();
        for (let p = byId.get(id)?.parent; p !== undefined && !result.has(p); p = byId.get(p)?.parent) {
            if (isGroup(byId.get(p)!)) result.add(p);
        }
        return result;
    };
    const publishers = new Map<string, string[]>();
    for (const edge of graph.edges) {
        if (edge.style === 'publish') publishers.set(edge.target, [...(publishers.get(edge.target) ?? []), edge.source]);
    }
    const problems: string[] = [];
    for (const edge of graph.edges) {
        if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
        if (edge.style === 'publish') {
            if (centre(edge.target) <= centre(edge.source)) problems.push(`${edge.target} is not right of its publisher ${edge.source}`);
        } else if (edge.style === 'consume') {
            if (centre(edge.target) > centre(edge.source)) continue;
            const topicGroups = groupsOf(edge.source);
            const consumerGroups = groupsOf(edge.target);
            const shared = (publishers.get(edge.source) ?? []).some(p => centre(p) >= centre(edge.target) && [...groupsOf(p)].some(g => consumerGroups.has(g) && !topicGroups.has(g)));
            if (!shared) problems.push(`${edge.source} is not left of its consumer ${edge.target}`);
        }
    }
    return problems;
}

describe('every view of every example reads left to right and is not a strip', () => {
    for (const example of exampleWorkspaces({ absolutePaths: true })) {
        test(example.name, async () => {
            const views = await laidOutViews(example.files);
            expect(views.length).toBeGreaterThan(2);
            for (const { key, graph } of views) {
                expect(backwardMessages(graph), key).toEqual([]);
                expect(aspectRatio(graph), key).toBeLessThan(WIDE_VIEWS[`${example.name} ${key}`] ?? 3);
            }
        }, 300_000);
    }

    test('the exception is exactly a publisher and a consumer in one group the topic is not in', async () => {
        // Both in zone a of region r; the broker in no zone: it cannot lie between them.
        const grouped = await modelOf(`system S {
            region r { zones a }
            service Orders { in a; publishes Bus.orders }
            broker Bus : kafka { topic orders }
            service Mailer { in a; consumes Bus.orders }
        }`);
        const ref = { kind: 'system', id: 'S' } as const;
        const view = resolveView(grouped.model, ref);
        if ('error' in view) throw new Error(view.error);
        const laidOut = await layoutDiagram(buildViewGraph(grouped.model, grouped.findings, view), elk);
        expect(backwardMessages(laidOut)).toEqual([]);
        const boxes = new Map(placedNodes(laidOut).map(p => [p.node.id, p.box]));
        const centre = (id: string) => boxes.get(id)!.x + boxes.get(id)!.width / 2;
        expect(centre('S.Bus.orders')).toBeGreaterThan(centre('S.Orders'));
        // The same picture with the consumer moved left of the topic but out of the shared group breaks the rule.
        const mailer = placedNodes(laidOut).find(p => p.node.id === 'S.Mailer')!;
        const moved: DiagramGraph = structuredClone(laidOut);
        const zone = moved.nodes[0].children.find(n => n.kind === 'region')!.children[0];
        const node = zone.children.find(n => n.id === 'S.Mailer')!;
        zone.children = zone.children.filter(n => n !== node);
        moved.nodes[0].children.push({ ...node, x: 0, y: mailer.box.y });
        expect(backwardMessages(moved)).toEqual(['S.Bus.orders is not left of its consumer S.Mailer']);
    });

    test('a broker outside the group of its publisher and its consumer goes between them, below the group', async () => {
        // Mailer is called by Orders, so it lies right of it in zone a: the broker goes below the region, between them.
        const grouped = await modelOf(`system S {
            region r { zones a }
            service Orders { in a; publishes Bus.orders; calls Mailer over grpc { timeout 1s } }
            broker Bus : kafka { topic orders }
            service Mailer { in a; consumes Bus.orders }
        }`);
        const view = resolveView(grouped.model, { kind: 'system', id: 'S' });
        if ('error' in view) throw new Error(view.error);
        const laidOut = await layoutDiagram(buildViewGraph(grouped.model, grouped.findings, view), elk);
        const boxes = new Map(placedNodes(laidOut).map(p => [p.node.id, p.box]));
        const centre = (id: string) => boxes.get(id)!.x + boxes.get(id)!.width / 2;
        expect(centre('S.Mailer')).toBeGreaterThan(centre('S.Orders'));
        expect(centre('S.Bus.orders')).toBeGreaterThan(centre('S.Orders'));
        expect(centre('S.Bus.orders')).toBeLessThan(centre('S.Mailer'));
        const region = [...boxes].find(([id]) => id.startsWith('region:'))![1];
        expect(boxes.get('S.Bus')!.y).toBeGreaterThanOrEqual(region.y + region.height);
        expect(geometryReport(laidOut)).toMatchObject({ edgeBoxCrossings: 0, labelOverlaps: 0, nodeOverlaps: 0 });
    });
});
