/**
 * VS Code commands of the Mermaid export, and what the Markdown preview plugin needs from VS Code.
 * Only `vscode` and the shared protocol here; the text comes from the language server.
 *
 * Every export names one view: the diagram preview's current view when the preview shows the same
 * document, else the document's own (default) view, never the whole workspace by accident.
 */
import * as vscode from 'vscode';
import type { ClientGetter } from '../client-getter.js';
import {
    MermaidFromTextRequest, MermaidRequest, ViewsRequest, type MermaidParams, type MermaidResult
} from '@sysd/protocol';
import { viewSlug } from '../preview/panel-state.js';
import type { MarkdownPluginDeps, SnippetAnswer } from './markdown-plugin.js';

const COMMAND_EXPORT_MERMAID = 'sysd.exportMermaid';
const COMMAND_EXPORT_MARKDOWN = 'sysd.exportMarkdown';
const COMMAND_COPY_MERMAID = 'sysd.copyMermaid';

/** A view to export: its key, its title (for the file name), and whether it is the document's own view. */
export interface ExportView {
    key: string;
    title: string;
    isDefault: boolean;
}

/** The diagram preview's current view of `uri`, when the preview shows that document. */
export type PreviewViewOf = (uri: vscode.Uri) => ExportView | undefined;

export function registerMermaidCommands(context: vscode.ExtensionContext, client: ClientGetter, previewView: PreviewViewOf = () => undefined): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(COMMAND_EXPORT_MERMAID, (uri?: vscode.Uri) => exportCommand(client, previewView, uri, 'mermaid')),
        vscode.commands.registerCommand(COMMAND_EXPORT_MARKDOWN, (uri?: vscode.Uri) => exportCommand(client, previewView, uri, 'markdown')),
        vscode.commands.registerCommand(COMMAND_COPY_MERMAID, (uri?: vscode.Uri) => copyToClipboard(client, previewView, uri))
    );
}

/** What the Markdown preview plugin uses: the `sysd/mermaidFromText` request and a preview refresh. */
export function markdownPluginDeps(client: ClientGetter): MarkdownPluginDeps {
    return {
        request: async (text: string): Promise<SnippetAnswer> => {
            const target = client();
            if (!target) return { error: 'the SysD language server is not running' };
            if (!target.isRunning()) await target.start();
            const answer = await target.sendRequest(MermaidFromTextRequest, { text });
            if ('error' in answer) return answer;
            return { text: answer.text };
        },
        refresh: () => void vscode.commands.executeCommand('markdown.preview.refresh')
    };
}

/** The .sysd document a command applies to: the one it was invoked on, or the active editor's. */
function sourceUri(uri: vscode.Uri | undefined): vscode.Uri | undefined {
    if (uri instanceof vscode.Uri) return uri;
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'sysd' ? document.uri : undefined;
}

function runningClient(client: ClientGetter) {
    const target = client();
    if (!target) void vscode.window.showErrorMessage('SysD: the language server is not running (run "SysD: Restart Language Server").');
    return target;
}

/** The view to export for `uri`: the preview's when it shows that document, else the document's default view. */
async function viewToExport(client: ClientGetter, previewView: PreviewViewOf, uri: vscode.Uri): Promise<ExportView | undefined> {
    const shown = previewView(uri);
    if (shown) return shown;
    const target = runningClient(client);
    if (!target) return undefined;
    // The server knows the documents that are open; make sure this one is.
    await vscode.workspace.openTextDocument(uri);
    const answer = await target.sendRequest(ViewsRequest, { uri: uri.toString() }).then(result => result, (error: unknown) => {
        void vscode.window.showErrorMessage(`SysD: the export failed (${error instanceof Error ? error.message : String(error)}).`);
        return undefined;
    });
    if (answer === null) void vscode.window.showErrorMessage(`SysD: ${basename(uri)} is not part of the SysD workspace yet.`);
    if (!answer) return undefined;
    const view = answer.views.find(candidate => candidate.key === answer.defaultKey);
    return { key: answer.defaultKey, title: view?.title ?? basename(uri), isDefault: true };
}

async function fetchText(client: ClientGetter, uri: vscode.Uri, format: MermaidParams['format'], view: ExportView): Promise<string | undefined> {
    const target = runningClient(client);
    if (!target) return undefined;
    await vscode.workspace.openTextDocument(uri);
    let result: MermaidResult;
    try {
        result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: 'SysD: exporting Mermaid' },
            () => target.sendRequest(MermaidRequest, { uri: uri.toString(), format, options: { view: view.key } })
        );
    } catch (error) {
        void vscode.window.showErrorMessage(`SysD: the export failed (${error instanceof Error ? error.message : String(error)}).`);
        return undefined;
    }
    if ('error' in result) {
        void vscode.window.showErrorMessage(`SysD: ${result.error}`);
        return undefined;
    }
    return result.text;
}

function basename(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The file an export of `view` goes to by default: `trips.mmd` for the document's own view, `trips-everything.mmd` for another. */
export function exportTarget(uri: vscode.Uri, view: ExportView, extension: string): vscode.Uri {
    const base = basename(uri).replace(/\.sysd$/i, '');
    const name = view.isDefault ? `${base}${extension}` : `${base}-${viewSlug(view.title)}${extension}`;
    return vscode.Uri.joinPath(uri, '..', name);
}

async function exportCommand(client: ClientGetter, previewView: PreviewViewOf, given: vscode.Uri | undefined, format: MermaidParams['format']): Promise<void> {
    const uri = sourceUri(given);
    if (!uri) {
        void vscode.window.showWarningMessage('SysD: open a .sysd file to export it.');
        return;
    }
    const view = await viewToExport(client, previewView, uri);
    if (view) await exportViewToFile(client, uri, format, view);
}

/** Writes the Mermaid text (or the Markdown page) of one view of `uri` next to it, asking before replacing a file. */
export async function exportViewToFile(client: ClientGetter, uri: vscode.Uri, format: MermaidParams['format'], view: ExportView): Promise<void> {
    const text = await fetchText(client, uri, format, view);
    if (text === undefined) return;
    const target = exportTarget(uri, view, format === 'markdown' ? '.md' : '.mmd');
    const name = basename(target);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (exists) {
        const choice = await vscode.window.showWarningMessage(`${name} already exists. Replace it?`, { modal: true }, 'Replace');
        if (choice !== 'Replace') return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const open = await vscode.window.showInformationMessage(`SysD: wrote ${name} (${view.title}).`, 'Open');
    if (open) await vscode.window.showTextDocument(target);
}

async function copyToClipboard(client: ClientGetter, previewView: PreviewViewOf, given: vscode.Uri | undefined): Promise<void> {
    const uri = sourceUri(given);
    if (!uri) {
        void vscode.window.showWarningMessage('SysD: open a .sysd file to copy its diagram.');
        return;
    }
    const view = await viewToExport(client, previewView, uri);
    if (!view) return;
    const text = await fetchText(client, uri, 'mermaid', view);
    if (text === undefined) return;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`SysD: Mermaid diagram of ${view.title} copied to the clipboard.`);
}
