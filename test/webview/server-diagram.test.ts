/**
 * The diagram request and the model-changed notification over stdio, against the bundled server
 * (the wiring in server/src/main.ts), with the typed messages the client uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { DiagramRequest, ModelChangedNotification, ViewsRequest, type ModelChangedParams } from '../../protocol/src/lsp.js';
import { isPatchAnswer, type DiagramAnswer, type VersionedGraph } from '../../protocol/src/diagram-patch.js';

/** The whole graph of an answer (a request without `since` never gets a patch). */
function graphOf(answer: DiagramAnswer | null): VersionedGraph | null {
    if (answer && isPatchAnswer(answer)) throw new Error('a patch answered a request that named no version');
    return answer;
}
import { ensureServerBuilt, SERVER } from '../server-bundle.js';

const ROOT = path.resolve(__dirname, '../..');

const SHOP = 'system Shop {\n    service Orders { calls Billing { timeout 1s } }\n    service Billing\n}\n';

describe('diagram over the language server protocol', () => {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    let dir: string;
    let uri: string;
    const changes: ModelChangedParams[] = [];

    beforeAll(async () => {
        ensureServerBuilt();
        dir = mkdtempSync(path.join(tmpdir(), 'sysd-diagram-'));
        writeFileSync(path.join(dir, 'shop.sysd'), SHOP);
        uri = pathToFileURL(path.join(dir, 'shop.sysd')).href;
        child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onRequest('window/showMessageRequest', () => null);
        connection.onNotification('window/logMessage', () => undefined);
        connection.onNotification('textDocument/publishDiagnostics', () => undefined);
        connection.onNotification(ModelChangedNotification, params => {
            changes.push(params);
        });
        connection.listen();
        await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(dir).href,
            workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
            capabilities: { workspace: { configuration: true, workspaceFolders: true } }
        });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sysd', version: 1, text: SHOP } });
    }, 60_000);

    afterAll(() => {
        connection?.dispose();
        child?.kill();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function until(predicate: () => boolean, timeout = 15_000): Promise<void> {
        const end = Date.now() + timeout;
        while (!predicate()) {
            if (Date.now() > end) throw new Error('timed out');
            await new Promise(resolve => setTimeout(resolve, 25));
        }
    }

    it('announces builds and answers with the graph, then follows an edit', async () => {
        await until(() => changes.some(change => change.uris.includes(uri)));
        const graph = graphOf(await connection.sendRequest(DiagramRequest, { uri }));
        expect(JSON.stringify(graph)).toContain('Shop.Billing');
        expect(JSON.stringify(graph)).not.toContain('Shop.Payments');

        const seen = changes.length;
        const edited = SHOP.replace('service Billing', 'service Billing { calls Payments { timeout 1s } }\n    service Payments');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        await until(() => changes.length > seen);
        const next = graphOf(await connection.sendRequest(DiagramRequest, { uri, since: graph!.version }));
        expect(JSON.stringify(next)).toContain('Shop.Payments');
        expect(next!.structureKey).not.toBe(graph!.structureKey);

        // An edit that changes findings only: the preview, naming the graph it holds, gets a patch.
        const later = changes.length;
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: edited.replace(' { timeout 1s }', '') }] });
        await until(() => changes.length > later);
        const patched = await connection.sendRequest(DiagramRequest, { uri, since: next!.version });
        expect(patched && isPatchAnswer(patched)).toBe(true);
        if (!patched || !isPatchAnswer(patched)) return;
        expect(patched.patch.base).toBe(next!.version);
        expect(JSON.stringify(patched.patch.edges)).toContain('sync-call-without-timeout');
    }, 30_000);

    it('lists the views of the document and draws the one asked for', async () => {
        await until(() => changes.some(change => change.uris.includes(uri)));
        const views = await connection.sendRequest(ViewsRequest, { uri });
        expect(views!.defaultKey).toBe(`file:${uri}`);
        expect(views!.views.map(view => view.key)).toEqual(expect.arrayContaining([`file:${uri}`, 'system:Shop', 'all', 'deployment']));

        const byDefault = graphOf(await connection.sendRequest(DiagramRequest, { uri }));
        expect(byDefault!.view?.key).toBe(`file:${uri}`);
        const all = graphOf(await connection.sendRequest(DiagramRequest, { uri, view: 'all' }));
        expect(all!.view?.key).toBe('all');
        expect(JSON.stringify(all)).toContain('Shop.Orders');
        const system = graphOf(await connection.sendRequest(DiagramRequest, { uri, view: 'system:Shop' }));
        expect(system!.view?.key).toBe('system:Shop');
        // A view that names nothing: the document's view, so the preview keeps a picture.
        const gone = graphOf(await connection.sendRequest(DiagramRequest, { uri, view: 'view:Deleted' }));
        expect(gone!.view?.key).toBe(`file:${uri}`);
        expect(await connection.sendRequest(ViewsRequest, { uri: pathToFileURL(path.join(dir, 'notes.md')).href })).toBeNull();
    }, 30_000);
});
