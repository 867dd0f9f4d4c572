import { describe, expect, test } from 'vitest';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { chooseHierarchy, connect, INCLUDE_CHILDREN_LIMIT, layoutDiagram, layoutToElk, toElkGraph, type ElkEdge, type ElkNode, type HierarchyMode } from '../../diagram/src/layout.js';
import { edgeBoxCrossings } from '../../diagram/src/geometry.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import { absoluteBoxes, exampleModel } from './diagram-helpers.js';

type Box = { x: number; y: number; width: number; height: number };

function onBorder(p: { x: number; y: number }, b: Box, tolerance = 1.5): boolean {
    const inX = p.x >= b.x - tolerance && p.x <= b.x + b.width + tolerance;
    const inY = p.y >= b.y - tolerance && p.y <= b.y + b.height + tolerance;
    const nearVertical = Math.abs(p.x - b.x) <= tolerance || Math.abs(p.x - (b.x + b.width)) <= tolerance;
    const nearHorizontal = Math.abs(p.y - b.y) <= tolerance || Math.abs(p.y - (b.y + b.height)) <= tolerance;
    return (nearVertical && inY) || (nearHorizontal && inX);
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

/** Checks the geometric promises of a layout; returns the problems found. */
function geometryProblems(graph: DiagramGraph): string[] {
    const problems: string[] = [];
    const boxes = absoluteBoxes(graph);
    for (const [id, box] of boxes) {
        if (![box.x, box.y, box.width, box.height].every(Number.isFinite)) problems.push(`${id} has no position`);
    }
    const siblings = (list: DiagramNode[]) => {
        for (let i = 0; i < list.length; i++) {
            for (let j = i + 1; j < list.length; j++) {
                if (overlaps(boxes.get(list[i].id)!, boxes.get(list[j].id)!)) problems.push(`${list[i].id} overlaps ${list[j].id}`);
            }
            siblings(list[i].children);
        }
    };
    siblings(graph.nodes);
    for (const [id, box] of boxes) {
        if (!box.parent) continue;
        const p = boxes.get(box.parent)!;
        if (box.x < p.x - 0.5 || box.y < p.y - 0.5 || box.x + box.width > p.x + p.width + 0.5 || box.y + box.height > p.y + p.height + 0.5) {
            problems.push(`${id} sticks out of ${box.parent}`);
        }
    }
    for (const edge of graph.edges) {
        const sections = edge.sections ?? [];
        if (sections.length === 0) {
            problems.push(`${edge.id} has no route`);
            continue;
        }
        const first = sections[0].startPoint;
        const last = sections[sections.length - 1].endPoint;
        if (!onBorder(first, boxes.get(edge.source)!)) problems.push(`${edge.id} starts off ${edge.source}: ${JSON.stringify(first)} vs ${JSON.stringify(boxes.get(edge.source))}`);
        if (!onBorder(last, boxes.get(edge.target)!)) problems.push(`${edge.id} ends off ${edge.target}: ${JSON.stringify(last)} vs ${JSON.stringify(boxes.get(edge.target))}`);
        // Orthogonal: every segment is horizontal or vertical.
        const points = sections.flatMap(s => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
        for (let i = 1; i < points.length; i++) {
            const dx = Math.abs(points[i].x - points[i - 1].x);
            const dy = Math.abs(points[i].y - points[i - 1].y);
            if (dx > 0.5 && dy > 0.5) problems.push(`${edge.id} has a diagonal segment`);
        }
        if (edge.label && !edge.labelPosition) problems.push(`${edge.id} has no label position`);
    }
    return problems;
}

const EXAMPLES = [['online-store.sysd'], ['chat.sysd'], ['url-shortener.sysd'], ['ad-analytics.sysd'], ['online-education.sysd'],
    ['ticket-reservation/tickets.sysd', 'ticket-reservation/payments.sysd'],
    ['ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd']];

describe('layoutDiagram with elkjs', () => {
    const elk = createNodeElk();
    for (const hierarchy of ['INCLUDE_CHILDREN', 'SEPARATE_CHILDREN'] as HierarchyMode[]) {
        for (const files of EXAMPLES) {
            test(`${files[0]} (${hierarchy}): no overlaps, edges end on their nodes, groups hold their children`, async () => {
                const { model, findings } = await exampleModel(...files);
                const graph = buildDiagram(model, findings);
                const laidOut = await layoutDiagram(graph, elk, { hierarchy });
                expect(geometryProblems(laidOut)).toEqual([]);
                expect(laidOut.width).toBeGreaterThan(0);
                expect(laidOut.height).toBeGreaterThan(0);
                expect(laidOut.structureKey).toBe(graph.structureKey);
                // The input is not modified.
                expect(graph.nodes[0].x).toBeUndefined();
            });
        }
    }

    test('labelled edges get label boxes; compound nodes grow around their children', async () => {
        const { model, findings } = await exampleModel('online-store.sysd');
        const laidOut = await layoutDiagram(buildDiagram(model, findings), elk);
        const https = laidOut.edges.find(e => e.label === 'https')!;
        expect(https.labelPosition!.width).toBeGreaterThan(20);
        const boxes = absoluteBoxes(laidOut);
        const bus = boxes.get('Store.Bus')!;
        const topic = boxes.get('Store.Bus.orders')!;
        expect(topic.y).toBeGreaterThanOrEqual(bus.y + 40); // below the broker's header
    });
});

describe('ELK graph and options', () => {
    const elk = createNodeElk();
    test('toElkGraph nests children, puts edges in their common container and sets the chosen options', async () => {
        const { model, findings } = await exampleModel('online-store.sysd');
        const graph = buildDiagram(model, findings);
        const elkGraph = toElkGraph(graph);
        expect(elkGraph.layoutOptions!['elk.algorithm']).toBe('layered');
        expect(elkGraph.layoutOptions!['elk.edgeRouting']).toBe('ORTHOGONAL');
        expect(elkGraph.layoutOptions!['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
        const store = elkGraph.children!.find(c => c.id === 'system:Store')!;
        expect(store.children!.length).toBeGreaterThan(0);
        expect(store.layoutOptions!['elk.padding']).toMatch(/top=/);
        const allEdges = JSON.stringify(elkGraph).match(/"sources"/g)!.length;
        expect(allEdges).toBe(graph.edges.length);
    });

    test('big graphs switch to SEPARATE_CHILDREN and proxy cross-group edges', () => {
        const nodes: DiagramNode[] = [];
        for (let g = 0; g < 2; g++) {
            const children: DiagramNode[] = [];
            for (let i = 0; i < INCLUDE_CHILDREN_LIMIT / 2 + 1; i++) {
                children.push({ id: `s${g}.c${i}`, kind: 'service', label: `c${i}`, replicas: 1, managed: false, children: [], findings: [], width: 120, height: 42 });
            }
            nodes.push({ id: `system:s${g}`, kind: 'system', label: `s${g}`, replicas: 1, managed: false, children, findings: [], width: 80, height: 46 });
        }
        const graph: DiagramGraph = {
            nodes,
            edges: [{ id: 'e', relation: 'calls', style: 'sync-call', source: 's0.c0', target: 's1.c0', findings: [], highlighted: false }],
            structureKey: 'x'
        };
        expect(chooseHierarchy(graph)).toBe('SEPARATE_CHILDREN');
        const elkGraph = toElkGraph(graph);
        expect(elkGraph.edges).toEqual([{ id: 'e', sources: ['system:s0'], targets: ['system:s1'] }]);
    });

    for (const hierarchy of ['INCLUDE_CHILDREN', 'SEPARATE_CHILDREN'] as HierarchyMode[]) {
        test(`layoutToElk (${hierarchy}) carries the routes and label boxes that are drawn, also those sysd routes itself`, async () => {
            const { model, findings } = await exampleModel('ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd');
            const graph = buildDiagram(model, findings);
            const drawn = await layoutDiagram(graph, elk, { hierarchy });
            const elkResult = await layoutToElk(graph, elk, { hierarchy });
            const edges = new Map<string, ElkEdge>();
            const walk = (n: ElkNode) => {
                for (const e of n.edges ?? []) edges.set(e.id, e);
                for (const c of n.children ?? []) walk(c);
            };
            walk(elkResult);
            let sysdRouted = 0;
            for (const e of drawn.edges) {
                const out = edges.get(e.id);
                expect(out, e.id).toBeDefined();
                expect(out!.sources).toEqual([e.source]);
                expect(out!.targets).toEqual([e.target]);
                expect(out!.sections!.map(s => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]))
                    .toEqual(e.sections!.map(s => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]));
                if (e.labelPosition) expect(out!.labels![0]).toMatchObject(e.labelPosition);
                if (out!.layoutOptions?.['sysd.routing'] === 'sysd') sysdRouted++;
            }
            // Separately laid out groups: the lines between them are sysd's, and none runs through a box.
            if (hierarchy === 'SEPARATE_CHILDREN') expect(sysdRouted).toBeGreaterThan(0);
            expect(edgeBoxCrossings(drawn)).toEqual([]);
        });
    }

    test('connect routes orthogonally between box borders', () => {
        const a = { x: 0, y: 0, width: 100, height: 40 };
        const b = { x: 200, y: 100, width: 100, height: 40 };
        const route = connect(a, b);
        expect(route[0]).toEqual({ x: 100, y: 20 });
        expect(route[route.length - 1]).toEqual({ x: 200, y: 120 });
        const below = connect(a, { x: 10, y: 100, width: 100, height: 40 });
        expect(below[0].y).toBe(40);
        expect(below[below.length - 1].y).toBe(100);
    });
});
