/**
 * The diagram's data, shared by the graph builder, the layout, the SVG renderer, the webview and the
 * CLI export. Plain JSON: it crosses the LSP connection and the webview's postMessage boundary.
 * Nothing here knows Langium or VS Code.
 */
import type { ComponentKind, RelationKind, SourceLocation } from '@sysd/language/model';
import type { Severity } from '@sysd/language/model';

/** A finding as the picture needs it: enough for a badge colour and a tooltip. */
export interface DiagramFinding {
    ruleId: string;
    severity: Severity;
    message: string;
}

export type GroupKind = 'system' | 'region' | 'zone';

/** How an edge is drawn. */
export type EdgeStyle =
    | 'sync-call'   // solid arrow
    | 'async-call'  // dashed arrow
    | 'publish'     // dashed arrow into a topic/queue
    | 'consume'     // dashed arrow out of a topic/queue (drawn from the channel to the consumer)
    | 'read'        // thin arrow from store to reader
    | 'write'       // thick arrow into the store
    | 'read-write'  // double-headed
    | 'route'       // load balancer / gateway / CDN to its targets
    | 'replication' // dotted, between stores
    | 'sync-data';  // dotted, CQRS/view synchronisation

export interface DiagramNode {
    /** The component id (qualified name) or the group id. */
    id: string;
    /** A component kind, or a group kind for compound nodes. */
    kind: ComponentKind | GroupKind;
    label: string;
    /** Second line: technology (and `managed`). */
    detail?: string;
    /** Running instances; the renderer stacks the shape (or shows a badge) when > 1. */
    replicas: number;
    managed: boolean;
    /**
     * A component outside the view that an edge of a shown one reaches, drawn as a small dashed
     * stand-in (no findings, no children); every view but `all` and `deployment` has them.
     */
    stub?: boolean;
    /** A component outside our control (`external`): drawn with a dashed border. */
    external?: boolean;
    /** On the path of the flow or saga the view shows: drawn emphasised (see `ResolvedView.focus`). */
    focus?: boolean;
    /** Child nodes: components inside a system/region/zone, topics inside their broker. */
    children: DiagramNode[];
    findings: DiagramFinding[];
    /** Worst severity among `findings`. */
    severity?: Severity;
    loc?: SourceLocation;
    /** Size, computed from the text by the graph builder (so labels never overflow). */
    width: number;
    height: number;
    /** Position relative to the parent, set by the layout. */
    x?: number;
    y?: number;
}

export interface DiagramEdge {
    /** The relation id from the model. */
    id: string;
    relation: RelationKind;
    style: EdgeStyle;
    source: string;
    target: string;
    /** Protocol, `via outbox`, `async`... */
    label?: string;
    findings: DiagramFinding[];
    severity?: Severity;
    /** Part of something the linter wants visible at a glance (e.g. a sync call cycle). */
    highlighted: boolean;
    /** A step of the path of the flow or saga the view shows: drawn emphasised (not as a problem). */
    focus?: boolean;
    loc?: SourceLocation;
    /** Routed geometry, set by the layout: absolute coordinates. */
    sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[];
    labelPosition?: Point & { width: number; height: number };
}

export interface Point {
    x: number;
    y: number;
}

export interface DiagramGraph {
    /** The view drawn (see `views/types.ts`): its key and title, for the preview's title, the picker and exports. */
    view?: { key: string; title: string; description?: string };
    /** Top-level nodes (components and groups). */
    nodes: DiagramNode[];
    edges: DiagramEdge[];
    /**
     * A hash of everything that affects the layout (node ids, nesting, sizes, edge endpoints). When
     * it is unchanged, the previous layout is reused and only decorations (findings, labels) change.
     */
    structureKey: string;
    /** Overall size once laid out. */
    width?: number;
    height?: number;
}
