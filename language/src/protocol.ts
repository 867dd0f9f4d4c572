/**
 * Custom LSP messages between the SysD language server and the VS Code client. Shared by both
 * sides so the method names and payload types cannot drift apart. Only protocol types here: no
 * `vscode`, no Langium.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { DiagramGraph } from '../../diagram/src/types.js';

export interface DiagramParams {
    /** The document the preview shows; its systems are the diagram's focus. */
    uri: string;
    /** Restrict the diagram to one system (qualified name). */
    system?: string;
}

/**
 * Asks the server for the diagram of the workspace model, with the linter's findings attached.
 * The graph is not laid out: the webview lays it out in a worker. `null` when the document is not
 * a SysD document the server knows.
 */
export const DiagramRequest = new RequestType<DiagramParams, DiagramGraph | null, void>('sysd/diagram');

export interface ModelChangedParams {
    /** The documents of the build that just finished validating. */
    uris: string[];
}

/** Sent by the server after each build that reached validation: the model (and findings) may have changed. */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('sysd/modelChanged');
