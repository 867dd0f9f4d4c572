// Measures how far an edit moves a diagram: the displacement of the nodes two laid-out pictures of
// one view share, and the pairs of nodes of one layer whose order flipped. Used by the diagram
// benchmark (scripts/bench-diagram.ts) and by test/diagram/stability.test.ts.
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Model } from '../../language/src/generated/ast.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import type { Finding } from '../../language/src/lint/types.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { countNodes, layoutDiagram, type ElkLike } from '../../diagram/src/layout.js';
import { buildViewGraph, resolveView } from '../../diagram/src/views/index.js';
import { alignmentOffset } from '../../diagram/src/stable-layout.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
    parent?: string;
}

/** Absolute boxes (relative to the picture's top-left corner) of every node of a laid-out graph. */
export function absoluteBoxes(graph: DiagramGraph): Map<string, Box> {
    const boxes = new Map<string, Box>();
    const walk = (list: readonly DiagramNode[], ox: number, oy: number, parent?: string) => {
        for (const node of list) {
            const x = ox + (node.x ?? 0);
            const y = oy + (node.y ?? 0);
            boxes.set(node.id, { x, y, width: node.width, height: node.height, parent });
            walk(node.children, x, y, node.id);
        }
    };
    walk(graph.nodes, 0, 0);
    return boxes;
}

export interface Displacement {
    /** Nodes drawn in both pictures. */
    compared: number;
    /** Of those, how many moved by more than half a pixel. */
    moved: number;
    /** Mean and largest distance the top-left corners of the shared nodes moved, in px. */
    mean: number;
    max: number;
    /**
     * The same after moving the new picture by `offset` (the median shift of the shared nodes): what
     * the viewer sees when the preview keeps the shared nodes in place on screen (see `alignmentOffset`).
     */
    aligned: { mean: number; max: number; offset: { x: number; y: number } };
    /** Pairs of siblings in one layer (their boxes overlap horizontally) in both pictures whose vertical order flipped. */
    swaps: number;
    /** The first few swapped pairs, `A<>B`, for a failing test's message. */
    swapped: string[];
}

/**
 * How far the nodes the two pictures share moved. Both pictures are taken relative to their own
 * top-left corner, which is where the viewer's eye anchors (the preview keeps the scroll position).
 * The flow goes left to right, so a layer is a column: two siblings whose boxes overlap horizontally
 * before and after share a layer, and their order in it is top to bottom.
 */
export function displacement(before: DiagramGraph, after: DiagramGraph): Displacement {
    const a = absoluteBoxes(before);
    const b = absoluteBoxes(after);
    const offset = alignmentOffset(before, after);
    let alignedSum = 0;
    let alignedMax = 0;
    let compared = 0;
    let moved = 0;
    let sum = 0;
    let max = 0;
    const siblings = new Map<string, string[]>();
    for (const [id, box] of a) {
        const other = b.get(id);
        if (!other) continue;
        compared++;
        const d = Math.hypot(other.x - box.x, other.y - box.y);
        if (d > 0.5) moved++;
        sum += d;
        max = Math.max(max, d);
        const e = Math.hypot(other.x - offset.x - box.x, other.y - offset.y - box.y);
        alignedSum += e;
        alignedMax = Math.max(alignedMax, e);
        if (other.parent === box.parent) {
            const key = box.parent ?? '';
            let list = siblings.get(key);
            if (!list) siblings.set(key, (list = []));
            list.push(id);
        }
    }
    const sameLayer = (p: Box, q: Box) => p.x < q.x + q.width && q.x < p.x + p.width;
    let swaps = 0;
    const swapped: string[] = [];
    for (const list of siblings.values()) {
        for (let i = 0; i < list.length; i++) {
            for (let j = i + 1; j < list.length; j++) {
                const [p0, q0, p1, q1] = [a.get(list[i])!, a.get(list[j])!, b.get(list[i])!, b.get(list[j])!];
                if (!sameLayer(p0, q0) || !sameLayer(p1, q1)) continue;
                if (Math.sign(p0.y - q0.y) * Math.sign(p1.y - q1.y) < 0) {
                    swaps++;
                    if (swapped.length < 5) swapped.push(`${list[i]}<>${list[j]}`);
                }
            }
        }
    }
    const mean = (total: number) => (compared === 0 ? 0 : total / compared);
    return { compared, moved, mean: mean(sum), max, aligned: { mean: mean(alignedSum), max: alignedMax, offset }, swaps, swapped };
}

export interface Workspace {
    model: ArchModel;
    findings: Finding[];
}

/** Parses, links and lints some files together (names become `memory:///<name>`). */
export async function buildWorkspace(files: Record<string, string>): Promise<Workspace> {
    const { shared, Sysd } = createSysdServices(EmptyFileSystem);
    const documents: LangiumDocument<Model>[] = [];
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(`memory:///${name.replace(/^\/+/, '')}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const service = Sysd.model.ModelService;
    return { model: service.workspaceModel(), findings: [...service.allFindings().values()].flat() };
}

/** The name a new service can take in the model without clashing with anything. */
function freshName(model: ArchModel, base: string): string {
    const taken = new Set([...model.components.values()].map(c => c.name));
    for (const s of model.systems.values()) taken.add(s.name);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    return name;
}

/**
 * A file that adds one service to a system, calling one of the system's existing services (the
 * first one declared, or any component when it has no service): the edit "add one component".
 * The system is re-opened in a file of its own, the way a workspace spreads a system over files.
 * Undefined when the system has no component to call.
 */
export function addedServiceFile(model: ArchModel, systemId: string): { text: string; id: string } | undefined {
    const system = model.systems.get(systemId);
    if (!system) return undefined;
    const members = [...model.components.values()].filter(c => c.system === systemId && c.parent === undefined);
    const target = members.find(c => c.kind === 'service') ?? members[0];
    if (!target) return undefined;
    const chain: string[] = [];
    for (let s: string | undefined = systemId; s !== undefined; s = model.systems.get(s)?.parent) chain.unshift(model.systems.get(s)!.name);
    const name = freshName(model, 'AddedService');
    const verb = target.kind === 'service' || target.kind === 'gateway' ? `calls ${target.name} over grpc { timeout 500ms }` : `uses ${target.name}`;
    const open = chain.map((n, i) => `${'    '.repeat(i)}system ${n} {`);
    const close = chain.map((_, i) => `${'    '.repeat(chain.length - 1 - i)}}`);
    const indent = '    '.repeat(chain.length);
    const text = [...open, `${indent}service ${name} {`, `${indent}    ${verb}`, `${indent}}`, ...close, ''].join('\n');
    return { text, id: `${systemId}.${name}` };
}

/** The graph of one view: a system (its id), or the whole workspace (undefined). */
export type ViewGraphOf = (workspace: Workspace, system: string | undefined) => DiagramGraph;

/** A view's graph through the view pipeline (`resolveView` + `buildViewGraph`), as the server builds it. */
export const viewGraph: ViewGraphOf = (workspace, system) => {
    const resolved = resolveView(workspace.model, system === undefined ? { kind: 'all' } : { kind: 'system', id: system });
    if ('error' in resolved) throw new Error(resolved.error);
    return buildViewGraph(workspace.model, workspace.findings, resolved);
};

export interface StabilityRow {
    /** `<example> / <view>`. */
    view: string;
    /** Nodes of the view before the edit. */
    nodes: number;
    /** The edited picture laid out afresh, and laid out with the previous picture given. */
    fresh: Displacement;
    stable: Displacement;
    /** Removing the added service again, laid out with the previous (edited) picture given. */
    removed: Displacement;
    /** The pictures compared: before the edit, after it (afresh and with the previous picture), and after undoing it. */
    pictures: { before: DiagramGraph; fresh: DiagramGraph; stable: DiagramGraph; removed: DiagramGraph };
}

/**
 * For every view (the whole workspace and each top-level system) of a workspace: one service added
 * to the view's first system (calling one of its services), laid out without and with the previous
 * picture, then removed again with the edited picture as the previous one.
 */
export async function measureStability(name: string, files: Record<string, string>, elk: ElkLike, viewGraph: ViewGraphOf): Promise<StabilityRow[]> {
    const original = await buildWorkspace(files);
    const systems = [...original.model.systems.values()].filter(s => s.parent === undefined).map(s => s.id);
    const rows: StabilityRow[] = [];
    for (const system of [undefined, ...systems]) {
        const target = system ?? systems[0];
        if (target === undefined) continue;
        const added = addedServiceFile(original.model, target);
        if (!added) continue;
        const edited = await buildWorkspace({ ...files, 'added-service.sysd': added.text });
        const graph = viewGraph(original, system);
        const graphEdited = viewGraph(edited, system);
        const before = await layoutDiagram(graph, elk);
        const fresh = await layoutDiagram(graphEdited, elk);
        const stable = await layoutDiagram(graphEdited, elk, { previous: before });
        const back = await layoutDiagram(graph, elk, { previous: stable });
        rows.push({
            view: `${name} / ${system ?? 'all'}`,
            nodes: countNodes(graph.nodes),
            fresh: displacement(before, fresh),
            stable: displacement(before, stable),
            removed: displacement(stable, back),
            pictures: { before, fresh, stable, removed: back }
        });
    }
    return rows;
}

/** The rows as a Markdown table, with a last row of totals (mean of the means, worst max, all swaps). */
export function stabilityTable(rows: readonly StabilityRow[]): string {
    const px = (v: number) => `${Math.round(v)}`;
    const cell = (d: Displacement) => `${px(d.mean)} / ${px(d.max)} / ${px(d.aligned.mean)} / ${d.swaps}`;
    const lines = [
        '| view | nodes | add, no previous | add, with previous | remove, with previous | moved (with previous) |',
        '|---|---|---|---|---|---|'
    ];
    for (const r of rows) lines.push(`| ${r.view} | ${r.nodes} | ${cell(r.fresh)} | ${cell(r.stable)} | ${cell(r.removed)} | ${r.stable.moved} of ${r.stable.compared} |`);
    const total = (pick: (r: StabilityRow) => Displacement): Displacement => {
        const all = rows.map(pick);
        const avg = (f: (d: Displacement) => number) => (all.length === 0 ? 0 : all.reduce((s, d) => s + f(d), 0) / all.length);
        return {
            compared: all.reduce((s, d) => s + d.compared, 0), moved: all.reduce((s, d) => s + d.moved, 0),
            mean: avg(d => d.mean), max: Math.max(0, ...all.map(d => d.max)),
            aligned: { mean: avg(d => d.aligned.mean), max: Math.max(0, ...all.map(d => d.aligned.max)), offset: { x: 0, y: 0 } },
            swaps: all.reduce((s, d) => s + d.swaps, 0), swapped: []
        };
    };
    const stable = total(r => r.stable);
    lines.push(`| **all views** | ${rows.reduce((s, r) => s + r.nodes, 0)} | ${cell(total(r => r.fresh))} | ${cell(stable)} | ${cell(total(r => r.removed))} | ${stable.moved} of ${stable.compared} |`);
    return lines.join('\n');
}
