// The diagram preview: one webview panel that follows the active .sysd editor (like Markdown's
// preview to the side). It asks the language server for the diagram of the workspace model, posts
// it to the webview, outlines the element under the cursor, and opens definitions and saves
// exports on the webview's behalf.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
    DiagramRequest, isWebviewMessage, ModelChangedNotification, type DiagramGraph, type HostMessage, type WebviewMessage
} from '@sysd/protocol';
import { LANGUAGE_ID } from '../constants.js';
import { elementAt, locationOf } from './element-at.js';
import { getNonce, previewHtml } from './html.js';

const PREVIEW_VIEW_TYPE = 'sysd.preview';
const COMMAND_OPEN_PREVIEW = 'sysd.openPreview';
const COMMAND_OPEN_PREVIEW_TO_SIDE = 'sysd.openPreviewToSide';

/** Coalesces bursts of model changes (each keystroke ends in a build) into one request. */
const REFRESH_DELAY_MS = 150;

interface PanelState {
    uri?: unknown;
}

function isSysdDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
    return document?.languageId === LANGUAGE_ID;
}

class DiagramPreview implements vscode.Disposable {
    private readonly disposables: vscode.Disposable[] = [];
    private graph: DiagramGraph | undefined;
    private requestSeq = 0;
    private ready = false;
    private highlighted: string | null = null;
    private refreshTimer: ReturnType<typeof setTimeout> | undefined;
    private disposed = false;
    readonly onDidDispose: vscode.Event<void>;
    private readonly disposeEmitter = new vscode.EventEmitter<void>();

    constructor(
        readonly panel: vscode.WebviewPanel,
        context: vscode.ExtensionContext,
        private readonly client: LanguageClient,
        private readonly output: (message: string) => void,
        private uri: vscode.Uri | undefined
    ) {
        this.onDidDispose = this.disposeEmitter.event;
        const root = vscode.Uri.joinPath(context.extensionUri, 'out', 'webview');
        panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
        panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'client', 'icons', 'sysd.svg');
        const webview = panel.webview;
        webview.html = previewHtml({
            cspSource: webview.cspSource,
            nonce: getNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
            workerUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'layout-worker.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString()
        });
        this.updateTitle();
        this.disposables.push(
            webview.onDidReceiveMessage((message: unknown) => {
                if (isWebviewMessage(message)) void this.onMessage(message);
                else this.output('Ignored a malformed message from the diagram preview.');
            }),
            panel.onDidChangeViewState(() => {
                // A hidden webview is discarded; it sends `ready` again when shown.
                if (!panel.visible) this.ready = false;
            }),
            panel.onDidDispose(() => this.dispose())
        );
    }

    get documentUri(): vscode.Uri | undefined {
        return this.uri;
    }

    /** Shows the diagram of another document (the preview follows the active editor). */
    setDocument(uri: vscode.Uri): void {
        if (this.uri?.toString() === uri.toString()) return;
        this.uri = uri;
        this.highlighted = null;
        this.updateTitle();
        this.refresh(0);
    }

    /** Asks the server for the diagram again, after a short delay that merges bursts of changes. */
    refresh(delay = REFRESH_DELAY_MS): void {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.update(), delay);
    }

    /** Outlines the element under the cursor of `editor`, if it shows this preview's graph. */
    followCursor(editor: vscode.TextEditor): void {
        if (!this.graph || !isSysdDocument(editor.document)) return;
        const position = editor.selection.active;
        const id = elementAt(this.graph, editor.document.uri.toString(), { line: position.line, character: position.character }) ?? null;
        if (id === this.highlighted) return;
        this.highlighted = id;
        this.post({ type: 'highlight', id });
    }

    private updateTitle(): void {
        this.panel.title = this.uri ? `Diagram: ${path.posix.basename(this.uri.path)}` : 'SysD Diagram';
    }

    private post(message: HostMessage): void {
        if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
    }

    private async update(): Promise<void> {
        if (this.disposed) return;
        const uri = this.uri;
        if (!uri) {
            this.post({ type: 'notice', message: 'Open a .sysd file to see its diagram.' });
            return;
        }
        if (!this.client.isRunning()) {
            this.post({ type: 'notice', message: 'The SysD language server is not running; the diagram appears once it is.' });
            return;
        }
        const seq = ++this.requestSeq;
        let graph: DiagramGraph | null;
        try {
            graph = await this.client.sendRequest(DiagramRequest, { uri: uri.toString() });
        } catch (error) {
            if (seq !== this.requestSeq) return;
            this.output(`The diagram request failed: ${error instanceof Error ? error.message : String(error)}`);
            this.post({ type: 'notice', message: 'The language server could not build the diagram (see the SysD output).' });
            return;
        }
        // Only the newest answer counts; older ones were overtaken by later edits.
        if (seq !== this.requestSeq || this.disposed) return;
        if (!graph) {
            this.post({ type: 'notice', message: `${path.posix.basename(uri.path)} is not part of the SysD workspace yet.` });
            return;
        }
        this.graph = graph;
        this.post({ type: 'diagram', uri: uri.toString(), graph });
        const editor = vscode.window.activeTextEditor;
        if (editor && editor.document.uri.toString() === uri.toString()) {
            this.highlighted = null;
            this.followCursor(editor);
        } else if (this.highlighted) {
            this.post({ type: 'highlight', id: this.highlighted });
        }
    }

    private async onMessage(message: WebviewMessage): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.highlighted = null;
                if (this.graph && this.uri) {
                    this.post({ type: 'diagram', uri: this.uri.toString(), graph: this.graph });
                    this.refresh();
                } else {
                    this.refresh(0);
                }
                return;
            case 'reveal':
                await this.reveal(message.id);
                return;
            case 'export':
                await this.saveExport(message.format, message.data);
                return;
            case 'error':
                this.output(`Diagram preview: ${message.message}`);
                return;
        }
    }

    /** Opens the definition of a node or edge; the location comes from the server's graph, never from the webview. */
    private async reveal(id: string): Promise<void> {
        const loc = this.graph ? locationOf(this.graph, id) : undefined;
        if (!loc) return;
        const target = vscode.Uri.parse(loc.uri);
        const range = loc.nameRange ?? loc.range;
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === target.toString());
        const column = visible?.viewColumn
            ?? vscode.window.visibleTextEditors.find(editor => isSysdDocument(editor.document))?.viewColumn
            ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
        const document = await vscode.workspace.openTextDocument(target);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
        const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data, 'base64');
        if (!looksLike(format, bytes)) {
            this.output(`Diagram preview: refused an export that is not ${format.toUpperCase()}.`);
            return;
        }
        const base = this.uri ? this.uri.path.replace(/\.sysd$/i, '') : 'diagram';
        const defaultUri = this.uri ? this.uri.with({ path: `${base}.${format}` }) : undefined;
        const target = await vscode.window.showSaveDialog({
            defaultUri,
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            saveLabel: `Export ${format.toUpperCase()}`
        });
        if (!target) return;
        try {
            await vscode.workspace.fs.writeFile(target, bytes);
            void vscode.window.showInformationMessage(`SysD: diagram saved to ${vscode.workspace.asRelativePath(target)}.`);
        } catch (error) {
            void vscode.window.showErrorMessage(`SysD: could not save the diagram (${error instanceof Error ? error.message : String(error)}).`);
        }
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        clearTimeout(this.refreshTimer);
        this.panel.dispose();
        for (const disposable of this.disposables.splice(0)) disposable.dispose();
        this.disposeEmitter.fire();
        this.disposeEmitter.dispose();
    }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function looksLike(format: 'svg' | 'png', bytes: Uint8Array): boolean {
    if (format === 'png') return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
    const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
    return head.startsWith('<svg') || head.startsWith('<?xml');
}

/**
 * Registers the preview commands, the panel serializer (the panel comes back after a window
 * reload) and the listeners that keep the panel in step with the editor and the server.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
    let preview: DiagramPreview | undefined;
    const log = vscode.window.createOutputChannel('SysD Diagram', { log: true });
    const output = (message: string) => log.warn(message);

    const adopt = (panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): DiagramPreview => {
        preview?.dispose();
        const created = new DiagramPreview(panel, context, client, output, uri);
        created.onDidDispose(() => {
            if (preview === created) preview = undefined;
        });
        preview = created;
        return created;
    };

    const open = (column: vscode.ViewColumn, resource?: vscode.Uri) => {
        const uri = resource instanceof vscode.Uri ? resource
            : isSysdDocument(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor.document.uri
            : preview?.documentUri;
        if (!uri) {
            void vscode.window.showInformationMessage('SysD: open a .sysd file to preview its diagram.');
            return;
        }
        if (preview) {
            preview.panel.reveal(column, true);
            preview.setDocument(uri);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SysD Diagram', { viewColumn: column, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'out', 'webview')]
        });
        adopt(panel, uri);
    };

    const disposables: vscode.Disposable[] = [
        log,
        vscode.commands.registerCommand(COMMAND_OPEN_PREVIEW_TO_SIDE, (resource?: vscode.Uri) => open(vscode.ViewColumn.Beside, resource)),
        vscode.commands.registerCommand(COMMAND_OPEN_PREVIEW, (resource?: vscode.Uri) => open(vscode.ViewColumn.Active, resource)),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Thenable<void> {
                const saved = (state ?? {}) as PanelState;
                let uri: vscode.Uri | undefined;
                if (typeof saved.uri === 'string') {
                    try {
                        uri = vscode.Uri.parse(saved.uri, true);
                    } catch {
                        uri = undefined;
                    }
                }
                const active = vscode.window.activeTextEditor?.document;
                adopt(panel, uri ?? (isSysdDocument(active) ? active.uri : undefined));
                return Promise.resolve();
            }
        }),
        client.onNotification(ModelChangedNotification, () => preview?.refresh()),
        client.onDidChangeState(() => preview?.refresh()),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (!preview || !editor || !isSysdDocument(editor.document)) return;
            preview.setDocument(editor.document.uri);
            preview.followCursor(editor);
        }),
        vscode.window.onDidChangeTextEditorSelection(event => preview?.followCursor(event.textEditor)),
        { dispose: () => preview?.dispose() }
    ];
    const registration = vscode.Disposable.from(...disposables);
    context.subscriptions.push(registration);
    return registration;
}
