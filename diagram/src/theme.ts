/**
 * Colours and the stylesheet of the diagram. Every colour is a CSS custom property (`--sysd-*`);
 * the themes differ only in the values. The `vscode` theme maps the properties onto VS Code's
 * theme variables (for the webview); the others are concrete colours for standalone files.
 *
 * Standalone output uses the concrete values directly in the rules as well, because PNG export
 * (resvg) does not evaluate `var()`.
 */
import { FONT, FONT_FAMILY } from './metrics.js';

export type DiagramTheme = 'light' | 'dark' | 'high-contrast' | 'vscode';

export const THEMES: readonly DiagramTheme[] = ['light', 'dark', 'high-contrast', 'vscode'];

export type PaletteKey =
    | 'bg' | 'fg' | 'muted' | 'node-fill' | 'node-stroke' | 'client-fill' | 'client-stroke' | 'entry-fill' | 'entry-stroke'
    | 'store-fill' | 'store-stroke' | 'message-fill' | 'message-stroke' | 'edge'
    | 'group-fill' | 'group-stroke' | 'group-bar' | 'region-bar' | 'zone-bar' | 'label-bg'
    | 'error' | 'warning' | 'info' | 'on-error' | 'on-warning' | 'on-info' | 'badge-bg' | 'badge-fg';

export type Palette = Record<PaletteKey, string>;

/**
 * The colour family of each component kind: clients, the entry tier (gateways, load balancers, CDNs),
 * compute (services, functions, coordinators), data stores and messaging. The shape already says the
 * kind; the tint lets the eye find all stores or all messaging at once.
 */
export type KindCategory = 'client' | 'entry' | 'compute' | 'store' | 'message';

export function kindCategory(kind: string): KindCategory {
    switch (kind) {
        case 'client': return 'client';
        case 'gateway': case 'loadbalancer': case 'cdn': return 'entry';
        case 'database': case 'cache': case 'objectstore': case 'search': return 'store';
        case 'broker': case 'topic': case 'queue': return 'message';
        default: return 'compute';
    }
}

/** The fill and stroke keys of a category. */
export function categoryColours(category: KindCategory): { fill: PaletteKey; stroke: PaletteKey } {
    return category === 'compute' ? { fill: 'node-fill', stroke: 'node-stroke' } : { fill: `${category}-fill`, stroke: `${category}-stroke` };
}

/**
 * Concrete palettes. Every text colour (`fg`, `muted`) reaches WCAG AA (4.5:1) on every fill it is
 * drawn on, and every stroke 3:1 against the background; `test/diagram/geometry.test.ts` computes it.
 */
export const PALETTES: Record<Exclude<DiagramTheme, 'vscode'>, Palette> = {
    light: {
        'bg': '#ffffff', 'fg': '#1f2328', 'muted': '#57606a', 'node-fill': '#f6f8fa', 'node-stroke': '#57606a',
        'client-fill': '#f3effc', 'client-stroke': '#8250df', 'entry-fill': '#e9f7ee', 'entry-stroke': '#1a7f37',
        'store-fill': '#e6f0fd', 'store-stroke': '#0969da', 'message-fill': '#fdf0d9', 'message-stroke': '#9a6700',
        'edge': '#424a53', 'group-fill': '#fbfcfd', 'group-stroke': '#8c959f', 'group-bar': '#eef1f4',
        'region-bar': '#e8f1f8', 'zone-bar': '#f1f4f7', 'label-bg': '#ffffff',
        'error': '#cf222e', 'warning': '#9a6700', 'info': '#0969da',
        'on-error': '#ffffff', 'on-warning': '#ffffff', 'on-info': '#ffffff', 'badge-bg': '#424a53', 'badge-fg': '#ffffff'
    },
    dark: {
        'bg': '#1e1e1e', 'fg': '#e6edf3', 'muted': '#a3acb6', 'node-fill': '#2d333b', 'node-stroke': '#8b949e',
        'client-fill': '#2e2640', 'client-stroke': '#a371f7', 'entry-fill': '#1c3324', 'entry-stroke': '#3fb950',
        'store-fill': '#1d2c3f', 'store-stroke': '#4493f8', 'message-fill': '#3a2f1b', 'message-stroke': '#d29922',
        'edge': '#adbac7', 'group-fill': '#23272e', 'group-stroke': '#768390', 'group-bar': '#2d333b',
        'region-bar': '#243040', 'zone-bar': '#2a2f37', 'label-bg': '#1e1e1e',
        'error': '#f85149', 'warning': '#d29922', 'info': '#58a6ff',
        'on-error': '#000000', 'on-warning': '#000000', 'on-info': '#000000', 'badge-bg': '#adbac7', 'badge-fg': '#1e1e1e'
    },
    'high-contrast': {
        'bg': '#000000', 'fg': '#ffffff', 'muted': '#ffffff', 'node-fill': '#000000', 'node-stroke': '#ffffff',
        'client-fill': '#000000', 'client-stroke': '#d7a8ff', 'entry-fill': '#000000', 'entry-stroke': '#7ee787',
        'store-fill': '#000000', 'store-stroke': '#79c0ff', 'message-fill': '#000000', 'message-stroke': '#ffd700',
        'edge': '#ffffff', 'group-fill': '#000000', 'group-stroke': '#ffffff', 'group-bar': '#000000',
        'region-bar': '#000000', 'zone-bar': '#000000', 'label-bg': '#000000',
        'error': '#f48771', 'warning': '#ffd700', 'info': '#6fc3df',
        'on-error': '#000000', 'on-warning': '#000000', 'on-info': '#000000', 'badge-bg': '#ffffff', 'badge-fg': '#000000'
    }
};

/**
 * A tint of the editor background towards `colour`: the fills stay as dark or light as the theme
 * (so the editor's foreground keeps its contrast on them) while the kinds keep their hue.
 */
function tint(colour: string, percent: number): string {
    return `color-mix(in srgb, var(--vscode-editor-background, #1e1e1e) ${100 - percent}%, ${colour})`;
}

/** The `vscode` theme: VS Code's own variables, with fallbacks for a page that lacks them. */
export const VSCODE_PALETTE: Palette = {
    'bg': 'var(--vscode-editor-background, #1e1e1e)',
    'fg': 'var(--vscode-editor-foreground, #d4d4d4)',
    'muted': 'var(--vscode-descriptionForeground, #a0a0a0)',
    'node-fill': 'var(--vscode-editorWidget-background, #252526)',
    'node-stroke': 'var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8b949e))',
    'client-fill': tint('#a371f7', 14),
    'client-stroke': 'var(--vscode-charts-purple, #a371f7)',
    'entry-fill': tint('#3fb950', 12),
    'entry-stroke': 'var(--vscode-charts-green, #3fb950)',
    'store-fill': tint('#4493f8', 14),
    'store-stroke': 'var(--vscode-charts-blue, #4493f8)',
    'message-fill': tint('#d29922', 14),
    'message-stroke': 'var(--vscode-charts-yellow, #d29922)',
    'edge': 'var(--vscode-editorLineNumber-activeForeground, var(--vscode-editor-foreground, #c6c6c6))',
    'group-fill': 'var(--vscode-sideBar-background, transparent)',
    'group-stroke': 'var(--vscode-panel-border, var(--vscode-contrastBorder, #808080))',
    'group-bar': 'var(--vscode-sideBarSectionHeader-background, var(--vscode-editorWidget-background, #2d333b))',
    'region-bar': tint('#4493f8', 10),
    'zone-bar': tint('#808080', 8),
    'label-bg': 'var(--vscode-editor-background, #1e1e1e)',
    'error': 'var(--vscode-editorError-foreground, #f14c4c)',
    'warning': 'var(--vscode-editorWarning-foreground, #cca700)',
    'info': 'var(--vscode-editorInfo-foreground, #3794ff)',
    'on-error': 'var(--vscode-editor-background, #000000)',
    'on-warning': 'var(--vscode-editor-background, #000000)',
    'on-info': 'var(--vscode-editor-background, #000000)',
    'badge-bg': 'var(--vscode-badge-background, #4d4d4d)',
    'badge-fg': 'var(--vscode-badge-foreground, #ffffff)'
};

/** Relative luminance of a `#rrggbb` colour (WCAG 2.x). */
export function luminance(hex: string): number {
    const channel = (i: number) => {
        const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export function palette(theme: DiagramTheme): Palette {
    return theme === 'vscode' ? VSCODE_PALETTE : PALETTES[theme];
}

/**
 * The stylesheet for a theme. Rules are scoped to `svg.sysd-diagram`. With `useVariables` the rules
 * read `var(--sysd-*)` (browsers; the webview can restyle by setting the properties); without, they
 * carry the concrete colour (resvg). The properties are declared either way.
 */
export function diagramStyles(theme: DiagramTheme, useVariables = theme === 'vscode'): string {
    const p = palette(theme);
    const c = (key: PaletteKey) => (useVariables ? `var(--sysd-${key})` : p[key]);
    const declarations = (Object.keys(p) as PaletteKey[]).map(key => `--sysd-${key}: ${p[key]};`).join(' ');
    const s = 'svg.sysd-diagram';
    const hc = theme === 'high-contrast';
    return [
        `${s} { ${declarations} }`,
        `${s} text { font-family: ${FONT_FAMILY}; fill: ${c('fg')}; }`,
        `${s} .sysd-bg { fill: ${c('bg')}; }`,
        `${s} .sysd-label { font-size: ${FONT.label}px; font-weight: 700; }`,
        `${s} .sysd-detail { font-size: ${FONT.detail}px; fill: ${c('muted')}; }`,
        `${s} .sysd-shape { fill: ${c('node-fill')}; stroke: ${c('node-stroke')}; stroke-width: ${hc ? 2 : 1.4}; }`,
        `${s} .sysd-copy { fill: ${c('node-fill')}; stroke: ${c('node-stroke')}; stroke-width: 1; }`,
        `${s} .sysd-shape-line { fill: none; stroke: ${c('node-stroke')}; stroke-width: ${hc ? 2 : 1.4}; }`,
        ...(['client', 'entry', 'store', 'message'] as const).map(category => {
            const { fill, stroke } = categoryColours(category);
            const k = `${s} .sysd-cat-${category}`;
            return `${k} .sysd-shape, ${k} .sysd-copy { fill: ${c(fill)}; stroke: ${c(stroke)}; }\n${k} .sysd-shape-line { stroke: ${c(stroke)}; }`;
        }),
        `${s} .sysd-icon { fill: none; stroke: ${c('fg')}; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; }`,
        `${s} .sysd-icon-fill { fill: ${c('fg')}; stroke: none; }`,
        `${s} .sysd-stub .sysd-shape { stroke-dasharray: 4 3; fill: ${c('bg')}; }`,
        `${s} .sysd-stub .sysd-label { font-weight: 400; }`,
        `${s} .sysd-external .sysd-shape, ${s} .sysd-external .sysd-copy { stroke-dasharray: 5 3; }`,
        // The path of a flow or saga: bold in the text colour (red stays for problems).
        `${s} .sysd-node.sysd-focus .sysd-shape { stroke: ${c('fg')}; stroke-width: 2.6; }`,
        // Groups are solid, thin and titled on a tinted bar: nothing like a relation's dashed or dotted line.
        `${s} .sysd-group-box { fill: ${c('group-fill')}; stroke: ${c('group-stroke')}; stroke-width: ${hc ? 2 : 1}; }`,
        `${s} .sysd-group-region .sysd-group-box, ${s} .sysd-group-zone .sysd-group-box { fill: none; }`,
        `${s} .sysd-group-bar { fill: ${c('group-bar')}; stroke: none; }`,
        `${s} .sysd-group-region .sysd-group-bar { fill: ${c('region-bar')}; }`,
        `${s} .sysd-group-zone .sysd-group-bar { fill: ${c('zone-bar')}; }`,
        `${s} .sysd-group-title { font-size: ${FONT.group}px; font-weight: 700; fill: ${c('muted')}; }`,
        `${s} .sysd-line { fill: none; stroke: ${c('edge')}; stroke-width: 1.5; }`,
        `${s} .sysd-edge-async-call .sysd-line, ${s} .sysd-edge-publish .sysd-line, ${s} .sysd-edge-consume .sysd-line { stroke-dasharray: 6 4; }`,
        `${s} .sysd-edge-read .sysd-line { stroke-width: 1.2; }`,
        `${s} .sysd-edge-write .sysd-line { stroke-width: 2.6; }`,
        `${s} .sysd-edge-read-write .sysd-line { stroke-width: 1.9; }`,
        `${s} .sysd-edge-replication .sysd-line { stroke-dasharray: 1.5 3.5; stroke-width: 2.2; stroke-linecap: round; }`,
        `${s} .sysd-edge-sync-data .sysd-line { stroke-dasharray: 1.5 3.5; stroke-linecap: round; }`,
        `${s} .sysd-focus .sysd-line { stroke: ${c('fg')}; stroke-width: 3.2; }`,
        `${s} .sysd-highlighted .sysd-line { stroke: ${c('error')}; stroke-width: 3; }`,
        `${s} .sysd-marker { fill: ${c('edge')}; stroke: none; }`,
        `${s} .sysd-marker-open { fill: ${c('bg')}; stroke: ${c('edge')}; stroke-width: 1.3; }`,
        `${s} .sysd-marker-error { fill: ${c('error')}; stroke: none; }`,
        `${s} .sysd-edge-label-bg { fill: ${c('label-bg')}; fill-opacity: 0.92; }`,
        `${s} .sysd-edge-label { font-size: ${FONT.edge}px; fill: ${c('muted')}; }`,
        `${s} .sysd-highlighted .sysd-edge-label { fill: ${c('error')}; font-weight: 700; }`,
        `${s} .sysd-badge-text { font-size: ${FONT.badge}px; font-weight: 700; }`,
        `${s} .sysd-replica-badge rect { fill: ${c('badge-bg')}; }`,
        `${s} .sysd-replica-badge text { fill: ${c('badge-fg')}; }`,
        `${s} .sysd-finding-badge.sysd-sev-error circle { fill: ${c('error')}; }`,
        `${s} .sysd-finding-badge.sysd-sev-warning circle { fill: ${c('warning')}; }`,
        `${s} .sysd-finding-badge.sysd-sev-info circle, ${s} .sysd-finding-badge.sysd-sev-hint circle { fill: ${c('info')}; }`,
        `${s} .sysd-finding-badge circle { stroke: ${c('bg')}; stroke-width: 1.5; }`,
        `${s} .sysd-finding-badge.sysd-sev-error text { fill: ${c('on-error')}; }`,
        `${s} .sysd-finding-badge.sysd-sev-warning text { fill: ${c('on-warning')}; }`,
        `${s} .sysd-finding-badge.sysd-sev-info text, ${s} .sysd-finding-badge.sysd-sev-hint text { fill: ${c('on-info')}; }`,
        `${s} .sysd-node.sysd-sev-error > .sysd-shape, ${s} .sysd-node.sysd-sev-error > g > .sysd-shape { stroke: ${c('error')}; stroke-width: 2; }`,
        `${s} .sysd-legend-box { fill: ${c('bg')}; stroke: ${c('group-stroke')}; stroke-width: 1; }`,
        `${s} .sysd-legend-title { font-size: ${FONT.group}px; font-weight: 700; }`,
        `${s} .sysd-legend-label { font-size: ${FONT.edge}px; }`,
        `${s} .sysd-empty { font-size: ${FONT.label}px; fill: ${c('muted')}; }`
    ].join('\n');
}
