/**
 * The legend (key) of a view graph: the shapes, line styles, group borders and badges the picture
 * uses, each with the words that explain it. One list, drawn by every renderer: the SVG renderer (in
 * the preview and in `sysd export`), the preview's legend panel and the Mermaid export. Only what the
 * picture contains is listed, so a small picture has a small legend.
 */
import { COMPONENT_KINDS } from '@sysd/language/model';
import type { ComponentKind, Severity } from '@sysd/language/model';
import type { DiagramGraph, DiagramNode, EdgeStyle, GroupKind } from './types.js';

export type LegendEntry =
    | { kind: 'shape'; component: ComponentKind; label: string }
    | { kind: 'line'; style: EdgeStyle; label: string }
    | { kind: 'group'; group: GroupKind | 'broker'; label: string }
    | { kind: 'badge'; severity: Severity; label: string }
    | { kind: 'stub'; label: string }
    | { kind: 'replicas'; label: string }
    /** `focus`: the path of a flow or saga (bold); `problem`: a path a finding is about, such as a call cycle (red). */
    | { kind: 'highlight'; what: 'focus' | 'problem'; label: string };

const SHAPE_LABELS: Readonly<Record<ComponentKind, string>> = {
    client: 'Client', service: 'Service', function: 'Function', gateway: 'API gateway', loadbalancer: 'Load balancer',
    cdn: 'CDN', broker: 'Message broker', topic: 'Topic', queue: 'Queue', database: 'Database', cache: 'Cache',
    objectstore: 'Object store', search: 'Search index', coordinator: 'Coordinator'
};

/**
 * Line entries: one per look, so styles drawn alike share an entry that names what each means
 * (asynchronous calls, publishes and consumes are all dashed arrows).
 */
const LINE_LOOKS: ReadonlyArray<{ look: string; styles: ReadonlyArray<[EdgeStyle, string]> }> = [
    { look: 'Solid arrow', styles: [['sync-call', 'synchronous call'], ['route', 'route']] },
    { look: 'Dashed arrow', styles: [['async-call', 'asynchronous call'], ['publish', 'publish'], ['consume', 'consume']] },
    { look: 'Arrow back to the reader', styles: [['read', 'read']] },
    { look: 'Arrow into the store', styles: [['write', 'write']] },
    { look: 'Arrow both ways', styles: [['read-write', 'read and write']] },
    { look: 'Dotted', styles: [['replication', 'replication'], ['sync-data', 'data sync']] }
];

const GROUP_LABELS: ReadonlyArray<[GroupKind | 'broker', string]> = [
    ['system', 'Box with a title bar: system'],
    ['region', 'Box with a blue title bar: region'],
    ['zone', 'Box with a grey title bar: zone'],
    ['broker', 'Broker box: its topics and queues']
];

/** Badge colours name the severity; Mermaid draws the same colour as a border, so the words say "mark". */
const BADGE_LABELS: ReadonlyArray<[Severity, string]> = [
    ['error', 'Red mark: error finding'],
    ['warning', 'Orange mark: warning finding'],
    ['info', 'Blue mark: information finding'],
    ['hint', 'Blue mark: hint']
];

/** The entries a graph needs, in a fixed order (shapes, lines, groups, badges, the rest): only what the picture contains. */
export function legendFor(graph: DiagramGraph): LegendEntry[] {
    const kinds = new Set<string>();
    const groups = new Set<string>();
    const severities = new Set<string>();
    let stubs = false;
    let replicas = false;
    let focus = false;
    const walk = (list: readonly DiagramNode[]) => {
        for (const node of list) {
            const isGroup = node.kind === 'system' || node.kind === 'region' || node.kind === 'zone';
            if (isGroup) groups.add(node.kind);
            else {
                kinds.add(node.kind);
                if (node.children.length > 0) groups.add('broker');
                if (node.stub) stubs = true;
                if (node.replicas > 1) replicas = true;
                if (node.focus) focus = true;
            }
            if (node.severity) severities.add(node.severity);
            walk(node.children);
        }
    };
    walk(graph.nodes);
    const styles = new Set<string>();
    let highlighted = false;
    for (const edge of graph.edges) {
        styles.add(edge.style);
        if (edge.severity) severities.add(edge.severity);
        if (edge.highlighted) highlighted = true;
        if (edge.focus) focus = true;
    }

    const entries: LegendEntry[] = [];
    for (const kind of COMPONENT_KINDS) if (kinds.has(kind)) entries.push({ kind: 'shape', component: kind, label: SHAPE_LABELS[kind] });
    for (const { look, styles: members } of LINE_LOOKS) {
        const present = members.filter(([style]) => styles.has(style));
        if (present.length === 0) continue;
        entries.push({ kind: 'line', style: present[0][0], label: `${look}: ${present.map(([, words]) => words).join(' / ')}` });
    }
    for (const [group, label] of GROUP_LABELS) if (groups.has(group)) entries.push({ kind: 'group', group, label });
    for (const [severity, label] of BADGE_LABELS) if (severities.has(severity)) entries.push({ kind: 'badge', severity, label });
    if (stubs) entries.push({ kind: 'stub', label: 'Dashed small box: outside this view' });
    if (replicas) entries.push({ kind: 'replicas', label: 'Stacked shape: replicas' });
    if (focus) entries.push({ kind: 'highlight', what: 'focus', label: 'Bold purple: the path of the flow or saga' });
    if (highlighted) entries.push({ kind: 'highlight', what: 'problem', label: 'Thick red line: part of a problem path (such as a call cycle)' });
    return entries;
}
