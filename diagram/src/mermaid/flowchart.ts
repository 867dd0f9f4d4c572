/**
 * The architecture as a Mermaid `flowchart`, built from the semantic model and the lint findings
 * only (no AST, no Langium runtime, no vscode): the same model always gives the same text.
 */
import type { Finding, Severity } from '@sysd/language/model';
import type { ComponentKind, ComponentModel, RelationModel, SourceLocation } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import { effectiveDelivery } from '@sysd/language/model';
import { displayName, usableId } from '../text.js';
import { encodeIdPart, mermaidText, quoted } from './escape.js';

export interface FlowchartOptions {
    /** Main direction of the graph (default `LR`). */
    direction?: 'LR' | 'TB';
    /** Only this system (qualified name, or a plain name when that is unique) and the systems inside it. */
    system?: string;
    /** Only components of these kinds. */
    includeKinds?: ComponentKind[];
    /** Leave out components of these kinds. */
    excludeKinds?: ComponentKind[];
    /** Ask Mermaid for its ELK layout (front-matter config). */
    layout?: 'elk';
}

/** What a flowchart export contains; the tests and the CLI use the counts. */
export interface FlowchartResult {
    text: string;
    /** Component ids drawn as nodes. */
    nodes: string[];
    /** Relations drawn as edges, in the order of the edges in the text. */
    edges: RelationModel[];
}

/** The flowchart text for the model. */
export function toMermaidFlowchart(model: ArchModel, findings: readonly Finding[], options: FlowchartOptions = {}): string {
    return buildMermaidFlowchart(model, findings, options).text;
}

/** Flowchart node shape per component kind: the text before and after the quoted label. */
export const KIND_SHAPES: Readonly<Record<ComponentKind, readonly [string, string]>> = {
    client: ['([', '])'],            // stadium
    service: ['[', ']'],             // rectangle
    function: ['(', ')'],            // rounded rectangle
    gateway: ['{{', '}}'],           // hexagon
    loadbalancer: ['[/', '\\]'],     // trapezoid
    cdn: ['[\\', '/]'],              // inverted trapezoid
    broker: ['[[', ']]'],            // subroutine (framed box)
    topic: ['>', ']'],               // flag
    queue: ['[/', '/]'],             // parallelogram
    database: ['[(', ')]'],          // cylinder
    cache: ['[\\', '\\]'],           // parallelogram leaning left
    objectstore: ['[(', ')]'],       // cylinder
    search: ['((', '))'],            // circle
    coordinator: ['(((', ')))']      // double circle
};

/** Fill and stroke per kind (`classDef kind_<kind>`). */
const KIND_STYLES: Readonly<Record<ComponentKind, string>> = {
    client: 'fill:#f3e5f5,stroke:#6a1b9a,color:#1a1a1a',
    service: 'fill:#e3f2fd,stroke:#1565c0,color:#1a1a1a',
    function: 'fill:#e1f5fe,stroke:#0277bd,color:#1a1a1a',
    gateway: 'fill:#ede7f6,stroke:#4527a0,color:#1a1a1a',
    loadbalancer: 'fill:#e8eaf6,stroke:#283593,color:#1a1a1a',
    cdn: 'fill:#e0f7fa,stroke:#00838f,color:#1a1a1a',
    broker: 'fill:#fff3e0,stroke:#e65100,color:#1a1a1a',
    topic: 'fill:#fff8e1,stroke:#ff8f00,color:#1a1a1a',
    queue: 'fill:#fff8e1,stroke:#ff8f00,color:#1a1a1a',
    database: 'fill:#e8f5e9,stroke:#2e7d32,color:#1a1a1a',
    cache: 'fill:#fce4ec,stroke:#ad1457,color:#1a1a1a',
    objectstore: 'fill:#f1f8e9,stroke:#558b2f,color:#1a1a1a',
    search: 'fill:#f9fbe7,stroke:#9e9d24,color:#1a1a1a',
    coordinator: 'fill:#eceff1,stroke:#455a64,color:#1a1a1a'
};

const FINDING_STYLES: readonly [string, string][] = [
    ['finding_error', 'stroke:#c62828,stroke-width:3px'],
    ['finding_warning', 'stroke:#ef6c00,stroke-width:3px'],
    ['finding_info', 'stroke:#1565c0,stroke-width:2px,stroke-dasharray:4']
];

const GROUP_STYLES: readonly [string, string][] = [
    ['group_system', 'fill:#fafafa,stroke:#607d8b,stroke-width:1px'],
    ['group_region', 'fill:#f5fbff,stroke:#90a4ae,stroke-dasharray:6'],
    ['group_zone', 'fill:#ffffff,stroke:#b0bec5,stroke-dasharray:3'],
    ['group_broker', 'fill:#fffaf2,stroke:#ffb74d']
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 2 };
const SEVERITY_CLASS = ['finding_error', 'finding_warning', 'finding_info'];

/** Edge colour for relations with findings, by severity rank. */
const EDGE_FINDING_STROKE = ['stroke:#c62828', 'stroke:#ef6c00', 'stroke:#1565c0'];

/** Node id of a component. */
export function nodeId(componentId: string): string {
    return `n_${encodeIdPart(componentId)}`;
}

type GroupKind = 'system' | 'region' | 'zone' | 'broker';

interface Group {
    id: string;
    kind: GroupKind;
    label: string;
    /** Sort key: where the group's element was written. */
    order: string;
    groups: Map<string, Group>;
    nodes: ComponentModel[];
}

/** Builds the flowchart and reports what it drew. */
export function buildMermaidFlowchart(model: ArchModel, findings: readonly Finding[], options: FlowchartOptions = {}): FlowchartResult {
    const direction = options.direction ?? 'LR';
    const systemFilter = resolveSystem(model, options.system);
    const include = options.includeKinds && options.includeKinds.length > 0 ? new Set(options.includeKinds) : undefined;
    const exclude = new Set(options.excludeKinds ?? []);
    const inScope = (systemId: string | undefined): boolean =>
        systemFilter === undefined || (systemId !== undefined && (systemId === systemFilter || systemId.startsWith(`${systemFilter}.`)));

    const components = [...model.components.values()]
        // A component without an id (a kind keyword typed without its name) is left out, as in the preview.
        .filter(c => usableId(c.id) !== undefined && inScope(c.system) && (!include || include.has(c.kind)) && !exclude.has(c.kind))
        .sort((a, b) => compareLoc(a.loc, b.loc) || compare(a.id, b.id));
    const selected = new Set(components.map(c => c.id));

    // Worst finding per component and per relation.
    const worst = new Map<string, number>();
    for (const finding of findings) {
        const rank = SEVERITY_RANK[finding.severity];
        for (const id of finding.elements) {
            const current = worst.get(id);
            if (current === undefined || rank < current) worst.set(id, rank);
        }
    }

    // ---- the nesting: systems > regions > zones > broker groups > nodes
    const root: Group = { id: '', kind: 'system', label: '', order: '', groups: new Map(), nodes: [] };
    const systemGroup = (systemId: string | undefined): Group => {
        if (systemId === undefined || (systemFilter !== undefined && !inScope(systemId))) return root;
        const system = model.systems.get(systemId);
        const parentId = system?.parent ?? parentSystemOf(model, systemId);
        const parent = systemFilter !== undefined && systemId === systemFilter ? root : systemGroup(parentId);
        return child(parent, `s_${encodeIdPart(systemId)}`, 'system', displayName(system?.name, systemId), system ? locKey(system.loc) : systemId);
    };
    const placeGroup = (c: ComponentModel): Group => {
        const parent = systemGroup(c.system);
        const placement = placementOf(model, c);
        if (!placement) return parent;
        const scope = encodeIdPart(c.system ?? '');
        const region = model.regions.get(placement.region);
        const regionGroup = child(parent, `r_${scope}_s${encodeIdPart(placement.region)}`, 'region',
            `region ${displayName(region?.name, placement.region)}`, region ? locKey(region.loc) : placement.region);
        if (!placement.zone) return regionGroup;
        const zone = region?.zones.find(z => z.id === placement.zone);
        return child(regionGroup, `z_${scope}_s${encodeIdPart(placement.zone)}`, 'zone',
            `zone ${displayName(zone?.name, placement.zone)}`, zone ? locKey(zone.loc) : placement.zone);
    };

    // Systems stay visible when they are empty in the model itself (not merely filtered out).
    if (!include && exclude.size === 0) {
        for (const system of model.systems.values()) if (inScope(system.id)) systemGroup(system.id);
    }

    const brokersWithChildren = new Set(components.filter(c => c.parent !== undefined && selected.has(c.parent)).map(c => c.parent!));
    // A component whose parent is drawn goes into its parent's group, which holds the parent first.
    // Parents nest (a broker inside a broker, or inside a service in a half-written file): each level
    // is a subgraph inside the one above, found by walking up; `depth` stops a cycle of parents.
    const brokerGroups = new Map<string, Group>();
    const byId = new Map(components.map(c => [c.id, c]));
    const containerOf = (c: ComponentModel, depth: number): Group => {
        const parent = c.parent !== undefined ? byId.get(c.parent) : undefined;
        return parent && depth < components.length ? brokerGroupOf(parent, depth + 1) : placeGroup(c);
    };
    const brokerGroupOf = (broker: ComponentModel, depth: number): Group => {
        let group = brokerGroups.get(broker.id);
        if (!group) {
            group = child(containerOf(broker, depth), `b_${encodeIdPart(broker.id)}`, 'broker', displayName(broker.name, broker.id), locKey(broker.loc));
            group.nodes.push(broker);
            brokerGroups.set(broker.id, group);
        }
        return group;
    };
    for (const c of components) {
        if (brokersWithChildren.has(c.id)) brokerGroupOf(c, 0);
        else containerOf(c, 0).nodes.push(c);
    }

    // ---- text
    const lines: string[] = [];
    if (options.layout === 'elk') lines.push('---', 'config:', '  layout: elk', '---');
    lines.push(`flowchart ${direction}`);

    const groupClasses = new Map<string, string[]>();
    const writeGroup = (group: Group, indent: string): void => {
        for (const node of group.nodes) lines.push(`${indent}${nodeId(node.id)}${shape(node)}`);
        for (const sub of [...group.groups.values()].sort((a, b) => compare(a.order, b.order) || compare(a.id, b.id))) {
            lines.push(`${indent}subgraph ${sub.id} [${quoted(sub.label)}]`);
            writeGroup(sub, `${indent}    `);
            lines.push(`${indent}end`);
            pushTo(groupClasses, `group_${sub.kind}`, sub.id);
        }
    };
    writeGroup(root, '    ');

    const edges = model.relations
        .filter(r => selected.has(r.source) && selected.has(r.target))
        .sort((a, b) => compareLoc(a.loc, b.loc) || compare(a.id, b.id));
    const linkStyles: string[] = [];
    edges.forEach((relation, index) => {
        const { arrow, label, style } = edgeLook(relation, model);
        const text = label ? `|${quoted(label)}|` : '';
        lines.push(`    ${nodeId(relation.source)} ${arrow}${text} ${nodeId(relation.target)}`);
        const parts: string[] = [];
        if (style) parts.push(style);
        const rank = worst.get(relation.id);
        if (rank !== undefined) parts.push(EDGE_FINDING_STROKE[rank], 'stroke-width:2px');
        if (parts.length > 0) linkStyles.push(`    linkStyle ${index} ${parts.join(',')}`);
    });

    // ---- classes
    const usedKinds = new Set(components.map(c => c.kind));
    for (const kind of Object.keys(KIND_STYLES) as ComponentKind[]) {
        if (usedKinds.has(kind)) lines.push(`    classDef kind_${kind} ${KIND_STYLES[kind]}`);
    }
    lines.push('    classDef external stroke-dasharray:5');
    for (const [name, style] of [...FINDING_STYLES, ...GROUP_STYLES]) lines.push(`    classDef ${name} ${style}`);

    const byKind = new Map<string, string[]>();
    const external: string[] = [];
    const byFinding = new Map<string, string[]>();
    for (const c of components) {
        pushTo(byKind, `kind_${c.kind}`, nodeId(c.id));
        if (c.props.external) external.push(nodeId(c.id));
        const rank = worst.get(c.id);
        if (rank !== undefined) pushTo(byFinding, SEVERITY_CLASS[rank], nodeId(c.id));
    }
    for (const kind of Object.keys(KIND_STYLES)) {
        const ids = byKind.get(`kind_${kind}`);
        if (ids) lines.push(`    class ${ids.join(',')} kind_${kind}`);
    }
    if (external.length > 0) lines.push(`    class ${external.join(',')} external`);
    for (const name of SEVERITY_CLASS) {
        const ids = byFinding.get(name);
        if (ids) lines.push(`    class ${ids.join(',')} ${name}`);
    }
    for (const [name] of GROUP_STYLES) {
        const ids = groupClasses.get(name);
        if (ids) lines.push(`    class ${ids.join(',')} ${name}`);
    }
    lines.push(...linkStyles);

    return { text: `${lines.join('\n')}\n`, nodes: components.map(c => c.id), edges };
}

/** The node declaration after the id: shape brackets around the quoted label. */
function shape(c: ComponentModel): string {
    const [open, close] = KIND_SHAPES[c.kind] ?? KIND_SHAPES.service;
    const details: string[] = [];
    if (c.technology) details.push(c.technology);
    if (c.props.replicas > 1) details.push(`×${c.props.replicas}`);
    const label = mermaidText(displayName(c.name, c.id)) + (details.length > 0 ? `<br/>${mermaidText(details.join(' '))}` : '');
    return `${open}"${label}"${close}`;
}

/**
 * Line style per relation kind: synchronous calls, reads and routes solid; writes thick;
 * asynchronous calls, publish, consume and syncs dashed; replication dotted (a finer dash pattern).
 * Labels carry the protocol where one is given, how a publish is made (`via outbox`) and the delivery
 * guarantee a consumer gets.
 */
function edgeLook(r: RelationModel, model: ArchModel): { arrow: string; label: string; style?: string } {
    const protocol = r.protocol ?? '';
    const join = (...parts: (string | undefined)[]) => parts.filter(p => p !== undefined && p !== '').join(' ');
    switch (r.kind) {
        case 'calls':
            return r.sync ? { arrow: '-->', label: protocol } : { arrow: '-.->', label: join(protocol, 'async') };
        case 'reads':
            return { arrow: '-->', label: join('reads', protocol) };
        case 'writes':
            return { arrow: '==>', label: join('writes', protocol) };
        case 'uses':
            return { arrow: '==>', label: join('reads/writes', protocol) };
        case 'publishes':
            return { arrow: '-.->', label: join('publishes', protocol, r.via ? `via ${r.via}` : undefined) };
        case 'consumes':
            // The delivery guarantee the consumer gets (its own, its topic's or its broker's).
            return { arrow: '-.->', label: join('consumes', protocol, effectiveDelivery(model, r)) };
        case 'routes':
            return { arrow: '-->', label: join('routes', protocol) };
        case 'replicates':
            return { arrow: '-.->', label: join('replicates', r.mode), style: 'stroke-dasharray:2' };
        case 'syncs':
            return { arrow: '-.->', label: join('syncs', r.via ? `via ${r.via}` : undefined) };
        default:
            return { arrow: '-->', label: String(r.kind) };
    }
}

/** The zone (or only the region) all of a component's placements resolve to. */
function placementOf(model: ArchModel, c: ComponentModel): { region: string; zone?: string } | undefined {
    const placements = [...new Set(c.props.placements)];
    if (placements.length === 0) return undefined;
    const regions = new Set<string>();
    for (const p of placements) {
        const region = model.regionOf(p);
        if (region === undefined) return undefined;
        regions.add(region);
    }
    if (regions.size !== 1) return undefined;
    const region = [...regions][0];
    if (placements.length === 1 && model.isZone(placements[0])) return { region, zone: placements[0] };
    return { region };
}

/** Accepts a qualified system name, or a plain name when exactly one system has it. */
function resolveSystem(model: ArchModel, system: string | undefined): string | undefined {
    if (system === undefined || system === '') return undefined;
    if (model.systems.has(system)) return system;
    const byName = [...model.systems.values()].filter(s => s.name === system);
    if (byName.length === 1) return byName[0].id;
    throw new Error(byName.length === 0
        ? `There is no system '${system}' (systems: ${[...model.systems.keys()].sort(compare).join(', ') || 'none'}).`
        : `The name '${system}' fits several systems (${byName.map(s => s.id).sort(compare).join(', ')}); give the qualified name.`);
}

/** The closest enclosing system of a system id that the model knows about. */
function parentSystemOf(model: ArchModel, systemId: string): string | undefined {
    const parts = systemId.split('.');
    for (let n = parts.length - 1; n > 0; n--) {
        const candidate = parts.slice(0, n).join('.');
        if (model.systems.has(candidate)) return candidate;
    }
    return undefined;
}

function child(parent: Group, id: string, kind: GroupKind, label: string, order: string): Group {
    let group = parent.groups.get(id);
    if (!group) {
        group = { id, kind, label, order, groups: new Map(), nodes: [] };
        parent.groups.set(id, group);
    }
    return group;
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** Sortable text of a location: uri, then zero-padded line and column. */
function locKey(loc: SourceLocation | undefined): string {
    const { uri, line, character } = where(loc);
    return `${uri}\u0000${String(line).padStart(8, '0')}:${String(character).padStart(6, '0')}`;
}

function compareLoc(a: SourceLocation | undefined, b: SourceLocation | undefined): number {
    const x = where(a);
    const y = where(b);
    return compare(x.uri, y.uri) || x.line - y.line || x.character - y.character;
}

/** A location's sort key; an element built from broken text may lack one and sorts first. */
function where(loc: SourceLocation | undefined): { uri: string; line: number; character: number } {
    const start = loc?.range?.start;
    return { uri: typeof loc?.uri === 'string' ? loc.uri : '', line: start?.line ?? 0, character: start?.character ?? 0 };
}

export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
