/**
 * @sysd/protocol: the messages between the parts of sysd that run in different processes.
 *
 * - `lsp.ts`: custom LSP requests and notifications between the language server and the VS Code client.
 * - `webview.ts`: messages between the extension host and the diagram webview, with runtime validators.
 * - `diagram-patch.ts`: the patch the server sends instead of a graph whose structure did not change.
 *
 * It also re-exports, as types only, the data those messages carry (the diagram graph and source
 * locations), so the client depends on this package alone and never bundles the language or the
 * diagram code.
 */
export * from './lsp.js';
export * from './diagram-patch.js';
export * from './webview.js';
export type {
    DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode
} from '@sysd/diagram';
export type { Position, Range, SourceLocation, ComponentKind } from '@sysd/language/model';
