/** The webview's state and its transitions, in Node (no DOM). */
import { describe, expect, test } from 'vitest';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import {
    MAX_ZOOM, MIN_ZOOM, allNodes, centredView, clampZoom, countNodes, createState, findMatches, fittedView, highlightedId,
    itemById, knownId, openDocument, runSearch, searchStatus, setView, showGraph, stepSearch, toSavedState, viewAfterDraw,
    zoomedView, type PreviewState
} from '../../webview/src/state.js';

function node(id: string, label: string, children: DiagramNode[] = []): DiagramNode {
    return { id, kind: children.length > 0 ? 'system' : 'service', label, replicas: 1, managed: false, findings: [], width: 100, height: 50, children };
}

const GRAPH: DiagramGraph = {
    structureKey: 'k',
    nodes: [
        node('Shop', 'Shop', [node('Shop.Orders', 'Orders'), node('Shop.OrderHistory', 'OrderHistory'), node('Shop.Payments', 'Payments')]),
        node('Warehouse', 'Warehouse', [node('Warehouse.Stock', 'Stock')])
    ],
    edges: [{
        id: 'Shop.Orders calls Shop.Payments #1', relation: 'calls', style: 'sync-call', source: 'Shop.Orders', target: 'Shop.Payments',
        findings: [], highlighted: false
    }],
    width: 800,
    height: 600
};

function shown(saved?: unknown): PreviewState {
    const state = createState(saved);
    openDocument(state, 'file:///shop.sysd');
    showGraph(state, GRAPH, { width: 800, height: 600 });
    return state;
}

describe('saved state', () => {
    test('a fresh page starts at zoom 1 with nothing saved', () => {
        const state = createState(undefined);
        expect(state.uri).toBeUndefined();
        expect(state.savedView).toBeUndefined();
        expect(state.view).toEqual({ zoom: 1, x: 0, y: 0 });
        expect(createState(null).savedView).toBeUndefined();
        expect(createState('garbage').uri).toBeUndefined();
    });

    test('the saved document and view are read back, and only what has the right type', () => {
        const state = createState({ uri: 'file:///a.sysd', zoom: 2, x: 10, y: -5 });
        expect(state.uri).toBe('file:///a.sysd');
        expect(state.savedView).toEqual({ uri: 'file:///a.sysd', view: { zoom: 2, x: 10, y: -5 } });
        expect(createState({ uri: 7, zoom: 2, x: 'left' }).savedView).toEqual({ uri: undefined, view: { zoom: 2, x: 0, y: 0 } });
        expect(createState({ uri: 'file:///a.sysd', zoom: '2' }).savedView).toBeUndefined();
    });

    test('what is saved is the document and the view', () => {
        const state = shown();
        setView(state, { zoom: 3, x: 1, y: 2 });
        expect(toSavedState(state)).toEqual({ uri: 'file:///shop.sysd', zoom: 3, x: 1, y: 2 });
    });
});

describe('document and view after drawing', () => {
    test('the saved view is restored once, for the first diagram of its document', () => {
        const state = createState({ uri: 'file:///shop.sysd', zoom: 2, x: 10, y: 20 });
        expect(openDocument(state, 'file:///shop.sysd')).toBe(false);
        expect(viewAfterDraw(state)).toEqual({ kind: 'restore', view: { zoom: 2, x: 10, y: 20 } });
        expect(viewAfterDraw(state)).toEqual({ kind: 'keep' });
        // Another document, then back: the saved view is gone, the diagram is fitted.
        expect(openDocument(state, 'file:///other.sysd')).toBe(true);
        expect(viewAfterDraw(state)).toEqual({ kind: 'fit' });
        expect(openDocument(state, 'file:///shop.sysd')).toBe(true);
        expect(viewAfterDraw(state)).toEqual({ kind: 'fit' });
    });

    test('a saved view of another document is dropped when a diagram arrives', () => {
        const state = createState({ uri: 'file:///old.sysd', zoom: 2 });
        expect(openDocument(state, 'file:///new.sysd')).toBe(true);
        expect(state.savedView).toBeUndefined();
        expect(state.hasView).toBe(false);
        expect(viewAfterDraw(state)).toEqual({ kind: 'fit' });
    });

    test('the graph on screen is indexed by id, nested nodes and edges included', () => {
        const state = shown();
        expect([...state.nodes.keys()]).toEqual(['Shop', 'Shop.Orders', 'Shop.OrderHistory', 'Shop.Payments', 'Warehouse', 'Warehouse.Stock']);
        expect(itemById(state, 'Warehouse.Stock')?.label).toBe('Stock');
        expect(itemById(state, 'Shop.Orders calls Shop.Payments #1')).toBe(GRAPH.edges[0]);
        expect(knownId(state, 'Shop.Payments')).toBe('Shop.Payments');
        expect(knownId(state, 'Shop.Orders calls Shop.Payments #1')).toBe('Shop.Orders calls Shop.Payments #1');
        expect(knownId(state, 'sysd-arrow')).toBeUndefined();
        expect(knownId(state, null)).toBeUndefined();
        expect(countNodes(GRAPH)).toBe(6);
        expect([...allNodes(GRAPH)].map(n => n.label)).toEqual(['Shop', 'Orders', 'OrderHistory', 'Payments', 'Warehouse', 'Stock']);
    });
});

describe('view arithmetic', () => {
    test('zoom stays within its bounds', () => {
        expect(clampZoom(100)).toBe(MAX_ZOOM);
        expect(clampZoom(0)).toBe(MIN_ZOOM);
        expect(clampZoom(1.3)).toBe(1.3);
        const state = createState(undefined);
        setView(state, { zoom: 50, x: 1, y: 2 });
        expect(state.view).toEqual({ zoom: MAX_ZOOM, x: 1, y: 2 });
    });

    test('zooming keeps the point under the pointer in place', () => {
        const view = zoomedView({ zoom: 1, x: 100, y: 50 }, 2, 300, 250);
        expect(view.zoom).toBe(2);
        // The diagram point under (300, 250) was (200, 200); it stays there.
        expect((300 - view.x) / view.zoom).toBe(200);
        expect((250 - view.y) / view.zoom).toBe(200);
        // At the limit, the factor is cut and the view does not move.
        expect(zoomedView({ zoom: MAX_ZOOM, x: 7, y: 9 }, 2, 300, 250)).toEqual({ zoom: MAX_ZOOM, x: 7, y: 9 });
    });

    test('fitting centres the whole picture with a margin, never enlarging beyond 1.5', () => {
        const view = fittedView({ width: 1000, height: 500 }, { width: 548, height: 548 })!;
        expect(view.zoom).toBe(0.5);
        expect(view).toEqual({ zoom: 0.5, x: 24, y: 149 });
        expect(fittedView({ width: 10, height: 10 }, { width: 1000, height: 1000 })!.zoom).toBe(1.5);
        expect(fittedView({ width: 0, height: 10 }, { width: 1000, height: 1000 })).toBeUndefined();
    });

    test('centring puts the box in the middle, zoomed in enough to read', () => {
        const view = centredView({ zoom: 0.2, x: 0, y: 0 }, { x: 100, y: 200, width: 50, height: 20 }, { width: 800, height: 600 });
        expect(view.zoom).toBe(0.6);
        expect(view.x + (100 + 25) * view.zoom).toBeCloseTo(400);
        expect(view.y + (200 + 10) * view.zoom).toBeCloseTo(300);
        expect(centredView({ zoom: 3, x: 0, y: 0 }, { x: 0, y: 0, width: 10, height: 10 }, { width: 100, height: 100 }).zoom).toBe(3);
    });
});

describe('search and highlight', () => {
    test('matches by label or id, exact labels first, then prefixes, then by label', () => {
        expect(findMatches(allNodes(GRAPH), 'order').map(n => n.id)).toEqual(['Shop.OrderHistory', 'Shop.Orders']);
        expect(findMatches(allNodes(GRAPH), 'orders').map(n => n.id)).toEqual(['Shop.Orders']);
        expect(findMatches(allNodes(GRAPH), 'shop.').map(n => n.id)).toEqual(['Shop.OrderHistory', 'Shop.Orders', 'Shop.Payments']);
        expect(findMatches(allNodes(GRAPH), 'stock').map(n => n.id)).toEqual(['Warehouse.Stock']);
        expect(findMatches(allNodes(GRAPH), 'nothing')).toEqual([]);
    });

    test('typing goes to the best match; Enter steps through the matches, Shift+Enter back', () => {
        const state = shown();
        expect(runSearch(state, '  Shop. ', true)).toBe('Shop.OrderHistory');
        expect(state.search.query).toBe('shop.');
        expect(searchStatus(state.search)).toBe('1 of 3');
        expect(stepSearch(state, false)).toBe('Shop.Orders');
        expect(stepSearch(state, false)).toBe('Shop.Payments');
        expect(stepSearch(state, false)).toBe('Shop.OrderHistory');
        expect(stepSearch(state, true)).toBe('Shop.Payments');
        expect(searchStatus(state.search)).toBe('3 of 3');
    });

    test('a new diagram keeps the current match without moving to it', () => {
        const state = shown();
        runSearch(state, 'shop.', true);
        stepSearch(state, false);
        expect(runSearch(state, 'shop.', false)).toBeUndefined();
        expect(state.search.matches[state.search.index].id).toBe('Shop.Orders');
        // Gone from the diagram: back to the first match.
        showGraph(state, { ...GRAPH, nodes: [node('Shop', 'Shop', [node('Shop.Payments', 'Payments')])] }, { width: 1, height: 1 });
        runSearch(state, 'shop.', false);
        expect(state.search.index).toBe(0);
        expect(highlightedId(state)).toBe('Shop.Payments');
    });

    test('no match and an empty query', () => {
        const state = shown();
        expect(runSearch(state, 'zzz', true)).toBeUndefined();
        expect(searchStatus(state.search)).toBe('No match');
        expect(stepSearch(state, false)).toBeUndefined();
        expect(highlightedId(state)).toBeUndefined();
        expect(runSearch(state, '   ', true)).toBeUndefined();
        expect(searchStatus(state.search)).toBe('');
        expect(state.search.matches).toEqual([]);
    });

    test("the host's highlight (the editor's cursor) wins over the search match", () => {
        const state = shown();
        runSearch(state, 'stock', true);
        expect(highlightedId(state)).toBe('Warehouse.Stock');
        state.hostHighlight = 'Shop.Orders';
        expect(highlightedId(state)).toBe('Shop.Orders');
        state.hostHighlight = null;
        runSearch(state, '', false);
        expect(highlightedId(state)).toBeUndefined();
    });
});
