/**
 * Custom LSP requests behind the editor's "SysD: Explain..." command. Shared by the language
 * server and the VS Code client so the method names and payload types cannot drift apart. Only
 * protocol types here: no `vscode`, no Langium.
 */
import { RequestType0, RequestType } from 'vscode-languageserver-protocol';

export type ExplainItemKind = 'topic' | 'rule';

export interface ExplainItem {
    kind: ExplainItemKind;
    /** The topic or rule id; pass it back with its kind in {@link ExplainParams}. */
    id: string;
    /** A topic's title; a rule's id. */
    title: string;
    /** One line: a topic's gist or a rule's description. */
    gist: string;
}

/** Everything that can be explained: all topics (by title) and all lint rules (by id). */
export const ExplainListRequest = new RequestType0<ExplainItem[], void>('sysd/explainList');

export interface ExplainParams {
    /** A topic or rule id, `topic:<id>` / `rule:<id>`, or a language keyword such as `outbox`. */
    id: string;
    /** Disambiguates an id that is both a topic and a rule. */
    kind?: ExplainItemKind;
}

export interface ExplainResult {
    kind: ExplainItemKind;
    id: string;
    title: string;
    /** The whole topic or rule page as Markdown, links pointing at the shipped pages. */
    markdown: string;
}

/** One topic or rule as Markdown; `null` when the id names nothing. */
export const ExplainRequest = new RequestType<ExplainParams, ExplainResult | null, void>('sysd/explain');
