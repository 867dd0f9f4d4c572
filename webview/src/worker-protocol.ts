import type { DiagramGraph } from '@sysd/diagram';

/** Main thread -> layout worker: lay out `graph`; `seq` identifies the request. */
export interface LayoutRequest {
    seq: number;
    graph: DiagramGraph;
}

/** Layout worker -> main thread: the laid-out graph, or why it failed. */
export type LayoutResponse =
    | { seq: number; graph: DiagramGraph; ms: number }
    | { seq: number; error: string };
