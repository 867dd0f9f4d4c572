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

// ---- What if (the preview's failure mode) --------------------------------------------------------

/** Something the preview can fail, as `sysd analyze --fail` names it: `zone:<id>`, `region:<id>`, `component:<id>`. */
export type WhatIfTargetKind = 'component' | 'zone' | 'region';

export interface WhatIfParams {
    /** The document the preview shows (its default view is the one analysed when `view` is absent). */
    uri: string;
    /** The key of the view shown: the answer's node and edge ids are that view's. */
    view?: string;
    /** What fails: `zone:<id>`, `region:<id>` or `component:<id>` (qualified ids). */
    fail: string[];
}

/** One thing of the view the user can fail: the nodes that stand for it (a zone may be drawn once per system). */
export interface WhatIfTarget {
    /** `zone:Shop.euWest.a`, `region:Shop.euWest`, `component:Shop.Orders`: what `fail` names. */
    target: string;
    kind: WhatIfTargetKind;
    /** The name as the picture shows it (a zone with its region: `euWest.a`). */
    label: string;
    /** The view's node ids that stand for it (none for a zone of a drawn region that has no group of its own). */
    nodes: string[];
}

/** Failed: the user failed it (or its zone or region). Down: unavailable because of the failures. Degraded: works with less. */
export type WhatIfElementState = 'failed' | 'down' | 'degraded';

export interface WhatIfElement {
    /** A node id of the view. */
    id: string;
    state: WhatIfElementState;
    why: string[];
}

export type WhatIfStatus = 'up' | 'degraded' | 'down';

/** A reason a flow or SLO is degraded or down, as one line of the side list. */
export interface WhatIfConsequence {
    status: Exclude<WhatIfStatus, 'up'>;
    /** 1-based step of the path. */
    step: number;
    /** The step's component (short name). */
    component: string;
    /** `step 3 Links (via Links → LinkStore): LinkStore: 1 of n=3 copies left, writes need w=2`. */
    text: string;
}

/** A flow or SLO under the failures. */
export interface WhatIfPath {
    kind: 'flow' | 'slo';
    /** Qualified id; with `kind`, the key of the entry (`flow Shop.Checkout`). */
    id: string;
    name: string;
    status: WhatIfStatus;
    /** Availability under the failures and without them (`98.003%`, `99.9875%`). */
    availability: string;
    baseline: string;
    /** An SLO's availability objective and its verdict under the failures (`99.99% at-risk`). */
    objective?: string;
    /** The path in short names: `Visitor → Edge → Links`. */
    path: string;
    consequences: WhatIfConsequence[];
    moreConsequences: number;
    /** The view's nodes and edges on the path (empty when the view does not show it). */
    nodes: string[];
    edges: string[];
    /** The key of the path's own view (`flow:<id>`), or undefined for an SLO. */
    view?: string;
}

export interface WhatIfResult {
    /** The view the ids belong to (the one asked for, or the document's view it fell back to). */
    view: string;
    /** The failures that apply, normalised (`zone:<qualified id>`...). */
    fail: string[];
    /** Failures asked for that name nothing in the model any more (a zone deleted by an edit). */
    dropped: string[];
    /** What the view lets the user fail: its components (clients excepted), regions and their zones. */
    targets: WhatIfTarget[];
    /** The view's nodes that the failures touch. */
    elements: WhatIfElement[];
    /** The view's edges on a path that is down or degraded (the worst status of the paths through each). */
    edges: { id: string; status: Exclude<WhatIfStatus, 'up'> }[];
    /** Every flow and SLO of the workspace: the down, then the degraded, then the up; in each, those the view draws first. */
    paths: WhatIfPath[];
}

/**
 * The what-if analysis of the workspace model under `fail`, mapped onto the view the preview shows.
 * `null` when the document is not a SysD document the server knows.
 */
export const WhatIfRequest = new RequestType<WhatIfParams, WhatIfResult | null, void>('sysd/whatIf');

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

/**
 * The client's `initializationOptions`. `explainCommand` names a client command that opens a topic or
 * rule page when run with `topic:<id>` or `rule:<id>` (VS Code's "SysD: Explain..."): the server's
 * hovers then link their topics and rules to it (`command:<name>?[...]`), and the client trusts that
 * command in hovers. Without it (other editors), hovers link the pages the server ships.
 */
export interface SysdInitializationOptions {
    explainCommand?: string;
}

// ---- The browser host (web extension: the server in a worker has no file system) ----------------

export interface ConfigFileChange {
    /** The configuration file's URI (`sysd.config.json` or `.sysdrc.json`). */
    uri: string;
    /** Its text; `null` when it was deleted. */
    text: string | null;
}

export interface ConfigFilesParams {
    /** `true`: these are all the configuration files (forget the others); `false`: only these changed. */
    replace: boolean;
    files: ConfigFileChange[];
}

/** The browser client sends the workspace's configuration files to the worker server, which cannot read them. */
export const ConfigFilesNotification = new NotificationType<ConfigFilesParams>('sysd/configFiles');

export interface WorkspaceFileEntry {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}

/** The worker server lists a workspace folder through the browser client (vscode.workspace.fs). */
export const ReadDirectoryRequest = new RequestType<{ uri: string }, WorkspaceFileEntry[], void>('sysd/readDirectory');

/** The worker server reads a workspace file through the browser client; `null` when it cannot be read. */
export const ReadFileRequest = new RequestType<{ uri: string }, string | null, void>('sysd/readFile');
