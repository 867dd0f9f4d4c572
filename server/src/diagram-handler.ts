import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildViewGraph, defaultViewKey, findSystem, findView, listViews, parseViewKey, resolveView } from '@sysd/diagram';
import type { DiagramGraph, ResolvedView, ViewRef } from '@sysd/diagram';
import type { ArchModel, Finding, SysdAnalysis } from '@sysd/language';
import { guardListener, onGuardedRequest } from './guard.js';
import {
    DiagramRequest, diffDiagram, ModelChangedNotification, ViewsRequest, WhatIfRequest,
    type DiagramAnswer, type DiagramParams, type ModelChangedParams, type ViewsParams, type ViewsResult, type WhatIfParams, type WhatIfResult
} from '@sysd/protocol';
import { whatIfForView } from './what-if.js';

/**
 * How many view graphs are kept per model: every open preview asks for its own view, and a picker
 * switch back and forth should not rebuild. Small, because a graph of a big workspace is megabytes.
 */
const CACHED_VIEWS = 8;
/**
 * How many graphs already sent are kept by version, to answer a request that names one (`since`)
 * with a patch. Most are the same objects as the cached views; a few previews' last graphs.
 */
const SENT_VERSIONS = 8;

/**
 * Serves the diagram preview:
 * - `sysd/diagram` answers with the view graph of the view asked for (`params.view`, a key such as
 *   `system:Rides` or `all`; `params.system` is `system:<name>`), by default the view of the
 *   document (its systems, and stand-ins for what they talk to), with the workspace's lint findings.
 *   A key that names nothing any more (a declared view just deleted, a system renamed) falls back
 *   to the document's view; the graph's `view.key` tells the client which view it got. The graph is
 *   not laid out here: layout is the expensive part and runs in the webview's worker, never on the
 *   server's path to diagnostics.
 * - `sysd/views` lists the views the preview's picker offers for a document, and its default.
 * - `sysd/modelChanged` tells the client, after every build that reached validation, which
 *   documents were rebuilt, so an open preview asks again.
 * - `sysd/whatIf` runs the what-if analysis of the current model under the failures the preview's
 *   what-if mode names and maps it onto the graph of the view shown (`what-if.ts`); the graph comes
 *   from the same cache, so the ids are those of the picture the preview drew.
 *
 * Graphs are cached per (model, findings, view key): the analysis hands out the same objects until
 * something changes, so repeated requests between edits cost nothing. Each graph sent gets a version
 * (unique to this server process); a request that names the version the preview holds (`since`) is
 * answered with a patch (`diffDiagram`: the decorations of the elements that changed) when the new
 * graph shows the same view with the same structure, which is what most edits (a property, a
 * finding, a label) produce: a few hundred bytes instead of the whole graph.
 */
export function installDiagramHandler(connection: Connection, analysis: SysdAnalysis): void {
    let graphs: { model: ArchModel; findings: readonly Finding[]; byKey: Map<string, DiagramGraph> } | undefined;
    let views: { model: ArchModel; uri: string; result: ViewsResult } | undefined;
    const versions = new WeakMap<DiagramGraph, string>();
    const sent = new Map<string, DiagramGraph>();
    // Random per process: a version a client kept from an earlier server never names a graph of this one.
    const instance = Math.random().toString(36).slice(2, 10);
    let counter = 0;
    const versionOf = (graph: DiagramGraph): string => {
        let version = versions.get(graph);
        if (!version) {
            version = `${instance}.${++counter}`;
            versions.set(graph, version);
        }
        sent.delete(version);
        sent.set(version, graph);
        if (sent.size > SENT_VERSIONS) sent.delete(sent.keys().next().value!);
        return version;
    };
    /** The graph as the answer: a patch to the graph named `since` when one applies, else the whole graph. */
    const answer = (graph: DiagramGraph, since: string | undefined): DiagramAnswer => {
        const base = typeof since === 'string' ? sent.get(since) : undefined;
        const version = versionOf(graph);
        const patch = base ? diffDiagram(base, since!, graph, version) : undefined;
        return patch ? { patch } : { ...graph, version };
    };

    // By method name: the server's vscode-languageserver carries its own copy of vscode-jsonrpc, whose
    // message type classes are not interchangeable with those protocol.ts imports.
    // A failure (a bug in the graph builder) is logged and answered with an error response.
    onGuardedRequest(connection, DiagramRequest.method, async (params: DiagramParams, token: CancellationToken): Promise<DiagramAnswer | null> => {
        // Answer from a settled workspace; when cancelled, the client asks again after the next change.
        if (!(await analysis.settled(token))) return null;
        // A document the server does not know (not SysD, or not opened yet): nothing to draw.
        if (!analysis.hasDocument(params.uri)) return null;
        return answer(graphOf(params), params.since);
    });

    /** The graph of the view a request names, from the cache while the model and findings are the same. */
    const graphOf = (params: Pick<DiagramParams, 'uri' | 'view' | 'system'>): DiagramGraph => {
        const model = analysis.model();
        const findings = analysis.findings();
        if (!graphs || graphs.model !== model || graphs.findings !== findings) graphs = { model, findings, byKey: new Map() };
        const requested = requestedKey(model, params);
        const cached = graphs.byKey.get(requested);
        if (cached) {
            // Most recently used last, so the oldest is the one dropped.
            graphs.byKey.delete(requested);
            graphs.byKey.set(requested, cached);
            return cached;
        }
        const graph = buildViewGraph(model, findings, viewToDraw(model, requested, params.uri));
        graphs.byKey.set(requested, graph);
        if (graphs.byKey.size > CACHED_VIEWS) graphs.byKey.delete(graphs.byKey.keys().next().value!);
        return graph;
    };

    onGuardedRequest(connection, WhatIfRequest.method, async (params: WhatIfParams, token: CancellationToken): Promise<WhatIfResult | null> => {
        if (!(await analysis.settled(token))) return null;
        if (!analysis.hasDocument(params.uri)) return null;
        const fail = Array.isArray(params.fail) ? params.fail.filter((f): f is string => typeof f === 'string') : [];
        return whatIfForView(analysis.model(), graphOf({ uri: params.uri, view: params.view }), fail);
    });

    onGuardedRequest(connection, ViewsRequest.method, async (params: ViewsParams, token: CancellationToken): Promise<ViewsResult | null> => {
        if (!(await analysis.settled(token))) return null;
        if (!analysis.hasDocument(params.uri)) return null;
        const model = analysis.model();
        // The list depends on the model only (component counts included), not on the findings.
        if (views && views.model === model && views.uri === params.uri) return views.result;
        const result: ViewsResult = { views: listViews(model, { uri: params.uri }), defaultKey: defaultViewKey(model, params.uri) };
        views = { model, uri: params.uri, result };
        return result;
    });

    analysis.onValidated(uris => guardListener('telling the preview that the model changed', () => {
        const params: ModelChangedParams = { uris };
        void connection.sendNotification(ModelChangedNotification.method, params);
    }));
}

/**
 * The view a request names, as the text the cache is keyed by: `params.view`, else `params.system`
 * as a system view (a plain name that is unique is accepted, as `sysd export --system` does), else
 * the document's own view.
 */
function requestedKey(model: ArchModel, params: Pick<DiagramParams, 'uri' | 'view' | 'system'>): string {
    if (typeof params.view === 'string' && params.view !== '') return params.view;
    if (typeof params.system === 'string' && params.system !== '') return `system:${findSystem(model, params.system) ?? params.system}`;
    return defaultViewKey(model, params.uri);
}

/**
 * What a view key shows. The preview sends keys, but a name (`Checkout`) is accepted as the CLI
 * accepts it. A key that names nothing now (a declared view just deleted, a file that declares
 * nothing any more) falls back to the document's view, and that to the whole workspace, so the
 * preview always has a picture while the user edits.
 */
function viewToDraw(model: ArchModel, key: string, uri: string): ResolvedView {
    const fallback = defaultViewKey(model, uri);
    const candidates = [key, fallback, 'all'];
    for (const candidate of candidates) {
        const ref = refOf(model, candidate, uri);
        if (!ref) continue;
        const view = resolveView(model, ref);
        if ('error' in view) continue;
        // A file view of a file that declares nothing (any more): the preview would show an empty page.
        if (ref.kind === 'file' && view.components.size === 0 && candidate !== fallback) continue;
        return view;
    }
    // `all` always resolves; reaching here is a bug in the view pipeline, which the guard reports.
    throw new Error(`the view '${key}' could not be resolved, nor the default view`);
}

function refOf(model: ArchModel, text: string, uri: string): ViewRef | undefined {
    const ref = parseViewKey(text);
    if (ref) return ref;
    const found = findView(model, text, { uri });
    return 'error' in found ? undefined : found;
}
