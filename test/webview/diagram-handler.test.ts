import { CancellationToken } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { describe, expect, test } from 'vitest';
import type { DiagramGraph } from '../../diagram/src/types.js';
import {
    DiagramRequest, ModelChangedNotification, ViewsRequest, type DiagramParams, type ModelChangedParams, type ViewsParams, type ViewsResult
} from '../../protocol/src/lsp.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { EmptyFileSystem } from 'langium';
import { installDiagramHandler } from '../../server/src/diagram-handler.js';
import type { VersionedGraph } from '../../protocol/src/diagram-patch.js';
import { workspace } from '../helpers.js';
import { allNodes as allNodesWithParents } from '../diagram/diagram-helpers.js';

const allNodes = (graph: DiagramGraph) => allNodesWithParents(graph).map(entry => entry.node);

/** Just the two connection methods the handler uses, recording what it registers and sends. */
function fakeConnection() {
    // Requests without `since`: always the whole graph, with its version.
    const handlers = new Map<string, (params: DiagramParams, token: CancellationToken) => Promise<VersionedGraph | null>>();
    const notifications: { method: string; params: ModelChangedParams }[] = [];
    const connection = {
        onRequest: (method: string, handler: (params: DiagramParams, token: CancellationToken) => Promise<VersionedGraph | null>) => {
            handlers.set(method, handler);
            return { dispose() {} };
        },
        sendNotification: (method: string, params: ModelChangedParams) => {
            notifications.push({ method, params });
            return Promise.resolve();
        }
    };
    return { connection: connection as unknown as Connection, handlers, notifications };
}

const ORDERS = `system Shop {
    service Orders { calls Billing; writes Db }
    database Db : postgres
}`;
const BILLING = `system Shop {
    service Billing { calls Orders }
}`;

describe('diagram request handler', () => {
    test('answers with the whole workspace, unlaid out, and announces each build', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const fake = fakeConnection();
        installDiagramHandler(fake.connection, new SysdAnalysis(Sysd));
        await workspace({ 'orders.sysd': ORDERS, 'billing.sysd': BILLING }, Sysd);

        expect(fake.notifications.map(n => n.method)).toEqual([ModelChangedNotification.method]);
        expect(fake.notifications[0].params.uris.sort()).toEqual(['file:///test/billing.sysd', 'file:///test/orders.sysd']);

        const handler = fake.handlers.get(DiagramRequest.method)!;
        const graph = await handler({ uri: 'file:///test/orders.sysd' }, CancellationToken.None);
        expect(graph).not.toBeNull();
        const ids: string[] = [];
        const walk = (nodes: DiagramGraph['nodes']) => nodes.forEach(node => {
            ids.push(node.id);
            walk(node.children);
        });
        walk(graph!.nodes);
        // Components of both files, and the relation across them.
        expect(ids).toEqual(expect.arrayContaining(['Shop.Orders', 'Shop.Billing', 'Shop.Db']));
        expect(graph!.edges.some(edge => edge.source === 'Shop.Billing' && edge.target === 'Shop.Orders')).toBe(true);
        // Layout happens in the webview.
        expect(graph!.width).toBeUndefined();
        expect(graph!.edges.every(edge => edge.sections === undefined)).toBe(true);
        // The workspace's findings are on the picture (Orders <-> Billing is a cycle of sync calls).
        expect(graph!.edges.some(edge => edge.findings.length > 0 || edge.highlighted)).toBe(true);

        // The document's own view: the systems it declares (Shop is split over both files: all of it).
        expect(graph!.view?.key).toBe('file:file:///test/orders.sysd');

        // Unchanged model: the same graph (the cached one, so the same version) for the same view.
        const again = await handler({ uri: 'file:///test/orders.sysd' }, CancellationToken.None);
        expect(again).toEqual(graph);
        expect(again!.version).toBe(graph!.version);
        expect((await handler({ uri: 'file:///test/orders.sysd', view: 'file:file:///test/orders.sysd' }, CancellationToken.None))!.version).toBe(graph!.version);
        // The other document has a view of its own.
        const other = await handler({ uri: 'file:///test/billing.sysd' }, CancellationToken.None);
        expect(other).not.toBe(graph);
        expect(other!.view?.key).toBe('file:file:///test/billing.sysd');
    });

    test('answers null for a document the server does not know', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const fake = fakeConnection();
        installDiagramHandler(fake.connection, new SysdAnalysis(Sysd));
        await workspace({ 'orders.sysd': ORDERS }, Sysd);
        const handler = fake.handlers.get(DiagramRequest.method)!;
        expect(await handler({ uri: 'file:///elsewhere/notes.md' }, CancellationToken.None)).toBeNull();
    });

    test('narrows to one system on request', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const fake = fakeConnection();
        installDiagramHandler(fake.connection, new SysdAnalysis(Sysd));
        await workspace({ 'two.sysd': `${ORDERS}\nsystem Other { service Lonely }` }, Sysd);
        const handler = fake.handlers.get(DiagramRequest.method)!;
        const all = await handler({ uri: 'file:///test/two.sysd' }, CancellationToken.None);
        const other = await handler({ uri: 'file:///test/two.sysd', system: 'Other' }, CancellationToken.None);
        expect(JSON.stringify(all)).toContain('Other.Lonely');
        expect(JSON.stringify(other)).toContain('Other.Lonely');
        expect(JSON.stringify(other)).not.toContain('Shop.Orders');
        expect(other!.view?.key).toBe('system:Other');
    });

    test('draws the view asked for, and falls back to the document\'s view for a key that names nothing', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const fake = fakeConnection();
        installDiagramHandler(fake.connection, new SysdAnalysis(Sysd));
        await workspace({ 'orders.sysd': ORDERS, 'other.sysd': 'system Other {\n    service Lonely { calls Shop.Orders }\n}' }, Sysd);
        const handler = fake.handlers.get(DiagramRequest.method)!;
        const ids = (graph: DiagramGraph | null) => {
            const result: string[] = [];
            const walk = (nodes: DiagramGraph['nodes']) => nodes.forEach(node => {
                result.push(node.id);
                walk(node.children);
            });
            walk(graph!.nodes);
            return result;
        };

        // Without a view: the document's systems, and a stand-in for what talks to them from elsewhere.
        const own = await handler({ uri: 'file:///test/other.sysd' }, CancellationToken.None);
        expect(own!.view?.key).toBe('file:file:///test/other.sysd');
        expect(ids(own)).toContain('Other.Lonely');
        expect(ids(own)).toContain('Shop.Orders');
        expect(ids(own)).not.toContain('Shop.Db');
        expect(allNodes(own!).find(n => n.id === 'Shop.Orders')?.stub).toBe(true);

        const all = await handler({ uri: 'file:///test/other.sysd', view: 'all' }, CancellationToken.None);
        expect(all!.view?.key).toBe('all');
        expect(ids(all)).toEqual(expect.arrayContaining(['Other.Lonely', 'Shop.Orders', 'Shop.Db']));
        expect(allNodes(all!).some(n => n.stub)).toBe(false);

        const shop = await handler({ uri: 'file:///test/other.sysd', view: 'system:Shop' }, CancellationToken.None);
        expect(shop!.view?.key).toBe('system:Shop');
        expect(ids(shop)).toContain('Shop.Db');

        // A declared view that was just deleted (or a typo): the document's view, which the graph names.
        const gone = await handler({ uri: 'file:///test/other.sysd', view: 'view:Checkout' }, CancellationToken.None);
        expect(gone!.view?.key).toBe('file:file:///test/other.sysd');
        expect(ids(gone)).toEqual(ids(own));
        // Not laid out, whatever the view.
        for (const graph of [own, all, shop]) expect(graph!.width).toBeUndefined();
    });

    test('lists the views of a document, its own first, and the default', async () => {
        const { Sysd } = createSysdServices(EmptyFileSystem);
        const fake = fakeConnection();
        installDiagramHandler(fake.connection, new SysdAnalysis(Sysd));
        await workspace({ 'orders.sysd': ORDERS, 'other.sysd': 'system Other {\n    service Lonely { calls Shop.Orders }\n}' }, Sysd);
        const views = fake.handlers.get(ViewsRequest.method)! as unknown as (params: ViewsParams, token: CancellationToken) => Promise<ViewsResult | null>;
        const result = await views({ uri: 'file:///test/orders.sysd' }, CancellationToken.None);
        expect(result!.defaultKey).toBe('file:file:///test/orders.sysd');
        expect(result!.views[0].key).toBe('file:file:///test/orders.sysd');
        expect(result!.views.map(v => v.key)).toEqual(expect.arrayContaining(['system:Shop', 'system:Other', 'all', 'deployment']));
        expect(result!.views.find(v => v.key === 'system:Shop')!.components).toBe(2);
        // Every listed view can be drawn, and is the view drawn.
        const handler = fake.handlers.get(DiagramRequest.method)!;
        for (const view of result!.views) {
            const graph = await handler({ uri: 'file:///test/orders.sysd', view: view.key }, CancellationToken.None);
            expect(graph!.view?.key, view.key).toBe(view.key);
        }
        expect(await views({ uri: 'file:///elsewhere/notes.md' }, CancellationToken.None)).toBeNull();
    });
});
