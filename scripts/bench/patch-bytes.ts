// What the preview's diagram request sends for a property edit: the whole graph of the view (before
// diagram patches) and the patch the server answers with now (`DiagramParams.since`), through the
// server's own handler (server/src/diagram-handler.ts), in a workspace of about 1,000 components.
// Used by scripts/bench-diagram.ts and test/webview/diagram-patch.test.ts.
import { URI } from 'langium';
import { CancellationToken, type Connection } from 'vscode-languageserver/node';
import type { Model } from '../../language/src/generated/ast.js';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { isPatchAnswer, type DiagramAnswer } from '../../protocol/src/diagram-patch.js';
import { DiagramRequest, type DiagramParams } from '../../protocol/src/lsp.js';
import { installDiagramHandler } from '../../server/src/diagram-handler.js';
import { MemoryFileSystem } from './memory-fs.js';

/**
 * A system of about `components` components: services in a tree of timed HTTP calls (service v
 * calls (v - 1) / 3), two replicas each, each writing its own replicated database.
 */
export function patchSystemText(name: string, components: number): string {
    const out = [`system ${name} {`];
    const services = Math.floor(components / 2);
    for (let v = 0; v < services; v++) {
        out.push(`    service Svc${v} {`, '        replicas 2', `        writes Db${v}`);
        if (v > 0) out.push(`        calls Svc${Math.floor((v - 1) / 3)} over http { timeout 500ms }`);
        out.push('    }', `    database Db${v} : postgres { replicas 2 }`);
    }
    out.push('}', '');
    return out.join('\n');
}

/** The server's diagram handler over documents held in memory, which the caller edits. */
export async function diagramServer(files: Record<string, string>) {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    let handler: ((params: DiagramParams, token: CancellationToken) => Promise<DiagramAnswer | null>) | undefined;
    const connection = {
        onRequest: (method: string, registered: typeof handler) => {
            if (method === DiagramRequest.method) handler = registered;
            return { dispose() {} };
        },
        sendNotification: () => Promise.resolve()
    } as unknown as Connection;
    installDiagramHandler(connection, new SysdAnalysis(Sysd));
    const uriOf = (name: string) => URI.parse(`memory:///workspace/${name}`).toString();
    const documents = Object.entries(files).map(([name, text]) => {
        fileSystem.files.set(uriOf(name), text);
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(uriOf(name)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return {
        /** The first file's URI: the document whose view is asked for. */
        uri: uriOf(Object.keys(files)[0]),
        components: () => Sysd.model.ModelService.workspaceModel().components.size,
        ask: (params: DiagramParams) => handler!(params, CancellationToken.None),
        edit: async (name: string, change: (text: string) => string) => {
            const uri = uriOf(name);
            fileSystem.files.set(uri, change(fileSystem.files.get(uri)!));
            await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        }
    };
}

/** A workspace of about `total` components: one system of `view` components (the view), the rest in systems of 24. */
export function patchWorkspace(view: number, total: number): Record<string, string> {
    const files: Record<string, string> = { 'view.sysd': patchSystemText('Big', view) };
    for (let i = 0; (i + 1) * 24 <= total - view; i++) files[`other${i}.sysd`] = patchSystemText(`Other${i}`, 24);
    return files;
}

export interface PatchBytesRow {
    edit: string;
    viewComponents: number;
    workspace: number;
    /** The JSON of the whole graph (what every edit sent before patches). */
    graphBytes: number;
    /** The JSON of the answer now: a patch, or the whole graph when the structure changed. */
    answerBytes: number;
    patch: boolean;
    changed: number;
}

const EDITS: { edit: string; from: string; to: string }[] = [
    { edit: 'drop a call\'s timeout (findings)', from: 'calls Svc0 over http { timeout 500ms }', to: 'calls Svc0 over http' },
    { edit: 'retries without backoff on a call (findings)', from: 'calls Svc2 over http { timeout 500ms }', to: 'calls Svc2 over http { timeout 500ms; retry 3 }' },
    { edit: 'add a service (structure)', from: '    service Svc1 {', to: '    service Added\n    service Svc1 {' }
];

/** Each edit made to the view's file and undone again; the bytes of the answer to a request naming the graph held. */
export async function measurePatchBytes(view = 300, total = 1000): Promise<PatchBytesRow[]> {
    const server = await diagramServer(patchWorkspace(view, total));
    const rows: PatchBytesRow[] = [];
    const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
    for (const { edit, from, to } of EDITS) {
        const held = await server.ask({ uri: server.uri });
        if (!held || isPatchAnswer(held)) throw new Error('expected the whole graph');
        await server.edit('view.sysd', text => text.replace(from, to));
        const answer = await server.ask({ uri: server.uri, since: held.version });
        const whole = await server.ask({ uri: server.uri });
        if (!answer || !whole) throw new Error('the view vanished');
        rows.push({
            edit, viewComponents: view, workspace: server.components(), graphBytes: bytes(whole), answerBytes: bytes(answer),
            patch: isPatchAnswer(answer), changed: isPatchAnswer(answer) ? answer.patch.nodes.length + answer.patch.edges.length : 0
        });
        await server.edit('view.sysd', text => text.replace(to, from));
    }
    return rows;
}

export function patchBytesTable(rows: readonly PatchBytesRow[]): string {
    const kb = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)} kB` : `${n} B`);
    const lines = ['| edit | view components (workspace) | before: whole graph | now: answer | elements sent |', '|---|---|---|---|---|'];
    for (const r of rows) {
        lines.push(`| ${r.edit} | ${r.viewComponents} (${r.workspace}) | ${kb(r.graphBytes)} | ${kb(r.answerBytes)} ${r.patch ? 'patch' : 'whole graph'} (${(100 * r.answerBytes / r.graphBytes).toFixed(1)} %) | ${r.patch ? r.changed : 'all'} |`);
    }
    return lines.join('\n');
}
