/**
 * The webview's side of the ELK layout worker. A layout of a large model takes a while, and
 * diagrams arrive on every edit, so this keeps at most one layout running and one waiting (the
 * newest), shows only the newest diagram, and reuses a layout while the structure stays the same
 * (only findings and labels changed). It keeps the last layout of each view and hands it to the
 * next layout of that view, so an edit (or a return to a view) moves the picture little.
 */
import type { DiagramGraph, DiagramNode } from '@sysd/diagram';
import { allNodes } from './state.js';
import type { LayoutRequest, LayoutResponse } from './worker-protocol.js';

/** The worker as this module uses it. */
export interface LayoutWorker {
    postMessage(request: LayoutRequest): void;
}

/** What the worker tells the client. */
export interface WorkerHandlers {
    response(response: LayoutResponse): void;
    /** The worker itself failed (not one layout). */
    error(message: string): void;
}

/** What the client tells the page. */
export interface LayoutEvents {
    /** The newest diagram, laid out: show it. */
    laidOut(graph: DiagramGraph): void;
    failed(message: string): void;
    /** The worker started on `graph`. */
    busy(graph: DiagramGraph): void;
    /** Nothing is being laid out any more. */
    idle(): void;
}

/**
 * Starts the worker. Its script is a webview resource, which is not same-origin with the webview
 * document, so it cannot be started from its URL: it is fetched and started from a blob URL instead.
 */
export async function startWorker(url: string, handlers: WorkerHandlers): Promise<LayoutWorker> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load the layout worker (${response.status})`);
    const source = await response.text();
    const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(blobUrl);
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => handlers.response(event.data);
    worker.onerror = event => handlers.error(event.message || 'the layout worker failed');
    return worker;
}

export class LayoutClient {
    private readonly worker: Promise<LayoutWorker>;
    private latestSeq = 0;
    private busy = false;
    /** The newest diagram that waits for the worker; older waiting ones are simply replaced. */
    private pending: LayoutRequest | undefined;
    /** The last layout of each view (by view key), most recently used last; reused while the structure stays the same. */
    private readonly layouts = new Map<string, DiagramGraph>();

    /** `connect` starts the worker (see {@link startWorker}); it is called once, right away. */
    constructor(connect: (handlers: WorkerHandlers) => Promise<LayoutWorker>, private readonly events: LayoutEvents) {
        this.worker = connect({
            response: response => this.receive(response),
            error: message => {
                this.busy = false;
                this.events.failed(message);
            }
        });
    }

    /** The last layout of the view `graph` shows, if any. */
    previousLayout(graph: DiagramGraph): DiagramGraph | undefined {
        return this.layouts.get(viewKeyOf(graph));
    }

    /** A new diagram: laid out, or given the last layout of its view if its structure is the same. */
    request(graph: DiagramGraph): void {
        const seq = ++this.latestSeq;
        const last = this.previousLayout(graph);
        const reused = last && last.structureKey === graph.structureKey ? withLayout(graph, last) : undefined;
        if (reused) {
            // Same structure: keep the positions, only the decorations (findings, labels) change.
            this.pending = undefined;
            if (!this.busy) this.events.idle();
            this.events.laidOut(reused);
            return;
        }
        const request: LayoutRequest = { seq, graph };
        if (this.busy) this.pending = request;
        else this.start(request);
    }

    private start(request: LayoutRequest): void {
        // The previous layout is looked up now, not when the request was made: a layout of the
        // same view may have finished while this one waited.
        const previous = this.previousLayout(request.graph);
        if (previous) request = { ...request, previous };
        this.busy = true;
        this.events.busy(request.graph);
        this.worker.then(
            ready => ready.postMessage(request),
            (error: unknown) => {
                this.busy = false;
                this.events.failed(error instanceof Error ? error.message : String(error));
            }
        );
    }

    private receive(response: LayoutResponse): void {
        this.busy = false;
        if ('error' in response) {
            if (response.seq === this.latestSeq) this.events.failed(response.error);
        } else {
            this.remember(response.graph);
            if (response.seq === this.latestSeq) this.events.laidOut(response.graph);
            else if (this.pending && this.pending.graph.structureKey === response.graph.structureKey) {
                // The waiting diagram has the structure just laid out: no second layout needed.
                const reused = withLayout(this.pending.graph, response.graph);
                if (reused) {
                    this.pending = undefined;
                    this.events.laidOut(reused);
                }
            }
        }
        const next = this.pending;
        this.pending = undefined;
        if (next) this.start(next);
        else this.events.idle();
    }

    private remember(graph: DiagramGraph): void {
        const key = viewKeyOf(graph);
        this.layouts.delete(key);
        this.layouts.set(key, graph);
        // A few views' layouts are worth keeping (switching back and forth); not every view ever shown.
        while (this.layouts.size > KEPT_LAYOUTS) this.layouts.delete(this.layouts.keys().next().value as string);
    }
}

/** How many views' last layouts the client keeps. */
const KEPT_LAYOUTS = 12;

function viewKeyOf(graph: DiagramGraph): string {
    return graph.view?.key ?? '';
}

/** `fresh` with the geometry of `laidOut` (same structure key); undefined if an element is missing. */
export function withLayout(fresh: DiagramGraph, laidOut: DiagramGraph): DiagramGraph | undefined {
    const nodes = new Map([...allNodes(laidOut)].map(node => [node.id, node]));
    const edges = new Map(laidOut.edges.map(edge => [edge.id, edge]));
    let complete = true;
    const place = (node: DiagramNode): DiagramNode => {
        const old = nodes.get(node.id);
        if (!old || old.x === undefined) complete = false;
        return { ...node, x: old?.x, y: old?.y, width: old?.width ?? node.width, height: old?.height ?? node.height, children: node.children.map(place) };
    };
    const result: DiagramGraph = {
        ...fresh,
        nodes: fresh.nodes.map(place),
        edges: fresh.edges.map(edge => {
            const old = edges.get(edge.id);
            if (!old) complete = false;
            return { ...edge, sections: old?.sections, labelPosition: old?.labelPosition };
        }),
        width: laidOut.width,
        height: laidOut.height
    };
    return complete ? result : undefined;
}
