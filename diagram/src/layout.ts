/**
 * Layout with ELK (elkjs): converts the diagram graph into ELK JSON, runs the layered algorithm
 * and copies positions, edge routes and label positions back. The ELK instance is passed in, so the
 * same code runs with the in-thread bundle (CLI, tests) and with a Web Worker (the preview).
 * `docs/diagram.md` explains every option chosen here.
 */
import { GROUP, NODE, edgeLabelSize } from './metrics.js';
import type { DiagramEdge, DiagramGraph, DiagramNode, Point } from './types.js';

declare global {
    // Every host of the diagram code has structuredClone (Node 17+, browsers, Web Workers), but the ES
    // library files do not declare it, and the packages that compile this file through an import
    // (protocol: neither DOM nor Node types) would not see it otherwise. Declared here, next to its
    // only use, it travels with the module into every program that imports it.
    function structuredClone<T>(value: T): T;
}

/** The subset of ELK JSON this module produces and reads (compatible with elkjs's `ElkNode`). */
export interface ElkLabel {
    id?: string;
    text?: string;
    width?: number;
    height?: number;
    x?: number;
    y?: number;
}

export interface ElkEdgeSection {
    id?: string;
    startPoint: Point;
    endPoint: Point;
    bendPoints?: Point[];
}

export interface ElkEdge {
    id: string;
    sources: string[];
    targets: string[];
    labels?: ElkLabel[];
    sections?: ElkEdgeSection[];
    layoutOptions?: Record<string, string>;
}

export interface ElkNode {
    id: string;
    x?: number;
    y?: number;
    width?: number;
    height?: number;
    children?: ElkNode[];
    edges?: ElkEdge[];
    labels?: ElkLabel[];
    layoutOptions?: Record<string, string>;
}

/** Anything with elkjs's `layout` method: `new ELK()` from the bundle, or the worker-backed API. */
export interface ElkLike {
    layout(graph: ElkNode, options?: unknown): Promise<ElkNode>;
}

export type HierarchyMode = 'INCLUDE_CHILDREN' | 'SEPARATE_CHILDREN';

export interface LayoutOptions {
    /** Force a hierarchy handling; by default chosen from the model size (see `chooseHierarchy`). */
    hierarchy?: HierarchyMode;
}

/**
 * Up to this many nodes (components, channels and groups), ELK routes every edge across groups
 * itself (INCLUDE_CHILDREN). Above it, each group is laid out on its own (SEPARATE_CHILDREN), which
 * stays fast on big models, and edges that cross a group border are routed by `connect` below.
 */
export const INCLUDE_CHILDREN_LIMIT = 120;

export function countNodes(nodes: readonly DiagramNode[]): number {
    let count = 0;
    for (const n of nodes) count += 1 + countNodes(n.children);
    return count;
}

export function chooseHierarchy(graph: DiagramGraph): HierarchyMode {
    return countNodes(graph.nodes) <= INCLUDE_CHILDREN_LIMIT ? 'INCLUDE_CHILDREN' : 'SEPARATE_CHILDREN';
}

/**
 * ELK's layered algorithm turns every edge that spans several layers into a chain of dummy nodes and
 * then orders, places and routes all of them: on a dense graph (60 services each calling all others:
 * 3,540 edges, about 60 layers) that is hundreds of thousands of dummies and minutes of work. So ELK
 * routes at most this many edges, or 1.5 per node when that is more (an ordinary model, however big,
 * stays under it). Edges beyond it are drawn by `connect` after the layout, like edges across
 * separately laid out groups, and the layout runs with cheaper settings (see `rootLayoutOptions`).
 */
export const ELK_EDGE_BUDGET = 150;

export function elkEdgeBudget(nodeCount: number): number {
    return Math.max(ELK_EDGE_BUDGET, Math.ceil(nodeCount * 1.5));
}

/** Options on the root; children inherit those that are inheritable (hierarchy handling, direction...). */
export function rootLayoutOptions(hierarchy: HierarchyMode, dense = false): Record<string, string> {
    const options: Record<string, string> = {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.hierarchyHandling': hierarchy,
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
        'elk.spacing.nodeNode': '28',
        'elk.layered.spacing.nodeNodeBetweenLayers': '56',
        'elk.spacing.edgeNode': '18',
        'elk.layered.spacing.edgeNodeBetweenLayers': '18',
        'elk.spacing.edgeEdge': '10',
        'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
        'elk.spacing.edgeLabel': '4',
        'elk.spacing.componentComponent': '40',
        'elk.edgeLabels.placement': 'CENTER',
        'elk.layered.edgeLabels.sideSelection': 'SMART_UP',
        'elk.padding': '[top=16,left=16,bottom=16,right=16]',
        // Edge and label coordinates in the result are absolute; node positions stay relative to their parent.
        'elk.json.edgeCoords': 'ROOT'
    };
    if (dense) {
        // Ordering ports by the model's edge order and many crossing-minimisation sweeps are what
        // dense graphs spend their time on; a hairball gains little from either.
        options['elk.layered.considerModelOrder.strategy'] = 'NODES';
        options['elk.layered.thoroughness'] = '1';
    }
    return options;
}

interface Index {
    parent: Map<string, string | undefined>;
    node: Map<string, DiagramNode>;
}

function indexNodes(nodes: readonly DiagramNode[]): Index {
    const index: Index = { parent: new Map(), node: new Map() };
    const walk = (list: readonly DiagramNode[], parent: string | undefined) => {
        for (const n of list) {
            index.parent.set(n.id, parent);
            index.node.set(n.id, n);
            walk(n.children, n.id);
        }
    };
    walk(nodes, undefined);
    return index;
}

/** Ancestors of a node, innermost first, ending with `undefined` (the root). */
function ancestors(index: Index, id: string): (string | undefined)[] {
    const result: (string | undefined)[] = [];
    // A graph that nests a node inside itself (a repeated id) would otherwise loop for ever.
    for (let p = index.parent.get(id); ; p = index.parent.get(p)) {
        if (p !== undefined && result.includes(p)) p = undefined;
        result.push(p);
        if (p === undefined) return result;
    }
}

interface Placement {
    /** The container the edge belongs to (undefined: the root). */
    container: string | undefined;
    /** The endpoints ELK sees: the real nodes, or their ancestors directly inside `container`. */
    source: string;
    target: string;
}

/** Where an edge goes in the ELK graph; undefined when ELK cannot take it (a node and its own ancestor). */
function placeEdge(index: Index, edge: DiagramEdge, hierarchy: HierarchyMode): Placement | undefined {
    const sourceUp = ancestors(index, edge.source);
    const targetUp = ancestors(index, edge.target);
    if (sourceUp.includes(edge.target) || targetUp.includes(edge.source)) return undefined;
    const container = sourceUp.find(a => targetUp.includes(a));
    if (hierarchy === 'INCLUDE_CHILDREN') return { container, source: edge.source, target: edge.target };
    const below = (id: string, up: (string | undefined)[]): string => {
        const i = up.indexOf(container);
        return i === 0 ? id : up[i - 1]!;
    };
    return { container, source: below(edge.source, sourceUp), target: below(edge.target, targetUp) };
}

function isGroup(n: DiagramNode): boolean {
    return n.kind === 'system' || n.kind === 'region' || n.kind === 'zone';
}

/** The ELK JSON for a diagram graph (also what `sysd export --format elk-json` prints). */
export function toElkGraph(graph: DiagramGraph, options: LayoutOptions = {}): ElkNode {
    const hierarchy = options.hierarchy ?? chooseHierarchy(graph);
    const index = indexNodes(graph.nodes);
    const elkNodes = new Map<string, ElkNode>();
    // ELK rejects a graph with two shapes of one id; the graph builder never makes one, but a graph
    // can also arrive from elsewhere (the webview's messages), so a repeated node is left out.
    const seen = new Set<string>();
    const fresh = (n: DiagramNode): boolean => {
        if (seen.has(n.id)) return false;
        seen.add(n.id);
        return true;
    };
    const convert = (n: DiagramNode): ElkNode => {
        const node: ElkNode = { id: n.id, width: n.width, height: n.height };
        if (n.children.length > 0) {
            const top = isGroup(n) ? GROUP.header : NODE.compoundHeader;
            const pad = isGroup(n) ? GROUP.pad : NODE.compoundPad;
            node.layoutOptions = {
                'elk.padding': `[top=${top},left=${pad},bottom=${pad},right=${pad}]`,
                'elk.nodeSize.constraints': 'MINIMUM_SIZE',
                'elk.nodeSize.minimum': `(${n.width}, ${n.height})`
            };
            node.children = n.children.filter(fresh).map(convert);
            delete node.width;
            delete node.height;
        }
        elkNodes.set(n.id, node);
        return node;
    };
    const children = graph.nodes.filter(fresh).map(convert);
    const routed = routedEdges(graph, index, hierarchy);
    // The root's id must differ from every node's (a component may be called `__root__`).
    let rootId = '__root__';
    while (index.node.has(rootId)) rootId = `_${rootId}`;
    const root: ElkNode = { id: rootId, layoutOptions: rootLayoutOptions(hierarchy, routed.dense), children, edges: [] };
    for (const { edge, placement } of routed.edges) {
        const container = placement.container === undefined ? root : elkNodes.get(placement.container)!;
        const elkEdge: ElkEdge = { id: edge.id, sources: [placement.source], targets: [placement.target] };
        const proxied = placement.source !== edge.source || placement.target !== edge.target;
        // A proxied edge is re-routed after layout; its label would sit on the proxy's route.
        if (edge.label && !proxied) {
            const size = edgeLabelSize(edge.label);
            elkEdge.labels = [{ id: `${edge.id}#label`, text: edge.label, width: size.width, height: size.height }];
        }
        (container.edges ??= []).push(elkEdge);
    }
    return root;
}

/**
 * The edges ELK routes, each with its place: every edge it can take, or on a dense graph (more than
 * `elkEdgeBudget` of them) a spanning forest first, so every connected part still reads as connected,
 * then the rest in model order up to the budget. An edge whose endpoint is not in the graph, or whose
 * id was already used, is never given to ELK (it would reject the whole graph).
 */
function routedEdges(graph: DiagramGraph, index: Index, hierarchy: HierarchyMode): { edges: { edge: DiagramEdge; placement: Placement }[]; dense: boolean } {
    const candidates: { edge: DiagramEdge; placement: Placement }[] = [];
    const ids = new Set<string>();
    for (const edge of graph.edges) {
        if (!index.node.has(edge.source) || !index.node.has(edge.target) || ids.has(edge.id)) continue;
        const placement = placeEdge(index, edge, hierarchy);
        if (!placement) continue;
        ids.add(edge.id);
        candidates.push({ edge, placement });
    }
    const budget = elkEdgeBudget(index.node.size);
    if (candidates.length <= budget) return { edges: candidates, dense: false };
    // Union-find over the endpoints ELK sees, to pick a spanning forest in model order.
    const root = new Map<string, string>();
    const find = (id: string): string => {
        let r = id;
        while (root.has(r) && root.get(r) !== r) r = root.get(r)!;
        for (let x = id; x !== r;) {
            const next = root.get(x)!;
            root.set(x, r);
            x = next;
        }
        return r;
    };
    const tree: typeof candidates = [];
    const rest: typeof candidates = [];
    for (const candidate of candidates) {
        const a = find(candidate.placement.source);
        const b = find(candidate.placement.target);
        if (a !== b) {
            root.set(a, b);
            tree.push(candidate);
        } else {
            rest.push(candidate);
        }
    }
    const chosen = new Set([...tree, ...rest.slice(0, Math.max(0, budget - tree.length))]);
    // Keep the model's order among the chosen edges (ELK's layout follows it).
    return { edges: candidates.filter(c => chosen.has(c)), dense: true };
}

/** Lays the graph out; returns a copy with positions, sizes, edge sections and label positions. */
export async function layoutDiagram(graph: DiagramGraph, elk: ElkLike, options: LayoutOptions = {}): Promise<DiagramGraph> {
    const hierarchy = options.hierarchy ?? chooseHierarchy(graph);
    const result = await elk.layout(toElkGraph(graph, { hierarchy }));
    return applyLayout(graph, result, hierarchy);
}

/** Copies an ELK result onto (a copy of) the graph it was made from. */
export function applyLayout(graph: DiagramGraph, result: ElkNode, hierarchy: HierarchyMode = chooseHierarchy(graph)): DiagramGraph {
    const laidOut: DiagramGraph = structuredClone(graph);
    const elkById = new Map<string, ElkNode>();
    const elkEdges = new Map<string, ElkEdge>();
    const walk = (n: ElkNode) => {
        elkById.set(n.id, n);
        for (const e of n.edges ?? []) elkEdges.set(e.id, e);
        for (const c of n.children ?? []) walk(c);
    };
    walk(result);

    const absolute = new Map<string, { x: number; y: number; width: number; height: number }>();
    const place = (list: DiagramNode[], ox: number, oy: number) => {
        for (const n of list) {
            const e = elkById.get(n.id);
            n.x = e?.x ?? 0;
            n.y = e?.y ?? 0;
            n.width = e?.width ?? n.width;
            n.height = e?.height ?? n.height;
            absolute.set(n.id, { x: ox + n.x, y: oy + n.y, width: n.width, height: n.height });
            place(n.children, ox + n.x, oy + n.y);
        }
    };
    place(laidOut.nodes, 0, 0);
    laidOut.width = result.width ?? 0;
    laidOut.height = result.height ?? 0;

    const index = indexNodes(laidOut.nodes);
    for (const edge of laidOut.edges) {
        const placement = placeEdge(index, edge, hierarchy);
        const elkEdge = elkEdges.get(edge.id);
        const proxied = !placement || placement.source !== edge.source || placement.target !== edge.target;
        if (!proxied && elkEdge?.sections && elkEdge.sections.length > 0) {
            edge.sections = elkEdge.sections.map(s => ({
                startPoint: { x: s.startPoint.x, y: s.startPoint.y },
                endPoint: { x: s.endPoint.x, y: s.endPoint.y },
                bendPoints: (s.bendPoints ?? []).map(p => ({ x: p.x, y: p.y }))
            }));
            const label = elkEdge.labels?.[0];
            if (edge.label && label && label.x !== undefined && label.y !== undefined) {
                edge.labelPosition = { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 };
            }
        } else {
            const source = absolute.get(edge.source);
            const target = absolute.get(edge.target);
            if (!source || !target) continue;
            const points = connect(source, target);
            edge.sections = [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }];
            if (edge.label) {
                const size = edgeLabelSize(edge.label);
                const mid = middleOf(points);
                edge.labelPosition = { x: mid.x - size.width / 2, y: mid.y - size.height - 2, width: size.width, height: size.height };
            }
        }
    }
    return laidOut;
}

interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/**
 * An orthogonal route between two boxes, for edges ELK did not route (across groups laid out
 * separately, or between a broker and one of its own channels): side to side with one vertical
 * jog when the boxes are apart horizontally, otherwise bottom to top (or top to bottom).
 */
export function connect(s: Box, t: Box): Point[] {
    const sRight = s.x + s.width;
    const tRight = t.x + t.width;
    const sMidY = s.y + s.height / 2;
    const tMidY = t.y + t.height / 2;
    const sMidX = s.x + s.width / 2;
    const tMidX = t.x + t.width / 2;
    if (t.x >= sRight + 8 || tRight <= s.x - 8) {
        const forward = t.x >= sRight;
        const startX = forward ? sRight : s.x;
        const endX = forward ? t.x : tRight;
        const midX = (startX + endX) / 2;
        if (Math.abs(sMidY - tMidY) < 1) return [{ x: startX, y: sMidY }, { x: endX, y: sMidY }];
        return [{ x: startX, y: sMidY }, { x: midX, y: sMidY }, { x: midX, y: tMidY }, { x: endX, y: tMidY }];
    }
    // Overlapping horizontally (one inside the other, or stacked): connect vertically.
    const contains = t.x >= s.x && tRight <= sRight && t.y >= s.y && t.y + t.height <= s.y + s.height;
    const contained = s.x >= t.x && sRight <= tRight && s.y >= t.y && s.y + s.height <= t.y + t.height;
    if (contains || contained) {
        // A node and its own ancestor: from the inner box's top edge to the outer box's top edge.
        const inner = contains ? t : s;
        const outer = contains ? s : t;
        const x = inner.x + inner.width / 2;
        const points = [{ x, y: outer.y }, { x, y: inner.y }];
        return contains ? points : points.reverse();
    }
    const down = t.y >= s.y + s.height;
    const startY = down ? s.y + s.height : s.y;
    const endY = down ? t.y : t.y + t.height;
    const x = Math.max(Math.max(s.x, t.x), Math.min(Math.min(sRight, tRight), (sMidX + tMidX) / 2));
    if (x >= s.x && x <= sRight && x >= t.x && x <= tRight) return [{ x, y: startY }, { x, y: endY }];
    const midY = (startY + endY) / 2;
    return [{ x: sMidX, y: startY }, { x: sMidX, y: midY }, { x: tMidX, y: midY }, { x: tMidX, y: endY }];
}

function middleOf(points: Point[]): Point {
    let total = 0;
    for (let i = 1; i < points.length; i++) total += Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
    let half = total / 2;
    for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
        if (half <= length && length > 0) {
            const f = half / length;
            return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
        }
        half -= length;
    }
    return points[0];
}
