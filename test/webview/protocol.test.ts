import { describe, expect, test } from 'vitest';
import { elementAt, locationOf } from '../../client/src/preview/element-at.js';
import { contentSecurityPolicy, getNonce, previewHtml } from '../../client/src/preview/html.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import {
    followEditor, openDocumentChoice, panelTitle, requestedView, restoreChoice, viewOptions, viewPickEntries, viewSlug
} from '../../client/src/preview/panel-state.js';
import type { ViewInfo } from '../../diagram/src/views/types.js';
import { isDiagramGraph, isHostMessage, isWebviewMessage, LIMITS } from '../../protocol/src/webview.js';

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const URI = 'file:///w/shop.sysd';

const GRAPH: DiagramGraph = {
    structureKey: 'k1',
    nodes: [{
        id: 'Shop', kind: 'system', label: 'Shop', replicas: 1, managed: false, findings: [], width: 300, height: 200,
        loc: { uri: URI, range: range(0, 0, 10, 1) },
        children: [
            {
                id: 'Shop.Orders', kind: 'service', label: 'Orders', replicas: 2, managed: false, children: [], width: 120, height: 50,
                findings: [{ ruleId: 'r', severity: 'warning', message: 'm' }], severity: 'warning',
                loc: { uri: URI, range: range(1, 4, 4, 5), nameRange: range(1, 12, 1, 18) }
            },
            {
                id: 'Shop.Db', kind: 'database', label: 'Db', replicas: 1, managed: false, children: [], findings: [], width: 100, height: 60,
                loc: { uri: URI, range: range(5, 4, 5, 30) }
            }
        ]
    }],
    edges: [{
        id: 'Shop.Orders writes Shop.Db #1', relation: 'writes', style: 'write', source: 'Shop.Orders', target: 'Shop.Db',
        findings: [], highlighted: false, loc: { uri: URI, range: range(2, 8, 2, 16) }
    }]
};

/** Plain data, so that a test may break a message in ways its type forbids. */
interface Untyped {
    [key: string]: unknown;
}

interface UntypedGraph extends Untyped {
    nodes: (Untyped & { children: Untyped[] })[];
    edges: Untyped[];
}

describe('webview protocol validators', () => {
    test('accept well-formed messages', () => {
        expect(isDiagramGraph(GRAPH)).toBe(true);
        expect(isHostMessage({ type: 'diagram', uri: URI, graph: GRAPH })).toBe(true);
        expect(isHostMessage({ type: 'highlight', id: 'Shop.Db' })).toBe(true);
        expect(isHostMessage({ type: 'highlight', id: null })).toBe(true);
        expect(isHostMessage({ type: 'notice', message: 'Open a file.' })).toBe(true);
        expect(isWebviewMessage({ type: 'ready' })).toBe(true);
        expect(isWebviewMessage({ type: 'reveal', id: 'Shop.Db' })).toBe(true);
        expect(isWebviewMessage({ type: 'export', format: 'svg', data: '<svg/>' })).toBe(true);
        expect(isWebviewMessage({ type: 'export', format: 'png', data: 'iVBORw0KGgo=' })).toBe(true);
        expect(isWebviewMessage({ type: 'error', message: 'layout failed' })).toBe(true);
    });

    test('accept the view messages', () => {
        expect(isDiagramGraph({ ...GRAPH, view: { key: 'system:Shop', title: 'Shop' } })).toBe(true);
        expect(isDiagramGraph({ ...GRAPH, view: { key: 'view:Checkout', title: 'Checkout', description: 'The paying path' } })).toBe(true);
        expect(isHostMessage({ type: 'highlight', id: 'Shop.Db', reveal: true })).toBe(true);
        expect(isHostMessage({
            type: 'views', current: 'system:Shop', selected: 'system:Shop', locked: true,
            views: [{ key: 'file:file:///w/shop.sysd', kind: 'file', title: 'shop.sysd' }, { key: 'system:Shop', kind: 'system', title: 'Shop', detail: 'system · 2 components' }]
        })).toBe(true);
        expect(isHostMessage({ type: 'views', current: 'all', locked: false, views: [] })).toBe(true);
        expect(isHostMessage({ type: 'exportRequest', format: 'png' })).toBe(true);
        expect(isWebviewMessage({ type: 'selectView', key: 'all' })).toBe(true);
    });

    test('reject malformed view messages', () => {
        const view = { key: 'all', kind: 'all', title: 'Everything' };
        for (const message of [
            { type: 'diagram', uri: URI, graph: { ...GRAPH, view: { key: 'all' } } },
            { type: 'diagram', uri: URI, graph: { ...GRAPH, view: { key: '', title: 'x' } } },
            { type: 'diagram', uri: URI, graph: { ...GRAPH, view: 'all' } },
            { type: 'highlight', id: 'x', reveal: 'yes' },
            { type: 'views', current: 'all', locked: false },
            { type: 'views', current: 'all', views: [view] },
            { type: 'views', current: '', locked: false, views: [view] },
            { type: 'views', current: 'all', locked: false, views: [{ ...view, kind: 'everything' }] },
            { type: 'views', current: 'all', locked: false, views: [{ ...view, title: 7 }] },
            { type: 'views', current: 'all', locked: false, views: [view], selected: '' },
            { type: 'views', current: 'all', locked: false, views: new Array(LIMITS.views + 1).fill(view) },
            { type: 'exportRequest', format: 'pdf' },
            { type: 'exportRequest' }
        ]) {
            expect(isHostMessage(message), JSON.stringify(message).slice(0, 200)).toBe(false);
        }
        for (const message of [{ type: 'selectView' }, { type: 'selectView', key: '' }, { type: 'selectView', key: 'x'.repeat(LIMITS.id + 1) }, { type: 'selectView', key: 3 }]) {
            expect(isWebviewMessage(message), JSON.stringify(message).slice(0, 200)).toBe(false);
        }
    });

    test('reject malformed host messages', () => {
        const broken = (change: (graph: UntypedGraph) => void) => {
            const graph = structuredClone(GRAPH) as unknown as UntypedGraph;
            change(graph);
            return { type: 'diagram', uri: URI, graph };
        };
        for (const message of [
            null, 'diagram', 42, [], {}, { type: 'unknown' },
            { type: 'diagram', uri: URI },
            { type: 'diagram', uri: 7, graph: GRAPH },
            broken(g => { g.nodes[0].children[0].id = 5; }),
            broken(g => { g.nodes[0].children[0].width = Number.NaN; }),
            broken(g => { g.nodes[0].children[0].findings = [{ ruleId: 'r', severity: 'fatal', message: 'm' }]; }),
            broken(g => { (g.nodes[0] as Untyped).children = {}; }),
            broken(g => { g.edges[0].sections = [{ startPoint: { x: 0 } }]; }),
            broken(g => { g.edges[0].highlighted = 'yes'; }),
            broken(g => { g.nodes[0].loc = { uri: URI, range: 'everywhere' }; }),
            broken(g => { delete g.structureKey; }),
            { type: 'highlight', id: 3 },
            { type: 'highlight' },
            { type: 'notice', message: { text: 'x' } }
        ]) {
            expect(isHostMessage(message), JSON.stringify(message)).toBe(false);
        }
    });

    test('reject graphs nested beyond the limit', () => {
        let node: Untyped = { id: 'leaf', kind: 'service', label: 'x', replicas: 1, managed: false, children: [], findings: [], width: 1, height: 1 };
        for (let i = 0; i < 40; i++) node = { ...node, id: `n${i}`, children: [node] };
        expect(isDiagramGraph({ structureKey: 'k', nodes: [node], edges: [] })).toBe(false);
    });

    test('reject malformed webview messages', () => {
        for (const message of [
            null, undefined, 'ready', { type: 'reveal' }, { type: 'reveal', id: '' }, { type: 'reveal', id: 12 },
            { type: 'export', format: 'pdf', data: 'x' }, { type: 'export', format: 'svg', data: '' }, { type: 'export', format: 'png' },
            { type: 'error' }, { type: 'openFile', path: '/etc/passwd' }
        ]) {
            expect(isWebviewMessage(message), JSON.stringify(message)).toBe(false);
        }
    });
});

describe('element under the cursor', () => {
    test('the innermost element whose definition contains the position', () => {
        expect(elementAt(GRAPH, URI, { line: 2, character: 10 })).toBe('Shop.Orders writes Shop.Db #1');
        expect(elementAt(GRAPH, URI, { line: 3, character: 0 })).toBe('Shop.Orders');
        expect(elementAt(GRAPH, URI, { line: 5, character: 4 })).toBe('Shop.Db');
        expect(elementAt(GRAPH, URI, { line: 8, character: 0 })).toBe('Shop');
        expect(elementAt(GRAPH, URI, { line: 12, character: 0 })).toBeUndefined();
        expect(elementAt(GRAPH, 'file:///w/other.sysd', { line: 2, character: 10 })).toBeUndefined();
    });

    test('locations by id come from the graph', () => {
        expect(locationOf(GRAPH, 'Shop.Orders')?.nameRange).toEqual(range(1, 12, 1, 18));
        expect(locationOf(GRAPH, 'Shop.Orders writes Shop.Db #1')?.range).toEqual(range(2, 8, 2, 16));
        expect(locationOf(GRAPH, 'Nope')).toBeUndefined();
    });
});

describe('preview page', () => {
    test('strict CSP with a nonce; resources only from the webview origin', () => {
        const nonce = getNonce();
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(getNonce()).not.toBe(nonce);
        const csp = contentSecurityPolicy('https://res.example', nonce);
        expect(csp).toContain(`default-src 'none'`);
        expect(csp).toContain(`script-src 'nonce-${nonce}'`);
        expect(csp).not.toContain('unsafe');
        const html = previewHtml({
            cspSource: 'https://res.example', nonce,
            scriptUri: 'https://res.example/out/webview/main.js',
            workerUri: 'https://res.example/out/webview/layout-worker.js',
            styleUri: 'https://res.example/out/webview/main.css'
        });
        expect(html).toContain(`<script nonce="${nonce}" src="https://res.example/out/webview/main.js" data-worker="https://res.example/out/webview/layout-worker.js">`);
        expect(html.match(/https?:\/\/[^"' ;]+/g)!.every(url => url.startsWith('https://res.example'))).toBe(true);
    });
});

describe('preview panel choice', () => {
    const A = 'file:///w/trips.sysd';
    const B = 'file:///w/drivers.sysd';

    test('an unlocked preview follows the editor to the new document and its own view', () => {
        const picked = { uri: A, selected: 'all', locked: false };
        expect(followEditor(picked, B)).toEqual({ uri: B, selected: undefined, locked: false });
        // The same document keeps the view picked for it.
        expect(followEditor(picked, A)).toBe(picked);
    });

    test('a locked preview keeps its document and view', () => {
        const locked = { uri: A, selected: 'system:Rides', locked: true };
        expect(followEditor(locked, B)).toBe(locked);
        // An explicit "open preview" of another document shows it, its own view, still locked.
        expect(openDocumentChoice(locked, B)).toEqual({ uri: B, selected: undefined, locked: true });
        expect(openDocumentChoice(locked, A)).toBe(locked);
    });

    test('the serializer reads the choice back, and only what has the right type', () => {
        expect(restoreChoice({ uri: A, selected: 'all', locked: true, zoom: 2 })).toEqual({ uri: A, selected: 'all', locked: true });
        expect(restoreChoice({ uri: 3, selected: '', locked: 'yes' })).toEqual({ uri: undefined, selected: undefined, locked: false });
        expect(restoreChoice(undefined)).toEqual({ uri: undefined, selected: undefined, locked: false });
    });

    test('the title names the view, and the lock', () => {
        expect(panelTitle('Rides', A, false)).toBe('Diagram: Rides');
        expect(panelTitle('Rides', A, true)).toBe('[Locked] Diagram: Rides');
        expect(panelTitle(undefined, '/w/my%20trips.sysd', false)).toBe('Diagram: my trips.sysd');
        expect(panelTitle(undefined, undefined, false)).toBe('SysD Diagram');
    });

    test('the view asked for is the picked one, else the default', () => {
        const views = { views: [], defaultKey: `file:${A}` };
        expect(requestedView({ uri: A, selected: 'all', locked: false }, views)).toBe('all');
        expect(requestedView({ uri: A, selected: undefined, locked: false }, views)).toBe(`file:${A}`);
        expect(requestedView({ uri: A, selected: undefined, locked: false }, undefined)).toBeUndefined();
    });

    test('the quick pick lists the views under headings, kind and size as description, the view shown marked', () => {
        const infos: ViewInfo[] = [
            { key: `file:${A}`, kind: 'file', title: 'trips.sysd', components: 5 },
            { key: 'system:Rides', kind: 'system', title: 'Rides', detail: 'Trips and matching', components: 5 },
            { key: 'system:Billing', kind: 'system', title: 'Billing', components: 1 },
            { key: 'all', kind: 'all', title: 'Everything', components: 40 },
            { key: 'deployment', kind: 'deployment', title: 'Deployment (regions and zones)', components: 40 },
            { key: 'flow:Rides.Book', kind: 'flow', title: 'Flow Book', components: 4 }
        ];
        const entries = viewPickEntries(infos, 'system:Rides');
        expect(entries.filter(entry => 'separator' in entry)).toEqual([
            { separator: 'This file' }, { separator: 'Systems' }, { separator: 'Workspace' }, { separator: 'Flows' }
        ]);
        expect(entries[3]).toEqual({ key: 'system:Rides', label: '$(check) Rides', description: 'system · 5 components', detail: 'Trips and matching', picked: true });
        expect(entries[4]).toEqual({ key: 'system:Billing', label: 'Billing', description: 'system · 1 component', picked: false });
        expect(viewOptions(infos.slice(1, 3))).toEqual([
            { key: 'system:Rides', kind: 'system', title: 'Rides', detail: 'Trips and matching' },
            { key: 'system:Billing', kind: 'system', title: 'Billing' }
        ]);
    });

    test('export file names carry the view', () => {
        expect(viewSlug('Checkout path')).toBe('checkout-path');
        expect(viewSlug('Deployment (regions and zones)')).toBe('deployment-regions-and-zones');
        expect(viewSlug('Zürich ✈')).toBe('zurich');
        expect(viewSlug('!!!')).toBe('view');
    });
});
