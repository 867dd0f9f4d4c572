import { describe, expect, test } from 'vitest';
import type { DiagramGraph } from '../../diagram/src/types.js';
import {
    applyDiagramPatch, diffDiagram, isPatchAnswer, type DiagramAnswer, type DiagramPatch, type VersionedGraph
} from '../../protocol/src/diagram-patch.js';
import { isHostMessage } from '../../protocol/src/webview.js';
import { LayoutClient, type LayoutWorker, type WorkerHandlers } from '../../webview/src/layout-client.js';
import type { LayoutRequest } from '../../webview/src/worker-protocol.js';
import { diagramServer as server, measurePatchBytes } from '../../scripts/bench/patch-bytes.js';

const SHOP = `system Shop {
    service Orders {
        replicas 2
        calls Billing over http { timeout 2s }
        writes Db
    }
    service Billing { replicas 2 }
    database Db : postgres { replicas 2 }
}
`;

function full(answer: DiagramAnswer | null): VersionedGraph {
    expect(answer).not.toBeNull();
    if (!answer || isPatchAnswer(answer)) throw new Error('expected the whole graph');
    return answer;
}

function patchOf(answer: DiagramAnswer | null): DiagramPatch {
    expect(answer).not.toBeNull();
    if (!answer || !isPatchAnswer(answer)) throw new Error('expected a patch');
    return answer.patch;
}

/** The graph without its version, as the client and the webview keep it. */
function bare(graph: VersionedGraph): DiagramGraph {
    const { version: _version, ...rest } = graph;
    return rest;
}

describe('diagram patches (server)', () => {
    test('a property edit that keeps the structure is answered with the changed elements only', async () => {
        const shop = await server({ 'shop.sysd': SHOP });
        const first = full(await shop.ask({ uri: shop.uri }));
        expect(first.version).toMatch(/\S/);
        // The same model again: a patch that changes nothing.
        const same = patchOf(await shop.ask({ uri: shop.uri, since: first.version }));
        expect(same).toMatchObject({ base: first.version, nodes: [], edges: [] });

        // Dropping the call's timeout changes its findings, not the picture's structure.
        await shop.edit('shop.sysd', text => text.replace(' { timeout 2s }', ''));
        const patch = patchOf(await shop.ask({ uri: shop.uri, since: first.version }));
        expect(patch.base).toBe(first.version);
        expect(patch.version).not.toBe(first.version);
        expect(patch.structureKey).toBe(first.structureKey);
        const call = patch.edges.find(edge => edge.id.includes('Orders') && edge.id.includes('Billing'));
        expect(call?.findings.map(f => f.ruleId)).toContain('sync-call-without-timeout');
        // Only what changed: no untouched node, no geometry.
        expect(patch.nodes.map(node => node.id)).not.toContain('Shop.Db');
        for (const node of patch.nodes) expect(Object.keys(node)).not.toEqual(expect.arrayContaining(['children']));
        expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(first).length / 2);

        // Applied to the graph the client held, the patch gives the graph a full answer would have given.
        const now = full(await shop.ask({ uri: shop.uri }));
        expect(applyDiagramPatch(bare(first), patch)).toEqual(bare(now));
        expect(now.version).toBe(patch.version);
    });

    test('a structural edit, another view or an unknown version gets the whole graph', async () => {
        const shop = await server({ 'shop.sysd': SHOP });
        const first = full(await shop.ask({ uri: shop.uri }));
        // Another view than the one held.
        expect(isPatchAnswer((await shop.ask({ uri: shop.uri, view: 'all', since: first.version }))!)).toBe(false);
        // A version this server never gave (a client that outlived a server restart).
        expect(isPatchAnswer((await shop.ask({ uri: shop.uri, since: 'elsewhere.1' }))!)).toBe(false);
        // A new service: new structure.
        await shop.edit('shop.sysd', text => text.replace('    service Billing', '    service Newcomer\n    service Billing'));
        const grown = full(await shop.ask({ uri: shop.uri, since: first.version }));
        expect(grown.structureKey).not.toBe(first.structureKey);
        expect(JSON.stringify(grown)).toContain('Shop.Newcomer');
    });

    test('a property edit in a 300-component view of a workspace of about 1,000 components sends a small fraction of the graph', async () => {
        const rows = await measurePatchBytes(300, 1000);
        expect(rows[0].workspace).toBeGreaterThan(950);
        const [timeout, retry, added] = rows;
        for (const row of [timeout, retry]) {
            expect(row.patch, row.edit).toBe(true);
            expect(row.changed, row.edit).toBeGreaterThan(0);
            expect(row.answerBytes, row.edit).toBeLessThan(row.graphBytes / 20);
        }
        // A new component changes the structure: the whole graph, laid out again.
        expect(added.patch).toBe(false);
        expect(added.answerBytes).toBeGreaterThan(added.graphBytes * 0.9);
    }, 60_000);
});

describe('diagram patches (webview)', () => {
    const base = (): DiagramGraph => {
        return {
            view: { key: 'system:Shop', title: 'Shop' },
            structureKey: 'k1',
            nodes: [{
                id: 'system:Shop', kind: 'system', label: 'Shop', replicas: 1, managed: false, findings: [], width: 300, height: 200,
                children: [
                    { id: 'Shop.Orders', kind: 'service', label: 'Orders', replicas: 2, managed: false, children: [], findings: [], width: 120, height: 50 },
                    { id: 'Shop.Db', kind: 'database', label: 'Db', detail: 'postgres', replicas: 1, managed: false, children: [], findings: [], width: 120, height: 50 }
                ]
            }],
            edges: [{ id: 'r1', relation: 'writes', style: 'write', source: 'Shop.Orders', target: 'Shop.Db', findings: [], highlighted: false }]
        };
    };

    test('a patch is validated as a host message and applied without touching the geometry', () => {
        const laidOut: DiagramGraph = { ...base(), width: 400, height: 300 };
        laidOut.nodes[0] = { ...laidOut.nodes[0], x: 0, y: 0, children: laidOut.nodes[0].children.map((child, i) => ({ ...child, x: 10 + 150 * i, y: 20 })) };
        laidOut.edges[0] = { ...laidOut.edges[0], sections: [{ startPoint: { x: 130, y: 45 }, endPoint: { x: 160, y: 45 } }] };
        const next = base();
        next.nodes[0].children[1] = { ...next.nodes[0].children[1], detail: 'mysql', findings: [{ ruleId: 'shared-database', severity: 'warning', message: 'shared' }], severity: 'warning' };
        next.edges[0] = { ...next.edges[0], style: 'read-write', relation: 'reads', highlighted: true };
        const patch = diffDiagram(base(), 'v1', next, 'v2')!;
        expect(patch.nodes.map(node => node.id)).toEqual(['Shop.Db']);
        expect(patch.edges.map(edge => edge.id)).toEqual(['r1']);
        expect(isHostMessage({ type: 'diagramPatch', uri: 'file:///shop.sysd', patch })).toBe(true);
        expect(isHostMessage({ type: 'diagramPatch', uri: 'file:///shop.sysd', patch: { ...patch, nodes: [{ id: 'x' }] } })).toBe(false);

        const applied = applyDiagramPatch(laidOut, patch)!;
        const db = applied.nodes[0].children[1];
        expect(db).toMatchObject({ detail: 'mysql', severity: 'warning', x: 160, y: 20, width: 120, height: 50 });
        expect(db.findings).toHaveLength(1);
        // Untouched elements are the same objects; the edge keeps its route.
        expect(applied.nodes[0].children[0]).toBe(laidOut.nodes[0].children[0]);
        expect(applied.edges[0]).toMatchObject({ style: 'read-write', highlighted: true, source: 'Shop.Orders', sections: laidOut.edges[0].sections });
        expect(applied.width).toBe(400);
        // A field that went away is gone.
        const back = applyDiagramPatch(applied, diffDiagram(next, 'v2', base(), 'v3')!)!;
        expect(back.nodes[0].children[1].severity).toBeUndefined();
        expect(back.nodes[0].children[1].detail).toBe('postgres');
        // Another structure, or an element the graph lacks: no patch.
        expect(diffDiagram(base(), 'v1', { ...next, structureKey: 'k2' }, 'v2')).toBeUndefined();
        expect(applyDiagramPatch({ ...laidOut, structureKey: 'k2' }, patch)).toBeUndefined();
        expect(applyDiagramPatch(laidOut, { ...patch, edges: [{ ...patch.edges[0], id: 'r9' }] })).toBeUndefined();
    });

    test('the layout client draws a patched graph with the layout it has, without the worker', async () => {
        const sent: LayoutRequest[] = [];
        let handlers: WorkerHandlers | undefined;
        const worker: LayoutWorker = { postMessage: request => sent.push(request) };
        const drawn: DiagramGraph[] = [];
        const client = new LayoutClient(h => {
            handlers = h;
            return Promise.resolve(worker);
        }, { laidOut: graph => drawn.push(graph), failed: message => { throw new Error(message); }, busy: () => {}, idle: () => {} });
        client.request(base());
        await Promise.resolve();
        await Promise.resolve();
        expect(sent).toHaveLength(1);
        const laid: DiagramGraph = { ...base(), width: 400, height: 300 };
        laid.nodes[0] = { ...laid.nodes[0], x: 0, y: 0, children: laid.nodes[0].children.map((child, i) => ({ ...child, x: 10 + 150 * i, y: 20 })) };
        laid.edges[0] = { ...laid.edges[0], sections: [{ startPoint: { x: 130, y: 45 }, endPoint: { x: 160, y: 45 } }] };
        handlers!.response({ seq: sent[0].seq, graph: laid, ms: 5 });
        const next = base();
        next.nodes[0].children[0] = { ...next.nodes[0].children[0], label: 'Orders', findings: [{ ruleId: 'single-point-of-failure', severity: 'error', message: 'one' }], severity: 'error' };
        const patched = applyDiagramPatch(base(), diffDiagram(base(), 'v1', next, 'v2')!)!;
        client.request(patched);
        expect(sent).toHaveLength(1);
        expect(drawn).toHaveLength(2);
        expect(drawn[1].nodes[0].children[0]).toMatchObject({ severity: 'error', x: 10, y: 20 });
    });
});
