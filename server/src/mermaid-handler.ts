import { DocumentState, EmptyFileSystem, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildMermaidFlowchart, type FlowchartOptions } from '@sysd/diagram';
import { toMarkdownPage } from '@sysd/diagram';
import { findSequence } from '@sysd/diagram';
import type { Model } from '@sysd/language';
import { resolveConfig } from '@sysd/language';
import { lint } from '@sysd/language';
import { ALL_RULES } from '@sysd/language';
import type { Finding } from '@sysd/language';
import { buildFragment } from '@sysd/language';
import { COMPONENT_KINDS, type ComponentKind } from '@sysd/language';
import { ArchModel } from '@sysd/language';
import {
    MermaidFromTextRequest, MermaidRequest, type MermaidExportOptions, type MermaidFromTextParams, type MermaidFromTextResult,
    type MermaidParams, type MermaidResult
} from '@sysd/protocol';
import { createSysdServices, type SysdServices } from '@sysd/language';

/** Snippets longer than this are refused (a Markdown block, not a workspace). */
const MAX_SNIPPET_CHARS = 512 * 1024;

/**
 * Serves the Mermaid export:
 * - `sysd/mermaid`: the flowchart (or one saga/flow, or a Markdown page) of the workspace model
 *   the document belongs to, with the workspace's lint findings, once the running build validated.
 * - `sysd/mermaidFromText`: the flowchart of a standalone snippet (```sysd blocks in Markdown).
 *   Snippets are parsed and linked in a private, file-system-less Langium workspace, one at a
 *   time, and removed right after: they never enter the user's workspace, its index or its
 *   diagnostics, and the user's builds are never cancelled or delayed by them.
 */
export function installMermaidHandler(connection: Connection, shared: LangiumSharedServices, sysd: SysdServices): void {
    const service = sysd.model.ModelService;

    // By method name: the protocol module's RequestType comes from a newer vscode-jsonrpc than the
    // server's, and TypeScript does not match the two class types.
    connection.onRequest(MermaidRequest.method, async (params: MermaidParams, token: CancellationToken): Promise<MermaidResult> => {
        try {
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        } catch {
            return { error: 'The request was cancelled.' };
        }
        if (!shared.workspace.LangiumDocuments.hasDocument(URI.parse(params.uri))) {
            return { error: 'This document is not part of the SysD workspace (open a .sysd file).' };
        }
        const model = service.workspaceModel();
        const findings = [...service.allFindings().values()].flat();
        return exportText(model, findings, params.format, params.options ?? {}, params.uri);
    });

    let snippets: SysdServices | undefined;
    let counter = 0;
    let queue: Promise<unknown> = Promise.resolve();
    connection.onRequest(MermaidFromTextRequest.method, (params: MermaidFromTextParams): Promise<MermaidFromTextResult> => {
        const run = async (): Promise<MermaidFromTextResult> => {
            if (typeof params.text !== 'string') return { error: 'No SysD text was given.' };
            if (params.text.length > MAX_SNIPPET_CHARS) return { error: `The snippet is too large (more than ${MAX_SNIPPET_CHARS / 1024} KB).` };
            snippets ??= createSysdServices(EmptyFileSystem).Sysd;
            const result = await snippetModel(snippets, params.text, ++counter);
            const exported = exportText(result.model, result.findings, 'mermaid', params.options ?? {}, undefined);
            return 'error' in exported ? exported : { text: exported.text, syntaxErrors: result.syntaxErrors };
        };
        const next = queue.then(run, run);
        queue = next.catch(() => undefined);
        return next;
    });
}

/** Parses and links one snippet as `sysd-virtual:///snippet-N.sysd`, builds its model and lints it, then removes it. */
async function snippetModel(services: SysdServices, text: string, n: number): Promise<{ model: ArchModel; findings: Finding[]; syntaxErrors: number }> {
    const shared = services.shared;
    const uri = URI.parse(`sysd-virtual:///snippet-${n}.sysd`);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        const model = new ArchModel([buildFragment(document)]);
        const findings = lint({ model, text: u => (u === uri.toString() ? text : undefined), config: resolveConfig(ALL_RULES, []) });
        const syntaxErrors = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
        return { model, findings, syntaxErrors };
    } finally {
        // Removes the document from the private workspace and its index.
        await shared.workspace.DocumentBuilder.update([], [uri]);
    }
}

/** The requested text; unknown systems, kinds and views become an error message for the user. */
export function exportText(model: ArchModel, findings: Finding[], format: 'mermaid' | 'markdown', options: MermaidExportOptions, uri: string | undefined): MermaidResult {
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
        return { error: (error as Error).message };
    }
}
