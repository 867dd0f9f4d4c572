/**
 * Measures of a laid-out diagram graph: what makes a picture hard to read, as numbers. Pure functions
 * over the graph's own coordinates (node positions relative to their parent, edge routes and label
 * boxes absolute), so the tests can prove the layout's promises and a user can check a picture
 * without looking at it: no edge runs through a box, no label covers another label or a box, no two
 * boxes overlap, and the picture is not a strip.
 */
import type { DiagramEdge, DiagramGraph, DiagramNode, Point } from './types.js';

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/** A node with its absolute box, its parent and whether it is a group (system, region, zone). */
export interface PlacedNode {
    node: DiagramNode;
    box: Box;
    parent?: string;
    group: boolean;
}

/** An edge's route segment that passes through a box it has no business in. */
export interface EdgeBoxCrossing {
    edge: string;
    node: string;
    /** The segment, as its two end points. */
    from: Point;
    to: Point;
}

export interface LabelOverlap {
    /** The edge whose label it is. */
    edge: string;
    /** The other edge's label, or the node, it overlaps. */
    other: { edge: string } | { node: string };
    /** Overlapping area in square pixels. */
    area: number;
}

export interface NodeOverlap {
    a: string;
    b: string;
    area: number;
}

/** Pixels of slack: a line that grazes a border, or labels that touch, are not counted. */
const TOLERANCE = 1;

function isGroupKind(kind: string): boolean {
    return kind === 'system' || kind === 'region' || kind === 'zone';
}

/** Every node with its absolute box (depth first, parents before children). */
export function placedNodes(graph: DiagramGraph): PlacedNode[] {
    const result: PlacedNode[] = [];
    const walk = (list: readonly DiagramNode[], ox: number, oy: number, parent: string | undefined) => {
        for (const node of list) {
            const x = ox + (node.x ?? 0);
            const y = oy + (node.y ?? 0);
            result.push({ node, box: { x, y, width: node.width, height: node.height }, parent, group: isGroupKind(node.kind) });
            walk(node.children, x, y, node.id);
        }
    };
    walk(graph.nodes, 0, 0, undefined);
    return result;
}

/** The points of an edge's route, consecutive duplicates removed. */
export function edgePoints(edge: DiagramEdge): Point[] {
    const points: Point[] = [];
    for (const section of edge.sections ?? []) {
        for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
            const last = points[points.length - 1];
            if (!last || last.x !== p.x || last.y !== p.y) points.push(p);
        }
    }
    return points;
}

function ancestorsOf(placed: readonly PlacedNode[]): (id: string) => Set<string> {
    const parent = new Map(placed.map(p => [p.node.id, p.parent]));
    return (id: string) => {
        const result = new Set<string>([id]);
        for (let p = parent.get(id); p !== undefined && !result.has(p); p = parent.get(p)) result.add(p);
        return result;
    };
}

/** The box shrunk by `by` on every side (its interior, for "passes through" and "overlaps" tests). */
function inset(box: Box, by: number): Box {
    return { x: box.x + by, y: box.y + by, width: Math.max(0, box.width - 2 * by), height: Math.max(0, box.height - 2 * by) };
}

/** Whether the segment a–b meets the open box (Liang–Barsky clipping). */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
    if (box.width <= 0 || box.height <= 0) return false;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    let t0 = 0;
    let t1 = 1;
    const clip = (p: number, q: number): boolean => {
        if (p === 0) return q > 0;
        const r = q / p;
        if (p < 0) {
            if (r > t1) return false;
            if (r > t0) t0 = r;
        } else {
            if (r < t0) return false;
            if (r < t1) t1 = r;
        }
        return true;
    };
    if (!clip(-dx, a.x - box.x)) return false;
    if (!clip(dx, box.x + box.width - a.x)) return false;
    if (!clip(-dy, a.y - box.y)) return false;
    if (!clip(dy, box.y + box.height - a.y)) return false;
    // Touching the box in a single point is not passing through it.
    return t1 - t0 > 1e-9;
}

function overlapArea(a: Box, b: Box): number {
    const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Route segments that pass through the interior of a component or stand-in box other than the edge's
 * own endpoints and the boxes that hold them (a line into a topic runs through its broker). Groups
 * (systems, regions, zones) are containers lines are meant to cross, so they do not count.
 */
export function edgeBoxCrossings(graph: DiagramGraph): EdgeBoxCrossing[] {
    const placed = placedNodes(graph);
    const boxes = placed.filter(p => !p.group);
    const ancestors = ancestorsOf(placed);
    const result: EdgeBoxCrossing[] = [];
    for (const edge of graph.edges) {
        const points = edgePoints(edge);
        if (points.length < 2) continue;
        const own = new Set([...ancestors(edge.source), ...ancestors(edge.target)]);
        for (const p of boxes) {
            if (own.has(p.node.id)) continue;
            const interior = inset(p.box, TOLERANCE);
            for (let i = 1; i < points.length; i++) {
                if (segmentCrossesBox(points[i - 1], points[i], interior)) {
                    result.push({ edge: edge.id, node: p.node.id, from: points[i - 1], to: points[i] });
                    break;
                }
            }
        }
    }
    return result;
}

/** The label box of each labelled edge that has one. */
export function labelBoxes(graph: DiagramGraph): { edge: DiagramEdge; box: Box }[] {
    const result: { edge: DiagramEdge; box: Box }[] = [];
    for (const edge of graph.edges) {
        if (edge.label && edge.labelPosition) result.push({ edge, box: edge.labelPosition });
    }
    return result;
}

/**
 * Edge labels that overlap each other, or a component box (a compound component, such as a broker,
 * only when it holds neither end of the edge: a line between two topics has its label inside the broker).
 */
export function labelOverlaps(graph: DiagramGraph): LabelOverlap[] {
    const placed = placedNodes(graph);
    const boxes = placed.filter(p => !p.group);
    const ancestors = ancestorsOf(placed);
    const labels = labelBoxes(graph);
    const result: LabelOverlap[] = [];
    for (let i = 0; i < labels.length; i++) {
        const a = inset(labels[i].box, TOLERANCE / 2);
        for (let j = i + 1; j < labels.length; j++) {
            const area = overlapArea(a, inset(labels[j].box, TOLERANCE / 2));
            if (area > 0) result.push({ edge: labels[i].edge.id, other: { edge: labels[j].edge.id }, area });
        }
        const own = new Set([...ancestors(labels[i].edge.source), ...ancestors(labels[i].edge.target)]);
        for (const p of boxes) {
            if (p.node.children.length > 0 && own.has(p.node.id)) continue;
            const area = overlapArea(a, inset(p.box, TOLERANCE / 2));
            if (area > 0) result.push({ edge: labels[i].edge.id, other: { node: p.node.id }, area });
        }
    }
    return result;
}

/** Pairs of boxes that overlap though neither holds the other. */
export function nodeOverlaps(graph: DiagramGraph): NodeOverlap[] {
    const placed = placedNodes(graph);
    const ancestors = ancestorsOf(placed);
    const result: NodeOverlap[] = [];
    // Sorted by left edge, so each box is compared only with those that start before it ends.
    const sorted = [...placed].sort((a, b) => a.box.x - b.box.x);
    for (let i = 0; i < sorted.length; i++) {
        const a = sorted[i];
        const aUp = ancestors(a.node.id);
        for (let j = i + 1; j < sorted.length && sorted[j].box.x < a.box.x + a.box.width - TOLERANCE; j++) {
            const b = sorted[j];
            if (aUp.has(b.node.id) || ancestors(b.node.id).has(a.node.id)) continue;
            const area = overlapArea(inset(a.box, TOLERANCE / 2), inset(b.box, TOLERANCE / 2));
            if (area > 0) result.push({ a: a.node.id, b: b.node.id, area });
        }
    }
    return result;
}

/** Width over height of the laid-out picture (1 for an empty one). */
export function aspectRatio(graph: DiagramGraph): number {
    const width = graph.width ?? 0;
    const height = graph.height ?? 0;
    return width > 0 && height > 0 ? width / height : 1;
}

/**
 * Pairs of edges that run side by side closer than `gap` pixels for more than `length` pixels (two
 * lines that read as one). Only segments of different edges, in the same direction, count.
 */
export function closeParallels(graph: DiagramGraph, options: { gap?: number; length?: number } = {}): { a: string; b: string; length: number; gap: number }[] {
    const gap = options.gap ?? 6;
    const minLength = options.length ?? 200;
    type Segment = { edge: string; horizontal: boolean; at: number; from: number; to: number };
    const segments: Segment[] = [];
    for (const edge of graph.edges) {
        const points = edgePoints(edge);
        for (let i = 1; i < points.length; i++) {
            const a = points[i - 1];
            const b = points[i];
            if (Math.abs(a.y - b.y) < 0.5) segments.push({ edge: edge.id, horizontal: true, at: a.y, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) });
            else if (Math.abs(a.x - b.x) < 0.5) segments.push({ edge: edge.id, horizontal: false, at: a.x, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) });
        }
    }
    const shared = new Map<string, { length: number; gap: number }>();
    for (let i = 0; i < segments.length; i++) {
        for (let j = i + 1; j < segments.length; j++) {
            const s = segments[i];
            const t = segments[j];
            if (s.edge === t.edge || s.horizontal !== t.horizontal) continue;
            const distance = Math.abs(s.at - t.at);
            // Lines on the same track are edges merging into one port, which is drawn on purpose.
            if (distance < 0.5 || distance >= gap) continue;
            const overlap = Math.min(s.to, t.to) - Math.max(s.from, t.from);
            if (overlap <= 0) continue;
            const key = s.edge < t.edge ? `${s.edge}\u0000${t.edge}` : `${t.edge}\u0000${s.edge}`;
            const entry = shared.get(key) ?? { length: 0, gap: distance };
            entry.length += overlap;
            entry.gap = Math.min(entry.gap, distance);
            shared.set(key, entry);
        }
    }
    const result: { a: string; b: string; length: number; gap: number }[] = [];
    for (const [key, entry] of shared) {
        if (entry.length < minLength) continue;
        const [a, b] = key.split('\u0000');
        result.push({ a, b, length: Math.round(entry.length), gap: entry.gap });
    }
    return result;
}

/** How far an edge's label centre is from the nearest point of its route (0: on the line). */
export function labelDistance(edge: DiagramEdge): number | undefined {
    if (!edge.labelPosition) return undefined;
    const points = edgePoints(edge);
    if (points.length < 2) return undefined;
    const c = { x: edge.labelPosition.x + edge.labelPosition.width / 2, y: edge.labelPosition.y + edge.labelPosition.height / 2 };
    let best = Infinity;
    for (let i = 1; i < points.length; i++) best = Math.min(best, distanceToSegment(c, points[i - 1], points[i]));
    return best;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** All measures at once, as counts (for tests, benchmarks and `sysd export` diagnostics). */
export function geometryReport(graph: DiagramGraph): { edgeBoxCrossings: number; labelOverlaps: number; nodeOverlaps: number; aspectRatio: number } {
    return {
        edgeBoxCrossings: edgeBoxCrossings(graph).length,
        labelOverlaps: labelOverlaps(graph).length,
        nodeOverlaps: nodeOverlaps(graph).length,
        aspectRatio: Math.round(aspectRatio(graph) * 100) / 100
    };
}
