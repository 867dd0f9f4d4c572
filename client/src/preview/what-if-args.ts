// The argument of the `sysd.whatIfPath` command (the CodeLens on a flow or SLO), read back from
// whatever the command was called with. No `vscode` import (unit-tested in Node).

/** What the preview shows for a CodeLens click: the document, the view (absent: the document's own), the side-list entry. */
export interface WhatIfPathTarget {
    uri: string;
    /** A flow's view (`flow:<id>`); undefined shows the document's default view. */
    view: string | undefined;
    /** The side-list entry to focus: `flow <id>` or `slo <id>`. */
    focus: string;
}

const MAX = 2_000;

function text(value: unknown): string | undefined {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX ? value : undefined;
}

/**
 * Reads the lens' argument (`{ uri, kind, id, view? }`, see `language/src/lsp/code-lens.ts`);
 * undefined for anything else (the command run by hand, a malformed argument).
 */
export function readWhatIfPathArgument(argument: unknown): WhatIfPathTarget | undefined {
    if (typeof argument !== 'object' || argument === null) return undefined;
    const record = argument as Record<string, unknown>;
    const uri = text(record.uri);
    const id = text(record.id);
    const kind = record.kind === 'flow' || record.kind === 'slo' ? record.kind : undefined;
    if (!uri || !id || !kind) return undefined;
    const view = text(record.view);
    return { uri, view: view?.startsWith('flow:') ? view : undefined, focus: `${kind} ${id}` };
}
