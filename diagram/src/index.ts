/**
 * @sysd/diagram: the view pipeline's pictures. Model → diagram graph (`build-graph.ts`) → ELK layout
 * (`layout.ts`, with the ELK instance passed in) → SVG (`render-svg.ts`, themed by `theme.ts`), and
 * the Mermaid flowcharts, sequence diagrams and Markdown pages (`mermaid/`).
 *
 * No `vscode`, no DOM, no Node built-ins: the webview bundles it for the browser. The Node host of
 * ELK is the separate entry `@sysd/diagram/elk-node`.
 */
export * from './types.js';
export * from './build-graph.js';
export * from './layout.js';
export * from './metrics.js';
export * from './render-svg.js';
export * from './theme.js';
export * from './mermaid/index.js';
export * from './views/index.js';
export * from './legend.js';
export * from './geometry.js';
