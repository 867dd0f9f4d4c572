/**
 * The view pipeline's first step: which views the workspace has, what each shows (see `types.ts`),
 * and the view graph built from it, which every renderer (ELK + SVG, Mermaid) draws.
 * Keys, listing and resolution live in `resolve.ts`; the graph is built by `build-graph.ts`.
 */
export * from './types.js';
export { viewKey, parseViewKey, findView, listViews, defaultViewKey, resolveView, MAX_HOPS } from './resolve.js';
export { buildViewGraph } from '../build-graph.js';
