/** The webview's state and its transitions, in Node (no DOM). */
import { describe, expect, test } from 'vitest';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import {
    INITIAL_MIN_ZOOM, MAX_ZOOM, MIN_ZOOM, allNodes, centredView, clampZoom, countNodes, createState, findMatches, fittedView,
    highlightedId, initialView, itemById, kindOfKey, knownId, openDocument, pickerGroups, revealedView, runSearch, searchStatus,
    setView, setViews, showGraph, stepSearch, themeForBody, toSavedState, viewAfterDraw, zoomedView, type PreviewState
} from '../../webview/src/state.js';
import type { ViewOption } from '../../protocol/src/webview.js';

function node(id: string, label: string, children: DiagramNode[] = []): DiagramNode {
    return { id, kind: children.length > 0 ? 'system' : 'service', label, replicas: 1, managed: false, findings: [], width: 100, height: 50, children };
}

const VIEWS: ViewOption[] = [
    { key: 'file:file:///shop.sysd', kind: 'file', title: 'shop.sysd' },
    { key: 'system:Shop', kind: 'system', title: 'Shop', detail: 'system · 3 components' },
    { key: 'system:Warehouse', kind: 'system', title: 'Warehouse' },
    { key: 'all', kind: 'all', title: 'Everything' },
    { key: 'deployment', kind: 'deployment', title: 'Deployment (regions and zones)' },
    { key: 'view:Checkout', kind: 'declared', title: 'Checkout' },
    { key: 'flow:Shop.Buy', kind: 'flow', title: 'Flow Buy' },
    { key: 'saga:Shop.Order', kind: 'saga', title: 'Saga Order' }
];

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
        expect(state.savedView).toEqual({ uri: 'file:///a.sysd', viewKey: undefined, view: { zoom: 2, x: 10, y: -5 } });
        expect(createState({ uri: 7, zoom: 2, x: 'left' }).savedView).toEqual({ uri: undefined, viewKey: undefined, view: { zoom: 2, x: 0, y: 0 } });
        expect(createState({ uri: 'file:///a.sysd', zoom: '2' }).savedView).toBeUndefined();
        expect(createState({ uri: 'file:///a.sysd', zoom: Number.NaN }).savedView).toBeUndefined();
        expect(createState({ zoom: 1e9 }).savedView?.view.zoom).toBe(MAX_ZOOM);
    });

    test('the view shown, the picked view, the lock and the legend are read back', () => {
        const state = createState({ uri: 'file:///a.sysd', viewKey: 'all', zoom: 1, selected: 'all', locked: true, legend: true });
        expect(state.viewKey).toBe('all');
        expect(state.savedView?.viewKey).toBe('all');
        expect(state.selected).toBe('all');
        expect(state.locked).toBe(true);
        expect(state.legend).toBe(true);
        const garbage = createState({ viewKey: 3, selected: '', locked: 'yes', legend: 1 });
        expect([garbage.viewKey, garbage.selected, garbage.locked, garbage.legend]).toEqual([undefined, undefined, false, false]);
    });

    test('what is saved is the document, the view shown with its pan and zoom, the choice and the legend', () => {
        const state = shown();
        setView(state, { zoom: 3, x: 1, y: 2 });
        expect(toSavedState(state)).toEqual({
            uri: 'file:///shop.sysd', viewKey: undefined, zoom: 3, x: 1, y: 2, legend: false, selected: undefined, locked: false,
            whatIf: { on: false, fail: [] }
        });
        openDocument(state, 'file:///shop.sysd', 'system:Shop');
        setViews(state, { type: 'views', views: VIEWS, current: 'system:Shop', selected: 'system:Shop', locked: true });
        state.legend = true;
        expect(toSavedState(state)).toMatchObject({ viewKey: 'system:Shop', selected: 'system:Shop', locked: true, legend: true });
        // What is saved is read back as it was.
        const again = createState(JSON.parse(JSON.stringify(toSavedState(state))));
        expect([again.viewKey, again.selected, again.locked, again.legend]).toEqual(['system:Shop', 'system:Shop', true, true]);
    });
});

describe('document and view after drawing', () => {
    test('the saved view is restored once, for the first diagram of its document', () => {
        const state = createState({ uri: 'file:///shop.sysd', zoom: 2, x: 10, y: 20 });
        expect(openDocument(state, 'file:///shop.sysd')).toBe(false);
        expect(viewAfterDraw(state)).toEqual({ kind: 'restore', view: { zoom: 2, x: 10, y: 20 } });
        expect(viewAfterDraw(state)).toEqual({ kind: 'keep' });
        // Another document, then back: the saved view is gone, the diagram gets its initial view.
        expect(openDocument(state, 'file:///other.sysd')).toBe(true);
        expect(viewAfterDraw(state)).toEqual({ kind: 'initial' });
        expect(openDocument(state, 'file:///shop.sysd')).toBe(true);
        expect(viewAfterDraw(state)).toEqual({ kind: 'initial' });
    });

    test('another view of the same document gets a view of its own; the saved one belongs to its view', () => {
        const state = createState({ uri: 'file:///shop.sysd', viewKey: 'all', zoom: 2, x: 10, y: 20 });
        // The first diagram is the document's own view, not the saved one: no restore.
        expect(openDocument(state, 'file:///shop.sysd', 'file:file:///shop.sysd')).toBe(true);
        expect(viewAfterDraw(state)).toEqual({ kind: 'initial' });
        expect(state.savedView).toBeUndefined();
        const saved = createState({ uri: 'file:///shop.sysd', viewKey: 'all', zoom: 2, x: 10, y: 20 });
        expect(openDocument(saved, 'file:///shop.sysd', 'all')).toBe(false);
        expect(viewAfterDraw(saved)).toEqual({ kind: 'restore', view: { zoom: 2, x: 10, y: 20 } });
        // A later diagram of the same view keeps the pan and zoom; picking another view starts afresh.
        expect(openDocument(saved, 'file:///shop.sysd', 'all')).toBe(false);
        expect(viewAfterDraw(saved)).toEqual({ kind: 'keep' });
        expect(openDocument(saved, 'file:///shop.sysd', 'system:Shop')).toBe(true);
        expect(viewAfterDraw(saved)).toEqual({ kind: 'initial' });
    });

    test('a saved view of another document is dropped when a diagram arrives', () => {
        const state = createState({ uri: 'file:///old.sysd', zoom: 2 });
        expect(openDocument(state, 'file:///new.sysd')).toBe(true);
        expect(state.savedView).toBeUndefined();
        expect(state.hasView).toBe(false);
        expect(viewAfterDraw(state)).toEqual({ kind: 'initial' });
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

describe('view picker', () => {
    test('views are grouped under headings in the host order, the file view first', () => {
        const groups = pickerGroups(VIEWS, { key: 'system:Shop', title: 'Shop' });
        expect(groups.map(group => group.label)).toEqual(['This file', 'Systems', 'Workspace', 'Declared views', 'Flows', 'Sagas']);
        expect(groups[1].options.map(view => view.key)).toEqual(['system:Shop', 'system:Warehouse']);
        expect(groups[2].options.map(view => view.title)).toEqual(['Everything', 'Deployment (regions and zones)']);
    });

    test('a view shown that the list lacks is listed, so the picker never names another view', () => {
        const groups = pickerGroups(VIEWS.slice(0, 2), { key: 'neighbourhood:Shop.Orders:2', title: 'Around Orders' });
        expect(groups[0]).toEqual({ label: 'Neighbourhoods', options: [{ key: 'neighbourhood:Shop.Orders:2', kind: 'neighbourhood', title: 'Around Orders' }] });
        expect(pickerGroups([], undefined)).toEqual([]);
    });

    test('the kind of a key follows the key formats', () => {
        expect(['file:file:///a.sysd', 'system:A', 'all', 'deployment', 'view:V', 'neighbourhood:A.B', 'flow:F', 'saga:S', 'odd'].map(kindOfKey))
            .toEqual(['file', 'system', 'all', 'deployment', 'declared', 'neighbourhood', 'flow', 'saga', 'declared']);
    });

    test('the host choice is kept in the state', () => {
        const state = createState(undefined);
        setViews(state, { type: 'views', views: VIEWS, current: 'all', selected: 'all', locked: true });
        expect(state.views).toBe(VIEWS);
        expect([state.selected, state.locked]).toEqual(['all', true]);
        setViews(state, { type: 'views', views: VIEWS, current: 'file:file:///shop.sysd', locked: false });
        expect([state.selected, state.locked]).toEqual([undefined, false]);
    });
});

describe('initial view, reveal and theme', () => {
    const viewport = { width: 1000, height: 700 };

    test('a small picture is shown whole', () => {
        expect(initialView({ width: 400, height: 300 }, viewport)).toEqual(fittedView({ width: 400, height: 300 }, viewport));
        expect(initialView({ width: 0, height: 300 }, viewport)).toBeUndefined();
    });

    test('a big picture opens readable: its width fitted, never below the floor, at its top', () => {
        // 95 nodes of a workspace: whole, it would be drawn at about 24 %.
        const big = { width: 3600, height: 2600 };
        expect(fittedView(big, viewport)!.zoom).toBeLessThan(0.3);
        const view = initialView(big, viewport)!;
        expect(view.zoom).toBe(INITIAL_MIN_ZOOM);
        expect(view.y).toBe(24);
        expect(view.x).toBe(24);
        // Tall and narrow: the width fits at more than the floor (up to natural size), centred.
        const tall = initialView({ width: 900, height: 5000 }, viewport)!;
        expect(tall.zoom).toBe(1);
        expect(tall.zoom).toBeGreaterThanOrEqual(INITIAL_MIN_ZOOM);
        expect(tall.x).toBeCloseTo((1000 - 900 * tall.zoom) / 2, 5);
        expect(tall.y).toBe(24);
        const tallish = initialView({ width: 1100, height: 5000 }, viewport)!;
        expect(tallish.zoom).toBeCloseTo(952 / 1100, 5);
    });

    test('revealing keeps the view when the element is in sight, else centres it at the same zoom', () => {
        const view = { zoom: 1, x: 0, y: 0 };
        expect(revealedView(view, { x: 100, y: 100, width: 80, height: 40 }, viewport)).toBeUndefined();
        const moved = revealedView(view, { x: 2000, y: 1500, width: 80, height: 40 }, viewport)!;
        expect(moved.zoom).toBe(1);
        expect(moved.x + 2040 * moved.zoom).toBeCloseTo(500, 5);
        expect(moved.y + 1520 * moved.zoom).toBeCloseTo(350, 5);
        // Partly outside counts as outside.
        expect(revealedView(view, { x: 950, y: 100, width: 80, height: 40 }, viewport)).toBeDefined();
        // Too small to read: zoomed in to a readable size.
        const tiny = revealedView({ zoom: 0.1, x: 0, y: 0 }, { x: 100, y: 100, width: 80, height: 40 }, viewport)!;
        expect(tiny.zoom).toBeGreaterThanOrEqual(0.5);
    });

    test('the theme follows VS Code body classes', () => {
        expect(themeForBody(['vscode-light'])).toBe('light');
        expect(themeForBody(['vscode-dark'])).toBe('dark');
        expect(themeForBody(['vscode-high-contrast'])).toBe('high-contrast');
        expect(themeForBody(['vscode-high-contrast', 'vscode-high-contrast-light'])).toBe('light');
        expect(themeForBody([])).toBe('dark');
    });
});
