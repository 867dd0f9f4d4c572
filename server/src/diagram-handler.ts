import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildDiagram } from '@sysd/diagram';
import type { DiagramGraph } from '@sysd/diagram';
import type { Finding } from '@sysd/language';
import type { ArchModel } from '@sysd/language';
import { DiagramRequest, ModelChangedNotification, type DiagramParams, type ModelChangedParams } from '@sysd/protocol';
import type { SysdServices } from '@sysd/language';

/**
 * Serves the diagram preview:
 * - `sysd/diagram` answers with the graph of the whole workspace model (every file's components,
 *   so relations across files are drawn) and the workspace's lint findings. The graph is not laid
 *   out here: layout is the expensive part and runs in the webview's worker, never on the
 *   server's path to diagnostics. `params.system` narrows the graph to one system.
 * - `sysd/modelChanged` tells the client, after every build that reached validation, which
 *   documents were rebuilt, so an open preview asks again.
 *
 * Graphs are cached per (model, findings, system): the model service hands out the same objects
 * until something changes, so repeated requests between edits cost nothing.
 */
export function installDiagramHandler(connection: Connection, shared: LangiumSharedServices, sysd: SysdServices): void {
    const service = sysd.model.ModelService;
    let cache: { model: ArchModel; findings: Map<string, Finding[]>; system: string | undefined; graph: DiagramGraph } | undefined;

    // By method name: the server's vscode-languageserver carries its own copy of vscode-jsonrpc, whose
    // message type classes are not interchangeable with those protocol.ts imports.
    connection.onRequest(DiagramRequest.method, async (params: DiagramParams, token: CancellationToken): Promise<DiagramGraph | null> => {
        // Answer from a settled workspace: wait for the build that is running (if any) to validate.
        try {
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        } catch {
            return null; // cancelled: the client asks again after the next change
        }
        if (token.isCancellationRequested) return null;
        // A document the server does not know (not SysD, or not opened yet): nothing to draw.
        if (!shared.workspace.LangiumDocuments.hasDocument(URI.parse(params.uri))) return null;
        const model = service.workspaceModel();
        const findings = service.allFindings();
        const system = params.system || undefined;
        if (cache && cache.model === model && cache.findings === findings && cache.system === system) return cache.graph;
        const graph = buildDiagram(model, [...findings.values()].flat(), { system });
        cache = { model, findings, system, graph };
        return graph;
    });

    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built: LangiumDocument[]) => {
        if (built.length === 0) return;
        const params: ModelChangedParams = { uris: built.map(document => document.uri.toString()) };
        void connection.sendNotification(ModelChangedNotification.method, params);
    });
}
