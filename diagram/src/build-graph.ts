/**
 * Builds the diagram graph from the semantic model and the lint findings. Reads nothing else: no
 * AST, no Langium, no VS Code. The result is plain JSON (see `types.ts`), sized for layout.
 */
import { instances } from '@sysd/language/model';
import type { ComponentKind, ComponentModel, RelationModel, SourceLocation } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import type { Finding, Severity } from '@sysd/language/model';
import { componentSize, edgeLabelSize, groupMinSize } from './metrics.js';
import { clip, displayName, plainText, usableId } from './text.js';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode, EdgeStyle, GroupKind } from './types.js';

export interface BuildOptions {
    /** Show only this system (its id or name) and what is nested in it; see `docs/diagram.md`. */
    system?: string;
    /** Show only components of these kinds. */
    kinds?: ComponentKind[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
    let worst: Severity | undefined;
    for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
    return worst;
}

/** The system with this id or (unqualified) name, if any. */
export function findSystem(model: ArchModel, name: string): string | undefined {
    if (model.systems.has(name)) return name;
    for (const s of model.systems.values()) if (s.name === name) return s.id;
    return undefined;
}

export function buildDiagram(model: ArchModel, findings: readonly Finding[], options: BuildOptions = {}): DiagramGraph {
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : undefined;
    const systemFilter = options.system === undefined ? undefined : findSystem(model, options.system);
    const inScope = (systemId: string | undefined): boolean => {
        if (options.system === undefined) return true;
        if (systemFilter === undefined) return false;
        for (let s = systemId; s !== undefined; s = model.systems.get(s)?.parent) if (s === systemFilter) return true;
        return false;
    };

    // Which components become nodes. One without an id (a kind keyword typed without its name) has
    // nothing an edge could reach and no place in the nesting: it is left out of the picture.
    const shown = new Map<string, ComponentModel>();
    for (const c of model.components.values()) {
        if (usableId(c.id) === undefined) continue;
        if (kinds && !kinds.has(c.kind)) continue;
        if (!inScope(c.system)) continue;
        shown.set(c.id, c);
    }

    const byElement = indexFindings(findings);
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
    const systemGroup = (systemId: string | undefined): DiagramNode | undefined => {
        if (systemId === undefined) return undefined;
        const system = model.systems.get(systemId);
        if (!system) return undefined;
        // A system above the filtered one is not drawn: the filtered system is the outermost group.
        const parent = systemId === systemFilter ? undefined : systemGroup(system.parent);
        return group('system', `system:${systemId}`, displayName(system.name, systemId), system.loc, parent);
    };
    const placementGroup = (c: ComponentModel, parent: DiagramNode | undefined): DiagramNode | undefined => {
        const placements = [...new Set(c.props.placements)];
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
        const own = byElement.get(c.id) ?? [];
        const kind = kindOf(c.kind);
        const label = displayName(c.name, c.id);
        const size = componentSize(kind, label, detail, replicas);
        return {
            id: c.id, kind, label, detail, replicas, managed: c.props.managed === true, children: [],
            findings: own, severity: worstSeverity(own), loc: c.loc, width: size.width, height: size.height
        };
    };

    for (const c of shown.values()) nodes.set(c.id, componentNode(c));
    // Brokers that show some of their channels become compound nodes, sized for their header.
    for (const c of shown.values()) {
        const node = nodes.get(c.id)!;
        const broker = c.parent !== undefined ? nodes.get(c.parent) : undefined;
        if (broker && shown.get(c.parent!)?.kind === 'broker') {
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

    // Edges. With a system filter, an edge to a component outside it ends at a stub node.
    const edges: DiagramEdge[] = [];
    const highlighted = pathRelations(model, findings);
    const stubs = new Map<string, DiagramNode>();
    const endpoint = (id: string): DiagramNode | undefined => {
        const node = nodes.get(id);
        if (node) return node;
        if (options.system === undefined) return undefined;
        const c = model.components.get(id);
        if (!c || (kinds && !kinds.has(c.kind))) return undefined;
        let stub = stubs.get(id);
        if (!stub) {
            const broker = c.parent !== undefined ? model.components.get(c.parent) : undefined;
            const name = displayName(c.name, c.id);
            const label = clip(broker ? `${displayName(broker.name, broker.id)}.${name}` : name);
            const systemModel = c.system !== undefined ? model.systems.get(c.system) : undefined;
            const detail = systemModel ? `in ${displayName(systemModel.name, systemModel.id)}` : 'outside this system';
            const kind = kindOf(c.kind);
            const size = componentSize(kind, label, detail, 1);
            stub = {
                id, kind, label, detail, replicas: 1, managed: c.props.managed === true, stub: true, children: [],
                findings: [], loc: c.loc, width: size.width, height: size.height
            };
            stubs.set(id, stub);
            roots.push(stub);
        }
        return stub;
    };
    // Edge ids must be unique for the layout; a relation without one (or repeating one) gets its own.
    const edgeIds = new Set<string>();
    for (const r of model.relations) {
        const source = usableId(r.source);
        const target = usableId(r.target);
        if (source === undefined || target === undefined) continue;
        if (!model.components.has(source) || !model.components.has(target)) continue;
        if (!nodes.has(source) && !nodes.has(target)) continue;
        const [from, to] = r.kind === 'consumes' ? [target, source] : [source, target];
        if (!endpoint(from) || !endpoint(to)) continue;
        const own = (usableId(r.id) !== undefined ? byElement.get(r.id) : undefined) ?? [];
        let id = usableId(r.id) ?? `${source} ${String(r.kind)} ${target}`;
        for (let n = 2; edgeIds.has(id); n++) id = `${usableId(r.id) ?? `${source} ${String(r.kind)} ${target}`} (${n})`;
        edgeIds.add(id);
        edges.push({
            id, relation: r.kind, style: edgeStyle(r), source: from, target: to, label: edgeLabel(r),
            findings: own, severity: worstSeverity(own), highlighted: highlighted.has(r.id), loc: r.loc
        });
    }

    return { nodes: roots, edges, structureKey: structureKey(roots, edges) };
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
export function edgeLabel(r: RelationModel): string | undefined {
    const parts: string[] = [];
    const protocol = plainText(r.protocol).trim();
    const via = plainText(r.via).trim();
    const mode = plainText(r.mode).trim();
    if (protocol) parts.push(protocol);
    if (r.kind === 'calls' && !r.sync && !protocol) parts.push('async');
    if (via) parts.push(`via ${via}`);
    if (r.kind === 'replicates' && mode) parts.push(mode);
    return parts.length > 0 ? clip(parts.join(' · ')) : undefined;
}

/** Findings by each element they are about. A finding about text only (an unused suppression) is not drawn. */
function indexFindings(findings: readonly Finding[]): Map<string, DiagramFinding[]> {
    const byElement = new Map<string, DiagramFinding[]>();
    for (const f of findings) {
        for (const id of f.elements) {
            const list = byElement.get(id) ?? [];
            list.push({ ruleId: plainText(f.ruleId), severity: f.severity, message: plainText(f.message) });
            byElement.set(id, list);
        }
    }
    return byElement;
}

/**
 * Relations to draw highlighted: those of a finding about several relations at once, which names a
 * path through the system (such as a cycle of synchronous calls) that only reads as a whole.
 */
function pathRelations(model: ArchModel, findings: readonly Finding[]): Set<string> {
    const relationIds = new Set(model.relations.map(r => r.id));
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
