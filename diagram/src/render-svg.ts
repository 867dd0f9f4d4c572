/**
 * The one SVG renderer, used by the preview (webview) and by `sysd export`. Input: a laid-out
 * diagram graph. Output: an SVG string in which every node, group and edge is a `<g>` with
 * `data-id`, `data-kind` and classes, so the webview can attach interaction and highlighting
 * without rendering again. All text is XML-escaped.
 */
import type { ComponentKind } from '@sysd/language/model';
import { FONT, GROUP, NODE, groupTitle, shapeInsets, stackCopies, textWidth } from './metrics.js';
import { plainText } from './text.js';
import { legendFor, type LegendEntry } from './legend.js';
import { diagramStyles, kindCategory, type DiagramTheme } from './theme.js';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode, EdgeStyle, GroupKind, Point } from './types.js';

export interface RenderOptions {
    theme?: DiagramTheme;
    /**
     * A complete file (XML declaration, background, embedded stylesheet: what the CLI writes).
     * Without it, the `<svg>` element carries no `<style>` and no background: the host page supplies
     * `diagramStyles(theme)` itself (a webview with a strict CSP styles through its own stylesheet).
     */
    standalone?: boolean;
    /**
     * Draw the key (the entries of `legendFor(graph)`) below the picture; the SVG grows to hold it.
     * On by default for standalone files, which travel without the preview's legend panel.
     */
    legend?: boolean;
}

const STORE_KINDS = new Set<string>(['database', 'cache', 'objectstore', 'search']);
const MESSAGING_KINDS = new Set<string>(['broker', 'topic', 'queue']);
const GROUP_KINDS = new Set<string>(['system', 'region', 'zone']);

/**
 * Escapes text for XML content and attribute values as one line: `plainText` turns line breaks into
 * spaces, drops controls (also those XML 1.0 does not allow at all) and bidi overrides, and replaces
 * lone surrogates; then the five XML specials become entities. A value that is not a string (a
 * missing name) becomes empty text.
 */
export function escapeXml(text: string | undefined): string {
    return plainText(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

function n(value: number): string {
    return String(Math.round(value * 10) / 10);
}

function attr(name: string, value: string | number): string {
    return ` ${name}="${typeof value === 'number' ? n(value) : escapeXml(value)}"`;
}

export function renderSvg(graph: DiagramGraph, options: RenderOptions = {}): string {
    const theme = options.theme ?? 'light';
    const standalone = options.standalone ?? true;
    const margin = 8;
    const width = Math.ceil((graph.width ?? boundsOf(graph).width) + margin * 2);
    const height = Math.ceil((graph.height ?? boundsOf(graph).height) + margin * 2);
    const empty = graph.nodes.length === 0;
    const legend = !empty && (options.legend ?? standalone) ? renderLegend(legendFor(graph), Math.max(width - margin * 2, LEGEND_MIN_WIDTH)) : undefined;
    const w = empty ? 320 : Math.max(width, legend ? Math.ceil(legend.width + margin * 2) : 0);
    const h = empty ? 60 : height + (legend ? Math.ceil(legend.height + margin) : 0);

    const out: string[] = [];
    if (standalone) out.push('<?xml version="1.0" encoding="UTF-8"?>');
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="sysd-diagram sysd-theme-${theme}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">`);
    if (standalone) out.push(`<style>\n${diagramStyles(theme, theme === 'vscode')}\n</style>`);
    out.push(markers());
    if (standalone) out.push(`<rect class="sysd-bg" x="0" y="0" width="${w}" height="${h}"/>`);
    if (empty) {
        out.push(`<text class="sysd-empty" x="16" y="34">No components to show.</text>`);
        out.push('</svg>');
        return out.join('\n');
    }
    out.push(`<g transform="translate(${margin},${margin})">`);

    // Containers first (outermost first), then edges, then components on top.
    const containers: string[] = [];
    const leaves: string[] = [];
    const walk = (list: readonly DiagramNode[], ox: number, oy: number) => {
        for (const node of list) {
            const x = ox + (node.x ?? 0);
            const y = oy + (node.y ?? 0);
            if (GROUP_KINDS.has(node.kind)) containers.push(renderGroup(node, x, y));
            else if (node.children.length > 0) containers.push(renderComponent(node, x, y, true));
            else leaves.push(renderComponent(node, x, y, false));
            walk(node.children, x, y);
        }
    };
    walk(graph.nodes, 0, 0);
    out.push('<g class="sysd-groups">', ...containers, '</g>');
    out.push('<g class="sysd-edges">', ...graph.edges.map(renderEdge), '</g>');
    out.push('<g class="sysd-nodes">', ...leaves, '</g>');
    out.push('</g>');
    if (legend) out.push(`<g class="sysd-legend" transform="translate(${margin},${height})">`, legend.svg, '</g>');
    out.push('</svg>');
    return out.join('\n');
}

/** Extent of a graph that was not laid out by ELK (positions missing count as 0). */
function boundsOf(graph: DiagramGraph): { width: number; height: number } {
    let width = 0;
    let height = 0;
    for (const node of graph.nodes) {
        width = Math.max(width, (node.x ?? 0) + node.width);
        height = Math.max(height, (node.y ?? 0) + node.height);
    }
    return { width, height };
}

function markers(): string {
    const arrow = (id: string, cls: string, reverse: boolean) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="${reverse ? 1 : 9}" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">` +
        `<path class="${cls}" d="${reverse ? 'M10,0 L0,5 L10,10 z' : 'M0,0 L10,5 L0,10 z'}"/></marker>`;
    return [
        '<defs>',
        arrow('sysd-arrow', 'sysd-marker', false),
        arrow('sysd-arrow-start', 'sysd-marker', true),
        arrow('sysd-arrow-open', 'sysd-marker-open', false),
        arrow('sysd-arrow-error', 'sysd-marker-error', false),
        arrow('sysd-arrow-error-start', 'sysd-marker-error', true),
        '</defs>'
    ].join('');
}

function findingsTitle(head: string, findings: readonly DiagramFinding[]): string {
    // Each line is escaped on its own (a line break inside a message becomes a space); the lines are
    // joined by a character reference, so no raw control character reaches the file.
    const lines = [head, ...findings.map(f => `${f.severity}: ${f.message} (${f.ruleId})`)];
    return `<title>${lines.map(escapeXml).join('&#10;')}</title>`;
}

function renderGroup(node: DiagramNode, x: number, y: number): string {
    const kind = node.kind as GroupKind;
    return [
        `<g class="sysd-group sysd-group-${kind}"${attr('data-id', node.id)}${attr('data-kind', kind)} transform="translate(${n(x)},${n(y)})">`,
        `<title>${escapeXml(groupTitle(kind, node.label))}</title>`,
        `<rect class="sysd-group-box" x="0" y="0" width="${n(node.width)}" height="${n(node.height)}" rx="10"/>`,
        groupBar(node.width, Math.min(GROUP.header - 4, node.height)),
        `<text class="sysd-group-title" x="${GROUP.pad - 4}" y="20">${escapeXml(groupTitle(kind, node.label))}</text>`,
        '</g>'
    ].join('');
}

/** The tinted title bar across the top of a group, inside its border (rounded like the box). */
function groupBar(width: number, height: number): string {
    const r = Math.min(10, width / 2, height);
    const inset = 0.5;
    return `<path class="sysd-group-bar" d="M${inset},${n(r)} A${n(r - inset)},${n(r - inset)} 0 0 1 ${n(r)},${inset} H${n(width - r)} ` +
        `A${n(r - inset)},${n(r - inset)} 0 0 1 ${n(width - inset)},${n(r)} V${n(height)} H${inset} Z"/>`;
}

function kindName(kind: string): string {
    return kind === 'loadbalancer' ? 'load balancer' : kind === 'objectstore' ? 'object store' : kind;
}

function renderComponent(node: DiagramNode, x: number, y: number, compound: boolean): string {
    const kind = node.kind as ComponentKind;
    const classes = ['sysd-node', `sysd-kind-${kind}`, `sysd-cat-${kindCategory(kind)}`];
    if (STORE_KINDS.has(kind)) classes.push('sysd-store');
    if (MESSAGING_KINDS.has(kind)) classes.push('sysd-messaging');
    if (compound) classes.push('sysd-compound');
    if (node.stub) classes.push('sysd-stub');
    if (node.external) classes.push('sysd-external');
    if (node.focus) classes.push('sysd-focus');
    if (node.replicas > 1) classes.push('sysd-replicated');
    if (node.severity) classes.push(`sysd-sev-${node.severity}`);

    const copies = compound ? 0 : stackCopies(node.replicas);
    const s = copies * NODE.stackOffset;
    const fw = node.width - s;
    const fh = node.height - s;
    const parts: string[] = [];
    parts.push(`<g class="${classes.join(' ')}"${attr('data-id', node.id)}${attr('data-kind', kind)} transform="translate(${n(x)},${n(y)})">`);
    const head = `${node.label} (${kindName(kind)}${node.detail ? `, ${node.detail}` : ''}${node.replicas > 1 ? `, ${node.replicas} instances` : ''})`;
    parts.push(node.findings.length > 0 ? findingsTitle(head, node.findings) : `<title>${escapeXml(head)}</title>`);
    // Copies behind the front shape, offset up and to the right.
    for (let i = copies; i >= 1; i--) {
        const d = i * NODE.stackOffset;
        parts.push(`<g class="sysd-stack" transform="translate(${d},${s - d})">${shape(kind, fw, fh, 'sysd-copy')}</g>`);
    }
    parts.push(`<g class="sysd-front" transform="translate(0,${s})">`);
    parts.push(shape(kind, fw, fh, 'sysd-shape'));
    const insets = shapeInsets(kind);
    if (compound) {
        const iconX = NODE.padX + insets.x;
        parts.push(icon(kind, node, iconX, 12));
        const tx = iconX + NODE.icon + NODE.iconGap;
        parts.push(`<text class="sysd-label" x="${n(tx)}" y="24">${escapeXml(node.label)}</text>`);
        if (node.detail) parts.push(`<text class="sysd-detail" x="${n(tx)}" y="39">${escapeXml(node.detail)}</text>`);
    } else {
        const top = insets.top;
        const cy = top + (fh - insets.top - insets.bottom) / 2;
        const iconX = NODE.padX + insets.x;
        parts.push(icon(kind, node, iconX, cy - NODE.icon / 2));
        const textLeft = iconX + NODE.icon + NODE.iconGap;
        const textRight = fw - NODE.padX - insets.x;
        const tx = (textLeft + textRight) / 2;
        if (node.detail) {
            parts.push(`<text class="sysd-label" x="${n(tx)}" y="${n(cy - 2)}" text-anchor="middle">${escapeXml(node.label)}</text>`);
            parts.push(`<text class="sysd-detail" x="${n(tx)}" y="${n(cy + 13)}" text-anchor="middle">${escapeXml(node.detail)}</text>`);
        } else {
            parts.push(`<text class="sysd-label" x="${n(tx)}" y="${n(cy + 4.5)}" text-anchor="middle">${escapeXml(node.label)}</text>`);
        }
    }
    if (node.replicas > 1) {
        const text = `×${node.replicas}`;
        const bw = textWidth(text, FONT.badge, true) + 10;
        const bx = fw - bw - 6;
        const by = fh - 8;
        parts.push(`<g class="sysd-replica-badge"><rect x="${n(bx)}" y="${n(by)}" width="${n(bw)}" height="15" rx="7.5"/>` +
            `<text class="sysd-badge-text" x="${n(bx + bw / 2)}" y="${n(by + 11)}" text-anchor="middle">${escapeXml(text)}</text></g>`);
    }
    if (node.findings.length > 0 && node.severity) {
        const count = String(node.findings.length);
        const r = count.length > 1 ? 10 : 9;
        parts.push(`<g class="sysd-finding-badge sysd-sev-${node.severity}"${attr('data-count', count)}>` +
            findingsTitle(`${node.label}: ${node.findings.length} finding${node.findings.length === 1 ? '' : 's'}`, node.findings) +
            `<circle cx="${n(fw - 2)}" cy="2" r="${r}"/>` +
            `<text class="sysd-badge-text" x="${n(fw - 2)}" y="5.5" text-anchor="middle">${count}</text></g>`);
    }
    parts.push('</g></g>');
    return parts.join('');
}

/** The outline of a component of `kind` in a `w`×`h` box. */
function shape(kind: ComponentKind, w: number, h: number, cls: string): string {
    switch (kind) {
        case 'database': {
            const ry = Math.min(8, h / 6);
            return `<path class="${cls}" d="M0,${n(ry)} A${n(w / 2)},${n(ry)} 0 0 1 ${n(w)},${n(ry)} V${n(h - ry)} A${n(w / 2)},${n(ry)} 0 0 1 0,${n(h - ry)} Z"/>` +
                `<path class="sysd-shape-line" d="M0,${n(ry)} A${n(w / 2)},${n(ry)} 0 0 0 ${n(w)},${n(ry)}"/>`;
        }
        case 'broker': {
            const rx = Math.min(10, w / 8);
            const ry = h / 2;
            return `<path class="${cls}" d="M${n(rx)},0 H${n(w - rx)} A${n(rx)},${n(ry)} 0 0 1 ${n(w - rx)},${n(h)} H${n(rx)} A${n(rx)},${n(ry)} 0 0 1 ${n(rx)},0 Z"/>` +
                `<path class="sysd-shape-line" d="M${n(w - rx)},0 A${n(rx)},${n(ry)} 0 0 0 ${n(w - rx)},${n(h)}"/>`;
        }
        case 'topic':
        case 'queue':
            return `<rect class="${cls}" x="0" y="0" width="${n(w)}" height="${n(h)}" rx="4"/>`;
        case 'client':
            return `<rect class="${cls}" x="0" y="0" width="${n(w)}" height="${n(h)}" rx="${n(Math.min(h / 2, 20))}"/>`;
        case 'gateway': {
            const i = shapeInsets(kind).x;
            return `<path class="${cls}" d="M${i},0 H${n(w - i)} L${n(w)},${n(h / 2)} L${n(w - i)},${n(h)} H${i} L0,${n(h / 2)} Z"/>`;
        }
        case 'loadbalancer': {
            const i = shapeInsets(kind).x;
            return `<path class="${cls}" d="M4,0 H${n(w - i)} L${n(w)},${n(h / 2)} L${n(w - i)},${n(h)} H4 Q0,${n(h)} 0,${n(h - 4)} V4 Q0,0 4,0 Z"/>`;
        }
        case 'cdn': {
            const X = (f: number) => n(f * w);
            const Y = (f: number) => n(f * h);
            return `<path class="${cls}" d="M${X(0.1)},${Y(1)} H${X(0.9)} A${X(0.1)},${Y(0.24)} 0 0 0 ${X(0.93)},${Y(0.5)} ` +
                `A${X(0.2)},${Y(0.32)} 0 0 0 ${X(0.64)},${Y(0.13)} A${X(0.22)},${Y(0.34)} 0 0 0 ${X(0.27)},${Y(0.22)} ` +
                `A${X(0.17)},${Y(0.3)} 0 0 0 ${X(0.07)},${Y(0.52)} A${X(0.1)},${Y(0.24)} 0 0 0 ${X(0.1)},${Y(1)} Z"/>`;
        }
        case 'objectstore': {
            const ry = 6;
            const i = shapeInsets(kind).x;
            return `<path class="${cls}" d="M0,${ry} A${n(w / 2)},${ry} 0 0 1 ${n(w)},${ry} L${n(w - i)},${n(h - 4)} Q${n(w / 2)},${n(h + 3)} ${i},${n(h - 4)} Z"/>` +
                `<path class="sysd-shape-line" d="M0,${ry} A${n(w / 2)},${ry} 0 0 0 ${n(w)},${ry}"/>`;
        }
        default:
            return `<rect class="${cls}" x="0" y="0" width="${n(w)}" height="${n(h)}" rx="8"/>`;
    }
}

/** An 18×18 glyph for the kind, its top-left corner at (x, y). */
function icon(kind: ComponentKind, node: DiagramNode, x: number, y: number): string {
    const body = iconBody(kind, (node.detail ?? '').toLowerCase());
    return `<g class="sysd-icon-${kind}" transform="translate(${n(x)},${n(y)})">${body}</g>`;
}

function iconBody(kind: ComponentKind, detail: string): string {
    switch (kind) {
        case 'client':
            if (/mobile|ios|android|app/.test(detail)) {
                return '<rect class="sysd-icon" x="5" y="1" width="8" height="16" rx="1.5"/><path class="sysd-icon" d="M8,14.5 H10"/>';
            }
            if (/browser|web|spa/.test(detail)) {
                return '<rect class="sysd-icon" x="1" y="3" width="16" height="12" rx="1.5"/><path class="sysd-icon" d="M1,6.5 H17"/>' +
                    '<circle class="sysd-icon-fill" cx="3.5" cy="4.8" r="0.8"/><circle class="sysd-icon-fill" cx="6" cy="4.8" r="0.8"/>';
            }
            return '<circle class="sysd-icon" cx="9" cy="5" r="3.5"/><path class="sysd-icon" d="M2,17 C2,11 16,11 16,17"/>';
        case 'service':
            return '<rect class="sysd-icon" x="2" y="3" width="14" height="12" rx="2"/><path class="sysd-icon" d="M6,7 L8.5,9 L6,11 M10,11 H12.5"/>';
        case 'function':
            return '<path class="sysd-icon" d="M3,2 H5.5 L14,16 H16 M9,9 L3.5,16"/>';
        case 'gateway':
            return '<path class="sysd-icon" d="M9,1.5 L16,4.5 V9 C16,13 13,15.5 9,17 C5,15.5 2,13 2,9 V4.5 Z"/><path class="sysd-icon" d="M6,9 L8.3,11.3 L12.5,6.8"/>';
        case 'loadbalancer':
            return '<circle class="sysd-icon" cx="3.5" cy="9" r="2"/><path class="sysd-icon" d="M5.5,9 H9 M9,9 L15,3 M9,9 H15 M9,9 L15,15"/>' +
                '<path class="sysd-icon" d="M13,2.5 L15.5,3 L15,5.5 M13,7.5 L15.5,9 L13,10.5 M15,12.5 L15.5,15 L13,15.5"/>';
        case 'cdn':
            return '<circle class="sysd-icon" cx="9" cy="9" r="7"/><path class="sysd-icon" d="M2,9 H16 M9,2 C5,6 5,12 9,16 C13,12 13,6 9,2"/>';
        case 'broker':
            return '<rect class="sysd-icon" x="1.5" y="5" width="15" height="8" rx="4"/><path class="sysd-icon" d="M6,5 V13 M9.5,5 V13 M13,5 V13"/>';
        case 'topic':
            return '<path class="sysd-icon" d="M2,5 H13 M2,9 H16 M2,13 H11"/><path class="sysd-icon" d="M13.5,3 L16,5 L13.5,7"/>';
        case 'queue':
            return '<rect class="sysd-icon" x="1.5" y="5" width="15" height="8" rx="1.5"/><path class="sysd-icon" d="M5.5,5 V13 M9,5 V13 M12.5,5 V13"/>';
        case 'database':
            return '<ellipse class="sysd-icon" cx="9" cy="4" rx="6.5" ry="2.5"/><path class="sysd-icon" d="M2.5,4 V14 C2.5,17 15.5,17 15.5,14 V4 M2.5,9 C2.5,12 15.5,12 15.5,9"/>';
        case 'cache':
            return '<path class="sysd-icon" d="M10.5,1.5 L4,10 H9 L7.5,16.5 L14,8 H9 Z"/>';
        case 'objectstore':
            return '<ellipse class="sysd-icon" cx="9" cy="4" rx="7" ry="2.5"/><path class="sysd-icon" d="M2,4 L4,15 C5,17 13,17 14,15 L16,4"/>';
        case 'search':
            return '<circle class="sysd-icon" cx="7.5" cy="7.5" r="5"/><path class="sysd-icon" d="M11.2,11.2 L16,16"/>';
        case 'coordinator':
            return '<circle class="sysd-icon" cx="9" cy="9" r="5.5"/><circle class="sysd-icon-fill" cx="9" cy="3.5" r="2.2"/>' +
                '<circle class="sysd-icon-fill" cx="13.8" cy="11.8" r="2.2"/><circle class="sysd-icon-fill" cx="4.2" cy="11.8" r="2.2"/>';
    }
}

function pathOf(edge: DiagramEdge): Point[] {
    const points: Point[] = [];
    for (const section of edge.sections ?? []) {
        const list = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
        for (const p of list) {
            const last = points[points.length - 1];
            if (!last || last.x !== p.x || last.y !== p.y) points.push(p);
        }
    }
    return points;
}

/** The arrowheads of a line: where messages or data arrive, in the error colour on a highlighted path. */
function markersOf(style: EdgeStyle, error: boolean): string {
    const end = error ? 'sysd-arrow-error' : style === 'async-call' || style === 'publish' || style === 'consume' ? 'sysd-arrow-open' : 'sysd-arrow';
    const start = error ? 'sysd-arrow-error-start' : 'sysd-arrow-start';
    return style === 'read' ? ` marker-start="url(#${start})"`
        : style === 'read-write' ? ` marker-start="url(#${start})" marker-end="url(#${end})"`
        : ` marker-end="url(#${end})"`;
}

function renderEdge(edge: DiagramEdge): string {
    const points = pathOf(edge);
    const classes = ['sysd-edge', `sysd-edge-${edge.style}`, `sysd-rel-${edge.relation}`];
    if (edge.highlighted) classes.push('sysd-highlighted');
    if (edge.focus) classes.push('sysd-focus');
    if (edge.severity) classes.push(`sysd-sev-${edge.severity}`);
    const parts: string[] = [];
    parts.push(`<g class="${classes.join(' ')}"${attr('data-id', edge.id)}${attr('data-kind', edge.style)}${attr('data-source', edge.source)}${attr('data-target', edge.target)}>`);
    const head = `${edge.source} ${edge.relation} ${edge.target}${edge.label ? ` (${edge.label})` : ''}`;
    parts.push(edge.findings.length > 0 ? findingsTitle(head, edge.findings) : `<title>${escapeXml(head)}</title>`);
    if (points.length >= 2) {
        const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
        const markerAttrs = markersOf(edge.style, edge.highlighted);
        // A wide transparent twin makes thin lines easy to hover and click.
        parts.push(`<path class="sysd-hit" d="${d}" fill="none" stroke="#000" stroke-opacity="0" stroke-width="10"/>`);
        parts.push(`<path class="sysd-line" d="${d}"${markerAttrs}/>`);
    }
    if (edge.label && edge.labelPosition) {
        const { x, y, width, height } = edge.labelPosition;
        parts.push(`<rect class="sysd-edge-label-bg" x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="3"/>`);
        parts.push(`<text class="sysd-edge-label" x="${n(x + width / 2)}" y="${n(y + height / 2 + 4)}" text-anchor="middle">${escapeXml(edge.label)}</text>`);
    }
    if (edge.findings.length > 0 && edge.severity && points.length >= 2) {
        // A relation's findings: a badge on the line, next to its label when it has one.
        const at = edge.labelPosition
            ? { x: edge.labelPosition.x - 9, y: edge.labelPosition.y + edge.labelPosition.height / 2 }
            : middleOf(points);
        const count = String(edge.findings.length);
        parts.push(`<g class="sysd-finding-badge sysd-sev-${edge.severity}"${attr('data-count', count)}>` +
            findingsTitle(`${edge.findings.length} finding${edge.findings.length === 1 ? '' : 's'} on this relation`, edge.findings) +
            `<circle cx="${n(at.x)}" cy="${n(at.y)}" r="8"/>` +
            `<text class="sysd-badge-text" x="${n(at.x)}" y="${n(at.y + 3.5)}" text-anchor="middle">${count}</text></g>`);
    }
    parts.push('</g>');
    return parts.join('');
}

function middleOf(points: Point[]): Point {
    let total = 0;
    for (let i = 1; i < points.length; i++) total += Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
    let half = total / 2;
    for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
        if (half <= length && length > 0) return { x: a.x + ((b.x - a.x) * half) / length, y: a.y + ((b.y - a.y) * half) / length };
        half -= length;
    }
    return points[0];
}

/** Narrowest legend block: a small picture still gets a readable key. */
const LEGEND_MIN_WIDTH = 360;

const LEGEND = {
    /** Swatch size and the gap to its text. */
    swatchWidth: 40,
    swatchHeight: 20,
    gap: 8,
    /** Height of one row and the space between entries of a row. */
    row: 28,
    spacing: 20,
    title: 22,
    pad: 10
} as const;

/**
 * The key: one swatch per entry (the same classes as the picture's own elements, so it follows the
 * theme) and its words, in rows no wider than the picture. Returns the block and its size.
 */
export function renderLegend(entries: readonly LegendEntry[], maxWidth: number): { svg: string; width: number; height: number } | undefined {
    if (entries.length === 0) return undefined;
    const items = entries.map(entry => ({ entry, width: LEGEND.swatchWidth + LEGEND.gap + textWidth(entry.label, FONT.edge) }));
    const inner = Math.max(maxWidth - 2 * LEGEND.pad, ...items.map(i => i.width));
    const parts: string[] = [];
    let x = 0;
    let row = 0;
    let widest = 0;
    for (const item of items) {
        const bold = item.entry.kind === 'highlight' && item.entry.what === 'focus';
        if (x > 0 && x + item.width > inner) {
            row++;
            x = 0;
        }
        const top = LEGEND.pad + LEGEND.title + row * LEGEND.row;
        const left = LEGEND.pad + x;
        parts.push(`<g class="sysd-legend-entry"${attr('data-kind', item.entry.kind)} transform="translate(${n(left)},${n(top)})">` +
            legendSwatch(item.entry, bold) +
            `<text class="sysd-legend-label" x="${LEGEND.swatchWidth + LEGEND.gap}" y="${LEGEND.swatchHeight / 2 + 4}">${escapeXml(item.entry.label)}</text></g>`);
        x += item.width + LEGEND.spacing;
        widest = Math.max(widest, x - LEGEND.spacing);
    }
    const width = widest + 2 * LEGEND.pad;
    const height = LEGEND.pad * 2 + LEGEND.title + (row + 1) * LEGEND.row - (LEGEND.row - LEGEND.swatchHeight);
    return {
        svg: `<rect class="sysd-legend-box" x="0" y="0" width="${n(width)}" height="${n(height)}" rx="6"/>` +
            `<text class="sysd-legend-title" x="${LEGEND.pad}" y="${LEGEND.pad + 12}">Legend</text>` + parts.join(''),
        width,
        height
    };
}

/**
 * A small picture of what a legend entry explains, drawn with the picture's own style classes but
 * without `sysd-node`/`sysd-edge`, which mark the picture's elements (the preview attaches hover,
 * click and highlighting to those, and counts them).
 */
export function legendSwatch(entry: LegendEntry, focus = false, w: number = LEGEND.swatchWidth, h: number = LEGEND.swatchHeight): string {
    switch (entry.kind) {
        case 'shape': {
            const kind = entry.component;
            return `<g class="sysd-kind-${kind} sysd-cat-${kindCategory(kind)}">${shape(kind, w, h, 'sysd-shape')}</g>`;
        }
        case 'line': {
            const line = `M2,${h / 2} H${w - 2}`;
            return `<g class="sysd-edge-${entry.style}"><path class="sysd-line" d="${line}"${markersOf(entry.style, false)}/></g>`;
        }
        case 'highlight':
            if (focus) return `<g class="sysd-edge-sync-call sysd-focus"><path class="sysd-line" d="M2,${h / 2} H${w - 2}"${markersOf('sync-call', false)}/></g>`;
            return `<g class="sysd-edge-sync-call sysd-highlighted"><path class="sysd-line" d="M2,${h / 2} H${w - 2}"${markersOf('sync-call', true)}/></g>`;
        case 'group':
            if (entry.group === 'broker') {
                return `<g class="sysd-kind-broker sysd-cat-message">${shape('broker', w, h, 'sysd-shape')}</g>`;
            }
            return `<g class="sysd-group-${entry.group}"><rect class="sysd-group-box" x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" rx="5"/>` +
                `<path class="sysd-group-bar" d="M1,6 A5,5 0 0 1 6,1 H${w - 6} A5,5 0 0 1 ${w - 1},6 V8 H1 Z"/></g>`;
        case 'badge':
            return `<g class="sysd-finding-badge sysd-sev-${entry.severity}"><circle cx="${w / 2}" cy="${h / 2}" r="8"/>` +
                `<text class="sysd-badge-text" x="${w / 2}" y="${h / 2 + 3.5}" text-anchor="middle">1</text></g>`;
        case 'stub':
            return `<g class="sysd-stub"><rect class="sysd-shape" x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" rx="5"/></g>`;
        case 'replicas': {
            const d = 4;
            return `<g class="sysd-cat-compute">` +
                `<rect class="sysd-copy" x="${2 * d}" y="0" width="${w - 2 * d}" height="${h - 2 * d}" rx="4"/>` +
                `<rect class="sysd-copy" x="${d}" y="${d}" width="${w - 2 * d}" height="${h - 2 * d}" rx="4"/>` +
                `<rect class="sysd-shape" x="0" y="${2 * d}" width="${w - 2 * d}" height="${h - 2 * d}" rx="4"/></g>`;
        }
    }
}
