import { describe, expect, test } from 'vitest';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { edgeBoxCrossings, labelOverlaps, nodeOverlaps, placedNodes } from '../../diagram/src/geometry.js';
import { layoutDiagram } from '../../diagram/src/layout.js';
import { keepPrevious } from '../../diagram/src/stable-layout.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import { generateWorkspace } from '../../scripts/bench-diagram.js';
import { addedServiceFile, buildWorkspace, displacement, viewGraph } from '../../scripts/bench/stability.js';

const elk = createNodeElk();

function problems(graph: DiagramGraph): string[] {
    return [
        ...edgeBoxCrossings(graph).map(c => `${c.edge} crosses ${c.node}`),
        ...labelOverlaps(graph).map(o => `label of ${o.edge} overlaps ${'edge' in o.other ? `label of ${o.other.edge}` : o.other.node}`),
        ...nodeOverlaps(graph).map(o => `${o.a} overlaps ${o.b}`)
    ];
}

function leaf(id: string, x: number, y: number, width = 120, height = 42): DiagramNode {
    return { id, kind: 'service', label: id, replicas: 1, managed: false, children: [], findings: [], width, height, x, y };
}

function group(id: string, x: number, y: number, children: DiagramNode[], width: number, height: number): DiagramNode {
    return { ...leaf(id, x, y, width, height), kind: 'system', children };
}

describe('keepPrevious: the previous picture with what is new placed into it', () => {
    test('kept nodes stay, a new node goes where ELK put it relative to them, or next to them when that is taken', () => {
        // Previous: A and B side by side in a system. ELK's new picture moved everything 100 px right
        // and put the new node N where B was before (B moved down).
        const previous: DiagramGraph = { nodes: [group('S', 16, 16, [leaf('A', 16, 30), leaf('B', 200, 30)], 336, 88)], edges: [], structureKey: '' };
        const graph: DiagramGraph = { nodes: [group('S', 0, 0, [leaf('A', 0, 0), leaf('B', 0, 0), leaf('N', 0, 0)], 80, 46)], edges: [], structureKey: '' };
        const elkPicture: DiagramGraph = { nodes: [group('S', 116, 16, [leaf('A', 16, 30), leaf('N', 200, 30), leaf('B', 200, 100)], 336, 158)], edges: [], structureKey: '' };
        const kept = keepPrevious(graph, elkPicture, previous)!;
        const boxes = new Map(placedNodes(kept).map(p => [p.node.id, p.box]));
        expect(boxes.get('S')).toMatchObject({ x: 16, y: 16 });
        expect(boxes.get('A')).toMatchObject({ x: 32, y: 46 });
        expect(boxes.get('B')).toMatchObject({ x: 216, y: 46 });
        // ELK's place for N (200, 30 in S, shifted back by ELK's 0 px move of the kept nodes in S) is B's: N goes next to B.
        const n = boxes.get('N')!;
        expect(nodeOverlaps(kept)).toEqual([]);
        expect(Math.hypot(n.x - 216, n.y - 46)).toBeLessThan(200);
        // The system grew to hold it.
        const s = boxes.get('S')!;
        expect(n.x + n.width).toBeLessThanOrEqual(s.x + s.width);
        expect(n.y + n.height).toBeLessThanOrEqual(s.y + s.height);
    });

    test('a group that grew pushes the box it now covers right or down, keeping their order', () => {
        // G gains a child below its old content and grows down over C, which sat below it.
        const previous: DiagramGraph = { nodes: [group('G', 16, 16, [leaf('A', 16, 30)], 152, 88), leaf('C', 16, 130)], edges: [], structureKey: '' };
        const graph: DiagramGraph = { nodes: [group('G', 0, 0, [leaf('A', 0, 0), leaf('N', 0, 0)], 80, 46), leaf('C', 0, 0)], edges: [], structureKey: '' };
        const elkPicture: DiagramGraph = { nodes: [group('G', 16, 16, [leaf('A', 16, 30), leaf('N', 16, 100)], 152, 158), leaf('C', 16, 200)], edges: [], structureKey: '' };
        const kept = keepPrevious(graph, elkPicture, previous)!;
        expect(nodeOverlaps(kept)).toEqual([]);
        const boxes = new Map(placedNodes(kept).map(p => [p.node.id, p.box]));
        expect(boxes.get('C')!.y).toBeGreaterThan(boxes.get('G')!.y + boxes.get('G')!.height);
        expect(boxes.get('A')).toMatchObject({ x: 32, y: 46 });
    });

    test('a previous picture that shares less than half of the nodes is not kept', () => {
        const previous: DiagramGraph = { nodes: [leaf('A', 16, 16)], edges: [], structureKey: '' };
        const graph: DiagramGraph = { nodes: [leaf('A', 0, 0), leaf('B', 0, 0), leaf('C', 0, 0)], edges: [], structureKey: '' };
        expect(keepPrevious(graph, structuredClone(graph), previous)).toBeUndefined();
    });
});

describe('generated workspaces: one service added, laid out with the previous picture', () => {
    for (const size of [100, 300]) {
        test(`${size} components: the others stay, and no line crosses a box, no label or box overlaps`, async () => {
            const text = generateWorkspace(size);
            const original = await buildWorkspace({ 'w.sysd': text });
            const added = addedServiceFile(original.model, 'Sys0')!;
            const edited = await buildWorkspace({ 'w.sysd': text, 'added.sysd': added.text });
            const before = await layoutDiagram(viewGraph(original, undefined), elk);
            const after = await layoutDiagram(viewGraph(edited, undefined), elk, { previous: before });
            expect(problems(after)).toEqual([]);
            const moved = displacement(before, after);
            expect(moved.swaps).toBe(0);
            expect(moved.aligned.mean).toBeLessThan(20);
            const back = await layoutDiagram(viewGraph(original, undefined), elk, { previous: after });
            expect(problems(back)).toEqual([]);
            expect(displacement(after, back).aligned.mean).toBeLessThan(20);
        }, 180_000);
    }
});

describe('placeNew: an edit that adds a few nodes is placed into the previous picture without ELK', () => {
    /** ELK with a count of its layouts. */
    const counting = () => {
        const counter = { calls: 0, layout: (graph: Parameters<typeof elk.layout>[0]) => {
            counter.calls++;
            return elk.layout(graph);
        } };
        return counter;
    };
    const base = `system S {
  region r { zones a, b }
  gateway Gw { in b }
  service A { in b; calls B over grpc { timeout 1s } }
  service B { in b; writes Db }
  database Db : postgres
  Gw -> A : http { timeout 2s }
}
`;
    const boxesOf = (graph: DiagramGraph) => new Map(placedNodes(graph).map(p => [p.node.id, p.box]));

    test('a generated 100-component view: one service added, ELK not run, the others and their lines stay', async () => {
        const text = generateWorkspace(100);
        const original = await buildWorkspace({ 'w.sysd': text });
        const added = addedServiceFile(original.model, 'Sys0')!;
        const edited = await buildWorkspace({ 'w.sysd': text, 'added.sysd': added.text });
        const before = await layoutDiagram(viewGraph(original, undefined), elk);
        const counter = counting();
        const after = await layoutDiagram(viewGraph(edited, undefined), counter, { previous: before });
        expect(counter.calls).toBe(0);
        expect(problems(after)).toEqual([]);
        expect(displacement(before, after).max).toBeLessThan(0.01);
        // The new service sits next to the service it calls (it is the only edge it has).
        const edge = after.edges.find(e => e.source === added.id)!;
        const boxes = boxesOf(after);
        const [n, t] = [boxes.get(added.id)!, boxes.get(edge.target)!];
        const gap = Math.max(t.x - (n.x + n.width), n.x - (t.x + t.width), t.y - (n.y + n.height), n.y - (t.y + t.height));
        expect(gap).toBeLessThan(200);
        // Only the lines the edit touched are drawn again: the others keep their routes and labels.
        const old = new Map(before.edges.map(e => [e.id, e]));
        const others = after.edges.filter(e => e.source !== added.id && e.target !== added.id);
        const same = others.filter(e => JSON.stringify(e.sections) === JSON.stringify(old.get(e.id)?.sections)
            && JSON.stringify(e.labelPosition) === JSON.stringify(old.get(e.id)?.labelPosition));
        expect(same.length).toBeGreaterThanOrEqual(others.length - 3);
        // Removing it again is placed the same way, back to the first picture's nodes.
        const back = await layoutDiagram(viewGraph(original, undefined), counter, { previous: after });
        expect(counter.calls).toBe(0);
        expect(problems(back)).toEqual([]);
        expect(displacement(before, back).max).toBeLessThan(0.01);
    }, 180_000);

    test('a zone that gets its first component is laid out around it and placed as one box', async () => {
        const before = await layoutDiagram(viewGraph(await buildWorkspace({ 's.sysd': base }), 'S'), elk);
        const edited = base.replace('  database Db', '  service N { in a; calls B over grpc { timeout 1s } }\n  database Db');
        const graph = viewGraph(await buildWorkspace({ 's.sysd': edited }), 'S');
        const counter = counting();
        const after = await layoutDiagram(graph, counter, { previous: before });
        expect(counter.calls).toBe(0);
        expect(problems(after)).toEqual([]);
        expect(displacement(before, after).max).toBeLessThan(0.01);
        const boxes = boxesOf(after);
        const n = placedNodes(after).find(p => p.node.id === 'S.N')!;
        const zone = boxes.get(n.parent!)!;
        expect(n.parent).toMatch(/^zone:/);
        expect(n.box.x).toBeGreaterThan(zone.x);
        expect(n.box.y).toBeGreaterThan(zone.y + 20);
        expect(n.box.x + n.box.width).toBeLessThan(zone.x + zone.width);
        expect(n.box.y + n.box.height).toBeLessThan(zone.y + zone.height);
        // The region grew to hold the new zone.
        const region = boxes.get(placedNodes(after).find(p => p.node.id === n.parent)!.parent!)!;
        expect(zone.x + zone.width).toBeLessThanOrEqual(region.x + region.width);
        expect(zone.y + zone.height).toBeLessThanOrEqual(region.y + region.height);
    });

    test('more new nodes than an edit adds go to ELK', async () => {
        const before = await layoutDiagram(viewGraph(await buildWorkspace({ 's.sysd': base }), 'S'), elk);
        const many = Array.from({ length: 10 }, (_, i) => `  service N${i} { in b; calls B over grpc { timeout 1s } }\n`).join('');
        const graph = viewGraph(await buildWorkspace({ 's.sysd': base.replace('  database Db', `${many}  database Db`) }), 'S');
        const counter = counting();
        const after = await layoutDiagram(graph, counter, { previous: before });
        expect(counter.calls).toBeGreaterThan(0);
        expect(problems(after)).toEqual([]);
    });

    test('a previous picture whose lines are not usable is drawn again, never thrown on', async () => {
        const graph = viewGraph(await buildWorkspace({ 's.sysd': base }), 'S');
        const before = await layoutDiagram(graph, elk);
        const broken = structuredClone(before);
        broken.edges.forEach((e, i) => {
            const bad: unknown[] = [null, 'x', [{ startPoint: { x: NaN, y: 0 }, endPoint: { x: 1, y: 1 } }], [{ startPoint: { x: 0, y: 0 }, endPoint: { x: 1, y: 1 }, bendPoints: [null] }]];
            (e as { sections: unknown }).sections = bad[i % bad.length];
            (e as { labelPosition: unknown }).labelPosition = { x: Infinity };
        });
        (broken as { edges: unknown }).edges = [...broken.edges, null, 7];
        const counter = counting();
        const after = await layoutDiagram(graph, counter, { previous: broken });
        expect(counter.calls).toBe(0);
        expect(problems(after)).toEqual([]);
        expect(displacement(before, after).max).toBeLessThan(0.01);
        expect(after.edges.every(e => (e.sections?.length ?? 0) > 0)).toBe(true);
    });
});
