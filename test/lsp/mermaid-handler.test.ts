// The Mermaid requests of the server (server/src/mermaid-handler.ts), on a fake connection: the workspace
// export reads the analysis, snippets go through a SnippetAnalyzer and never reach the workspace.
import { EmptyFileSystem } from 'langium';
import { CancellationToken, type Connection } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import {
    MermaidFromTextRequest, MermaidRequest, type MermaidFromTextParams, type MermaidFromTextResult, type MermaidParams, type MermaidResult
} from '../../protocol/src/lsp.js';
import { installMermaidHandler } from '../../server/src/mermaid-handler.js';
import { workspace } from '../helpers.js';

type Handler = (params: unknown, token: CancellationToken) => Promise<unknown>;

async function setUp(files: Record<string, string>) {
    const { Sysd } = createSysdServices(EmptyFileSystem);
    const handlers = new Map<string, Handler>();
    const connection = {
        onRequest: (method: string, handler: Handler) => {
            handlers.set(method, handler);
            return { dispose() {} };
        }
    } as unknown as Connection;
    installMermaidHandler(connection, new SysdAnalysis(Sysd));
    await workspace(files, Sysd);
    return {
        services: Sysd,
        mermaid: (params: MermaidParams) => handlers.get(MermaidRequest.method)!(params, CancellationToken.None) as Promise<MermaidResult>,
        fromText: (params: MermaidFromTextParams) => handlers.get(MermaidFromTextRequest.method)!(params, CancellationToken.None) as Promise<MermaidFromTextResult>
    };
}

const SHOP = 'system Shop {\n  service Orders { replicas 2; calls Billing over http }\n  service Billing { replicas 2 }\n  flow Order { path Orders -> Billing }\n}\n';
const WEB = 'system Web {\n  service Front { replicas 2; calls Shop.Orders { timeout 1s } }\n}\n';

describe('Mermaid requests', () => {
    it('exports the view of a document (its systems, stand-ins for the rest), and refuses a document it does not hold', async () => {
        const { mermaid } = await setUp({ 'orders.sysd': SHOP, 'web.sysd': WEB });
        const result = await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid' });
        expect('text' in result && result.text).toMatch(/^flowchart/m);
        const text = 'text' in result ? result.text : '';
        expect(text).toContain('Front');
        // What Front calls in the other file is drawn; the rest of that file is not.
        expect(text).toContain('Orders');
        expect(text).not.toContain('Billing');
        const page = await mermaid({ uri: 'file:///test/web.sysd', format: 'markdown', options: { view: 'all' } });
        expect('text' in page && page.text).toContain('sync-call-without-timeout');
        expect('text' in page && page.text).toContain('Billing');
        expect(await mermaid({ uri: 'file:///test/notes.md', format: 'mermaid' })).toEqual({ error: expect.stringContaining('not part of the SysD workspace') as string });
    });

    it('exports the view asked for, by key or name; system is a synonym; a view that names nothing is an error', async () => {
        const { mermaid } = await setUp({ 'orders.sysd': SHOP, 'web.sysd': WEB });
        const textOf = (result: MermaidResult) => ('text' in result ? result.text : `error: ${result.error}`);
        const all = textOf(await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid', options: { view: 'all' } }));
        expect(all).toContain('Billing');
        expect(all).toContain('Front');
        const shop = textOf(await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid', options: { view: 'system:Shop' } }));
        expect(shop).toContain('Billing');
        // Front, in another system, calls into Shop: a stand-in in Shop's view, a component in `all`.
        const stub = /^\s*class [^\n]*\bn_Web__Front\b[^\n]* stub$/m;
        expect(shop).toMatch(stub);
        expect(all).not.toMatch(stub);
        // A bare name, and the older `system` option, name the same view.
        expect(textOf(await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid', options: { view: 'Shop' } }))).toBe(shop);
        expect(textOf(await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid', options: { system: 'Shop' } }))).toBe(shop);
        const wrong = await mermaid({ uri: 'file:///test/web.sysd', format: 'mermaid', options: { view: 'Shpo' } });
        expect(wrong).toEqual({ error: expect.stringContaining("did you mean 'Shop'") as string });
    });

    it('writes a saga or flow as a sequence diagram with `sequence`', async () => {
        const { mermaid } = await setUp({ 'orders.sysd': SHOP, 'web.sysd': WEB });
        const result = await mermaid({ uri: 'file:///test/orders.sysd', format: 'mermaid', options: { sequence: 'Order' } });
        expect('text' in result && result.text).toMatch(/^sequenceDiagram/m);
        expect('text' in result && result.text).toContain('Billing');
        const unknown = await mermaid({ uri: 'file:///test/orders.sysd', format: 'mermaid', options: { sequence: 'Ordr' } });
        expect(unknown).toEqual({ error: expect.stringContaining('Order') as string });
    });

    it('draws a snippet in a private workspace, counting its syntax errors', async () => {
        const { services, fromText } = await setUp({ 'orders.sysd': SHOP });
        const result = await fromText({ text: 'service Lonely { replicas }\nservice Other' });
        expect(result).toMatchObject({ syntaxErrors: 1 });
        expect('text' in result && result.text).toContain('Lonely');
        // The snippet is not a document of the user's workspace.
        expect(services.shared.workspace.LangiumDocuments.all.map(d => d.uri.toString()).toArray()).toEqual(['file:///test/orders.sysd']);
        expect(await fromText({ text: 'x'.repeat(512 * 1024 + 1) })).toEqual({ error: expect.stringContaining('too large') as string });
        expect(await fromText({ text: undefined as unknown as string })).toEqual({ error: 'No SysD text was given.' });
    });
});
