/**
 * Diagram patches: what changed between two graphs of the same view whose structure is the same
 * (the same `structureKey`: node ids, nesting, sizes, edge endpoints and label sizes), as the
 * decorations of the nodes and edges that differ (labels, details, badges, findings, styles). The
 * server sends one instead of the whole graph when the preview already holds the older graph
 * (`DiagramParams.since`); the client and the webview apply it to their copy, and the webview keeps
 * its layout (the structure is unchanged, so nothing moves). Pure functions on plain data: both the
 * server and the webview run them.
 */
import type { DiagramEdge, DiagramGraph, DiagramNode } from '@sysd/diagram';

/** A node's decorations: everything but its geometry and its children (which the structure fixes). */
export type NodePatch = Omit<DiagramNode, 'children' | 'x' | 'y' | 'width' | 'height'>;
/** An edge's decorations: everything but its route and endpoints (which the structure fixes). */
export type EdgePatch = Omit<DiagramEdge, 'sections' | 'labelPosition' | 'source' | 'target'>;

/**
 * The changes from the graph `base` to the graph `version` of the same view. `nodes` and `edges`
 * hold the whole decorations of each element that changed (an optional field missing from an entry
 * is absent from the new element); every other element is as it was.
 */
export interface DiagramPatch {
    base: string;
    version: string;
    /** The structure both graphs share. */
    structureKey: string;
    /** The new graph's view (its title may change with the model). */
    view?: DiagramGraph['view'];
    nodes: NodePatch[];
    edges: EdgePatch[];
}

/** A graph as the server sends it: with the version a later request names as `since`. */
export type VersionedGraph = DiagramGraph & { version: string };

/** The answer to `sysd/diagram`: the whole graph, or a patch to the graph the client named. */
export type DiagramAnswer = VersionedGraph | ({ patch: DiagramPatch });

export function isPatchAnswer(answer: DiagramAnswer): answer is { patch: DiagramPatch } {
    return 'patch' in answer;
}

const NODE_GEOMETRY = new Set(['children', 'x', 'y', 'width', 'height']);
const EDGE_GEOMETRY = new Set(['sections', 'labelPosition', 'source', 'target']);

function decorations<T extends object>(item: T, skip: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) if (!skip.has(key) && value !== undefined) out[key] = value;
    return out;
}

/** Plain JSON data compared by value, object keys in any order. */
function same(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
        const other = b as unknown[];
        return a.length === other.length && a.every((value, i) => same(value, other[i]));
    }
    const left = Object.entries(a).filter(([, value]) => value !== undefined);
    const right = b as Record<string, unknown>;
    const rightCount = Object.values(right).filter(value => value !== undefined).length;
    return left.length === rightCount && left.every(([key, value]) => same(value, right[key]));
}

function* nodesOf(list: readonly DiagramNode[]): Generator<DiagramNode> {
    for (const node of list) {
        yield node;
        yield* nodesOf(node.children);
    }
}

/**
 * The patch from `base` (version `baseVersion`) to `next` (version `nextVersion`), or undefined when
 * the two cannot be patched into each other: another view, or another structure.
 */
export function diffDiagram(base: DiagramGraph, baseVersion: string, next: DiagramGraph, nextVersion: string): DiagramPatch | undefined {
    if (base.structureKey !== next.structureKey || base.view?.key !== next.view?.key) return undefined;
    const oldNodes = new Map([...nodesOf(base.nodes)].map(node => [node.id, node]));
    const oldEdges = new Map(base.edges.map(edge => [edge.id, edge]));
    const nodes: NodePatch[] = [];
    const edges: EdgePatch[] = [];
    for (const node of nodesOf(next.nodes)) {
        const old = oldNodes.get(node.id);
        // The structure key covers the ids, so this only happens on a hash collision: send the graph.
        if (!old) return undefined;
        const fresh = decorations(node, NODE_GEOMETRY);
        if (!same(decorations(old, NODE_GEOMETRY), fresh)) nodes.push(fresh as unknown as NodePatch);
    }
    for (const edge of next.edges) {
        const old = oldEdges.get(edge.id);
        if (!old || old.source !== edge.source || old.target !== edge.target) return undefined;
        const fresh = decorations(edge, EDGE_GEOMETRY);
        if (!same(decorations(old, EDGE_GEOMETRY), fresh)) edges.push(fresh as unknown as EdgePatch);
    }
    if (oldNodes.size !== [...nodesOf(next.nodes)].length || oldEdges.size !== next.edges.length) return undefined;
    return {
        base: baseVersion,
        version: nextVersion,
        structureKey: next.structureKey,
        ...(next.view ? { view: next.view } : {}),
        nodes,
        edges
    };
}

/**
 * `graph` (the graph the patch's `base` names, laid out or not) with the patch applied: the changed
 * elements get their new decorations and keep their geometry and children. Undefined when the patch
 * names an element the graph lacks or another structure (then the whole graph must be asked for).
 */
export function applyDiagramPatch(graph: DiagramGraph, patch: DiagramPatch): DiagramGraph | undefined {
    if (graph.structureKey !== patch.structureKey) return undefined;
    const nodePatches = new Map(patch.nodes.map(node => [node.id, node]));
    const edgePatches = new Map(patch.edges.map(edge => [edge.id, edge]));
    let applied = 0;
    const place = (node: DiagramNode): DiagramNode => {
        const children = node.children.map(place);
        const changed = nodePatches.get(node.id);
        if (!changed) return children.every((child, i) => child === node.children[i]) ? node : { ...node, children };
        applied++;
        const { x, y, width, height } = node;
        return { ...changed, children, width, height, ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}) };
    };
    const nodes = graph.nodes.map(place);
    const edges = graph.edges.map(edge => {
        const changed = edgePatches.get(edge.id);
        if (!changed) return edge;
        applied++;
        const { source, target, sections, labelPosition } = edge;
        return { ...changed, source, target, ...(sections ? { sections } : {}), ...(labelPosition ? { labelPosition } : {}) };
    });
    if (applied !== nodePatches.size + edgePatches.size) return undefined;
    const result: DiagramGraph = { ...graph, nodes, edges };
    if (patch.view) result.view = patch.view;
    else delete result.view;
    return result;
}
