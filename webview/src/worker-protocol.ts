import type { DiagramGraph } from '@sysd/diagram';

/**
 * Main thread -> layout worker: lay out `graph`; `seq` identifies the request. `previous` is the
 * last layout of the same view: the layout keeps what it can of its positions (stable layout).
 */
export interface LayoutRequest {
    seq: number;
    graph: DiagramGraph;
    previous?: DiagramGraph;
}

/** Layout worker -> main thread: the laid-out graph, or why it failed. */
export type LayoutResponse =
    | { seq: number; graph: DiagramGraph; ms: number }
    | { seq: number; error: string };
