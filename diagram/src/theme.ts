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
    | 'bg' | 'fg' | 'muted' | 'node-fill' | 'node-stroke' | 'store-fill' | 'message-fill' | 'edge'
    | 'group-fill' | 'group-stroke' | 'label-bg' | 'error' | 'warning' | 'info' | 'on-error' | 'on-warning' | 'on-info'
    | 'badge-bg' | 'badge-fg';

export type Palette = Record<PaletteKey, string>;

export const PALETTES: Record<Exclude<DiagramTheme, 'vscode'>, Palette> = {
    light: {
        'bg': '#ffffff', 'fg': '#1f2328', 'muted': '#57606a', 'node-fill': '#f6f8fa', 'node-stroke': '#57606a',
        'store-fill': '#eaf2fd', 'message-fill': '#fdf3e1', 'edge': '#424a53', 'group-fill': '#fafbfc',
        'group-stroke': '#8c959f', 'label-bg': '#ffffff', 'error': '#cf222e', 'warning': '#9a6700', 'info': '#0969da',
        'on-error': '#ffffff', 'on-warning': '#ffffff', 'on-info': '#ffffff', 'badge-bg': '#424a53', 'badge-fg': '#ffffff'
    },
    dark: {
        'bg': '#1e1e1e', 'fg': '#e6edf3', 'muted': '#a3acb6', 'node-fill': '#2d333b', 'node-stroke': '#8b949e',
        'store-fill': '#1d2c3f', 'message-fill': '#3a2f1b', 'edge': '#adbac7', 'group-fill': '#23272e',
        'group-stroke': '#768390', 'label-bg': '#1e1e1e', 'error': '#f85149', 'warning': '#d29922', 'info': '#58a6ff',
        'on-error': '#000000', 'on-warning': '#000000', 'on-info': '#000000', 'badge-bg': '#adbac7', 'badge-fg': '#1e1e1e'
    },
    'high-contrast': {
        'bg': '#000000', 'fg': '#ffffff', 'muted': '#ffffff', 'node-fill': '#000000', 'node-stroke': '#ffffff',
        'store-fill': '#000000', 'message-fill': '#000000', 'edge': '#ffffff', 'group-fill': '#000000',
        'group-stroke': '#ffffff', 'label-bg': '#000000', 'error': '#f48771', 'warning': '#ffd700', 'info': '#6fc3df',
        'on-error': '#000000', 'on-warning': '#000000', 'on-info': '#000000', 'badge-bg': '#ffffff', 'badge-fg': '#000000'
    }
};

/** The `vscode` theme: VS Code's own variables, with fallbacks for a page that lacks them. */
export const VSCODE_PALETTE: Palette = {
    'bg': 'var(--vscode-editor-background, #1e1e1e)',
    'fg': 'var(--vscode-editor-foreground, #d4d4d4)',
    'muted': 'var(--vscode-descriptionForeground, #a0a0a0)',
    'node-fill': 'var(--vscode-editorWidget-background, #252526)',
    'node-stroke': 'var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8b949e))',
    'store-fill': 'var(--vscode-textBlockQuote-background, var(--vscode-editorWidget-background, #222d3a))',
    'message-fill': 'var(--vscode-textCodeBlock-background, var(--vscode-editorWidget-background, #2f2a20))',
    'edge': 'var(--vscode-editorLineNumber-activeForeground, var(--vscode-editor-foreground, #c6c6c6))',
    'group-fill': 'var(--vscode-sideBar-background, transparent)',
    'group-stroke': 'var(--vscode-panel-border, var(--vscode-contrastBorder, #808080))',
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
        `${s} .sysd-store .sysd-shape { fill: ${c('store-fill')}; }`,
        `${s} .sysd-messaging .sysd-shape { fill: ${c('message-fill')}; }`,
        `${s} .sysd-copy { fill: ${c('node-fill')}; stroke: ${c('node-stroke')}; stroke-width: 1; }`,
        `${s} .sysd-store .sysd-copy { fill: ${c('store-fill')}; }`,
        `${s} .sysd-messaging .sysd-copy { fill: ${c('message-fill')}; }`,
        `${s} .sysd-shape-line { fill: none; stroke: ${c('node-stroke')}; stroke-width: ${hc ? 2 : 1.4}; }`,
        `${s} .sysd-icon { fill: none; stroke: ${c('fg')}; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; }`,
        `${s} .sysd-icon-fill { fill: ${c('fg')}; stroke: none; }`,
        `${s} .sysd-stub .sysd-shape { stroke-dasharray: 4 3; fill: ${c('bg')}; }`,
        `${s} .sysd-stub .sysd-label { font-weight: 400; }`,
        `${s} .sysd-group-box { fill: ${c('group-fill')}; stroke: ${c('group-stroke')}; stroke-width: ${hc ? 2 : 1.2}; }`,
        `${s} .sysd-group-region .sysd-group-box, ${s} .sysd-group-zone .sysd-group-box { fill: none; stroke-dasharray: 7 4; }`,
        `${s} .sysd-group-zone .sysd-group-box { stroke-dasharray: 3 3; }`,
        `${s} .sysd-group-title { font-size: ${FONT.group}px; font-weight: 700; fill: ${c('muted')}; }`,
        `${s} .sysd-line { fill: none; stroke: ${c('edge')}; stroke-width: 1.5; }`,
        `${s} .sysd-edge-async-call .sysd-line, ${s} .sysd-edge-publish .sysd-line, ${s} .sysd-edge-consume .sysd-line { stroke-dasharray: 6 4; }`,
        `${s} .sysd-edge-read .sysd-line { stroke-width: 1.2; }`,
        `${s} .sysd-edge-write .sysd-line { stroke-width: 2.6; }`,
        `${s} .sysd-edge-read-write .sysd-line { stroke-width: 1.9; }`,
        `${s} .sysd-edge-replication .sysd-line { stroke-dasharray: 1.5 3.5; stroke-width: 2.2; stroke-linecap: round; }`,
        `${s} .sysd-edge-sync-data .sysd-line { stroke-dasharray: 1.5 3.5; stroke-linecap: round; }`,
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
        `${s} .sysd-empty { font-size: ${FONT.label}px; fill: ${c('muted')}; }`
    ].join('\n');
}
