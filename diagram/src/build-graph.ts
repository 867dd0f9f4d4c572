/**
 * The view graph: what one view shows (`views/`), as nodes, groups and edges sized for layout. It
 * reads the semantic model and the lint findings only: no AST, no Langium, no VS Code. The result is
 * plain JSON (see `types.ts`), and every renderer draws this one graph: ELK + SVG (the preview, `sysd
 * export`) and Mermaid (`mermaid/flowchart.ts`), so the pictures cannot disagree.
 */
import { effectiveDelivery, instances } from '@sysd/language/model';
import type { ComponentKind, ComponentModel, RelationModel, SourceLocation } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import type { Finding, Severity } from '@sysd/language/model';
import { componentSize, edgeLabelSize, groupMinSize } from './metrics.js';
import { clip, displayName, plainText, usableId } from './text.js';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode, EdgeStyle, GroupKind } from './types.js';
import { parentSystem, resolveView } from './views/resolve.js';
import type { ResolvedView } from './views/types.js';

export interface BuildOptions {
    /** Show only this system (its id or name) and what is nested in it; see `docs/diagram.md`. */
    system?: string;
    /** Show only components of these kinds. */
    kinds?: ComponentKind[];
}

/** Severities from the worst down: the one ranking every renderer uses for badges and borders. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

const SEVERITY_RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
    let worst: Severity | undefined;
    for (const f of findings) {
        if (!Object.hasOwn(SEVERITY_RANK, f.severity)) continue;
        if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
    }
    return worst;
}

/** The system with this id or (unqualified) name, if any. */
export function findSystem(model: ArchModel, name: string): string | undefined {
    if (model.systems.has(name)) return name;
    for (const s of model.systems.values()) if (s.name === name) return s.id;
    return undefined;
}

/**
 * The graph of one system (`system`), or of the whole workspace: the system view or the `all` view of
 * `buildViewGraph`. An unknown system gives an empty graph.
 */
export function buildDiagram(model: ArchModel, findings: readonly Finding[], options: BuildOptions = {}): DiagramGraph {
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : undefined;
    if (options.system === undefined) {
        const all = resolveView(model, { kind: 'all' });
        return buildViewGraph(model, findings, all as ResolvedView, { kinds });
    }
    const system = findSystem(model, options.system);
    const view = system === undefined ? undefined : resolveView(model, { kind: 'system', id: system });
    if (!view || 'error' in view) {
        return { view: { key: `system:${options.system}`, title: options.system }, nodes: [], edges: [], structureKey: structureKey([], []) };
    }
    return buildViewGraph(model, findings, view, { kinds });
}

/**
 * The view graph of a resolved view: the components it shows, grouped by system (then region and
 * zone) or, for the deployment view, by region and zone only; channels inside their broker; a small
 * dashed stand-in for each outside component a shown one is related to (when the view has stubs);
 * one edge per relation between drawn nodes, drawn the way the message flows (a consumer's edge
 * comes out of its channel); findings as badges; a flow's or saga's path marked as `focus`.
 */
export function buildViewGraph(model: ArchModel, findings: readonly Finding[], view: ResolvedView, options: { kinds?: string[] } = {}): DiagramGraph {
    const kinds = options.kinds && options.kinds.length > 0 ? new Set<string>(options.kinds) : undefined;
    const deployment = view.grouping === 'deployment';
    // In a system view the system is the outermost group: the systems around it are not drawn.
    const topSystem = view.ref.kind === 'system' ? view.ref.id : undefined;

    // Which components become nodes. One without an id (a kind keyword typed without its name) has
    // nothing an edge could reach and no place in the nesting: it is left out of the picture.
    const shown = new Map<string, ComponentModel>();
    for (const id of view.components) {
        const c = model.components.get(id);
        if (!c || usableId(c.id) === undefined) continue;
        if (kinds && !kinds.has(c.kind)) continue;
        shown.set(c.id, c);
    }
    // Model order, whatever order the view collected its components in: the same model and view
    // always give the same graph (and layout).
    const ordered: ComponentModel[] = [];
    for (const c of model.components.values()) if (shown.get(c.id) === c) ordered.push(c);
    const focus = new Set(view.focus ?? []);

    const findingsOf = indexFindings(findings);
    const nodes = new Map<string, DiagramNode>();
    const roots: DiagramNode[] = [];
    const groups = new Map<string, DiagramNode>();

    const group = (kind: GroupKind, id: string, label: string, loc: SourceLocation | undefined, parent: DiagramNode | undefined): DiagramNode => {
        let node = groups.get(id);
        if (!node) {
            const size = groupMinSize(kind, label);
            node = { id, kind, label, replicas: 1, managed: false, children: [], findings: [], loc, width: size.width, height: size.height };
            groups.set(id, node);
            (parent ? parent.children : roots).push(node);
        }
        return node;
    };
    const systemGroup = (systemId: string | undefined, depth = 0): DiagramNode | undefined => {
        if (systemId === undefined || deployment || depth > 64) return undefined;
        const system = model.systems.get(systemId);
        if (!system) return systemGroup(parentSystem(model, systemId), depth + 1);
        const parent = systemId === topSystem ? undefined : systemGroup(parentSystem(model, systemId), depth + 1);
        return group('system', `system:${systemId}`, displayName(system.name, systemId), system.loc, parent);
    };
    const placementGroup = (c: ComponentModel, parent: DiagramNode | undefined): DiagramNode | undefined => {
        const placements = [...new Set(c.props?.placements ?? [])];
        if (placements.length === 0) return parent;
        const regionIds = new Set(placements.map(p => model.regionOf(p)));
        if (regionIds.size !== 1) return parent;
        const regionId = [...regionIds][0];
        const region = regionId === undefined ? undefined : model.regions.get(regionId);
        if (!region) return parent;
        const scope = parent ? parent.id : '';
        const regionNode = group('region', `region:${scope}/${regionId}`, displayName(region.name, regionId), region.loc, parent);
        if (placements.length === 1 && model.isZone(placements[0])) {
            const zone = region.zones.find(z => z.id === placements[0]);
            if (zone) return group('zone', `zone:${scope}/${placements[0]}`, displayName(zone.name, zone.id), zone.loc, regionNode);
        }
        return regionNode;
    };

    const componentNode = (c: ComponentModel): DiagramNode => {
        const detail = detailOf(c);
        const replicas = replicasOf(c);
        const own = findingsOf(c.id);
        const kind = kindOf(c.kind);
        const label = displayName(c.name, c.id);
        const size = componentSize(kind, label, detail, replicas);
        const node: DiagramNode = {
            id: c.id, kind, label, detail, replicas, managed: c.props?.managed === true, children: [],
            findings: own, severity: worstSeverity(own), loc: c.loc, width: size.width, height: size.height
        };
        if (c.props?.external === true) node.external = true;
        if (focus.has(c.id)) node.focus = true;
        return node;
    };

    // Systems declared empty in the model itself stay visible in the views that show whole systems.
    if (!kinds && (view.ref.kind === 'all' || view.ref.kind === 'system')) {
        for (const systemId of emptySystems(model, topSystem)) systemGroup(systemId);
    }

    for (const c of ordered) nodes.set(c.id, componentNode(c));
    // Brokers that show some of their channels become compound nodes, sized for their header.
    for (const c of ordered) {
        const node = nodes.get(c.id)!;
        const broker = c.parent !== undefined && c.parent !== c.id ? nodes.get(c.parent) : undefined;
        if (broker && shown.get(c.parent!)?.kind === 'broker' && !isInside(nodes, model, c.parent!, c.id)) {
            if (broker.children.length === 0) {
                const min = groupMinSize(broker.kind, broker.label, broker.detail);
                broker.width = min.width;
                broker.height = min.height;
            }
            broker.children.push(node);
            continue;
        }
        const container = placementGroup(c, systemGroup(c.system));
        (container ? container.children : roots).push(node);
    }

    // Edges. In a view with stand-ins, an edge to a component outside it ends at a stand-in.
    const edges: DiagramEdge[] = [];
    const highlighted = pathRelations(model, findings);
    const stubs = new Map<string, DiagramNode>();
    const endpoint = (id: string): DiagramNode | undefined => {
        const node = nodes.get(id);
        if (node) return node;
        if (!view.stubs) return undefined;
        const c = model.components.get(id);
        if (!c || usableId(c.id) === undefined || (kinds && !kinds.has(c.kind))) return undefined;
        let stub = stubs.get(id);
        if (!stub) {
            const broker = c.parent !== undefined ? model.components.get(c.parent) : undefined;
            const name = displayName(c.name, c.id);
            const label = clip(broker ? `${displayName(broker.name, broker.id)}.${name}` : name);
            const systemModel = c.system !== undefined ? model.systems.get(c.system) : undefined;
            const detail = systemModel ? `in ${displayName(systemModel.name, systemModel.id)}` : 'outside this view';
            const kind = kindOf(c.kind);
            const size = componentSize(kind, label, detail, 1);
            stub = {
                id, kind, label, detail, replicas: 1, managed: c.props?.managed === true, stub: true, children: [],
                findings: [], loc: c.loc, width: size.width, height: size.height
            };
            stubs.set(id, stub);
            roots.push(stub);
        }
        return stub;
    };
    // Parents of drawn nodes, to leave out an edge between a node and its own compound (a broker
    // and one of its channels): no renderer can draw a line from a box to something inside it.
    const parentOf = new Map<string, string>();
    const walk = (list: readonly DiagramNode[], parent: string | undefined) => {
        for (const n of list) {
            if (parent !== undefined) parentOf.set(n.id, parent);
            walk(n.children, n.id);
        }
    };
    // Edge ids must be unique for the layout (see `relationsOf`).
    const { edgeIds, relationIndex } = relationsOf(model);
    // A small view looks only at the relations of its own components (in model order); a large one
    // walks them all. Either way the work is linear in what the view touches.
    let candidates: readonly RelationModel[] = model.relations;
    if (shown.size * 4 < model.components.size) {
        const touched = new Set<RelationModel>();
        for (const id of shown.keys()) {
            for (const r of model.outgoing(id)) touched.add(r);
            for (const r of model.incoming(id)) touched.add(r);
        }
        candidates = [...touched].sort((a, b) => relationIndex.get(a)! - relationIndex.get(b)!);
    }
    let walked = false;
    for (const r of candidates) {
        const id = edgeIds[relationIndex.get(r)!];
        const source = usableId(r.source);
        const target = usableId(r.target);
        if (source === undefined || target === undefined) continue;
        if (!model.components.has(source) || !model.components.has(target)) continue;
        if (!nodes.has(source) && !nodes.has(target)) continue;
        const [from, to] = r.kind === 'consumes' ? [target, source] : [source, target];
        if (!endpoint(from) || !endpoint(to)) continue;
        if (!walked) {
            walk(roots, undefined);
            walked = true;
        }
        if (isAncestor(parentOf, from, to) || isAncestor(parentOf, to, from)) continue;
        const own = usableId(r.id) !== undefined ? findingsOf(r.id) : [];
        const edge: DiagramEdge = {
            id, relation: r.kind, style: edgeStyle(r), source: from, target: to, label: edgeLabel(r, model),
            findings: own, severity: worstSeverity(own), highlighted: highlighted.has(r.id), loc: r.loc
        };
        if (focus.has(r.id)) edge.focus = true;
        edges.push(edge);
    }

    return {
        view: { key: view.key, title: view.title, ...(view.description ? { description: view.description } : {}) },
        nodes: roots, edges, structureKey: structureKey(roots, edges)
    };
}

interface RelationIndex {
    /** The edge id of each relation (by its index in `model.relations`). */
    edgeIds: string[];
    relationIndex: Map<RelationModel, number>;
    relationIds: Set<string>;
    /** Systems with at least one component (in them or nested). */
    populated: Set<string>;
}

const relationIndexes = new WeakMap<ArchModel, RelationIndex>();

/**
 * Edge ids, given over all relations once per model, so one relation has the same edge id in every
 * view: the relation's id, or for one without (or repeating one) an id of its own.
 */
function relationsOf(model: ArchModel): RelationIndex {
    let index = relationIndexes.get(model);
    if (index) return index;
    const taken = new Set<string>();
    const edgeIds: string[] = [];
    const relationIndex = new Map<RelationModel, number>();
    model.relations.forEach((r, i) => {
        const base = usableId(r.id) ?? `${usableId(r.source) ?? ''} ${String(r.kind)} ${usableId(r.target) ?? ''}`;
        let id = base;
        for (let n = 2; taken.has(id); n++) id = `${base} (${n})`;
        taken.add(id);
        edgeIds.push(id);
        relationIndex.set(r, i);
    });
    const populated = new Set<string>();
    for (const c of model.components.values()) {
        for (let s = typeof c.system === 'string' ? c.system : undefined; s !== undefined && !populated.has(s); s = parentSystem(model, s)) populated.add(s);
    }
    index = { edgeIds, relationIndex, relationIds: new Set(model.relations.map(r => r.id)), populated };
    relationIndexes.set(model, index);
    return index;
}

/** Whether `inner` is `outer` or nested in it in the drawn graph. */
function isAncestor(parentOf: ReadonlyMap<string, string>, outer: string, inner: string): boolean {
    let steps = 0;
    for (let p = parentOf.get(inner); p !== undefined && steps < 10_000; p = parentOf.get(p), steps++) if (p === outer) return true;
    return false;
}

/** Whether making `child` a child of `parent` would put a node inside itself (a cycle of parents in broken text). */
function isInside(nodes: ReadonlyMap<string, DiagramNode>, model: ArchModel, parent: string, child: string): boolean {
    const seen = new Set<string>();
    for (let p: string | undefined = parent; p !== undefined && nodes.has(p) && !seen.has(p); p = model.components.get(p)?.parent) {
        if (p === child) return true;
        seen.add(p);
    }
    return false;
}

/** The systems (all, or those in `within`) that have no component in the model at all: declared empty. */
function emptySystems(model: ArchModel, within: string | undefined): string[] {
    const { populated } = relationsOf(model);
    const inside = (systemId: string): boolean => {
        if (within === undefined) return true;
        const seen = new Set<string>();
        for (let s: string | undefined = systemId; s !== undefined && !seen.has(s); s = parentSystem(model, s)) {
            if (s === within) return true;
            seen.add(s);
        }
        return false;
    };
    return [...model.systems.keys()].filter(s => usableId(s) !== undefined && !populated.has(s) && inside(s));
}

function detailOf(c: ComponentModel): string | undefined {
    const parts: string[] = [];
    const technology = plainText(c.technology).trim();
    if (technology) parts.push(technology);
    if (c.props.managed === true) parts.push('managed');
    return parts.length > 0 ? clip(parts.join(' · ')) : undefined;
}

/** Every kind the renderer has a shape and an icon for. */
const COMPONENT_KINDS: Readonly<Record<ComponentKind, true>> = {
    client: true, service: true, function: true, gateway: true, loadbalancer: true, cdn: true, broker: true, topic: true,
    queue: true, database: true, cache: true, objectstore: true, search: true, coordinator: true
};

/** The kind to draw: a kind the model does not know (a future or half-built one) is drawn as a service. */
function kindOf(kind: unknown): ComponentKind {
    return typeof kind === 'string' && Object.hasOwn(COMPONENT_KINDS, kind) ? kind as ComponentKind : 'service';
}

/** Instances to stack: at least one, and a count the picture can show even for `replicas 1e9`. */
function replicasOf(c: ComponentModel): number {
    const count = instances(c);
    return Number.isFinite(count) ? Math.max(1, Math.min(Math.floor(count), 1_000_000)) : 1;
}

export function edgeStyle(r: RelationModel): EdgeStyle {
    switch (r.kind) {
        case 'calls': return r.sync ? 'sync-call' : 'async-call';
        case 'publishes': return 'publish';
        case 'consumes': return 'consume';
        case 'reads': return 'read';
        case 'writes': return 'write';
        case 'uses': return 'read-write';
        case 'routes': return 'route';
        case 'replicates': return 'replication';
        case 'syncs': return 'sync-data';
        default: return 'sync-call';
    }
}

/** The text on an edge: protocol, how messages get out (`via outbox`), replication mode... */
export function edgeLabel(r: RelationModel, model?: ArchModel): string | undefined {
    const parts: string[] = [];
    const protocol = plainText(r.protocol).trim();
    const via = plainText(r.via).trim();
    const mode = plainText(r.mode).trim();
    if (protocol) parts.push(protocol);
    if (r.kind === 'calls' && !r.sync && !protocol) parts.push('async');
    if (via) parts.push(`via ${via}`);
    if (r.kind === 'replicates' && mode) parts.push(mode);
    // The delivery guarantee a consumer gets: its own, its channel's or its broker's.
    if (r.kind === 'consumes' && model) {
        const delivery = plainText(effectiveDelivery(model, r)).trim();
        if (delivery) parts.push(delivery);
    }
    return parts.length > 0 ? clip(parts.join(' · ')) : undefined;
}

/** Findings by each element they are about. A finding about text only (an unused suppression) is not drawn. */
/**
 * The findings of each element, as the picture needs them. A view shows a part of the workspace, so
 * the findings are only grouped by element here and turned into `DiagramFinding`s (their text made
 * plain) for the elements the view draws, once each.
 */
function indexFindings(findings: readonly Finding[]): (id: string) => DiagramFinding[] {
    const byElement = new Map<string, Finding[]>();
    for (const f of findings) {
        for (const id of f.elements) {
            const list = byElement.get(id);
            if (list) list.push(f);
            else byElement.set(id, [f]);
        }
    }
    const converted = new Map<string, DiagramFinding[]>();
    return id => {
        let result = converted.get(id);
        if (!result) {
            result = (byElement.get(id) ?? []).map(f => ({ ruleId: plainText(f.ruleId), severity: f.severity, message: plainText(f.message) }));
            converted.set(id, result);
        }
        return result;
    };
}

/**
 * Relations to draw highlighted: those of a finding about several relations at once, which names a
 * path through the system (such as a cycle of synchronous calls) that only reads as a whole.
 */
function pathRelations(model: ArchModel, findings: readonly Finding[]): Set<string> {
    const { relationIds } = relationsOf(model);
    const result = new Set<string>();
    for (const f of findings) {
        const relations = f.elements.filter(id => relationIds.has(id));
        if (relations.length > 1) for (const id of relations) result.add(id);
    }
    return result;
}

/**
 * A hash of what the layout depends on: node ids, nesting, sizes, edge endpoints and edge label
 * sizes. Findings, colours and texts that keep their size do not change it.
 */
export function structureKey(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): string {
    const parts: string[] = [];
    const walk = (list: readonly DiagramNode[]) => {
        for (const n of list) {
            parts.push(`(${n.id}|${n.width}x${n.height}`);
            walk(n.children);
            parts.push(')');
        }
    };
    walk(nodes);
    parts.push('#');
    for (const e of edges) {
        const label = e.label ? edgeLabelSize(e.label) : undefined;
        parts.push(`${e.id}|${e.source}>${e.target}|${label ? `${label.width}x${label.height}` : '-'};`);
    }
    const text = parts.join('');
    return `${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193 ^ 0x5bd1e995)}-${text.length.toString(36)}`;
}

/** 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
}
