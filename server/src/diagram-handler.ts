import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver/node';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import type { Finding } from '../../language/src/lint/types.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { DiagramRequest, ModelChangedNotification, type DiagramParams } from '../../language/src/protocol.js';
import type { SysdServices } from '../../language/src/sysd-module.js';

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

    connection.onRequest(DiagramRequest, async (params: DiagramParams, token) => {
        // Answer from a settled workspace: wait for the build that is running (if any) to validate.
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        if (token.isCancellationRequested) return null;
        const model = service.workspaceModel();
        if (!model.uris.includes(params.uri)) {
            // A document the server does not know (yet), or one that is not SysD.
            const known = shared.workspace.LangiumDocuments.hasDocument(URI.parse(params.uri));
            if (!known) return null;
        }
        const findings = service.allFindings();
        const system = params.system || undefined;
        if (cache && cache.model === model && cache.findings === findings && cache.system === system) return cache.graph;
        const graph = buildDiagram(model, [...findings.values()].flat(), { system });
        cache = { model, findings, system, graph };
        return graph;
    });

    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built: LangiumDocument[]) => {
        if (built.length === 0) return;
        void connection.sendNotification(ModelChangedNotification, { uris: built.map(document => document.uri.toString()) });
    });
}
