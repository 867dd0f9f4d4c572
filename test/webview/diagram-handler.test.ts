import { CancellationToken } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { describe, expect, test } from 'vitest';
import type { DiagramGraph } from '../../diagram/src/types.js';
import { DiagramRequest, ModelChangedNotification, type DiagramParams, type ModelChangedParams } from '../../protocol/src/lsp.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { EmptyFileSystem } from 'langium';
import { installDiagramHandler } from '../../server/src/diagram-handler.js';
import { workspace } from '../helpers.js';

/** Just the two connection methods the handler uses, recording what it registers and sends. */
function fakeConnection() {
    const handlers = new Map<string, (params: DiagramParams, token: CancellationToken) => Promise<DiagramGraph | null>>();
    const notifications: { method: string; params: ModelChangedParams }[] = [];
    const connection = {
        onRequest: (method: string, handler: (params: DiagramParams, token: CancellationToken) => Promise<DiagramGraph | null>) => {
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

        // Unchanged model: the same graph object is handed out again.
        expect(await handler({ uri: 'file:///test/billing.sysd' }, CancellationToken.None)).toBe(graph);
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
    });
});
