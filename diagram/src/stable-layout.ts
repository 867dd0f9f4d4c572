/**
 * Stable layout: keeps a view's picture steady across edits. Given the ELK graph about to be laid
 * out and the previous laid-out graph of the same view, tells ELK where every node was drawn, so
 * its crossing minimisation keeps the order of the nodes in each layer as it was, and new nodes go
 * below the ones already there instead of between them.
 *
 * Measured on every view of the examples with one service added (scripts/bench-diagram.ts prints the
 * table): ELK's semi-interactive crossing minimisation fed with the previous positions (`elk.position`)
 * moved the other nodes least (mean 60 px, 33 px once the pictures are aligned, against 71 and 44
 * px laid out afresh) and never swapped two nodes of a layer (24 swaps afresh). The fully interactive
 * strategies (layering and cycle breaking from positions, interactive, linear-segment or
 * network-simplex node placement) moved them more (45 to 79 px aligned), and so did sorting the
 * children by their previous position for the model-order strategies (74 px): a new node then lands
 * in the middle of a layer and pushes half of it away. Layers and the placement within them are
 * still ELK's, so a node that opens a new column (a new caller of the first service) shifts the
 * picture right, and a group that gains a row pushes what is below it down; `alignmentOffset` gives
 * the preview the overall shift to compensate for.
 */
import type { ElkNode } from './layout.js';
import type { DiagramGraph, DiagramNode } from './types.js';

interface Before {
    x: number;
    y: number;
    /** Bottom edge, relative to the parent, to place new siblings below. */
    bottom: number;
    /** The parent's id (undefined: the root). */
    parent: string | undefined;
}

/** Positions beyond this are not a picture anyone drew; they would also print in exponent form, which ELK does not parse. */
const LIMIT = 1e6;

function finite(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < LIMIT;
}

/** Every node of the previous graph with a usable position, by id (the first of a repeated id wins). */
function previousPositions(previous: DiagramGraph): Map<string, Before> {
    const before = new Map<string, Before>();
    // The previous graph came through a postMessage or from a file: walk it with an explicit stack
    // (no recursion limit on deep nesting) and trust no field to be there.
    const stack: { list: unknown; parent: string | undefined }[] = [{ list: previous?.nodes, parent: undefined }];
    while (stack.length > 0) {
        const { list, parent } = stack.pop()!;
        if (!Array.isArray(list)) continue;
        for (const n of list as DiagramNode[]) {
            if (!n || typeof n.id !== 'string' || before.has(n.id)) continue;
            if (finite(n.x) && finite(n.y)) {
                const height = finite(n.height) ? n.height : 0;
                before.set(n.id, { x: n.x, y: n.y, bottom: n.y + height, parent });
            }
            stack.push({ list: n.children, parent: n.id });
        }
    }
    return before;
}

/** The compound nodes of the ELK graph (those with children), the root first. */
function compounds(root: ElkNode): ElkNode[] {
    const result: ElkNode[] = [];
    const stack = [root];
    const seen = new Set<ElkNode>();
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (seen.has(node) || !node.children || node.children.length === 0) continue;
        seen.add(node);
        result.push(node);
        for (const child of node.children) stack.push(child);
    }
    return result;
}

/** Room between a new node and the one above it; only their order matters to ELK, not the distance. */
const GAP = 28;

function point(x: number, y: number): string {
    const round = (v: number) => Math.round(v * 100) / 100;
    return `(${round(x)}, ${round(y)})`;
}

/**
 * Gives every child of every compound node of `root` its previous position (relative to its parent)
 * as `elk.position`, and turns on semi-interactive crossing minimisation there (with fewer restarts),
 * so ELK keeps the order of the nodes within each layer. A node that is new to its parent (added, or moved in from
 * another group) goes below its siblings, in model order. A compound none of whose children were
 * drawn before is left to ELK alone. Linear in the size of both graphs; never throws.
 */
export function stabilize(root: ElkNode, previous: DiagramGraph): void {
    try {
        const before = previousPositions(previous);
        if (before.size === 0) return;
        // The previous order is a good start, so crossing minimisation, ELK's costliest phase, gets
        // fewer random restarts than its default 7. Measured on the examples: 5 keeps the pictures as
        // steady as 7 (steadier when the added service is removed again), 3 and 1 let them move more.
        // A lower value already on the root (dense graphs) stays.
        const set = Number(root.layoutOptions?.['elk.layered.thoroughness']);
        const thoroughness = String(Number.isInteger(set) && set >= 1 ? Math.min(set, STABLE_THOROUGHNESS) : STABLE_THOROUGHNESS);
        for (const node of compounds(root)) placeChildren(node, node === root ? undefined : node.id, before, thoroughness);
    } catch {
        // Nothing here throws on any input we know of; should something, the layout goes on without
        // the previous picture rather than fail (each child's options are written whole, never half).
    }
}

function placeChildren(node: ElkNode, parent: string | undefined, before: Map<string, Before>, thoroughness: string): void {
    const children = node.children!;
    let bottom = -Infinity;
    let left = Infinity;
    const known = children.map(child => {
        const b = before.get(child.id);
        // Drawn before, but in another group: its old position says nothing about its place here.
        if (!b || b.parent !== parent) return undefined;
        bottom = Math.max(bottom, b.bottom);
        left = Math.min(left, b.x);
        return b;
    });
    if (bottom === -Infinity) return;
    let next = bottom + GAP;
    children.forEach((child, i) => {
        const b = known[i];
        let position: string;
        if (b) {
            position = point(b.x, b.y);
        } else {
            position = point(left, next);
            next += (child.height ?? 0) + GAP;
        }
        child.layoutOptions = { ...child.layoutOptions, 'elk.position': position };
    });
    node.layoutOptions = { ...node.layoutOptions, 'elk.layered.crossingMinimization.semiInteractive': 'true', 'elk.layered.thoroughness': thoroughness };
}

/** Crossing-minimisation restarts with a previous picture (see `stabilize`). */
const STABLE_THOROUGHNESS = 5;

/** Absolute top-left corners of every node of a laid-out graph (the first of a repeated id). */
function corners(graph: DiagramGraph): Map<string, { x: number; y: number }> {
    const result = new Map<string, { x: number; y: number }>();
    const stack: { list: unknown; x: number; y: number }[] = [{ list: graph?.nodes, x: 0, y: 0 }];
    while (stack.length > 0) {
        const { list, x: ox, y: oy } = stack.pop()!;
        if (!Array.isArray(list)) continue;
        for (const n of list as DiagramNode[]) {
            if (!n || typeof n.id !== 'string' || result.has(n.id) || !finite(n.x) || !finite(n.y)) continue;
            const x = ox + n.x;
            const y = oy + n.y;
            result.set(n.id, { x, y });
            stack.push({ list: n.children, x, y });
        }
    }
    return result;
}

function median(values: number[]): number {
    if (values.length === 0) return 0;
    const sorted = values.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * How far the new picture as a whole moved against the previous one: the median shift of the nodes
 * both draw (0, 0 when they share none). A node that opens a new column on the left shifts the whole
 * picture right; the preview moves its view by this offset, so the nodes that were there stay where
 * the eye left them.
 */
export function alignmentOffset(previous: DiagramGraph, next: DiagramGraph): { x: number; y: number } {
    const before = corners(previous);
    const dx: number[] = [];
    const dy: number[] = [];
    for (const [id, p] of corners(next)) {
        const q = before.get(id);
        if (!q) continue;
        dx.push(p.x - q.x);
        dy.push(p.y - q.y);
    }
    return { x: median(dx), y: median(dy) };
}
