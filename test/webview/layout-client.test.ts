/** The webview's layout client with a stand-in worker, in Node: what is laid out, what is shown. */
import { describe, expect, test } from 'vitest';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import { LayoutClient, withLayout, type WorkerHandlers } from '../../webview/src/layout-client.js';
import type { LayoutRequest } from '../../webview/src/worker-protocol.js';

function node(id: string, label = id): DiagramNode {
    return { id, kind: 'service', label, replicas: 1, managed: false, findings: [], width: 100, height: 50, children: [] };
}

function graph(key: string, label = 'A'): DiagramGraph {
    return {
        structureKey: key,
        nodes: [{ ...node('S'), kind: 'system', children: [node('S.A', label), node('S.B')] }],
        edges: [{ id: 'S.A calls S.B #1', relation: 'calls', style: 'sync-call', source: 'S.A', target: 'S.B', findings: [], highlighted: false }]
    };
}

/** What an ELK layout adds: positions, sizes, edge routes. */
function laidOut(fresh: DiagramGraph): DiagramGraph {
    const place = (n: DiagramNode, i: number): DiagramNode => ({ ...n, x: 10 * i, y: 20 * i, width: n.width + 1, height: n.height + 1, children: n.children.map(place) });
    return {
        ...fresh,
        nodes: fresh.nodes.map(place),
        edges: fresh.edges.map(e => ({ ...e, sections: [{ startPoint: { x: 0, y: 0 }, endPoint: { x: 5, y: 5 } }] })),
        width: 400,
        height: 300
    };
}

/** A client on a stand-in worker that keeps the requests until the test answers them. */
function harness() {
    const requests: LayoutRequest[] = [];
    const events: string[] = [];
    const shown: DiagramGraph[] = [];
    let handlers: WorkerHandlers | undefined;
    const client = new LayoutClient(given => {
        handlers = given;
        return Promise.resolve({ postMessage: (request: LayoutRequest) => requests.push(request) });
    }, {
        laidOut: g => {
            events.push(`shown ${g.structureKey}`);
            shown.push(g);
        },
        failed: message => events.push(`failed ${message}`),
        busy: g => events.push(`busy ${g.structureKey}`),
        idle: () => events.push('idle')
    });
    const answer = (request: LayoutRequest) => handlers!.response({ seq: request.seq, graph: laidOut(request.graph), ms: 1 });
    return { client, requests, events, shown, answer, handlers: () => handlers! };
}

/** Lets the worker promise deliver the requests. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('layout client', () => {
    test('lays out a diagram and shows it', async () => {
        const h = harness();
        h.client.request(graph('k1'));
        await settle();
        expect(h.requests.map(r => r.graph.structureKey)).toEqual(['k1']);
        h.answer(h.requests[0]);
        expect(h.events).toEqual(['busy k1', 'shown k1', 'idle']);
        expect(h.shown[0].width).toBe(400);
    });

    test('the same structure reuses the layout: no second request, the new decorations shown', async () => {
        const h = harness();
        h.client.request(graph('k1'));
        await settle();
        h.answer(h.requests[0]);
        h.client.request(graph('k1', 'Renamed'));
        await settle();
        expect(h.requests).toHaveLength(1);
        expect(h.shown[1].nodes[0].children[0]).toMatchObject({ label: 'Renamed', x: 0, width: 101 });
        expect(h.shown[1].nodes[0].children[1]).toMatchObject({ label: 'S.B', x: 10, y: 20 });
        expect(h.events.slice(-2)).toEqual(['idle', 'shown k1']);
    });

    test('diagrams that arrive during a layout: only the newest waits, and only the newest is shown', async () => {
        const h = harness();
        h.client.request(graph('k1'));
        for (const key of ['k2', 'k3', 'k4']) h.client.request(graph(key));
        await settle();
        expect(h.requests.map(r => r.graph.structureKey)).toEqual(['k1']);
        // k1 is outdated by now: it is kept for reuse but not shown; k4 goes to the worker.
        h.answer(h.requests[0]);
        await settle();
        expect(h.requests.map(r => r.graph.structureKey)).toEqual(['k1', 'k4']);
        h.answer(h.requests[1]);
        expect(h.events).toEqual(['busy k1', 'busy k4', 'shown k4', 'idle']);
    });

    test('a waiting diagram with the structure just laid out needs no layout of its own', async () => {
        const h = harness();
        h.client.request(graph('k1'));
        h.client.request(graph('k2'));
        h.client.request(graph('k1', 'Again'));
        await settle();
        // The third diagram reused nothing (no layout yet) and waits; k1's answer serves it.
        h.answer(h.requests[0]);
        await settle();
        expect(h.requests).toHaveLength(1);
        expect(h.events).toEqual(['busy k1', 'shown k1', 'idle']);
        expect(h.shown[0].nodes[0].children[0].label).toBe('Again');
    });

    test('a failed layout of the newest diagram is reported; of an older one, ignored', async () => {
        const h = harness();
        h.client.request(graph('k1'));
        await settle();
        h.handlers().response({ seq: h.requests[0].seq, error: 'too big' });
        expect(h.events).toEqual(['busy k1', 'failed too big', 'idle']);

        h.client.request(graph('k2'));
        h.client.request(graph('k3'));
        await settle();
        h.handlers().response({ seq: h.requests[1].seq, error: 'stale' });
        await settle();
        expect(h.events).not.toContain('failed stale');
        expect(h.requests.at(-1)!.graph.structureKey).toBe('k3');
    });

    test('a worker that cannot start, or crashes, is reported', async () => {
        const events: string[] = [];
        const client = new LayoutClient(() => Promise.reject(new Error('could not load the layout worker (404)')), {
            laidOut: () => events.push('shown'),
            failed: message => events.push(`failed ${message}`),
            busy: () => events.push('busy'),
            idle: () => events.push('idle')
        });
        client.request(graph('k1'));
        await settle();
        expect(events).toEqual(['busy', 'failed could not load the layout worker (404)']);

        const h = harness();
        h.client.request(graph('k1'));
        h.handlers().error('the layout worker failed');
        expect(h.events).toEqual(['busy k1', 'failed the layout worker failed']);
        // Not busy any more: the next diagram goes straight to the worker.
        h.client.request(graph('k2'));
        await settle();
        expect(h.requests.map(r => r.graph.structureKey)).toEqual(['k1', 'k2']);
    });
});

describe('stable layout per view', () => {
    const inView = (key: string, view: string): DiagramGraph => ({ ...graph(key), view: { key: view, title: view } });

    test('the next layout of a view gets the last layout of that view as its previous, not another view\'s', async () => {
        const h = harness();
        h.client.request(inView('a1', 'system:A'));
        await settle();
        expect(h.requests[0].previous).toBeUndefined();
        h.answer(h.requests[0]);
        h.client.request(inView('b1', 'all'));
        await settle();
        // Another view: nothing of A's picture is imposed on it.
        expect(h.requests[1].previous).toBeUndefined();
        h.answer(h.requests[1]);
        h.client.request(inView('a2', 'system:A'));
        await settle();
        expect(h.requests[2].previous?.structureKey).toBe('a1');
        expect(h.requests[2].previous?.nodes[0].x).toBe(0);
        h.answer(h.requests[2]);
        h.client.request(inView('b2', 'all'));
        await settle();
        expect(h.requests[3].previous?.structureKey).toBe('b1');
    });

    test('the previous layout is the newest one when the request leaves the queue', async () => {
        const h = harness();
        h.client.request(inView('a1', 'system:A'));
        h.client.request(inView('a2', 'system:A'));
        await settle();
        h.answer(h.requests[0]);
        await settle();
        // a2 waited while a1 was laid out: it starts from a1's layout.
        expect(h.requests[1].graph.structureKey).toBe('a2');
        expect(h.requests[1].previous?.structureKey).toBe('a1');
    });

    test('returning to a view whose structure is unchanged reuses its layout without the worker', async () => {
        const h = harness();
        h.client.request(inView('a1', 'system:A'));
        await settle();
        h.answer(h.requests[0]);
        h.client.request(inView('b1', 'all'));
        await settle();
        h.answer(h.requests[1]);
        h.client.request(inView('a1', 'system:A'));
        await settle();
        expect(h.requests).toHaveLength(2);
        expect(h.shown.at(-1)!.view?.key).toBe('system:A');
        expect(h.shown.at(-1)!.width).toBe(400);
    });
});

describe('reusing a layout', () => {
    test('copies positions, sizes and routes onto the fresh graph, keeping its decorations', () => {
        const fresh = graph('k1', 'Fresh');
        fresh.edges[0].label = 'new label';
        const result = withLayout(fresh, laidOut(graph('k1')))!;
        expect(result.width).toBe(400);
        expect(result.nodes[0].children[0]).toMatchObject({ label: 'Fresh', x: 0, y: 0, width: 101, height: 51 });
        expect(result.nodes[0].children[1]).toMatchObject({ x: 10, y: 20 });
        expect(result.edges[0]).toMatchObject({ label: 'new label', sections: [{ startPoint: { x: 0, y: 0 }, endPoint: { x: 5, y: 5 } }] });
    });

    test('gives up when an element has no position in the old layout', () => {
        const fresh = graph('k1');
        fresh.nodes[0].children.push(node('S.C'));
        expect(withLayout(fresh, laidOut(graph('k1')))).toBeUndefined();
        const extraEdge = graph('k1');
        extraEdge.edges.push({ ...extraEdge.edges[0], id: 'S.B calls S.A #1' });
        expect(withLayout(extraEdge, laidOut(graph('k1')))).toBeUndefined();
        expect(withLayout(graph('k1'), graph('k1'))).toBeUndefined();
    });
});
