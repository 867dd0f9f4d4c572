/**
 * Layout with ELK (elkjs): converts the diagram graph into ELK JSON, runs the layered algorithm
 * and copies positions, edge routes and label positions back. The ELK instance is passed in, so the
 * same code runs with the in-thread bundle (CLI, tests) and with a Web Worker (the preview).
 * `docs/diagram.md` explains every option chosen here.
 *
 * After ELK, sysd finishes the picture itself: lines ELK did not route (or routed through a box) are
 * routed around the boxes (`Router`), lines that run too close side by side are moved apart
 * (`spreadParallels`) and every label is put on its own line near its middle (`placeLabels`).
 * `geometry.ts` measures the result; its tests hold the layout to it.
 */
import { FONT, GROUP, NODE, compoundPadding, edgeLabelSize, groupTitle, textWidth } from './metrics.js';
import { aspectRatio, closeParallels, edgePoints, labelDistance, labelOverlaps, nodeOverlaps, placedNodes, segmentCrossesBox, type PlacedNode } from './geometry.js';
import { keepPrevious, placeNew, stabilize } from './stable-layout.js';
import type { DiagramEdge, DiagramGraph, DiagramNode, GroupKind, Point } from './types.js';

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
    /**
     * The previous laid-out graph of the same view: the layout keeps what it can of its positions
     * and order (see `stable-layout.ts`), so an edit moves the other nodes little.
     */
    previous?: DiagramGraph;
}

/**
 * Up to this many nodes (components, channels and groups), ELK routes every edge across groups
 * itself (INCLUDE_CHILDREN). Above it, each group is laid out on its own (SEPARATE_CHILDREN), which
 * stays fast on big models, and edges that cross a group border are routed around the boxes by
 * `Router` below (measured: 1,000 components with INCLUDE_CHILDREN take about twice as long as with
 * SEPARATE_CHILDREN plus that routing, which adds under a second).
 */
export const INCLUDE_CHILDREN_LIMIT = 60;

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
export function rootLayoutOptions(hierarchy: HierarchyMode, dense = false, wrap = true): Record<string, string> {
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
        'elk.spacing.edgeEdge': '16',
        'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
        'elk.spacing.edgeLabel': '4',
        'elk.spacing.componentComponent': '40',
        'elk.edgeLabels.placement': 'CENTER',
        'elk.layered.edgeLabels.sideSelection': 'SMART_UP',
        'elk.padding': '[top=16,left=16,bottom=16,right=16]',
        // Edge and label coordinates in the result are absolute; node positions stay relative to their parent.
        'elk.json.edgeCoords': 'ROOT',
        // A long chain of top-level boxes (systems calling each other in a ring, a system and its
        // payment provider) is folded into rows, so a workspace reads as a page, not a strip. Only the
        // root wraps: folded rows inside a group bring back-running lines through its content.
        'elk.aspectRatio': '1.6',
        'elk.layered.wrapping.strategy': 'MULTI_EDGE'
    };
    if (!wrap) {
        delete options['elk.aspectRatio'];
        delete options['elk.layered.wrapping.strategy'];
    }
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

/**
 * How strongly an edge of each style should point left to right. A cycle (Trips publishes a topic
 * Matching consumes, Matching calls Pricing, Pricing calls Trips) forces ELK to reverse one of its
 * edges; without a preference it may reverse the publish edge, which puts the broker in the first
 * column and sends messages right to left around everything. Messages and data flow outwards from
 * their producers, so those edges keep their direction and a call is the one turned back.
 */
const DIRECTION_PRIORITY: Partial<Record<DiagramEdge['style'], number>> = {
    'publish': 10,
    'consume': 5,
    'write': 4,
    'read': 4,
    'read-write': 4,
    'route': 6,
    'replication': 2,
    'sync-data': 2
};

/** The ELK JSON for a diagram graph (also what `sysd export --format elk-json` prints). */
export function toElkGraph(graph: DiagramGraph, options: LayoutOptions = {}, foldSystems = false): ElkNode {
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
    const topLevel = new Set(graph.nodes);
    const convert = (n: DiagramNode): ElkNode => {
        const node: ElkNode = { id: n.id, width: n.width, height: n.height };
        if (n.children.length > 0) {
            const pad = compoundPadding(n.kind);
            node.layoutOptions = {
                'elk.padding': `[top=${pad.top},left=${pad.left},bottom=${pad.bottom},right=${pad.right}]`,
                'elk.nodeSize.constraints': 'MINIMUM_SIZE',
                'elk.nodeSize.minimum': `(${n.width}, ${n.height})`
            };
            if (foldSystems && topLevel.has(n) && (n.kind === 'system' || n.kind === 'region' || n.kind === 'zone')) {
                // A second try for a strip (see `WIDE`): the top-level groups fold their content into rows.
                node.layoutOptions['elk.aspectRatio'] = FOLD_RATIO;
                node.layoutOptions['elk.layered.wrapping.strategy'] = 'MULTI_EDGE';
            }
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
    // Stand-ins sit at the top level beside the view's groups, before or after them in the flow; folding
    // the top level into rows would put the ones after the view on a row of their own, on the left,
    // and send their lines back across the whole picture. A view with stand-ins is not wrapped.
    const wrap = !graph.nodes.some(n => n.stub);
    const root: ElkNode = { id: rootId, layoutOptions: rootLayoutOptions(hierarchy, routed.dense, wrap), children, edges: [] };
    // Edges between the same two stand-ins (every call from one zone into another) tell ELK nothing
    // the first one does not: they are all routed again after the layout, so ELK gets one of them,
    // with the strongest direction among them. On a 100-component view that halves ELK's edges and
    // takes a third off its time; the others are drawn like every proxied edge.
    const proxies = new Map<string, ElkEdge>();
    for (const { edge, placement } of routed.edges) {
        const container = placement.container === undefined ? root : elkNodes.get(placement.container)!;
        const priority = DIRECTION_PRIORITY[edge.style];
        const proxied = placement.source !== edge.source || placement.target !== edge.target;
        const key = proxied ? `${placement.source}\u0000${placement.target}` : undefined;
        const twin = key === undefined ? undefined : proxies.get(key);
        if (twin) {
            const before = Number(twin.layoutOptions?.['elk.layered.priority.direction'] ?? 0);
            if (priority && priority > before) twin.layoutOptions = { ...twin.layoutOptions, 'elk.layered.priority.direction': String(priority) };
            continue;
        }
        const elkEdge: ElkEdge = { id: edge.id, sources: [placement.source], targets: [placement.target] };
        if (key !== undefined) proxies.set(key, elkEdge);
        if (priority) elkEdge.layoutOptions = { 'elk.layered.priority.direction': String(priority) };
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
    return (await runLayout(graph, elk, options)).laidOut;
}

async function runLayout(graph: DiagramGraph, elk: ElkLike, options: LayoutOptions): Promise<{ result: ElkNode; laidOut: DiagramGraph }> {
    const hierarchy = options.hierarchy ?? chooseHierarchy(graph);
    if (options.previous) {
        // An edit that adds or removes a few nodes: the previous picture with the new ones placed
        // beside their neighbours by sysd, no ELK at all, when its lines and labels can be drawn.
        const quick = placeNew(graph, options.previous);
        if (quick && finishKept(quick, options.previous, undefined, hierarchy)) {
            const result = toElkGraph(graph, { hierarchy });
            copyPositions(quick, result);
            return { result, laidOut: quick };
        }
    }
    // With a previous picture, ELK's own picture is usually not the one drawn: its lines are routed
    // (sysd's router, labels) only when it is.
    const deferred = options.previous !== undefined;
    const run = async (fold: boolean, route: boolean) => {
        const elkGraph = toElkGraph(graph, { hierarchy }, fold);
        if (options.previous) stabilize(elkGraph, options.previous);
        const result = await elk.layout(elkGraph);
        const placed = applyPositions(graph, result, hierarchy);
        let routed = false;
        const finish = () => {
            if (routed) return;
            routed = true;
            routeEdges(placed.laidOut, hierarchy, placed.elkEdges);
            if (brokersBetween(placed.laidOut, hierarchy)) copyPositions(placed.laidOut, result);
        };
        if (route) finish();
        return { result, laidOut: placed.laidOut, finish };
    };
    let { result, laidOut, finish } = await run(false, !deferred);
    if (aspectRatio(laidOut) > WIDE && hierarchy === 'INCLUDE_CHILDREN' && graph.nodes.some(n => n.children.length > 0)) {
        finish();
        const folded = await run(true, true);
        if (betterFolded(laidOut, folded.laidOut)) ({ result, laidOut, finish } = folded);
    }
    if (options.previous) {
        // The previous picture itself, with what is new placed into it (see `keepPrevious`), when
        // every line can still be drawn around the boxes and every label finds a clear place.
        const kept = keepPrevious(graph, laidOut, options.previous);
        if (kept && finishKept(kept, options.previous, laidOut, hierarchy)) {
            copyPositions(kept, result);
            return { result, laidOut: kept };
        }
    }
    finish();
    return { result, laidOut };
}

/**
 * Draws the lines of a kept picture (`keepPrevious`, `placeNew`) and says whether it holds the
 * layout's promises: no line through a box, no label on a label or a box, no box on a box. Only what
 * the edit touched is drawn again: a line whose two ends have the same boxes as in `previous` keeps
 * its previous route and label; of the others, one whose ends ELK's picture (`elkPicture`, when
 * there is one) moved together keeps ELK's route, moved with them, and the rest are routed around
 * the boxes. Lines that now cross a box (a new one) are routed again, and only the labels of lines
 * drawn again (or that a new box now covers) are placed again.
 */
function finishKept(kept: DiagramGraph, previous: DiagramGraph, elkPicture: DiagramGraph | undefined, hierarchy: HierarchyMode): boolean {
    const fresh = new Set<DiagramEdge>();
    try {
        const before = new Map(placedNodes(previous).map(p => [p.node.id, p.box]));
        const now = new Map(placedNodes(kept).map(p => [p.node.id, p.box]));
        const same = (id: string) => {
            const a = before.get(id);
            const b = now.get(id);
            return a !== undefined && b !== undefined && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5
                && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
        };
        const old = new Map<string, DiagramEdge>();
        for (const e of Array.isArray(previous.edges) ? previous.edges : []) if (e && typeof e.id === 'string' && !old.has(e.id)) old.set(e.id, e);
        for (const edge of kept.edges) {
            const o = old.get(edge.id);
            const route = o && o.source === edge.source && o.target === edge.target && same(edge.source) && same(edge.target) ? validRoute(o.sections) : undefined;
            if (!route) {
                fresh.add(edge);
                continue;
            }
            edge.sections = route;
            const label = o!.labelPosition;
            if (edge.label !== undefined && o!.label === edge.label && label && [label.x, label.y, label.width, label.height].every(Number.isFinite)) {
                edge.labelPosition = { x: label.x, y: label.y, width: label.width, height: label.height };
            }
        }
    } catch {
        // A previous graph that is not one we drew (it came through a message): draw every line.
        for (const edge of kept.edges) {
            delete edge.sections;
            delete edge.labelPosition;
            fresh.add(edge);
        }
    }
    if (elkPicture) reuseRoutes(elkPicture, kept, fresh);
    routeEdges(kept, hierarchy, new Map(), true, fresh);
    return crossingEdges(kept).size === 0 && nodeOverlaps(kept).length === 0 && labelOverlaps(kept).length === 0;
}

/** Room between a group and a broker moved below it (`brokersBetween`). */
const BROKER_GAP = 28;

/**
 * Puts a broker between its publishers and its consumers where ELK could not. When a publisher and a
 * consumer of a broker's channels share a group (a region, a zone, a system) that the broker is not
 * in, ELK lays the group out as one box of its layer, so the broker goes before or after the whole
 * group and one of its lines runs back around it (Rides: Trips publishes to Dispatch and Matching
 * consumes from it, both in region usWest, Dispatch in no region: the consume line looped around
 * the region). The broker is moved below that group, centred between the publishers and the
 * consumers, so the messages run down into it and up out of it, left to right; the groups around
 * it take their size from their content again, and its lines are routed again. The move is kept only
 * when fewer message lines run back and the picture still holds the layout's promises (no line
 * through a box, no overlap); otherwise the picture is left as it was. Returns whether it moved any.
 */
function brokersBetween(laidOut: DiagramGraph, hierarchy: HierarchyMode): boolean {
    const placed = placedNodes(laidOut);
    const byId = new Map(placed.map(p => [p.node.id, p]));
    /** The box a channel's lines belong to: its broker when it is drawn inside one, else itself. */
    const brokerOf = (id: string): string | undefined => {
        const p = byId.get(id);
        if (!p) return undefined;
        const parent = p.parent === undefined ? undefined : byId.get(p.parent);
        return parent && parent.node.kind === 'broker' ? parent.node.id : p.node.kind === 'topic' || p.node.kind === 'queue' || p.node.kind === 'broker' ? id : undefined;
    };
    const ends = new Map<string, { publishers: Set<string>; consumers: Set<string> }>();
    for (const edge of laidOut.edges) {
        const channel = edge.style === 'publish' ? edge.target : edge.style === 'consume' ? edge.source : undefined;
        const other = edge.style === 'publish' ? edge.source : edge.target;
        const broker = channel === undefined ? undefined : brokerOf(channel);
        if (broker === undefined || !byId.has(other)) continue;
        let entry = ends.get(broker);
        if (!entry) ends.set(broker, (entry = { publishers: new Set(), consumers: new Set() }));
        (edge.style === 'publish' ? entry.publishers : entry.consumers).add(other);
    }
    if (ends.size === 0) return false;
    const before = backwardMessages(laidOut);
    if (before === 0) return false;
    const backup = { nodes: structuredClone(laidOut.nodes), edges: structuredClone(laidOut.edges), width: laidOut.width, height: laidOut.height };
    const centre = (id: string) => byId.get(id)!.box.x + byId.get(id)!.box.width / 2;
    const holds = (group: string, id: string) => {
        for (let p = byId.get(id)?.parent; p !== undefined; p = byId.get(p)?.parent) if (p === group) return true;
        return false;
    };
    const moved = new Set<string>();
    for (const [broker, { publishers, consumers }] of ends) {
        if (publishers.size === 0 || consumers.size === 0) continue;
        const b = byId.get(broker)!;
        const rightmost = Math.max(...[...publishers].map(centre));
        const leftmost = Math.min(...[...consumers].map(centre));
        const at = centre(broker);
        if (rightmost >= leftmost || (at > rightmost && at < leftmost)) continue;
        // The group beside the broker that holds a publisher and a consumer.
        let group: PlacedNode | undefined;
        for (const p of publishers) {
            for (let g = byId.get(p)?.parent; g !== undefined && !group; g = byId.get(g)?.parent) {
                const candidate = byId.get(g)!;
                if (candidate.parent === b.parent && candidate.group && [...consumers].some(c => holds(g, c))) group = candidate;
            }
        }
        if (!group) continue;
        const container = b.parent === undefined ? undefined : byId.get(b.parent);
        const origin = container ? container.box : { x: 0, y: 0, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
        const padding = container ? compoundPadding(container.node.kind) : { top: 16, left: 16, bottom: 16, right: 16 };
        const x = Math.max(origin.x + padding.left, (rightmost + leftmost) / 2 - b.box.width / 2);
        if (x + b.box.width / 2 <= rightmost || x + b.box.width / 2 >= leftmost) continue;
        const siblings = placed.filter(p => p.parent === b.parent && p !== b);
        const clearAt = (y: number) => siblings.every(s => x + b.box.width + BROKER_GAP <= s.box.x || s.box.x + s.box.width + BROKER_GAP <= x
            || y + b.box.height + BROKER_GAP <= s.box.y || s.box.y + s.box.height + BROKER_GAP <= y);
        const below = group.box.y + group.box.height;
        const ys = [below + BROKER_GAP, ...siblings.map(s => s.box.y + s.box.height + BROKER_GAP)].filter(y => y >= below).sort((p, q) => p - q);
        const y = ys.find(clearAt);
        if (y === undefined) continue;
        b.node.x = x - origin.x;
        b.node.y = y - origin.y;
        moved.add(broker);
    }
    if (moved.size === 0) return false;
    // The groups around a moved broker take their size from their content (it may have left their right side).
    const resize = (list: DiagramNode[]): { right: number; bottom: number } => {
        let right = 0;
        let bottom = 0;
        for (const n of list) {
            if (n.children.length > 0 && isGroupNode(n)) {
                const inner = resize(n.children);
                const pad = compoundPadding(n.kind);
                n.width = Math.max(groupTitleWidth(n), inner.right + pad.right);
                n.height = Math.max(GROUP.header + pad.bottom, inner.bottom + pad.bottom);
            }
            right = Math.max(right, (n.x ?? 0) + n.width);
            bottom = Math.max(bottom, (n.y ?? 0) + n.height);
        }
        return { right, bottom };
    };
    const size = resize(laidOut.nodes);
    laidOut.width = size.right + 16;
    laidOut.height = size.bottom + 16;
    const fresh = new Set<DiagramEdge>();
    const inside = (id: string) => [...moved].some(m => id === m || holds(m, id));
    for (const edge of laidOut.edges) {
        if (!inside(edge.source) && !inside(edge.target)) continue;
        delete edge.sections;
        delete edge.labelPosition;
        fresh.add(edge);
    }
    routeEdges(laidOut, hierarchy, new Map(), true, fresh);
    const within = laidOut.edges.every(e => edgePoints(e).every(p => p.x >= 0 && p.y >= 0 && p.x <= laidOut.width! && p.y <= laidOut.height!));
    if (within && backwardMessages(laidOut) < before && crossingEdges(laidOut).size === 0 && nodeOverlaps(laidOut).length === 0 && labelOverlaps(laidOut).length === 0) return true;
    Object.assign(laidOut, backup);
    return false;
}

function isGroupNode(node: DiagramNode): boolean {
    return node.kind === 'system' || node.kind === 'region' || node.kind === 'zone';
}

/** A copy of an edge's sections when every point in them is a finite number; undefined otherwise. */
function validRoute(sections: DiagramEdge['sections']): DiagramEdge['sections'] {
    if (!Array.isArray(sections) || sections.length === 0) return undefined;
    const copy = (p: Point | undefined): Point | undefined => p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : undefined;
    const result: NonNullable<DiagramEdge['sections']> = [];
    for (const section of sections) {
        const startPoint = copy(section?.startPoint);
        const endPoint = copy(section?.endPoint);
        const bends = Array.isArray(section?.bendPoints) ? section.bendPoints.map(copy) : [];
        if (!startPoint || !endPoint || bends.some(p => p === undefined)) return undefined;
        result.push({ startPoint, endPoint, bendPoints: bends as Point[] });
    }
    return result;
}

/**
 * Wider than this (width over height), a picture is a strip: laid out again with its top-level groups
 * folded into rows (`toElkGraph`'s `foldSystems`), and the folded picture is kept when `betterFolded`.
 * Only small views (`INCLUDE_CHILDREN`) get the second layout: it doubles their layout time. Bigger
 * ones are seldom strips: their many systems are folded at the root.
 */
const WIDE = 3;
/** The aspect ratio asked of a folded group (ELK's `elk.aspectRatio`). */
const FOLD_RATIO = '1.0';
/** A folded picture may make the lines this many times longer in total, no more (rows joined by long back lines). */
const FOLD_LENGTH = 3.5;

/**
 * Whether the folded picture is better than the strip: less wide, no line through a box, no overlap,
 * no more message lines running right to left, and lines not much longer overall.
 */
function betterFolded(strip: DiagramGraph, folded: DiagramGraph): boolean {
    if (aspectRatio(folded) >= aspectRatio(strip)) return false;
    if (crossingEdges(folded).size > 0 || nodeOverlaps(folded).length > 0 || labelOverlaps(folded).length > 0) return false;
    if (closeParallels(folded, { gap: 12, length: 300 }).length > 0) return false;
    if (folded.edges.some(e => e.label !== undefined && (labelDistance(e) ?? 0) > 12)) return false;
    if (backwardMessages(folded) > backwardMessages(strip)) return false;
    return routeLength(folded) <= FOLD_LENGTH * routeLength(strip);
}

function routeLength(graph: DiagramGraph): number {
    let total = 0;
    for (const edge of graph.edges) {
        const points = edgePoints(edge);
        for (let i = 1; i < points.length; i++) total += Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
    }
    return total;
}

/** Publish and consume lines whose target's centre is not right of their source's. */
function backwardMessages(graph: DiagramGraph): number {
    const boxes = new Map(placedNodes(graph).map(p => [p.node.id, p.box]));
    let count = 0;
    for (const edge of graph.edges) {
        if (edge.style !== 'publish' && edge.style !== 'consume') continue;
        const s = boxes.get(edge.source);
        const t = boxes.get(edge.target);
        if (s && t && t.x + t.width / 2 <= s.x + s.width / 2) count++;
    }
    return count;
}

/**
 * ELK's route (and label) of every edge of `only` whose two ends `kept` moved by one same vector
 * from where `laidOut` has them, moved by that vector: the boxes between them most often moved with
 * them, and what now runs through a box is routed again by `routeEdges`. The other edges are left
 * unrouted.
 */
function reuseRoutes(laidOut: DiagramGraph, kept: DiagramGraph, only: ReadonlySet<DiagramEdge>): void {
    const from = new Map(placedNodes(laidOut).map(p => [p.node.id, p.box]));
    const to = new Map(placedNodes(kept).map(p => [p.node.id, p.box]));
    const routes = new Map(laidOut.edges.map(e => [e.id, e]));
    for (const edge of kept.edges) {
        if (!only.has(edge)) continue;
        delete edge.sections;
        delete edge.labelPosition;
        const old = routes.get(edge.id);
        const [s0, s1, t0, t1] = [from.get(edge.source), to.get(edge.source), from.get(edge.target), to.get(edge.target)];
        if (!old?.sections || !s0 || !s1 || !t0 || !t1) continue;
        const dx = s1.x - s0.x;
        const dy = s1.y - s0.y;
        if (Math.abs(t1.x - t0.x - dx) > 0.5 || Math.abs(t1.y - t0.y - dy) > 0.5) continue;
        const move = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
        edge.sections = old.sections.map(section => ({ startPoint: move(section.startPoint), endPoint: move(section.endPoint), bendPoints: (section.bendPoints ?? []).map(move) }));
        if (old.labelPosition) edge.labelPosition = { ...old.labelPosition, ...move(old.labelPosition) };
    }
}

/** Node positions and sizes of a laid-out graph onto the ELK graph it came from (`layoutToElk` prints it). */
function copyPositions(graph: DiagramGraph, result: ElkNode): void {
    const boxes = new Map<string, DiagramNode>();
    const walk = (list: readonly DiagramNode[]) => {
        for (const n of list) {
            if (!boxes.has(n.id)) boxes.set(n.id, n);
            walk(n.children);
        }
    };
    walk(graph.nodes);
    const stack = [...(result.children ?? [])];
    while (stack.length > 0) {
        const e = stack.pop()!;
        const n = boxes.get(e.id);
        if (n) {
            e.x = n.x;
            e.y = n.y;
            e.width = n.width;
            e.height = n.height;
        }
        stack.push(...(e.children ?? []));
    }
    result.width = graph.width;
    result.height = graph.height;
}

/**
 * The ELK graph after layout, for `sysd export --format elk-json --laid-out`: node positions (relative
 * to their parent), sizes, edge sections with bend points (absolute) and label boxes — the picture
 * exactly as drawn. Where sysd draws an edge itself (routed around boxes after a separate layout of
 * groups, beyond the edge budget, between a broker and its own topic) or moves a label onto its line,
 * the edge carries sysd's route and label box; an edge ELK never saw is added to the root, with
 * `sysd.routing: sysd` among its options so a reader can tell.
 */
export async function layoutToElk(graph: DiagramGraph, elk: ElkLike, options: LayoutOptions = {}): Promise<ElkNode> {
    const { result, laidOut } = await runLayout(graph, elk, options);
    const elkEdges = new Map<string, ElkEdge>();
    const walk = (n: ElkNode) => {
        for (const e of n.edges ?? []) elkEdges.set(e.id, e);
        for (const c of n.children ?? []) walk(c);
    };
    walk(result);
    for (const edge of laidOut.edges) {
        if (!edge.sections || edge.sections.length === 0) continue;
        let elkEdge = elkEdges.get(edge.id);
        const sections: ElkEdgeSection[] = edge.sections.map((section, i) => ({
            id: `${edge.id}#s${i}`,
            startPoint: { ...section.startPoint },
            endPoint: { ...section.endPoint },
            bendPoints: (section.bendPoints ?? []).map(p => ({ ...p }))
        }));
        if (!elkEdge) {
            elkEdge = { id: edge.id, sources: [edge.source], targets: [edge.target], layoutOptions: { 'sysd.routing': 'sysd' } };
            (result.edges ??= []).push(elkEdge);
        } else if (elkEdge.sources[0] !== edge.source || elkEdge.targets[0] !== edge.target || !sameRoute(elkEdge.sections ?? [], sections)) {
            // ELK routed the edge between stand-in boxes (or through a box): the real ends and sysd's route.
            elkEdge.sources = [edge.source];
            elkEdge.targets = [edge.target];
            elkEdge.layoutOptions = { ...elkEdge.layoutOptions, 'sysd.routing': 'sysd' };
        }
        elkEdge.sections = sections;
        if (edge.label && edge.labelPosition) {
            const { x, y, width, height } = edge.labelPosition;
            elkEdge.labels = [{ ...(elkEdge.labels?.[0] ?? { id: `${edge.id}#label`, text: edge.label }), x, y, width, height }];
        }
    }
    return result;
}

function sameRoute(a: readonly ElkEdgeSection[], b: readonly ElkEdgeSection[]): boolean {
    const flat = (list: readonly ElkEdgeSection[]) => list.flatMap(s => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map(p => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ');
    return flat(a) === flat(b);
}

/** Copies an ELK result onto (a copy of) the graph it was made from. */
export function applyLayout(graph: DiagramGraph, result: ElkNode, hierarchy: HierarchyMode = chooseHierarchy(graph)): DiagramGraph {
    const { laidOut, elkEdges } = applyPositions(graph, result, hierarchy);
    routeEdges(laidOut, hierarchy, elkEdges);
    return laidOut;
}

/** ELK's positions and sizes on a copy of the graph; no edge routed yet (`routeEdges` draws them). */
function applyPositions(graph: DiagramGraph, result: ElkNode, hierarchy: HierarchyMode): { laidOut: DiagramGraph; elkEdges: Map<string, ElkEdge> } {
    const laidOut: DiagramGraph = structuredClone(graph);
    const elkById = new Map<string, ElkNode>();
    const elkEdges = new Map<string, ElkEdge>();
    const walk = (n: ElkNode) => {
        elkById.set(n.id, n);
        for (const e of n.edges ?? []) elkEdges.set(e.id, e);
        for (const c of n.children ?? []) walk(c);
    };
    walk(result);

    const place = (list: DiagramNode[]) => {
        for (const n of list) {
            const e = elkById.get(n.id);
            n.x = e?.x ?? 0;
            n.y = e?.y ?? 0;
            n.width = e?.width ?? n.width;
            n.height = e?.height ?? n.height;
            place(n.children);
        }
    };
    place(laidOut.nodes);
    laidOut.width = result.width ?? 0;
    laidOut.height = result.height ?? 0;
    // ELK's own routes, where the edge's ends are its own (`routeEdges` copies them again and draws the rest).
    const index = indexNodes(laidOut.nodes);
    for (const edge of laidOut.edges) {
        const placement = placeEdge(index, edge, hierarchy);
        const elkEdge = elkEdges.get(edge.id);
        if (placement && placement.source === edge.source && placement.target === edge.target && elkEdge?.sections && elkEdge.sections.length > 0) copyElkRoute(edge, elkEdge);
    }
    return { laidOut, elkEdges };
}

function copyElkRoute(edge: DiagramEdge, elkEdge: ElkEdge): void {
    edge.sections = elkEdge.sections!.map(s => ({
        startPoint: { x: s.startPoint.x, y: s.startPoint.y },
        endPoint: { x: s.endPoint.x, y: s.endPoint.y },
        bendPoints: (s.bendPoints ?? []).map(p => ({ x: p.x, y: p.y }))
    }));
    const label = elkEdge.labels?.[0];
    if (edge.label && label && label.x !== undefined && label.y !== undefined) {
        edge.labelPosition = { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 };
    }
}

/**
 * Draws every edge of a placed graph: ELK's route where `elkEdges` has one for it (and its ends are
 * the edge's own), sysd's router around the boxes otherwise; then moves close parallel lines apart
 * and puts every label on its line. With `keepGiven`, an edge that has a route keeps it; with
 * `fresh` (the edges drawn again, the others kept from a previous picture), only those and the ones
 * that now cross a box are drawn, moved apart and labelled again.
 */
function routeEdges(laidOut: DiagramGraph, hierarchy: HierarchyMode, elkEdges: ReadonlyMap<string, ElkEdge>, keepGiven = false, fresh?: Set<DiagramEdge>): void {
    const absolute = new Map(placedNodes(laidOut).map(p => [p.node.id, p.box]));
    const index = indexNodes(laidOut.nodes);
    let obstacleRouter: Router | undefined;
    const router = (g: DiagramGraph) => (obstacleRouter ??= new Router(g));
    for (const edge of laidOut.edges) {
        if (keepGiven && edge.sections && edge.sections.length > 0) continue;
        fresh?.add(edge);
        const placement = placeEdge(index, edge, hierarchy);
        const elkEdge = elkEdges.get(edge.id);
        const proxied = !placement || placement.source !== edge.source || placement.target !== edge.target;
        if (!proxied && elkEdge?.sections && elkEdge.sections.length > 0) {
            copyElkRoute(edge, elkEdge);
        } else {
            const source = absolute.get(edge.source);
            const target = absolute.get(edge.target);
            if (!source || !target) continue;
            const nested = placement === undefined;
            const points = (nested ? undefined : router(laidOut).route(edge)) ?? connect(source, target);
            edge.sections = [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }];
            if (edge.label) {
                const size = edgeLabelSize(edge.label);
                const mid = middleOf(points);
                edge.labelPosition = { x: mid.x - size.width / 2, y: mid.y - size.height - 2, width: size.width, height: size.height };
            }
        }
    }
    // ELK's own routes of edges across groups can still cut through a box (when the hierarchy is
    // wrapped into rows), and a kept route a new box; those edges are routed again around the boxes.
    const crossing = crossingEdges(laidOut);
    for (const edge of laidOut.edges) {
        if (!crossing.has(edge.id)) continue;
        const points = router(laidOut).route(edge);
        if (points) edge.sections = [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }];
        fresh?.add(edge);
    }
    spreadParallels(laidOut, fresh);
    placeLabels(laidOut, fresh);
}

interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/**
 * The edges that pass through a box they do not belong to: what `edgeBoxCrossings` in geometry.ts
 * counts, found through a spatial index over the boxes (each segment looks only at the boxes near
 * it) instead of trying every box against every edge.
 */
function crossingEdges(graph: DiagramGraph): Set<string> {
    const placed = placedNodes(graph);
    const parent = new Map(placed.map(p => [p.node.id, p.parent]));
    const index = new SpatialIndex<{ id: string; box: Box }>();
    for (const p of placed) {
        if (p.group) continue;
        // The interior, as geometry.ts measures it: touching a box's outline is not crossing it.
        index.add({ id: p.node.id, box: { x: p.box.x + 1, y: p.box.y + 1, width: Math.max(0, p.box.width - 2), height: Math.max(0, p.box.height - 2) } });
    }
    const result = new Set<string>();
    for (const edge of graph.edges) {
        const points = edgePoints(edge);
        if (points.length < 2) continue;
        let own: Set<string> | undefined;
        for (let i = 1; i < points.length && !result.has(edge.id); i++) {
            const a = points[i - 1];
            const b = points[i];
            const span = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
            for (const o of index.near(span)) {
                if (!segmentCrossesBox(a, b, o.box)) continue;
                own ??= holdersOf(parent, edge.source, edge.target);
                if (own.has(o.id)) continue;
                result.add(edge.id);
                break;
            }
        }
    }
    return result;
}

/** Both ends of an edge and every box that holds either of them. */
function holdersOf(parent: Map<string, string | undefined>, ...ids: string[]): Set<string> {
    const result = new Set<string>();
    for (const id of ids) {
        result.add(id);
        const seen = new Set<string>([id]);
        for (let p = parent.get(id); p !== undefined && !seen.has(p); p = parent.get(p)) {
            seen.add(p);
            result.add(p);
        }
    }
    return result;
}

/**
 * A direct orthogonal route between two boxes, for a line between a broker and one of its own
 * channels, and the fallback when `Router` finds no way around the boxes: side to side with one
 * vertical jog when the boxes are apart horizontally, otherwise bottom to top (or top to bottom).
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

/**
 * Puts every edge label on its own line, as near the middle of the route as room allows, clear of
 * the component boxes, of the group titles and of the labels placed before it.
 *
 * ELK places a label where it routes the label's dummy node: for an edge that crosses group borders
 * that is the first segment, next to the source, so the labels of two edges leaving one component
 * stacked there, far from the rest of their lines (`https`/`wss` at RiderApp). Centred on the route,
 * on a background that interrupts the line, a label reads as part of its edge. Candidates are tried
 * along every segment long enough to hold the label (horizontal ones first), from the middle of the
 * route outwards; the first one that is clear wins, else the one that covers the least. With
 * `only`, the labels of the other edges keep their place (from a previous picture) unless a box now
 * covers it, and the labels placed here keep clear of them.
 */
export function placeLabels(graph: DiagramGraph, only?: ReadonlySet<DiagramEdge>): void {
    const placed = placedNodes(graph);
    const parent = new Map(placed.map(p => [p.node.id, p.parent]));
    const holders = (id: string) => {
        const result = new Set<string>([id]);
        for (let p = parent.get(id); p !== undefined && !result.has(p); p = parent.get(p)) result.add(p);
        return result;
    };
    const obstacles = new SpatialIndex<{ id: string; box: Box; holder: boolean }>();
    for (const p of placed) {
        if (p.group) {
            // The title bar of a group: a label there would hide whose group it is.
            obstacles.add({ id: p.node.id, box: { x: p.box.x, y: p.box.y, width: Math.min(p.box.width, groupTitleWidth(p.node)), height: GROUP.header - 4 }, holder: false });
        } else {
            obstacles.add({ id: p.node.id, box: p.box, holder: p.node.children.length > 0 });
            // A broker's name, technology and badge stay clear even of the labels of its own channels' lines.
            if (p.node.children.length > 0) obstacles.add({ id: '', box: { x: p.box.x, y: p.box.y - 10, width: p.box.width + 10, height: NODE.compoundHeader }, holder: false });
        }
    }
    const labels = new SpatialIndex<{ id: string; box: Box }>();
    const lines = new SpatialIndex<{ id: string; box: Box }>();
    for (const edge of graph.edges) {
        const points = edgePoints(edge);
        for (let i = 1; i < points.length; i++) {
            const a = points[i - 1];
            const b = points[i];
            lines.add({ id: edge.id, box: { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) } });
        }
    }
    // A group's border counts like a line: a label on it would cut the box open.
    for (const p of placed) {
        if (!p.group) continue;
        const { x, y, width: w, height: h } = p.box;
        for (const side of [{ x, y, width: w, height: 0 }, { x, y: y + h, width: w, height: 0 }, { x, y, width: 0, height: h }, { x: x + w, y, width: 0, height: h }]) {
            lines.add({ id: '', box: side });
        }
    }
    const width = graph.width ?? Infinity;
    const height = graph.height ?? Infinity;
    // In a hairball (far more lines than boxes) every spot crosses some line: only boxes and labels count.
    const lineCost = graph.edges.length <= 4 * Math.max(1, placed.length);
    let place: Set<DiagramEdge> | undefined;
    if (only) {
        place = new Set(only);
        for (const edge of graph.edges) {
            if (place.has(edge) || !edge.label) continue;
            const box = edge.labelPosition;
            const own = new Set([...holders(edge.source), ...holders(edge.target)]);
            const covered = !box || [...obstacles.near(box)].some(o => !(o.holder && own.has(o.id)) && overlap(box, o.box, 0) > 0);
            if (covered) place.add(edge);
            else labels.add({ id: edge.id, box });
        }
    }
    for (const edge of graph.edges) {
        if (!edge.label || (place && !place.has(edge))) continue;
        const points = edgePoints(edge);
        if (points.length < 2) continue;
        const size = edgeLabelSize(edge.label);
        const own = new Set([...holders(edge.source), ...holders(edge.target)]);
        // The cost of a place: what it covers, counted only until it exceeds `limit` (the best so far).
        const cost = (box: Box, limit = Infinity): number => {
            if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) return Infinity;
            let covered = 0;
            for (const o of obstacles.near(box)) {
                // A compound box that holds an end of the edge (a broker around its topic) is where the line is meant to be.
                if (o.holder && own.has(o.id)) continue;
                covered += overlap(box, o.box, 2) * 4;
            }
            for (const l of labels.near(box)) covered += overlap(box, l.box, 3) * 4;
            if (covered > limit || !lineCost) return covered;
            // Crossing another edge's line is allowed, but a clear spot is better.
            for (const l of lines.near(box)) {
                if (l.id !== edge.id && overlap(box, { x: l.box.x - 0.5, y: l.box.y - 0.5, width: l.box.width + 1, height: l.box.height + 1 }, 0) > 0) covered += 40;
                if (covered > limit) break;
            }
            return covered;
        };
        let best: { box: Box; cost: number; distance: number } | undefined;
        for (const candidate of labelCandidates(points, size).slice(0, MAX_LABEL_CANDIDATES)) {
            const c = cost(candidate.box, best ? best.cost + (best.distance - candidate.distance) * 0.05 : Infinity);
            const total = c + candidate.distance * 0.05;
            if (!best || total < best.cost + best.distance * 0.05) best = { box: candidate.box, cost: c, distance: candidate.distance };
            if (c === 0 && candidate.distance === 0) break;
        }
        // ELK's own place stays when no spot on the route is better (a short edge between close boxes).
        const elkBox = edge.labelPosition;
        if (elkBox && (!best || (best.cost > 0 && cost(elkBox) < best.cost))) {
            labels.add({ id: edge.id, box: elkBox });
            continue;
        }
        if (!best) continue;
        const box = { x: round1(best.box.x), y: round1(best.box.y), width: size.width, height: size.height };
        edge.labelPosition = box;
        labels.add({ id: edge.id, box });
    }
}

/** Places tried per label, nearest the middle of its route first. */
const MAX_LABEL_CANDIDATES = 24;

function round1(value: number): number {
    return Math.round(value * 10) / 10;
}

function groupTitleWidth(node: DiagramNode): number {
    return GROUP.pad * 2 + textWidth(groupTitle(node.kind as GroupKind, node.label), FONT.group, true);
}

/** Overlapping area of two boxes, each grown by `margin`. */
function overlap(a: Box, b: Box, margin: number): number {
    const w = Math.min(a.x + a.width, b.x + b.width) + margin - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.height, b.y + b.height) + margin - Math.max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places for a label of `size` centred on the route, with their distance (along the route) from its
 * middle, nearest first. Vertical segments count a little farther: a label across a vertical line
 * reads less naturally than one on a horizontal line.
 */
function labelCandidates(points: Point[], size: { width: number; height: number }): { box: Box; distance: number }[] {
    let total = 0;
    const lengths: number[] = [];
    for (let i = 1; i < points.length; i++) {
        const length = Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
        lengths.push(length);
        total += length;
    }
    const middle = total / 2;
    const result: { box: Box; distance: number }[] = [];
    let start = 0;
    for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        const length = lengths[i - 1];
        const horizontal = Math.abs(a.y - b.y) < 0.5;
        const extent = horizontal ? size.width : size.height;
        // Keep clear of the ends, where arrowheads and the boxes are.
        const room = length - extent - 16;
        if (room >= 0) {
            const step = Math.max(8, extent / 2);
            for (let t = 0; t <= room + 0.01; t += step) {
                for (const at of t === 0 ? [room / 2] : [room / 2 - t, room / 2 + t]) {
                    if (at < 0 || at > room) continue;
                    const along = 8 + extent / 2 + at;
                    const f = length === 0 ? 0 : along / length;
                    const cx = a.x + (b.x - a.x) * f;
                    const cy = a.y + (b.y - a.y) * f;
                    const distance = Math.abs(start + along - middle) + (horizontal ? 0 : 40);
                    result.push({ box: { x: cx - size.width / 2, y: cy - size.height / 2, width: size.width, height: size.height }, distance });
                }
            }
        }
        start += length;
    }
    if (result.length === 0) {
        // A route too short for its label: beside the middle of its longest segment.
        let longest = 1;
        for (let i = 2; i < points.length; i++) if (lengths[i - 1] > lengths[longest - 1]) longest = i;
        const a = points[longest - 1];
        const b = points[longest];
        const cx = (a.x + b.x) / 2;
        const cy = (a.y + b.y) / 2;
        const horizontal = Math.abs(a.y - b.y) < 0.5;
        for (const side of [-1, 1]) {
            result.push(horizontal
                ? { box: { x: cx - size.width / 2, y: side < 0 ? cy - size.height - 3 : cy + 3, width: size.width, height: size.height }, distance: 0 }
                : { box: { x: side < 0 ? cx - size.width - 3 : cx + 3, y: cy - size.height / 2, width: size.width, height: size.height }, distance: 0 });
        }
    }
    return result.sort((p, q) => p.distance - q.distance);
}

/** A uniform grid over boxes, so a label looks only at what is near it (views of 1,000+ components). */
class SpatialIndex<T extends { box: Box }> {
    private readonly cells = new Map<number, T[]>();
    private static readonly CELL = 160;

    add(item: T): void {
        for (const key of this.keys(item.box)) {
            const list = this.cells.get(key);
            if (list) list.push(item);
            else this.cells.set(key, [item]);
        }
    }

    near(box: Box): Iterable<T> {
        const keys = this.keys(box);
        // Most boxes fall in one cell: its list as it is, without copying it into a set.
        if (keys.length === 1) return this.cells.get(keys[0]) ?? [];
        const result = new Set<T>();
        for (const key of keys) for (const item of this.cells.get(key) ?? []) result.add(item);
        return result;
    }

    /** The cells a box touches, each as one number (column and row packed), cheaper to hash than a string. */
    private keys(box: Box): number[] {
        const c = SpatialIndex.CELL;
        const keys: number[] = [];
        const x0 = Math.floor((box.x - 4) / c);
        const x1 = Math.floor((box.x + box.width + 4) / c);
        const y0 = Math.floor((box.y - 4) / c);
        const y1 = Math.floor((box.y + box.height + 4) / c);
        // Rows are 2^21 apart: a view would have to be over 300 million pixels tall for two to meet.
        for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(x * 2_097_152 + y);
        return keys;
    }
}

/**
 * Routes the edges ELK did not route (between groups laid out separately, or beyond the edge budget)
 * around the component boxes: an A* search for the shortest path with the fewest bends over a sparse
 * orthogonal grid whose lines run just outside every box near the two ends (Wybrow, Marriott and
 * Stuckey's orthogonal visibility graph, simplified). Groups are crossed freely, boxes never; the
 * search starts in a window around the two ends and widens it when no path fits. A window that
 * would need too big a grid (a line across a huge view) falls back to `connect`.
 */
class Router {
    private readonly boxes: { id: string; box: Box }[];
    private readonly holders: (id: string) => Set<string>;
    private readonly bounds: Box;
    private readonly index = new SpatialIndex<{ id: string; box: Box }>();
    private static readonly PAD = 8;
    private static readonly BEND = 24;
    private static readonly MAX_CELLS = 160_000;
    /**
     * Weight of A*'s estimate: a route costs at most this factor more than the cheapest (in length
     * plus bends), and the search settles a fraction of the states. On the 300-component view of the
     * edit benchmark (363 lines to route, 161 of them clear with at most two bends) the other 202
     * searches settled 865,000 states exactly, 319,000 once bends were estimated and 46,000
     * weighted: the whole `applyLayout` went from about 500 ms to about 120 ms.
     */
    private static readonly GREED = 1.25;

    constructor(graph: DiagramGraph) {
        const placed = placedNodes(graph);
        this.boxes = placed.filter(p => !p.group).map(p => ({ id: p.node.id, box: p.box }));
        for (const b of this.boxes) this.index.add(b);
        const parent = new Map(placed.map(p => [p.node.id, p.parent]));
        this.holders = (id: string) => {
            const result = new Set<string>([id]);
            for (let p = parent.get(id); p !== undefined && !result.has(p); p = parent.get(p)) result.add(p);
            return result;
        };
        this.bounds = { x: 0, y: 0, width: graph.width ?? 0, height: graph.height ?? 0 };
        this.byId = new Map(placed.map(p => [p.node.id, p.box]));
    }

    private readonly byId: Map<string, Box>;
    // Shared by every router: a search runs to its end without yielding, so one set serves them all
    // and a layout does not allocate (and zero) megabytes of them again.
    private static heap?: MinHeap;
    private static state?: { cost: Float64Array; from: Int32Array; seen: Uint32Array; closed: Uint32Array; generation: number };

    /**
     * The cheapest route with fewer than three bends, if one is clear: straight, an L (horizontal
     * first), else a Z whose middle leg lies nearest halfway, running across the larger distance first.
     */
    private direct(si: number, sj: number, gi: number, gj: number, across: (j: number, from: number, to: number) => boolean, along: (i: number, from: number, to: number) => boolean, xs: number[], ys: number[]): Point[] | undefined {
        const at = (i: number, j: number): Point => ({ x: xs[i], y: ys[j] });
        if (sj === gj) return across(sj, si, gi) ? [at(si, sj), at(gi, gj)] : undefined;
        if (si === gi) return along(si, sj, gj) ? [at(si, sj), at(gi, gj)] : undefined;
        if (across(sj, si, gi) && along(gi, sj, gj)) return [at(si, sj), at(gi, sj), at(gi, gj)];
        if (along(si, sj, gj) && across(gj, si, gi)) return [at(si, sj), at(si, gj), at(gi, gj)];
        const middle = (values: number[], a: number, b: number): number[] => {
            const half = (values[a] + values[b]) / 2;
            const list: number[] = [];
            for (let k = Math.min(a, b) + 1; k < Math.max(a, b); k++) list.push(k);
            return list.sort((p, q) => Math.abs(values[p] - half) - Math.abs(values[q] - half));
        };
        const sideways = (): Point[] | undefined => {
            for (const k of middle(xs, si, gi)) {
                if (across(sj, si, k) && along(k, sj, gj) && across(gj, k, gi)) return [at(si, sj), at(k, sj), at(k, gj), at(gi, gj)];
            }
            return undefined;
        };
        const upright = (): Point[] | undefined => {
            for (const k of middle(ys, sj, gj)) {
                if (along(si, sj, k) && across(k, si, gi) && along(gi, k, gj)) return [at(si, sj), at(si, k), at(gi, k), at(gi, gj)];
            }
            return undefined;
        };
        const wide = Math.abs(xs[gi] - xs[si]) >= Math.abs(ys[gj] - ys[sj]);
        return wide ? sideways() ?? upright() : upright() ?? sideways();
    }

    /** The search arrays, at least `size` long, with a fresh generation. */
    private buffers(size: number): { cost: Float64Array; from: Int32Array; seen: Uint32Array; closed: Uint32Array; generation: number } {
        let state = Router.state;
        // A generation that would wrap around starts the stamps afresh.
        if (!state || state.cost.length < size || state.generation >= 0xffffffff) {
            const length = Math.max(size, 2 * (state?.cost.length ?? 0), 4096);
            state = Router.state = { cost: new Float64Array(length), from: new Int32Array(length), seen: new Uint32Array(length), closed: new Uint32Array(length), generation: 0 };
        }
        state.generation++;
        return state;
    }

    route(edge: DiagramEdge): Point[] | undefined {
        const s = this.byId.get(edge.source);
        const t = this.byId.get(edge.target);
        if (!s || !t) return undefined;
        const own = new Set([...this.holders(edge.source), ...this.holders(edge.target)]);
        const left = Math.min(s.x, t.x);
        const top = Math.min(s.y, t.y);
        const right = Math.max(s.x + s.width, t.x + t.width);
        const bottom = Math.max(s.y + s.height, t.y + t.height);
        for (const margin of [60, 240, Infinity]) {
            const window: Box = margin === Infinity
                ? { x: this.bounds.x - 20, y: this.bounds.y - 20, width: this.bounds.width + 40, height: this.bounds.height + 40 }
                : { x: left - margin, y: top - margin, width: right - left + 2 * margin, height: bottom - top + 2 * margin };
            const result = this.search(s, t, own, window);
            if (result === 'too big') return undefined;
            if (result) return result;
        }
        return undefined;
    }

    private search(s: Box, t: Box, own: Set<string>, window: Box): Point[] | undefined | 'too big' {
        const pad = Router.PAD;
        const obstacles = [...this.index.near(window)]
            .filter(o => !own.has(o.id))
            .map(o => ({ x0: o.box.x - pad, y0: o.box.y - pad, x1: o.box.x + o.box.width + pad, y1: o.box.y + o.box.height + pad }));
        const start = { x: round1(s.x + s.width / 2), y: round1(s.y + s.height / 2) };
        const goal = { x: round1(t.x + t.width / 2), y: round1(t.y + t.height / 2) };
        const xs = unique([window.x, window.x + window.width, start.x, goal.x, ...obstacles.flatMap(o => [o.x0, o.x1])]
            .filter(x => x >= window.x && x <= window.x + window.width));
        const ys = unique([window.y, window.y + window.height, start.y, goal.y, ...obstacles.flatMap(o => [o.y0, o.y1])]
            .filter(y => y >= window.y && y <= window.y + window.height));
        const W = xs.length;
        const H = ys.length;
        if (W * H > Router.MAX_CELLS) return 'too big';
        // blocked point, and blocked segments to the right (h) and below (v) of each point.
        const point = new Uint8Array(W * H);
        const h = new Uint8Array(W * H);
        const v = new Uint8Array(W * H);
        const lower = (list: number[], value: number) => {
            let lo = 0;
            let hi = list.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (list[mid] < value) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        };
        for (const o of obstacles) {
            const i0 = lower(xs, o.x0);
            const i1 = lower(xs, o.x1);
            const j0 = lower(ys, o.y0);
            const j1 = lower(ys, o.y1);
            for (let i = i0; i < Math.min(i1 + 1, W); i++) {
                for (let j = j0; j < Math.min(j1 + 1, H); j++) {
                    const x = xs[i];
                    const y = ys[j];
                    const insideX = x > o.x0 && x < o.x1;
                    const insideY = y > o.y0 && y < o.y1;
                    if (insideX && insideY) point[i * H + j] = 1;
                    if (insideY && x >= o.x0 && i + 1 < W && xs[i + 1] <= o.x1) h[i * H + j] = 1;
                    if (insideX && y >= o.y0 && j + 1 < H && ys[j + 1] <= o.y1) v[i * H + j] = 1;
                }
            }
        }
        const si = xs.indexOf(start.x);
        const sj = ys.indexOf(start.y);
        const gi = xs.indexOf(goal.x);
        const gj = ys.indexOf(goal.y);
        if (si < 0 || sj < 0 || gi < 0 || gj < 0) return undefined;
        // Most lines need no search: when a route of the least length with no bend, one bend or two
        // bends is clear, no route costs less (every bend costs the same), and checking one is a
        // walk along a few grid lines instead of an A* over the whole window.
        const free = (i: number, j: number) => !point[i * H + j] || (i === gi && j === gj);
        const across = (j: number, from: number, to: number): boolean => {
            for (let i = from; i !== to;) {
                const next = i < to ? i + 1 : i - 1;
                if (h[Math.min(i, next) * H + j] || !free(next, j)) return false;
                i = next;
            }
            return true;
        };
        const along = (i: number, from: number, to: number): boolean => {
            for (let j = from; j !== to;) {
                const next = j < to ? j + 1 : j - 1;
                if (v[i * H + Math.min(j, next)] || !free(i, next)) return false;
                j = next;
            }
            return true;
        };
        const direct = this.direct(si, sj, gi, gj, across, along, xs, ys);
        if (direct) return clipToBoxes(simplify(direct), s, t);
        // A* over (point, direction of arrival): 4 directions, so bends can be charged. The arrays are
        // kept between searches (a view routes hundreds of edges) and told apart by a generation
        // stamp, so no search pays for allocating and clearing them.
        const size = W * H * 4;
        const buffers = this.buffers(size);
        const { cost, from, seen, closed } = buffers;
        const generation = buffers.generation;
        const heap = (Router.heap ??= new MinHeap());
        heap.clear();
        const heuristic = (i: number, j: number) => Math.abs(xs[i] - goal.x) + Math.abs(ys[j] - goal.y);
        // The least number of bends still to make, arriving at (i, j) in direction d: none when the
        // goal lies straight ahead, two when it lies behind or needs a turn and a turn back, else one.
        // Counting them keeps A* from widening over every detour shorter than one bend.
        const bends = (i: number, j: number, d: number): number => {
            const dx = goal.x - xs[i];
            const dy = goal.y - ys[j];
            const ahead = d === 0 ? dx > 0 : d === 1 ? dx < 0 : d === 2 ? dy > 0 : dy < 0;
            const horizontal = d < 2;
            if (dx === 0 && dy === 0) return 0;
            if (horizontal ? dy === 0 : dx === 0) return ahead ? 0 : 2;
            if (horizontal ? dx === 0 : dy === 0) return 1;
            return ahead ? 1 : 2;
        };
        for (let d = 0; d < 4; d++) {
            const state = (si * H + sj) * 4 + d;
            cost[state] = 0;
            from[state] = -1;
            seen[state] = generation;
            heap.push(state, heuristic(si, sj));
        }
        const DI = [1, -1, 0, 0];
        const DJ = [0, 0, 1, -1];
        let end = -1;
        while (heap.size > 0) {
            const state = heap.pop();
            // A state is settled the first time it leaves the heap; later copies of it are stale. The
            // estimate (distance plus the bends still needed) never exceeds what is left, so with the
            // weight a settled state costs at most `GREED` times its cheapest, and so does the route.
            if (closed[state] === generation) continue;
            closed[state] = generation;
            const d = state & 3;
            const cell = state >> 2;
            const i = Math.floor(cell / H);
            const j = cell - i * H;
            if (i === gi && j === gj) {
                end = state;
                break;
            }
            const here = cost[state];
            for (let nd = 0; nd < 4; nd++) {
                const ni = i + DI[nd];
                const nj = j + DJ[nd];
                if (ni < 0 || nj < 0 || ni >= W || nj >= H) continue;
                if (point[ni * H + nj] && !(ni === gi && nj === gj)) continue;
                const blocked = nd === 0 ? h[i * H + j] : nd === 1 ? h[ni * H + nj] : nd === 2 ? v[i * H + j] : v[ni * H + nj];
                if (blocked) continue;
                const next = (ni * H + nj) * 4 + nd;
                if (closed[next] === generation) continue;
                const step = Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (nd === d || here === 0 ? 0 : Router.BEND);
                const total = here + step;
                if (seen[next] !== generation || total < cost[next]) {
                    seen[next] = generation;
                    cost[next] = total;
                    from[next] = state;
                    // The estimate is weighted (`Router.GREED`), and among equal estimates the state
                    // nearer the goal goes first: between rows of boxes there are many routes of
                    // nearly the same cost, and an exact search widens over all of them.
                    const rest = (heuristic(ni, nj) + bends(ni, nj, nd) * Router.BEND) * Router.GREED;
                    heap.push(next, total + rest + rest * 1e-6);
                }
            }
        }
        if (end < 0) return undefined;
        const path: Point[] = [];
        for (let state = end; state >= 0; state = from[state]) {
            const cell = state >> 2;
            path.push({ x: xs[Math.floor(cell / H)], y: ys[cell % H] });
        }
        path.reverse();
        return clipToBoxes(simplify(path), s, t);
    }
}

function unique(values: number[]): number[] {
    // A typed array sorts numbers natively, without calling a comparator for each pair.
    const sorted = Float64Array.from(values, round1).sort();
    const result: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) result.push(sorted[i]);
    return result;
}

/** Drops repeated points and the middle of three collinear points. */
function simplify(points: Point[]): Point[] {
    const result: Point[] = [];
    for (const p of points) {
        const last = result[result.length - 1];
        if (last && last.x === p.x && last.y === p.y) continue;
        if (result.length >= 2) {
            const a = result[result.length - 2];
            if ((a.x === last.x && last.x === p.x) || (a.y === last.y && last.y === p.y)) result.pop();
        }
        result.push(p);
    }
    return result;
}

/** The route from the centre of `s` to the centre of `t`, cut where it leaves `s` and where it enters `t`. */
function clipToBoxes(points: Point[], s: Box, t: Box): Point[] {
    const inside = (p: Point, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
    const exit = (a: Point, b: Point, box: Box): Point => {
        // a is inside the box, b outside; the segment is horizontal or vertical.
        if (a.y === b.y) return { x: b.x > a.x ? box.x + box.width : box.x, y: a.y };
        return { x: a.x, y: b.y > a.y ? box.y + box.height : box.y };
    };
    let first = 0;
    while (first + 1 < points.length && inside(points[first + 1], s)) first++;
    let last = points.length - 1;
    while (last - 1 > first && inside(points[last - 1], t)) last--;
    if (first + 1 > last) return [points[0], points[points.length - 1]];
    const head = first + 1 < points.length && !inside(points[first + 1], s) ? exit(points[first], points[first + 1], s) : points[first];
    const tail = last - 1 >= 0 && !inside(points[last - 1], t) ? exit(points[last], points[last - 1], t) : points[last];
    return [head, ...points.slice(first + 1, last), tail];
}

/** A binary min-heap of integer states by priority. */
class MinHeap {
    private readonly states: number[] = [];
    private readonly priorities: number[] = [];

    get size(): number {
        return this.states.length;
    }

    clear(): void {
        this.states.length = 0;
        this.priorities.length = 0;
    }

    push(state: number, priority: number): void {
        const s = this.states;
        const p = this.priorities;
        let i = s.length;
        s.push(state);
        p.push(priority);
        while (i > 0) {
            const up = (i - 1) >> 1;
            if (p[up] <= priority) break;
            s[i] = s[up];
            p[i] = p[up];
            i = up;
        }
        s[i] = state;
        p[i] = priority;
    }

    pop(): number {
        const s = this.states;
        const p = this.priorities;
        const top = s[0];
        const state = s.pop()!;
        const priority = p.pop()!;
        if (s.length > 0) {
            let i = 0;
            for (;;) {
                let child = 2 * i + 1;
                if (child >= s.length) break;
                if (child + 1 < s.length && p[child + 1] < p[child]) child++;
                if (p[child] >= priority) break;
                s[i] = s[child];
                p[i] = p[child];
                i = child;
            }
            s[i] = state;
            p[i] = priority;
        }
        return top;
    }
}

/** Closer than this, two parallel lines read as one; they are moved apart to `PARALLEL_SPACING`. */
const PARALLEL_GAP = 12;
const PARALLEL_SPACING = 16;
/** Only lines that run side by side for this long are worth moving. */
const PARALLEL_LENGTH = 120;

/**
 * Moves apart segments of different edges that run side by side closer than `PARALLEL_GAP` for a
 * long way. ELK keeps its edge spacing among the edges of one container, but two edges routed in
 * different groups (a read inside a region, a write from the region to a store outside) can end up
 * 10 px apart for hundreds of pixels. One of the two segments is shifted sideways (its neighbours
 * stretch to follow); a segment that ends on a box only moves along that box's side, and a shift
 * that would take the line through a box is not made. With `movable`, only pairs with one of those
 * edges are looked at, and only those edges move (the others keep the route of a previous picture).
 */
export function spreadParallels(graph: DiagramGraph, movable?: ReadonlySet<DiagramEdge>): void {
    const placed = placedNodes(graph);
    const boxes = placed.filter(p => !p.group);
    const byId = new Map(placed.map(p => [p.node.id, p]));
    const holders = (id: string) => {
        const result = new Set<string>([id]);
        for (let p = byId.get(id)?.parent; p !== undefined && !result.has(p); p = byId.get(p)?.parent) result.add(p);
        return result;
    };
    const index = new SpatialIndex<{ id: string; box: Box }>();
    for (const b of boxes) index.add({ id: b.node.id, box: b.box });
    const groupBorders = placed.filter(p => p.group || p.node.children.length > 0).map(p => p.box);
    type Segment = { edge: DiagramEdge; k: number; horizontal: boolean; at: number; from: number; to: number };
    const routes = new Map<DiagramEdge, Point[]>();
    const segments: Segment[] = [];
    for (const edge of graph.edges) {
        const points = edgePoints(edge).map(p => ({ ...p }));
        routes.set(edge, points);
        for (let k = 0; k + 1 < points.length; k++) {
            const a = points[k];
            const b = points[k + 1];
            if (Math.abs(a.y - b.y) < 0.5 && Math.abs(a.x - b.x) >= PARALLEL_LENGTH) segments.push({ edge, k, horizontal: true, at: a.y, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) });
            else if (Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) >= PARALLEL_LENGTH) segments.push({ edge, k, horizontal: false, at: a.x, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) });
        }
    }
    const tryShift = (seg: Segment, by: number): boolean => {
        const points = routes.get(seg.edge)!;
        const moved = points.map(p => ({ ...p }));
        const axis = seg.horizontal ? 'y' : 'x';
        moved[seg.k][axis] += by;
        moved[seg.k + 1][axis] += by;
        // An end on a box moves along the box's side and must stay on it.
        const onSide = (p: Point, id: string) => {
            const box = byId.get(id)?.box;
            if (!box) return false;
            return seg.horizontal ? p.y >= box.y + 4 && p.y <= box.y + box.height - 4 : p.x >= box.x + 4 && p.x <= box.x + box.width - 4;
        };
        if (seg.k === 0 && !onSide(moved[0], seg.edge.source)) return false;
        if (seg.k + 1 === moved.length - 1 && !onSide(moved[moved.length - 1], seg.edge.target)) return false;
        const own = new Set([...holders(seg.edge.source), ...holders(seg.edge.target)]);
        for (let i = Math.max(0, seg.k - 1); i <= Math.min(moved.length - 2, seg.k + 1); i++) {
            const a = moved[i];
            const b = moved[i + 1];
            const span = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
            for (const o of index.near(span)) {
                if (own.has(o.id)) continue;
                const interior = { x: o.box.x + 1, y: o.box.y + 1, width: o.box.width - 2, height: o.box.height - 2 };
                if (segmentCrossesBox(a, b, interior)) return false;
            }
        }
        // Nor onto a group's border, where the line would read as part of the box.
        const at = seg.at + by;
        for (const g of groupBorders) {
            const [low, high] = seg.horizontal ? [g.x, g.x + g.width] : [g.y, g.y + g.height];
            if (Math.min(high, seg.to) - Math.max(low, seg.from) <= 0) continue;
            const sides = seg.horizontal ? [g.y, g.y + g.height] : [g.x, g.x + g.width];
            if (sides.some(side => Math.abs(side - at) < 6)) return false;
        }
        points.splice(0, points.length, ...moved);
        seg.at = at;
        return true;
    };
    const changed = new Set<DiagramEdge>();
    for (const horizontal of [true, false]) {
        const list = segments.filter(s => s.horizontal === horizontal).sort((a, b) => a.at - b.at);
        for (let i = 0; i < list.length; i++) {
            for (let j = i + 1; j < list.length && list[j].at - list[i].at < PARALLEL_GAP; j++) {
                const a = list[i];
                const b = list[j];
                if (a.edge === b.edge) continue;
                if (movable && !movable.has(a.edge) && !movable.has(b.edge)) continue;
                const gap = Math.abs(b.at - a.at);
                // On the same track: edges that share a port on purpose.
                if (gap < 0.5) continue;
                if (Math.min(a.to, b.to) - Math.max(a.from, b.from) < PARALLEL_LENGTH) continue;
                const push = PARALLEL_SPACING - gap;
                const away = b.at >= a.at ? 1 : -1;
                if ((!movable || movable.has(b.edge)) && tryShift(b, away * push)) changed.add(b.edge);
                else if ((!movable || movable.has(a.edge)) && tryShift(a, -away * push)) changed.add(a.edge);
            }
        }
    }
    for (const edge of changed) {
        const points = routes.get(edge)!;
        edge.sections = [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }];
    }
}
