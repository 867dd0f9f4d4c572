/**
 * Text measurement and node geometry shared by the graph builder (which sizes nodes) and the SVG
 * renderer (which draws into those sizes). No DOM: widths come from a per-character table.
 */
import type { ComponentKind } from '@sysd/language/model';
import type { GroupKind } from './types.js';

/**
 * Advance widths (in em) of the printable ASCII characters 32..126, taken from DejaVu Sans and
 * DejaVu Sans Bold. DejaVu is wider than Helvetica, Arial, Liberation Sans and Segoe UI for almost
 * every glyph, so text measured with it fits whichever of those fonts the viewer ends up using.
 */
const REGULAR = [0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838];
const BOLD = [0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838, 0.838, 0.58, 1, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838];

/** The font stack of every text; the measurement table above is at least as wide as each of them. */
export const FONT_FAMILY = "'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

export const FONT = {
    /** Component name (bold). */
    label: 13,
    /** Technology line. */
    detail: 11,
    /** Edge labels (protocol...). */
    edge: 11,
    /** Group titles (bold). */
    group: 12,
    /** Badges (bold). */
    badge: 10
} as const;

/** Safety margin over the table, for kerning differences and hinting at small sizes. */
const MARGIN = 1.06;

/** Width in pixels of `text` at `size` px. Characters outside ASCII count as wide (CJK-safe). */
export function textWidth(text: string | undefined, size: number, bold = false): number {
    const table = bold ? BOLD : REGULAR;
    let em = 0;
    // A label of a half-written element may be missing: it measures as empty rather than throwing.
    for (const ch of typeof text === 'string' ? text : '') {
        const code = ch.codePointAt(0)!;
        if (code >= 32 && code < 127) em += table[code - 32];
        else if (code < 32) em += 0;
        else if (code >= 0x1100) em += 1.05; // CJK, emoji and other wide glyphs
        else em += 0.85;
    }
    return Math.ceil(em * size * MARGIN);
}

export const NODE = {
    /** Horizontal padding inside a component box, each side. */
    padX: 12,
    /** Room for the kind icon left of the text. */
    icon: 18,
    iconGap: 8,
    minWidth: 120,
    /** Height with one text line and with two. */
    height1: 42,
    height2: 56,
    /** Offset of each copy behind a replicated component; at most `maxCopies` copies are drawn. */
    stackOffset: 5,
    maxCopies: 2,
    /** Compound components (a broker with its topics): room for the header. */
    compoundHeader: 50,
    compoundPad: 14
} as const;

export const GROUP = {
    header: 30,
    pad: 16,
    minWidth: 80
} as const;

/** Extra room some shapes need around the text area (the cylinder caps, the hexagon's points...). */
export function shapeInsets(kind: ComponentKind): { x: number; top: number; bottom: number } {
    switch (kind) {
        case 'database': return { x: 0, top: 8, bottom: 6 };
        case 'gateway': return { x: 12, top: 0, bottom: 0 };
        case 'cdn': return { x: 14, top: 6, bottom: 4 };
        case 'objectstore': return { x: 6, top: 6, bottom: 0 };
        case 'broker': return { x: 10, top: 0, bottom: 0 };
        case 'loadbalancer': return { x: 8, top: 0, bottom: 0 };
        default: return { x: 0, top: 0, bottom: 0 };
    }
}

/** How many copies are drawn behind a component with `replicas` instances. */
export function stackCopies(replicas: number): number {
    return Math.max(0, Math.min(NODE.maxCopies, replicas - 1));
}

/** Size of a component box: the text plus icon, padding, shape insets and the replica stack. */
export function componentSize(kind: ComponentKind, label: string, detail: string | undefined, replicas: number): { width: number; height: number } {
    const insets = shapeInsets(kind);
    const text = Math.max(textWidth(label, FONT.label, true), detail ? textWidth(detail, FONT.detail) : 0);
    const stack = stackCopies(replicas) * NODE.stackOffset;
    const width = Math.max(NODE.minWidth, NODE.padX * 2 + NODE.icon + NODE.iconGap + text + insets.x * 2) + stack;
    const height = (detail ? NODE.height2 : NODE.height1) + insets.top + insets.bottom + stack;
    return { width, height };
}

/** Minimum size of a group or compound component before layout: its title must fit. */
export function groupMinSize(kind: GroupKind | ComponentKind, label: string, detail?: string): { width: number; height: number } {
    if (kind === 'system' || kind === 'region' || kind === 'zone') {
        const title = groupTitle(kind, label);
        return { width: Math.max(GROUP.minWidth, textWidth(title, FONT.group, true) + GROUP.pad * 2), height: GROUP.header + GROUP.pad };
    }
    const text = Math.max(textWidth(label, FONT.label, true), detail ? textWidth(detail, FONT.detail) : 0);
    return { width: NODE.padX * 2 + NODE.icon + NODE.iconGap + text + 20, height: NODE.compoundHeader + NODE.compoundPad };
}

/**
 * Room inside a compound node around its children: the title bar (systems, regions, zones) or the
 * name and technology (a broker with topics) on top, padding on the other sides. The layout gives
 * it to ELK and the stable layout keeps children inside it.
 */
export function compoundPadding(kind: GroupKind | ComponentKind): { top: number; left: number; bottom: number; right: number } {
    const group = kind === 'system' || kind === 'region' || kind === 'zone';
    const top = group ? GROUP.header : NODE.compoundHeader;
    const pad = group ? GROUP.pad : NODE.compoundPad;
    return { top, left: pad, bottom: pad, right: pad };
}

/** The title shown on a group: `region usEast`, `zone a`, or the system name. */
export function groupTitle(kind: GroupKind, label: string): string {
    return kind === 'system' ? label : `${kind} ${label}`;
}

export const EDGE_LABEL = {
    padX: 4,
    height: 16
} as const;

export function edgeLabelSize(label: string): { width: number; height: number } {
    return { width: textWidth(label, FONT.edge) + EDGE_LABEL.padX * 2, height: EDGE_LABEL.height };
}
