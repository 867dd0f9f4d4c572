/**
 * Custom LSP messages between the SysD language server and the VS Code client. Shared by both
 * sides so the method names and payload types cannot drift apart. Only protocol types here: no
 * `vscode`, no Langium.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { ViewInfo } from '@sysd/diagram';
import type { DiagramAnswer } from './diagram-patch.js';

// ---- Diagram preview ------------------------------------------------------------------------------

export interface DiagramParams {
    /** The document the preview shows; without `view`, the diagram shows the systems it declares. */
    uri: string;
    /** The key of the view to draw (`system:Rides`, `all`, `view:Checkout`...; see `diagram/src/views/types.ts`). */
    view?: string;
    /** Restrict the diagram to one system (qualified name); the same as `view: 'system:<name>'`. */
    system?: string;
    /**
     * The version of the graph the preview holds (`VersionedGraph.version`). When the server still
     * has that graph and the new one is of the same view with the same structure, it answers with a
     * patch to it instead of the whole graph.
     */
    since?: string;
}

/**
 * Asks the server for the diagram of a view of the workspace model, with the linter's findings
 * attached: the whole graph with its version, or (see `DiagramParams.since`) a patch to the graph
 * the preview holds. The graph is not laid out: the webview lays it out in a worker. `null` when
 * the document is not a SysD document the server knows.
 */
export const DiagramRequest = new RequestType<DiagramParams, DiagramAnswer | null, void>('sysd/diagram');

export interface ViewsParams {
    /** The document the preview shows: its file view comes first and is the default. */
    uri: string;
}

export interface ViewsResult {
    /** Every view of the workspace the picker offers, the document's own first. */
    views: ViewInfo[];
    /** The key of the view shown when none is chosen (the document's systems, or `all`). */
    defaultKey: string;
}

/** The views the preview can show for a document; `null` when the document is not a SysD document the server knows. */
export const ViewsRequest = new RequestType<ViewsParams, ViewsResult | null, void>('sysd/views');

export interface ModelChangedParams {
    /** The documents of the build that just finished validating. */
    uris: string[];
}

/** Sent by the server after each build that reached validation: the model (and findings) may have changed. */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('sysd/modelChanged');

// ---- Mermaid export (commands and the Markdown preview) ------------------------------------------

/** Options of the export (see `exportMermaid` in `diagram/src/mermaid/export.ts`). */
export interface MermaidExportOptions {
    /**
     * The view to draw: a key (`system:Rides`, `all`, `view:Checkout`...) or a name (a declared view,
     * a system, a flow, a saga, a component for its neighbourhood). Default: the document's view (its
     * systems); for a snippet, the whole snippet.
     */
    view?: string;
    /** Only this system (qualified name, or a plain name that is unique): the same as `view: 'system:<name>'`. */
    system?: string;
    /** A saga or flow (name or qualified name): its sequence diagram instead of the flowchart. */
    sequence?: string;
    direction?: 'LR' | 'TB';
    includeKinds?: string[];
    excludeKinds?: string[];
    layout?: 'elk';
    /** Draw the legend (default true). */
    legend?: boolean;
}

export interface MermaidParams {
    /** A document of the workspace; the export covers the whole workspace model. */
    uri: string;
    format: 'mermaid' | 'markdown';
    options?: MermaidExportOptions;
}

/** The exported text, or an error message the client shows (unknown document, view, system, sequence or kind). */
export type MermaidResult = { text: string } | { error: string };

/** Mermaid text (or a Markdown page) for the workspace the document belongs to. */
export const MermaidRequest = new RequestType<MermaidParams, MermaidResult, void>('sysd/mermaid');

export interface MermaidFromTextParams {
    /** SysD source of a standalone snippet (e.g. a ```sysd block in a Markdown file). */
    text: string;
    options?: MermaidExportOptions;
}

/**
 * Mermaid flowchart for a snippet that is not a file of the workspace. The snippet is parsed and
 * linked on its own. `syntaxErrors` counts what could not be read (the diagram shows the rest).
 */
export type MermaidFromTextResult = { text: string; syntaxErrors: number } | { error: string };

export const MermaidFromTextRequest = new RequestType<MermaidFromTextParams, MermaidFromTextResult, void>('sysd/mermaidFromText');

// ---- Knowledge base ("SysD: Explain...") ------------------------------------------------------

export type ExplainItemKind = 'topic' | 'rule';

export interface ExplainItem {
    kind: ExplainItemKind;
    /** The topic or rule id; pass it back with its kind in {@link ExplainParams}. */
    id: string;
    /** A topic's title; a rule's id. */
    title: string;
    /** One line: a topic's gist or a rule's description. */
    gist: string;
}

/** Everything that can be explained: all topics (by title) and all lint rules (by id). */
export const ExplainListRequest = new RequestType0<ExplainItem[], void>('sysd/explainList');

export interface ExplainParams {
    /** A topic or rule id, `topic:<id>` / `rule:<id>`, or a language keyword such as `outbox`. */
    id: string;
    /** Disambiguates an id that is both a topic and a rule. */
    kind?: ExplainItemKind;
    /**
     * How the page links to other topics and rules: `files` (default) to the pages shipped with the
     * extension (`file:` URLs), `explain` relative to the page's own `sysd-explain:/<kind>/<id>.md`
     * address, so a click in VS Code's Markdown preview opens the other page there too (the preview's
     * Markdown renderer refuses `file:` links).
     */
    links?: 'files' | 'explain';
}

export interface ExplainResult {
    kind: ExplainItemKind;
    id: string;
    title: string;
    /** The whole topic or rule page as Markdown, links pointing at the shipped pages. */
    markdown: string;
}

/** One topic or rule as Markdown; `null` when the id names nothing. */
export const ExplainRequest = new RequestType<ExplainParams, ExplainResult | null, void>('sysd/explain');
