/**
 * The Mermaid `flowchart` renderer of a view graph (`buildViewGraph`): the same nodes, groups, edges
 * (in the same direction) and severities the ELK + SVG picture draws, in Mermaid's syntax. The text
 * depends on the graph only: the same model and view always give the same text.
 */
import type { ComponentKind, Finding, Severity } from '@sysd/language/model';
import type { ArchModel } from '@sysd/language/model';
import { COMPONENT_KINDS } from '@sysd/language/model';
import { buildViewGraph } from '../build-graph.js';
import { legendFor, type LegendEntry } from '../legend.js';
import type { DiagramEdge, DiagramGraph, DiagramNode, EdgeStyle } from '../types.js';
import { resolveView } from '../views/resolve.js';
import type { ResolvedView } from '../views/types.js';
import { encodeIdPart, mermaidText, quoted } from './escape.js';

/** How the flowchart is drawn. */
export interface MermaidRenderOptions {
    /** Main direction of the graph (default `LR`). */
    direction?: 'LR' | 'TB';
    /** Ask Mermaid for its ELK layout (front-matter config). */
    layout?: 'elk';
    /** Draw the legend as a `subgraph legend` (default true). */
    legend?: boolean;
}

/** The model-level options of the compatibility wrappers `buildMermaidFlowchart` and `toMermaidFlowchart`. */
export interface FlowchartOptions extends MermaidRenderOptions {
    /** Only this system (qualified name, or a plain name when that is unique) and the systems inside it. */
    system?: string;
    /** Only components of these kinds. */
    includeKinds?: ComponentKind[];
    /** Leave out components of these kinds. */
    excludeKinds?: ComponentKind[];
}

/** What a flowchart contains; the tests, the CLI and the renderer-agreement check use the lists. */
export interface FlowchartResult {
    text: string;
    /** Graph node ids drawn as nodes (stand-ins and compound nodes such as brokers included, groups and the legend not). */
    nodes: string[];
    /** Graph edge ids, in the order of the edges in the text. */
    edges: string[];
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


const SEVERITY_CLASS: Readonly<Record<Severity, string>> = { error: 'finding_error', warning: 'finding_warning', info: 'finding_info', hint: 'finding_info' };

/** Edge colour for relations with findings. */
const EDGE_FINDING_STROKE: Readonly<Record<Severity, string>> = { error: 'stroke:#c62828', warning: 'stroke:#ef6c00', info: 'stroke:#1565c0', hint: 'stroke:#1565c0' };

const OTHER_STYLES: readonly [string, string][] = [
    ['external', 'stroke-dasharray:5'],
    ['stub', 'stroke-dasharray:4 3,fill:#ffffff,color:#555555,font-size:11px'],
    ['focus', 'stroke:#6a1b9a,stroke-width:4px'],
    ['legend_text', 'fill:#ffffff,stroke:#cfd8dc,color:#1a1a1a']
];

/** Node id of a component. */
export function nodeId(componentId: string): string {
    return `n_${encodeIdPart(componentId)}`;
}

/** Subgraph id of a component drawn as a box around the components it holds (a broker and its channels). */
export function compoundId(componentId: string): string {
    return `b_${encodeIdPart(componentId)}`;
}

/** Subgraph id of a group node of the graph (`system:Shop`, `region:system:Shop/eu`, `zone:...`). */
export function groupId(node: Pick<DiagramNode, 'id' | 'kind'>): string {
    const colon = node.id.indexOf(':');
    const rest = colon < 0 ? node.id : node.id.slice(colon + 1);
    const prefix = node.kind === 'system' ? 's' : node.kind === 'region' ? 'r' : 'z';
    return `${prefix}_${encodeIdPart(rest)}`;
}

function isGroup(node: DiagramNode): boolean {
    return node.kind === 'system' || node.kind === 'region' || node.kind === 'zone';
}

/** Draws a view graph as a Mermaid flowchart and says which graph nodes and edges it drew. */
export function renderMermaidFlowchart(graph: DiagramGraph, options: MermaidRenderOptions = {}): FlowchartResult {
    const direction = options.direction === 'TB' ? 'TB' : 'LR';
    const lines: string[] = [];
    if (options.layout === 'elk') lines.push('---', 'config:', '  layout: elk', '---');
    lines.push(`flowchart ${direction}`);

    const ids = new Map<string, string>();
    const drawn: string[] = [];
    const byClass = new Map<string, string[]>();
    const usedKinds = new Set<string>();
    const seen = new Set<string>();

    const component = (node: DiagramNode, indent: string): void => {
        const kind = Object.hasOwn(KIND_SHAPES, node.kind) ? node.kind as ComponentKind : 'service';
        usedKinds.add(kind);
        if (node.children.length > 0) {
            // A broker with channels is the box around them, not also a node inside it: edges to the
            // broker end at the box.
            const id = compoundId(node.id);
            ids.set(node.id, id);
            lines.push(`${indent}subgraph ${id} [${label(node)}]`);
            for (const child of node.children) draw(child, `${indent}    `);
            lines.push(`${indent}end`);
            pushTo(byClass, 'group_broker', id);
            classesOf(node, id);
        } else {
            const id = nodeId(node.id);
            ids.set(node.id, id);
            lines.push(`${indent}${id}${shape(kind, node)}`);
            pushTo(byClass, `kind_${kind}`, id);
            classesOf(node, id);
        }
        drawn.push(node.id);
    };
    const classesOf = (node: DiagramNode, id: string): void => {
        if (node.stub) pushTo(byClass, 'stub', id);
        if (node.external) pushTo(byClass, 'external', id);
        if (node.severity && Object.hasOwn(SEVERITY_CLASS, node.severity)) pushTo(byClass, SEVERITY_CLASS[node.severity], id);
        if (node.focus) pushTo(byClass, 'focus', id);
    };
    const draw = (node: DiagramNode, indent: string): void => {
        // A graph from elsewhere (the webview's messages) might repeat a node; Mermaid would merge them.
        if (seen.has(node.id)) return;
        seen.add(node.id);
        if (!isGroup(node)) {
            component(node, indent);
            return;
        }
        const id = groupId(node);
        ids.set(node.id, id);
        const title = node.kind === 'system' ? node.label : `${node.kind} ${node.label}`;
        lines.push(`${indent}subgraph ${id} [${quoted(title)}]`);
        for (const child of node.children) draw(child, `${indent}    `);
        lines.push(`${indent}end`);
        pushTo(byClass, `group_${node.kind}`, id);
    };
    for (const node of graph.nodes) draw(node, '    ');
    if (graph.nodes.length === 0) {
        // An empty view is a valid view: the picture says so instead of being blank.
        lines.push(`    empty_view[${quoted(graph.view ? `${graph.view.title}: no components to show` : 'No components to show')}]`);
        pushTo(byClass, 'legend_text', 'empty_view');
    }
    const legend = options.legend !== false ? drawLegend(legendFor(graph), lines, byClass, usedKinds) : [];

    const edges: string[] = [];
    const linkStyles: string[] = [];
    for (const edge of graph.edges) {
        const from = ids.get(edge.source);
        const to = ids.get(edge.target);
        // Groups are never endpoints; an edge to a node that is not drawn cannot be drawn either.
        if (from === undefined || to === undefined) continue;
        if (isGroupId(from) || isGroupId(to)) continue;
        const { arrow, label, style } = edgeLook(edge);
        const text = label ? `|${quoted(label)}|` : '';
        const index = edges.length;
        lines.push(`    ${from} ${arrow}${text} ${to}`);
        edges.push(edge.id);
        const parts: string[] = [];
        if (style) parts.push(style);
        // One colour per line: a problem path (red) over a finding's colour over the flow's path
        // (purple); the path is also drawn wider, so a path with findings still reads as the path.
        if (edge.highlighted) parts.push(EDGE_FINDING_STROKE.error);
        else if (edge.severity && Object.hasOwn(EDGE_FINDING_STROKE, edge.severity)) parts.push(EDGE_FINDING_STROKE[edge.severity]);
        else if (edge.focus) parts.push('stroke:#6a1b9a');
        if (edge.focus) parts.push('stroke-width:4px');
        else if (edge.highlighted) parts.push('stroke-width:3px');
        else if (edge.severity) parts.push('stroke-width:2px');
        if (parts.length > 0) linkStyles.push(`    linkStyle ${index} ${parts.join(',')}`);
    }

    // The legend's invisible links come after every element edge, so `linkStyle` indices stay those of `edges`.
    lines.push(...legend);

    // ---- classes
    for (const kind of COMPONENT_KINDS) if (usedKinds.has(kind)) lines.push(`    classDef kind_${kind} ${KIND_STYLES[kind]}`);
    for (const [name, style] of [...FINDING_STYLES, ...GROUP_STYLES, ...OTHER_STYLES]) lines.push(`    classDef ${name} ${style}`);
    const order = [
        ...COMPONENT_KINDS.map(kind => `kind_${kind}`), ...GROUP_STYLES.map(([name]) => name), 'external', 'stub',
        ...FINDING_STYLES.map(([name]) => name), 'focus', 'legend_text'
    ];
    for (const name of order) {
        const list = byClass.get(name);
        if (list) lines.push(`    class ${list.join(',')} ${name}`);
    }
    lines.push(...linkStyles);
    return { text: `${lines.join('\n')}\n`, nodes: drawn, edges };
}

function isGroupId(id: string): boolean {
    return id.startsWith('s_') || id.startsWith('r_') || id.startsWith('z_');
}

/**
 * The legend as a subgraph of text boxes, each drawn in the look it explains (a shape in its kind's
 * shape and colours, a badge colour as that border...). Its ids start with `legend_`, which no
 * element id does (they start with `n_`, `b_`, `s_`, `r_` or `z_`).
 */
function drawLegend(entries: LegendEntry[], lines: string[], byClass: Map<string, string[]>, usedKinds: Set<string>): string[] {
    if (entries.length === 0) return [];
    lines.push('    subgraph legend ["Legend"]');
    lines.push('        direction LR');
    entries.forEach((entry, i) => {
        const id = `legend_${i + 1}`;
        switch (entry.kind) {
            case 'shape': {
                const [open, close] = KIND_SHAPES[entry.component] ?? KIND_SHAPES.service;
                lines.push(`        ${id}${open}${quoted(entry.label)}${close}`);
                usedKinds.add(entry.component);
                pushTo(byClass, `kind_${entry.component}`, id);
                return;
            }
            case 'badge':
                lines.push(`        ${id}[${quoted(entry.label)}]`);
                pushTo(byClass, 'legend_text', id);
                pushTo(byClass, SEVERITY_CLASS[entry.severity] ?? 'finding_info', id);
                return;
            case 'stub':
                lines.push(`        ${id}[${quoted(entry.label)}]`);
                pushTo(byClass, 'stub', id);
                return;
            case 'highlight':
                lines.push(`        ${id}[${quoted(entry.label)}]`);
                pushTo(byClass, 'legend_text', id);
                if (entry.label.startsWith('Bold')) pushTo(byClass, 'focus', id);
                else pushTo(byClass, 'finding_error', id);
                return;
            case 'group':
                lines.push(`        ${id}[${quoted(entry.label)}]`);
                pushTo(byClass, `group_${entry.group}`, id);
                return;
            default:
                lines.push(`        ${id}[${quoted(entry.label)}]`);
                pushTo(byClass, 'legend_text', id);
        }
    });
    lines.push('    end');
    // Mermaid scatters unlinked boxes; invisible links (`~~~`) keep the entries in their order, one
    // row per part of the legend (shapes, lines, groups, marks), at most LEGEND_ROW to a row.
    const part = (entry: LegendEntry) => (entry.kind === 'shape' || entry.kind === 'line' || entry.kind === 'group' ? entry.kind : 'mark');
    const links: string[] = [];
    let inRow = 1;
    for (let i = 1; i < entries.length; i++) {
        if (part(entries[i]) === part(entries[i - 1]) && inRow < LEGEND_ROW) {
            links.push(`    legend_${i} ~~~ legend_${i + 1}`);
            inRow++;
        } else {
            inRow = 1;
        }
    }
    return links;
}

/** Legend entries per row. */
const LEGEND_ROW = 5;

/** The node declaration after the id: shape brackets around the label. */
function shape(kind: ComponentKind, node: DiagramNode): string {
    const [open, close] = KIND_SHAPES[kind] ?? KIND_SHAPES.service;
    return `${open}${label(node)}${close}`;
}

/** A component's quoted label: its name, then a second line with technology and replicas. */
function label(node: DiagramNode): string {
    const details: string[] = [];
    if (node.detail) details.push(node.detail);
    if (node.replicas > 1) details.push(`×${node.replicas}`);
    return `"${mermaidText(node.label)}${details.length > 0 ? `<br/>${mermaidText(details.join(' '))}` : ''}"`;
}

/**
 * Arrow and label per edge style. Mermaid has fewer line styles than the SVG picture (solid, thick,
 * dotted), so the label starts with the verb where the line alone would not say it (`reads`,
 * `writes`, `publishes`...), followed by the graph's own label (protocol, `via outbox`, delivery).
 */
function edgeLook(edge: DiagramEdge): { arrow: string; label: string; style?: string } {
    const join = (...parts: (string | undefined)[]) => parts.filter(p => p !== undefined && p !== '').join(' ');
    const label = edge.label;
    const looks: Record<EdgeStyle, { arrow: string; label: string; style?: string }> = {
        'sync-call': { arrow: '-->', label: join(label) },
        'async-call': { arrow: '-.->', label: join(label) },
        'read': { arrow: '-->', label: join('reads', label) },
        'write': { arrow: '==>', label: join('writes', label) },
        'read-write': { arrow: '==>', label: join('reads/writes', label) },
        'publish': { arrow: '-.->', label: join('publishes', label) },
        'consume': { arrow: '-.->', label: join('delivers', label) },
        'route': { arrow: '-->', label: join('routes', label) },
        'replication': { arrow: '-.->', label: join('replicates', label), style: 'stroke-dasharray:2' },
        'sync-data': { arrow: '-.->', label: join('syncs', label) }
    };
    return Object.hasOwn(looks, edge.style) ? looks[edge.style] : { arrow: '-->', label: join(String(edge.relation), label) };
}

/** The view the old model-level options name: one system (an unknown or ambiguous name throws), else everything. */
export function flowchartView(model: ArchModel, options: Pick<FlowchartOptions, 'system'> = {}): ResolvedView {
    if (options.system === undefined || options.system === '') return resolveView(model, { kind: 'all' }) as ResolvedView;
    return resolveView(model, { kind: 'system', id: resolveSystem(model, options.system) }) as ResolvedView;
}

/** Builds the view graph for the old model-level options (a system, kinds) and renders it. */
export function buildMermaidFlowchart(model: ArchModel, findings: readonly Finding[], options: FlowchartOptions = {}): FlowchartResult {
    const graph = buildViewGraph(model, findings, flowchartView(model, options), { kinds: chosenKinds(options.includeKinds, options.excludeKinds) });
    return renderMermaidFlowchart(graph, options);
}

/** The flowchart text for the model (see `buildMermaidFlowchart`). */
export function toMermaidFlowchart(model: ArchModel, findings: readonly Finding[], options: FlowchartOptions = {}): string {
    return buildMermaidFlowchart(model, findings, options).text;
}

/** The kinds to keep: the included ones (all when none), less the excluded ones; undefined for all. */
export function chosenKinds(include: readonly string[] | undefined, exclude: readonly string[] | undefined): string[] | undefined {
    const base = include && include.length > 0 ? [...include] : undefined;
    const out = new Set(exclude ?? []);
    if (!base && out.size === 0) return undefined;
    return (base ?? [...COMPONENT_KINDS]).filter(kind => !out.has(kind));
}

/** Accepts a qualified system name, or a plain name when exactly one system has it. */
function resolveSystem(model: ArchModel, system: string): string {
    if (model.systems.has(system)) return system;
    const byName = [...model.systems.values()].filter(s => s.name === system);
    if (byName.length === 1) return byName[0].id;
    throw new Error(byName.length === 0
        ? `There is no system '${system}' (systems: ${[...model.systems.keys()].sort(compare).join(', ') || 'none'}).`
        : `The name '${system}' fits several systems (${byName.map(s => s.id).sort(compare).join(', ')}); give the qualified name.`);
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
