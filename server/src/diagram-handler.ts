import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildDiagram } from '@sysd/diagram';
import type { DiagramGraph } from '@sysd/diagram';
import type { ArchModel, Finding, SysdAnalysis } from '@sysd/language';
import { guardListener, onGuardedRequest } from './guard.js';
import { DiagramRequest, ModelChangedNotification, type DiagramParams, type ModelChangedParams } from '@sysd/protocol';

/**
 * Serves the diagram preview:
 * - `sysd/diagram` answers with the graph of the whole workspace model (every file's components,
 *   so relations across files are drawn) and the workspace's lint findings. The graph is not laid
 *   out here: layout is the expensive part and runs in the webview's worker, never on the
 *   server's path to diagnostics. `params.system` narrows the graph to one system.
 * - `sysd/modelChanged` tells the client, after every build that reached validation, which
 *   documents were rebuilt, so an open preview asks again.
 *
 * Graphs are cached per (model, findings, system): the analysis hands out the same objects until
 * something changes, so repeated requests between edits cost nothing.
 */
export function installDiagramHandler(connection: Connection, analysis: SysdAnalysis): void {
    let cache: { model: ArchModel; findings: readonly Finding[]; system: string | undefined; graph: DiagramGraph } | undefined;

    // By method name: the server's vscode-languageserver carries its own copy of vscode-jsonrpc, whose
    // message type classes are not interchangeable with those protocol.ts imports.
    // A failure (a bug in the graph builder) is logged and answered with an error response.
    onGuardedRequest(connection, DiagramRequest.method, async (params: DiagramParams, token: CancellationToken): Promise<DiagramGraph | null> => {
        // Answer from a settled workspace; when cancelled, the client asks again after the next change.
        if (!(await analysis.settled(token))) return null;
        // A document the server does not know (not SysD, or not opened yet): nothing to draw.
        if (!analysis.hasDocument(params.uri)) return null;
        const model = analysis.model();
        const findings = analysis.findings();
        const system = params.system || undefined;
        if (cache && cache.model === model && cache.findings === findings && cache.system === system) return cache.graph;
        const graph = buildDiagram(model, findings, { system });
        cache = { model, findings, system, graph };
        return graph;
    });

    analysis.onValidated(uris => guardListener('telling the preview that the model changed', () => {
        const params: ModelChangedParams = { uris };
        void connection.sendNotification(ModelChangedNotification.method, params);
    }));
}
