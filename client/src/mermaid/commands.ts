/**
 * VS Code commands of the Mermaid export, and what the Markdown preview plugin needs from VS Code.
 * Only `vscode` and the shared protocol here; the text comes from the language server.
 */
import * as vscode from 'vscode';
import type { ClientGetter } from '../client-getter.js';
import {
    MermaidFromTextRequest, MermaidRequest, type MermaidParams, type MermaidResult
} from '@sysd/protocol';
import type { MarkdownPluginDeps, SnippetAnswer } from './markdown-plugin.js';

const COMMAND_EXPORT_MERMAID = 'sysd.exportMermaid';
const COMMAND_EXPORT_MARKDOWN = 'sysd.exportMarkdown';
const COMMAND_COPY_MERMAID = 'sysd.copyMermaid';


export function registerMermaidCommands(context: vscode.ExtensionContext, client: ClientGetter): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(COMMAND_EXPORT_MERMAID, (uri?: vscode.Uri) => exportToFile(client, uri, 'mermaid')),
        vscode.commands.registerCommand(COMMAND_EXPORT_MARKDOWN, (uri?: vscode.Uri) => exportToFile(client, uri, 'markdown')),
        vscode.commands.registerCommand(COMMAND_COPY_MERMAID, (uri?: vscode.Uri) => copyToClipboard(client, uri))
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

async function fetchText(client: ClientGetter, uri: vscode.Uri, format: MermaidParams['format']): Promise<string | undefined> {
    const target = client();
    if (!target) {
        void vscode.window.showErrorMessage('SysD: the language server is not running (run "SysD: Restart Language Server").');
        return undefined;
    }
    // The server exports the documents it knows; make sure this one is open.
    await vscode.workspace.openTextDocument(uri);
    let result: MermaidResult;
    try {
        result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: 'SysD: exporting Mermaid' },
            () => target.sendRequest(MermaidRequest, { uri: uri.toString(), format })
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

async function exportToFile(client: ClientGetter, given: vscode.Uri | undefined, format: MermaidParams['format']): Promise<void> {
    const uri = sourceUri(given);
    if (!uri) {
        void vscode.window.showWarningMessage('SysD: open a .sysd file to export it.');
        return;
    }
    const text = await fetchText(client, uri, format);
    if (text === undefined) return;
    const extension = format === 'markdown' ? '.md' : '.mmd';
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.sysd$/i, '') + extension;
    const target = vscode.Uri.joinPath(uri, '..', name);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (exists) {
        const choice = await vscode.window.showWarningMessage(`${name} already exists. Replace it?`, { modal: true }, 'Replace');
        if (choice !== 'Replace') return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const open = await vscode.window.showInformationMessage(`SysD: wrote ${name}.`, 'Open');
    if (open) await vscode.window.showTextDocument(target);
}

async function copyToClipboard(client: ClientGetter, given: vscode.Uri | undefined): Promise<void> {
    const uri = sourceUri(given);
    if (!uri) {
        void vscode.window.showWarningMessage('SysD: open a .sysd file to copy its diagram.');
        return;
    }
    const text = await fetchText(client, uri, 'mermaid');
    if (text === undefined) return;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage('SysD: Mermaid diagram copied to the clipboard.');
}
