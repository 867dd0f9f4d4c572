import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildMermaidFlowchart, findSequence, toMarkdownPage, type FlowchartOptions } from '@sysd/diagram';
import { COMPONENT_KINDS, errorMessage, SnippetAnalyzer, type ArchModel, type ComponentKind, type Finding, type SysdAnalysis } from '@sysd/language';
import {
    MermaidFromTextRequest, MermaidRequest, type MermaidExportOptions, type MermaidFromTextParams, type MermaidFromTextResult,
    type MermaidParams, type MermaidResult
} from '@sysd/protocol';
import { onGuardedRequest } from './guard.js';

/** Snippets longer than this are refused (a Markdown block, not a workspace). */
const MAX_SNIPPET_CHARS = 512 * 1024;

/**
 * Serves the Mermaid export:
 * - `sysd/mermaid`: the flowchart (or one saga/flow, or a Markdown page) of the workspace model
 *   the document belongs to, with the workspace's lint findings, once the running build validated.
 * - `sysd/mermaidFromText`: the flowchart of a standalone snippet (```sysd blocks in Markdown),
 *   analysed by a `SnippetAnalyzer`: in a private workspace, one at a time, so snippets never enter
 *   the user's workspace, its index or its diagnostics, and never cancel or delay the user's builds.
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

/** The requested text; unknown systems, kinds and views become an error message for the user. */
function exportText(model: ArchModel, findings: readonly Finding[], format: 'mermaid' | 'markdown', options: MermaidExportOptions, uri: string | undefined): MermaidResult {
    const kinds = (list: string[] | undefined): ComponentKind[] | string => {
        const wrong = (list ?? []).find(k => !(COMPONENT_KINDS as readonly string[]).includes(k));
        return wrong !== undefined ? `Unknown component kind '${wrong}'.` : (list ?? []) as ComponentKind[];
    };
    const includeKinds = kinds(options.includeKinds);
    if (typeof includeKinds === 'string') return { error: includeKinds };
    const excludeKinds = kinds(options.excludeKinds);
    if (typeof excludeKinds === 'string') return { error: excludeKinds };
    const flowchart: FlowchartOptions = {
        direction: options.direction === 'TB' ? 'TB' : options.direction === 'LR' ? 'LR' : undefined,
        system: options.system || undefined,
        includeKinds,
        excludeKinds,
        layout: options.layout === 'elk' ? 'elk' : undefined
    };
    try {
        const view = options.view ? findSequence(model, options.view) : undefined;
        if (typeof view === 'string') return { error: view };
        if (format === 'markdown') {
            const name = uri ? decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)).replace(/\.sysd$/, '') : 'snippet';
            return {
                text: toMarkdownPage(model, findings, {
                    title: view ? `${name}: ${view.kind} ${view.name}` : `Architecture: ${name}`,
                    flowchart,
                    views: view ? [view] : undefined,
                    omitFlowchart: view !== undefined,
                    displayPath: u => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)),
                    // The page is saved beside the user's files: the extension's own rule pages are not
                    // reachable from there, so rules are named (`sysd explain <id>` tells more).
                    ruleLink: () => undefined
                })
            };
        }
        return { text: view ? view.text : buildMermaidFlowchart(model, findings, flowchart).text };
    } catch (error) {
        // The exporters throw for options that name nothing (an unknown system): the message is for the user.
        return { error: errorMessage(error) };
    }
}
