import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { exportMermaid, type MermaidExportRequest } from '@sysd/diagram';
import { errorMessage, SnippetAnalyzer, type ArchModel, type Finding, type SysdAnalysis } from '@sysd/language';
import {
    MermaidFromTextRequest, MermaidRequest, type MermaidExportOptions, type MermaidFromTextParams, type MermaidFromTextResult,
    type MermaidParams, type MermaidResult
} from '@sysd/protocol';
import { onGuardedRequest } from './guard.js';

/** Snippets longer than this are refused (a Markdown block, not a workspace). */
const MAX_SNIPPET_CHARS = 512 * 1024;

/**
 * Serves the Mermaid export, through the one exporter every host uses (`exportMermaid`):
 * - `sysd/mermaid`: the flowchart of a view (by default the document's: its systems, and stand-ins
 *   for what they talk to), a saga or flow as a sequence diagram, or a Markdown page, of the
 *   workspace model the document belongs to, with the workspace's lint findings, once the running
 *   build validated.
 * - `sysd/mermaidFromText`: the flowchart of a standalone snippet (```sysd blocks in Markdown),
 *   analysed by a `SnippetAnalyzer`: in a private workspace, one at a time, so snippets never enter
 *   the user's workspace, its index or its diagnostics, and never cancel or delay the user's builds.
 *   A snippet has no file, so its default view is the whole snippet.
 */
export function installMermaidHandler(connection: Connection, analysis: SysdAnalysis): void {
    // By method name: the protocol module's RequestType comes from a newer vscode-jsonrpc than the
    // server's, and TypeScript does not match the two class types.
    // Both requests answer even when sysd fails: the failure is logged and becomes the error message.
    onGuardedRequest(connection, MermaidRequest.method, async (params: MermaidParams, token: CancellationToken): Promise<MermaidResult> => {
        if (!(await analysis.settled(token))) return { error: 'The request was cancelled.' };
        if (!analysis.hasDocument(params.uri)) {
            return { error: 'This document is not part of the SysD workspace (open a .sysd file).' };
        }
        return exportText(analysis.model(), analysis.findings(), params.format, params.options ?? {}, params.uri);
    });

    const snippets = new SnippetAnalyzer();
    onGuardedRequest(connection, MermaidFromTextRequest.method, async (params: MermaidFromTextParams): Promise<MermaidFromTextResult> => {
        if (typeof params.text !== 'string') return { error: 'No SysD text was given.' };
        if (params.text.length > MAX_SNIPPET_CHARS) return { error: `The snippet is too large (more than ${MAX_SNIPPET_CHARS / 1024} KB).` };
        const result = await snippets.analyze(params.text);
        const exported = exportText(result.model, result.findings, 'mermaid', params.options ?? {}, undefined);
        return 'error' in exported ? exported : { text: exported.text, syntaxErrors: result.syntaxErrors };
    });
}

/** The requested text; unknown views, systems, sequences and kinds become an error message for the user. */
function exportText(model: ArchModel, findings: readonly Finding[], format: 'mermaid' | 'markdown', options: MermaidExportOptions, uri: string | undefined): MermaidResult {
    const name = uri ? decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)).replace(/\.sysd$/, '') : 'snippet';
    const request: MermaidExportRequest = {
        format,
        // `system` is the older way to name a system view; `view` wins when both are given.
        view: nonEmpty(options.view) ?? (nonEmpty(options.system) ? `system:${options.system}` : undefined),
        uri,
        sequence: nonEmpty(options.sequence),
        direction: options.direction === 'TB' ? 'TB' : options.direction === 'LR' ? 'LR' : undefined,
        layout: options.layout === 'elk' ? 'elk' : undefined,
        includeKinds: stringList(options.includeKinds),
        excludeKinds: stringList(options.excludeKinds),
        legend: options.legend === false ? false : undefined,
        title: format === 'markdown' ? `Architecture: ${name}` : undefined,
        displayPath: u => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)),
        // The page is saved beside the user's files: the extension's own rule pages are not
        // reachable from there, so rules are named (`sysd explain <id>` tells more).
        ruleLink: () => undefined
    };
    try {
        const result = exportMermaid(model, findings, request);
        return 'error' in result ? { error: result.error } : { text: result.text };
    } catch (error) {
        // A bug in the exporter: the message is shown to the user rather than a silent failure.
        return { error: errorMessage(error) };
    }
}

function nonEmpty(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function stringList(value: unknown): string[] | undefined {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}
