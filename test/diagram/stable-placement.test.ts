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
