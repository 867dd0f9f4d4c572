/**
 * LSP requests for the Mermaid export, shared by the server and the VS Code client so the method
 * names and payloads cannot drift apart. Protocol types only: no `vscode`, no Langium.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** Options of the flowchart (see `diagram/src/mermaid/flowchart.ts`). */
export interface MermaidExportOptions {
    direction?: 'LR' | 'TB';
    /** Only this system (qualified name, or a plain name that is unique). */
    system?: string;
    includeKinds?: string[];
    excludeKinds?: string[];
    layout?: 'elk';
    /** A saga or flow name: its sequence diagram instead of the flowchart. */
    view?: string;
}

export interface MermaidParams {
    /** A document of the workspace; the export covers the whole workspace model. */
    uri: string;
    format: 'mermaid' | 'markdown';
    options?: MermaidExportOptions;
}

/** The exported text, or an error message the client shows (unknown document, system or view). */
export type MermaidResult = { text: string } | { error: string };

/** Mermaid text (or a Markdown page) for the workspace the document belongs to. */
export const MermaidRequest = new RequestType<MermaidParams, MermaidResult, void>('sysd/mermaid');

export interface MermaidFromTextParams {
    /** SysD source of a standalone snippet (e.g. a ```sysd block in a Markdown file). */
    text: string;
    options?: MermaidExportOptions;
}

/**
 * Mermaid flowchart for a snippet that is not a file of the workspace. The snippet is parsed and
 * linked on its own. `syntaxErrors` counts what could not be read (the diagram shows the rest).
 */
export type MermaidFromTextResult = { text: string; syntaxErrors: number } | { error: string };

export const MermaidFromTextRequest = new RequestType<MermaidFromTextParams, MermaidFromTextResult, void>('sysd/mermaidFromText');
