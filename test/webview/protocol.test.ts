import { describe, expect, test } from 'vitest';
import { elementAt, locationOf } from '../../client/src/preview/element-at.js';
import { contentSecurityPolicy, getNonce, previewHtml } from '../../client/src/preview/html.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import { isDiagramGraph, isHostMessage, isWebviewMessage } from '../../protocol/src/webview.js';

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
