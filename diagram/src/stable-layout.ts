/**
 * Stable layout: keeps a view's picture steady across edits, in two steps.
 *
 * 1. `stabilize`: ELK is told where every node was drawn (`elk.position`, semi-interactive crossing
 *    minimisation), so its layout keeps the order of the nodes in each layer and puts new nodes below
 *    the ones already there. On its own this still moved the other nodes 33 px on average once the
 *    pictures were aligned (44 px laid out afresh): layers and the placement within them are ELK's,
 *    so a node that opens a new column shifts the picture, and a group that gains a row pushes what
 *    is below it down.
 * 2. `keepPrevious`: the previous picture itself is kept. Every node drawn before in the same parent
 *    keeps its position; what is new goes where step 1 put it relative to the kept nodes, or to the
 *    nearest free place beside them; groups grow to hold their children and push what they now cover.
 *    The layout then draws the lines again (ELK's routes where both ends moved together, the router
 *    around the boxes otherwise) and keeps this picture only when no line crosses a box and no label
 *    or box overlaps another; else step 1's picture is used.
 *
 * Measured on every view of the examples with one service added and removed again
 * (scripts/bench-diagram.ts prints the table): the other nodes do not move (0 px, against 33 px with
 * step 1 alone), and no two nodes of a layer swap. `alignmentOffset` gives the preview the overall
 * shift of a picture that did move (step 1's, when the kept one could not be drawn).
 */
import type { ElkNode } from './layout.js';
import { compoundPadding } from './metrics.js';
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

/**
 * At most this many new nodes are placed into the previous picture without ELK (`placeNew`): an
 * edit adds one or a few; more go to ELK, whose picture places them against each other too.
 */
const QUICK_NEW = 8;
/** Room between a new node and the neighbour it is placed before or after (ELK's room between layers). */
const LAYER_GAP = 56;

/**
 * The previous picture with what is new placed into it by sysd alone, without ELK: every node drawn
 * before in the same parent keeps its position, and a new node goes beside the neighbour it is
 * connected to in its own container (before a node it sends to, after one that sends to it, the
 * flow running left to right), or below its siblings when it has none there, at the nearest free
 * place (`keepPrevious` does the placing; groups grow and push what they cover). A new group (a zone
 * that gets its first component, a broker with its topics) is laid out inside in columns by the
 * same rule, then placed as one box. Undefined when the edit is not one this can place: more than
 * `QUICK_NEW` new nodes, or a previous picture that shares too little. The caller routes the edges
 * and checks the result; ELK is the fallback. Never throws.
 */
export function placeNew(graph: DiagramGraph, previous: DiagramGraph): DiagramGraph | undefined {
    try {
        const before = previousPositions(previous);
        if (before.size === 0) return undefined;
        const pseudo: DiagramGraph = structuredClone(graph);
        const parentOf = new Map<string, string | undefined>();
        const nodeOf = new Map<string, DiagramNode>();
        const siblingsOf = new Map<string | undefined, DiagramNode[]>();
        const fresh: DiagramNode[] = [];
        let added = 0;
        let repeated = false;
        const register = (list: DiagramNode[], parent: string | undefined) => {
            siblingsOf.set(parent, list);
            for (const n of list) {
                if (nodeOf.has(n.id)) repeated = true;
                nodeOf.set(n.id, n);
                parentOf.set(n.id, parent);
                register(n.children, n.id);
            }
        };
        register(pseudo.nodes, undefined);
        if (repeated) return undefined;
        const sort = (list: DiagramNode[], parent: string | undefined) => {
            for (const n of list) {
                const b = before.get(n.id);
                if (b !== undefined && b.parent === parent) {
                    n.x = b.x;
                    n.y = b.y;
                    sort(n.children, n.id);
                } else {
                    fresh.push(n);
                    added += countAll(n);
                }
            }
        };
        sort(pseudo.nodes, undefined);
        if (added > QUICK_NEW) return undefined;
        const placed = new Set<string>(nodeOf.keys());
        const unplace = (n: DiagramNode) => {
            placed.delete(n.id);
            for (const c of n.children) unplace(c);
        };
        for (const n of fresh) unplace(n);
        const links = new Map<string, { other: string; out: boolean }[]>();
        const link = (id: string, other: string, out: boolean) => {
            const list = links.get(id);
            if (list) list.push({ other, out });
            else links.set(id, [{ other, out }]);
        };
        for (const e of graph.edges) {
            if (e.source === e.target) continue;
            link(e.source, e.target, true);
            link(e.target, e.source, false);
        }
        /** The node in `parent` that is `id` or holds it. */
        const inParent = (id: string, parent: string | undefined): string | undefined => {
            const seen = new Set<string>();
            for (let at: string | undefined = id; at !== undefined && !seen.has(at); at = parentOf.get(at)) {
                seen.add(at);
                if (parentOf.get(at) === parent) return at;
            }
            return undefined;
        };
        /** The links of a node and of everything inside it. */
        const linksOf = (n: DiagramNode): { other: string; out: boolean }[] => {
            if (n.children.length === 0) return links.get(n.id) ?? [];
            const result: { other: string; out: boolean }[] = [...(links.get(n.id) ?? [])];
            for (const c of n.children) result.push(...linksOf(c));
            return result;
        };
        /** Where a new node wants to go beside its placed neighbours in its container, if it has any. */
        const beside = (n: DiagramNode): { x: number; y: number } | undefined => {
            const parent = parentOf.get(n.id);
            let sx = 0;
            let sy = 0;
            let count = 0;
            for (const { other, out } of linksOf(n)) {
                const k = inParent(other, parent);
                if (k === undefined || k === n.id || !placed.has(k) || !placed.has(other)) continue;
                // The neighbour itself, in the container's coordinates (it may be deep inside a group
                // there: the new node wants to be near it, and `freeSpot` takes the nearest free place).
                const m = nodeOf.get(other)!;
                let mx = m.x ?? 0;
                let my = m.y ?? 0;
                for (let at = parentOf.get(other); at !== undefined && at !== parent; at = parentOf.get(at)) {
                    mx += nodeOf.get(at)?.x ?? 0;
                    my += nodeOf.get(at)?.y ?? 0;
                }
                sx += out ? mx - LAYER_GAP - n.width : mx + m.width + LAYER_GAP;
                sy += my + (m.height - n.height) / 2;
                count++;
            }
            return count === 0 ? undefined : { x: sx / count, y: sy / count };
        };
        const below = (n: DiagramNode): { x: number; y: number } => {
            let left = Infinity;
            let bottom = -Infinity;
            for (const s of siblingsOf.get(parentOf.get(n.id)) ?? []) {
                if (s === n || !placed.has(s.id)) continue;
                left = Math.min(left, s.x ?? 0);
                bottom = Math.max(bottom, (s.y ?? 0) + s.height);
            }
            return bottom === -Infinity ? { x: 0, y: 0 } : { x: left, y: bottom + GAP };
        };
        /** Lays out the inside of a new group: its children in columns, each after the ones it is reached from. */
        const fill = (n: DiagramNode) => {
            const children = n.children;
            if (children.length === 0) return;
            for (const c of children) fill(c);
            const owner = new Map<string, number>();
            const own = (m: DiagramNode, i: number) => {
                owner.set(m.id, i);
                for (const c of m.children) own(c, i);
            };
            children.forEach(own);
            const pairs: [number, number][] = [];
            for (const e of graph.edges) {
                const a = owner.get(e.source);
                const b = owner.get(e.target);
                if (a !== undefined && b !== undefined && a !== b) pairs.push([a, b]);
            }
            // Longest path from the sources; a cycle stops at the number of children.
            const layer = children.map(() => 0);
            for (let round = 0; round < children.length; round++) {
                let changed = false;
                for (const [a, b] of pairs) {
                    if (layer[b] < layer[a] + 1 && layer[a] + 1 < children.length) {
                        layer[b] = layer[a] + 1;
                        changed = true;
                    }
                }
                if (!changed) break;
            }
            const pad = compoundPadding(n.kind);
            const columns = Math.max(...layer) + 1;
            const widths = Array.from({ length: columns }, (_, l) => Math.max(0, ...children.filter((_, i) => layer[i] === l).map(c => c.width)));
            let x = pad.left;
            let right = 0;
            let bottom = 0;
            for (let l = 0; l < columns; l++) {
                let y = pad.top;
                children.forEach((c, i) => {
                    if (layer[i] !== l) return;
                    c.x = x;
                    c.y = y;
                    y += c.height + GAP;
                    right = Math.max(right, x + c.width);
                    bottom = Math.max(bottom, c.y + c.height);
                });
                if (widths[l] > 0) x += widths[l] + LAYER_GAP;
            }
            n.width = Math.max(n.width, right + pad.right);
            n.height = Math.max(n.height, bottom + pad.bottom);
        };
        for (const n of fresh) fill(n);
        // Nodes next to placed neighbours first; one next to another new node once that one has a place.
        let pending = fresh;
        while (pending.length > 0) {
            const waiting: DiagramNode[] = [];
            for (const n of pending) {
                const spot = beside(n);
                if (!spot) {
                    waiting.push(n);
                    continue;
                }
                n.x = spot.x;
                n.y = spot.y;
                placed.add(n.id);
            }
            if (waiting.length === pending.length) {
                const n = waiting.shift()!;
                const spot = below(n);
                n.x = spot.x;
                n.y = spot.y;
                placed.add(n.id);
            }
            pending = waiting;
        }
        return keepPrevious(graph, pseudo, previous, false);
    } catch {
        return undefined;
    }
}

function countAll(n: DiagramNode): number {
    let count = 1;
    for (const c of n.children) count += countAll(c);
    return count;
}

/** Room kept between a new node and the boxes around it (ELK's node spacing). */
const NEW_GAP = 28;
/** Room kept between two boxes that were both drawn before, when one grew into the other. */
const KEPT_GAP = 20;
/** The previous picture is kept only when it already draws at least this share of the new graph's nodes. */
const KEPT_SHARE = 0.5;
/**
 * Nor when more than this many nodes (or this share of them, when more) are new: an edit adds a few,
 * and each new one is fitted in by trying places beside every box of its container, a cost that grows
 * with the square of the container's size (a pasted block of hundreds goes to ELK's picture instead).
 */
const KEPT_NEW = 40;
const KEPT_NEW_SHARE = 0.05;

interface Sized {
    node: DiagramNode;
    /** Whether the node was drawn before in the same parent (its previous position is kept). */
    kept: boolean;
}

/**
 * The previous picture, kept: every node drawn before in the same parent keeps its previous
 * position relative to its parent; a node new to its parent goes where ELK put it relative to the
 * kept nodes around it, or failing room there, to the nearest free place next to one of them; a
 * group grows (right and down) to hold its children, and a box that a grown neighbour now covers
 * is pushed right or down, whichever is the shorter move. `laidOut` is ELK's layout of `graph` made
 * with the previous picture (`stabilize`): its sizes, and its places for what is new (or `placeNew`'s
 * own places, without ELK). Returns a copy of `laidOut` (`laidOut` itself when `copy` is false) with
 * the kept positions and no edge routes (the caller routes the edges again), or undefined when the
 * previous picture shares too little with this one to be worth keeping. Never throws.
 */
export function keepPrevious(graph: DiagramGraph, laidOut: DiagramGraph, previous: DiagramGraph, copy = true): DiagramGraph | undefined {
    try {
        const before = previousPositions(previous);
        if (before.size === 0) return undefined;
        const minimum = new Map<string, { width: number; height: number }>();
        const sizes = (list: readonly DiagramNode[]) => {
            for (const n of list) {
                if (!minimum.has(n.id)) minimum.set(n.id, { width: n.width, height: n.height });
                sizes(n.children);
            }
        };
        sizes(graph.nodes);
        const kept: DiagramGraph = copy ? structuredClone(laidOut) : laidOut;
        let total = 0;
        let shared = 0;
        const count = (list: readonly DiagramNode[], parent: string | undefined) => {
            for (const n of list) {
                total++;
                const b = before.get(n.id);
                if (b !== undefined && b.parent === parent) shared++;
                count(n.children, n.id);
            }
        };
        count(kept.nodes, undefined);
        if (shared < Math.max(1, total * KEPT_SHARE) || total - shared > Math.max(KEPT_NEW, total * KEPT_NEW_SHARE)) return undefined;
        const root = arrange(kept.nodes, undefined, { top: 16, left: 16, bottom: 16, right: 16 }, before, minimum);
        kept.width = root.width;
        kept.height = root.height;
        for (const edge of kept.edges) {
            delete edge.sections;
            delete edge.labelPosition;
        }
        return kept;
    } catch {
        return undefined;
    }
}

type Padding = { top: number; left: number; bottom: number; right: number };

/**
 * Places `list` (the children of `parent`) as described at `keepPrevious`, innermost first, and
 * returns the size their container needs (padding included).
 */
function arrange(list: DiagramNode[], parent: string | undefined, padding: Padding, before: Map<string, Before>, minimum: Map<string, { width: number; height: number }>): { width: number; height: number } {
    const items: Sized[] = [];
    const shiftX: number[] = [];
    const shiftY: number[] = [];
    for (const node of list) {
        const b = before.get(node.id);
        const kept = b !== undefined && b.parent === parent;
        if (kept) {
            // ELK's place against the previous one: the median tells where ELK's picture of this
            // container sits against the kept one, to translate ELK's places for new nodes.
            shiftX.push((node.x ?? 0) - b.x);
            shiftY.push((node.y ?? 0) - b.y);
            if (node.children.length > 0) {
                const size = arrange(node.children, node.id, compoundPadding(node.kind), before, minimum);
                const least = minimum.get(node.id) ?? size;
                node.width = Math.max(least.width, size.width);
                node.height = Math.max(least.height, size.height);
            }
            node.x = b.x;
            node.y = b.y;
        }
        items.push({ node, kept });
    }
    const dx = median(shiftX);
    const dy = median(shiftY);
    const fixed = items.filter(i => i.kept).map(i => i.node);
    if (fixed.length > 0) {
        // A kept box that grew (a group with a new child) may now cover a neighbour: push it away.
        separate(fixed, KEPT_GAP);
        for (const item of items) {
            if (item.kept) continue;
            const node = item.node;
            const wanted = { x: Math.max(padding.left, (node.x ?? 0) - dx), y: Math.max(padding.top, (node.y ?? 0) - dy) };
            const spot = freeSpot(node, wanted, fixed, padding);
            node.x = spot.x;
            node.y = spot.y;
            fixed.push(node);
        }
    }
    // Children start inside the padding (a previous picture from elsewhere may say otherwise).
    let left = Infinity;
    let top = Infinity;
    for (const n of list) {
        left = Math.min(left, n.x ?? 0);
        top = Math.min(top, n.y ?? 0);
    }
    const moveX = left < padding.left ? padding.left - left : 0;
    const moveY = top < padding.top ? padding.top - top : 0;
    let right = 0;
    let bottom = 0;
    for (const n of list) {
        n.x = (n.x ?? 0) + moveX;
        n.y = (n.y ?? 0) + moveY;
        right = Math.max(right, n.x + n.width);
        bottom = Math.max(bottom, n.y + n.height);
    }
    return { width: right + padding.right, height: bottom + padding.bottom };
}

/** Rounds of `separate`; one grown group needs one or two. */
const SEPARATE_ROUNDS = 50;

function clear(a: DiagramNode, b: DiagramNode, gap: number): boolean {
    return (a.x ?? 0) + a.width + gap <= (b.x ?? 0) || (b.x ?? 0) + b.width + gap <= (a.x ?? 0)
        || (a.y ?? 0) + a.height + gap <= (b.y ?? 0) || (b.y ?? 0) + b.height + gap <= (a.y ?? 0);
}

/**
 * Pushes boxes apart until no two are closer than `gap`: of two that are, the one further right
 * and down moves, right or down, whichever is less. Boxes only ever move right or down, so it ends;
 * the number of rounds is bounded all the same (`SEPARATE_ROUNDS`: what is still too close then
 * shows as an overlap, and the layout falls back to ELK's picture).
 */
function separate(nodes: DiagramNode[], gap: number): void {
    for (let round = 0; round < SEPARATE_ROUNDS; round++) {
        let moved = false;
        const sorted = [...nodes].sort((p, q) => (p.x! + p.y!) - (q.x! + q.y!) || p.x! - q.x!);
        for (let i = 0; i < sorted.length; i++) {
            for (let j = i + 1; j < sorted.length; j++) {
                const a = sorted[i];
                const b = sorted[j];
                if (clear(a, b, gap)) continue;
                const right = a.x! + a.width + gap - b.x!;
                const down = a.y! + a.height + gap - b.y!;
                if (right <= down) b.x = b.x! + right;
                else b.y = b.y! + down;
                moved = true;
            }
        }
        if (!moved) return;
    }
}

/**
 * The free place for `node` nearest `wanted`: there if it is free, else beside or below one of the
 * placed boxes (right of it, below it, left of it or above it, in line with it or with `wanted`),
 * never inside the container's padding, at least `NEW_GAP` from every placed box.
 */
function freeSpot(node: DiagramNode, wanted: { x: number; y: number }, placed: readonly DiagramNode[], padding: Padding): { x: number; y: number } {
    const w = node.width;
    const h = node.height;
    const candidates: { x: number; y: number }[] = [wanted];
    let lowest = padding.top;
    for (const p of placed) {
        const px = p.x ?? 0;
        const py = p.y ?? 0;
        lowest = Math.max(lowest, py + p.height + NEW_GAP);
        for (const x of [px + p.width + NEW_GAP, px - w - NEW_GAP, wanted.x, px]) {
            for (const y of [py, py + p.height + NEW_GAP, py - h - NEW_GAP, wanted.y]) candidates.push({ x, y });
        }
    }
    // Below everything always fits.
    candidates.push({ x: Math.max(padding.left, wanted.x), y: lowest });
    // Nearest first: the first free one wins.
    const sorted = candidates.filter(c => c.x >= padding.left && c.y >= padding.top)
        .map(c => ({ ...c, d: Math.hypot(c.x - wanted.x, c.y - wanted.y) }))
        .sort((p, q) => p.d - q.d);
    for (const c of sorted) {
        const probe = { ...node, x: c.x, y: c.y };
        if (placed.every(p => clear(probe, p, NEW_GAP))) return { x: c.x, y: c.y };
    }
    return { x: Math.max(padding.left, wanted.x), y: lowest };
}
