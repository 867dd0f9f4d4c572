// The diagram preview: one webview panel that follows the active .sysd editor (like Markdown's
// preview to the side). It shows one view at a time (the document's own by default; another picked
// in the webview or with "Select Diagram View..."), asks the language server for that view's
// diagram, posts it to the webview, outlines the element under the cursor, and opens definitions
// and saves exports on the webview's behalf. A locked preview keeps its document and view.
import * as vscode from 'vscode';
// The base client type: the desktop extension's Node client and the web extension's browser client both are one.
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
    applyDiagramPatch, DiagramRequest, isPatchAnswer, isWebviewMessage, ModelChangedNotification, ViewsRequest, WhatIfRequest,
    type DiagramAnswer, type DiagramGraph, type HostMessage, type UpdateTrace, type ViewsResult, type WebviewMessage, type WhatIfModeMessage,
    type WhatIfRequestMessage, type WhatIfResult
} from '@sysd/protocol';
import { LANGUAGE_ID } from '../constants.js';
import { exportViewToFile, type ExportView } from '../mermaid/commands.js';
import { elementAt, locationOf } from './element-at.js';
import { getNonce, previewHtml } from './html.js';
import {
    followEditor, openDocumentChoice, panelTitle, restoreChoice, viewOptions, viewPickEntries, viewSlug, type PanelChoice
} from './panel-state.js';
import { readWhatIfPathArgument } from './what-if-args.js';

const PREVIEW_VIEW_TYPE = 'sysd.preview';
const COMMAND_OPEN_PREVIEW = 'sysd.openPreview';
const COMMAND_OPEN_PREVIEW_TO_SIDE = 'sysd.openPreviewToSide';
const COMMAND_SHOW_SOURCE = 'sysd.preview.showSource';
const COMMAND_SELECT_VIEW = 'sysd.preview.selectView';
const COMMAND_EXPORT = 'sysd.preview.export';
const COMMAND_REFRESH = 'sysd.preview.refresh';
const COMMAND_TOGGLE_LOCK = 'sysd.preview.toggleLock';
const COMMAND_LOCK = 'sysd.preview.lock';
const COMMAND_UNLOCK = 'sysd.preview.unlock';
/** The what-if mode: from the palette, and from the CodeLens on a flow or SLO (its view, its entry focused). */
const COMMAND_WHAT_IF = 'sysd.whatIf';
const COMMAND_WHAT_IF_PATH = 'sysd.whatIfPath';
/** Context keys of the title bar's menu: whether a preview exists, and whether it is locked. */
const CONTEXT_OPEN = 'sysd.previewOpen';
const CONTEXT_LOCKED = 'sysd.previewLocked';

function isSysdDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
    return document?.languageId === LANGUAGE_ID;
}

function parseUri(text: string | undefined): vscode.Uri | undefined {
    if (!text) return undefined;
    try {
        return vscode.Uri.parse(text, true);
    } catch {
        return undefined;
    }
}

/** The bytes of base64 text (no Node `Buffer`: the web extension runs this file too). */
function base64Bytes(data: string): Uint8Array {
    return Uint8Array.from(atob(data), char => char.charCodeAt(0));
}

function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

class DiagramPreview implements vscode.Disposable {
    private readonly disposables: vscode.Disposable[] = [];
    private graph: DiagramGraph | undefined;
    /** The server's version of `graph`: the next request names it, so an unchanged structure comes back as a patch. */
    private version: string | undefined;
    /** The views of the document followed, as the server last listed them. */
    private views: ViewsResult | undefined;
    private requestSeq = 0;
    private ready = false;
    private highlighted: string | null = null;
    /** A diagram request is on its way; model changes meanwhile ask again once it is answered. */
    private inFlight = false;
    private again = false;
    /** When the first model change not yet asked for arrived (for the update's trace). */
    private changedAt: number | undefined;
    /** A what-if mode change asked for before the webview listened: posted once it is ready. */
    private pendingWhatIf: WhatIfModeMessage | undefined;
    private disposed = false;
    readonly onDidDispose: vscode.Event<void>;
    private readonly disposeEmitter = new vscode.EventEmitter<void>();
    /** Fires when a diagram reached the webview (for "Show in Diagram", which waits for it). */
    private readonly drawnEmitter = new vscode.EventEmitter<void>();

    constructor(
        readonly panel: vscode.WebviewPanel,
        context: vscode.ExtensionContext,
        private readonly client: LanguageClient,
        private readonly output: (message: string) => void,
        private choice: PanelChoice
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
        return parseUri(this.choice.uri);
    }

    get locked(): boolean {
        return this.choice.locked;
    }

    /** The view on screen, for the exports; undefined before the first diagram. */
    get shownView(): ExportView | undefined {
        const view = this.graph?.view;
        if (!view) return undefined;
        return { key: view.key, title: view.title, isDefault: this.choice.selected === undefined || view.key === this.views?.defaultKey };
    }

    /** The views of the document followed, as the server last listed them. */
    get viewList(): ViewsResult | undefined {
        return this.views;
    }

    /** The active editor turned to the .sysd document `uri`: an unlocked preview follows it (see `followEditor`). */
    followDocument(uri: vscode.Uri): void {
        this.setChoice(followEditor(this.choice, uri.toString()));
    }

    /** "Open Preview" for `uri`: shows that document, its own view. */
    openDocument(uri: vscode.Uri): void {
        this.setChoice(openDocumentChoice(this.choice, uri.toString()));
    }

    /** Shows the view `key` (picked in the webview or the quick pick) until another is picked. */
    selectView(key: string): void {
        if (this.choice.selected === key && this.graph?.view?.key === key) return;
        this.setChoice({ ...this.choice, selected: key });
    }

    /** Shows `uri` on the view `view` (undefined: the document's own view), the lock kept. */
    showView(uri: vscode.Uri, view: string | undefined): void {
        const next = { uri: uri.toString(), selected: view, locked: this.choice.locked };
        if (next.uri === this.choice.uri && next.selected === this.choice.selected) return;
        this.setChoice(next);
    }

    /** Turns the webview's what-if mode on, `focus` (`flow <id>`, `slo <id>`) the side-list entry shown first. */
    showWhatIf(focus?: string): void {
        const message: WhatIfModeMessage = { type: 'whatIfMode', on: true, ...(focus ? { focus } : {}) };
        if (this.ready) this.post(message);
        else this.pendingWhatIf = message;
    }

    /**
     * "Show in Diagram": outlines the element under the cursor of `editor` and pans it into sight. The
     * preview shows the editor's document first when it shows another (even when locked: the user
     * asked for this one), and the document's own view when the view picked does not draw the element.
     * Resolves to whether an element was outlined.
     */
    async showElementAt(editor: vscode.TextEditor): Promise<boolean> {
        const uri = editor.document.uri.toString();
        if (this.choice.uri !== uri) {
            const drawn = this.nextDrawing();
            this.setChoice(openDocumentChoice(this.choice, uri));
            await drawn;
        } else if (!this.graph) {
            await this.nextDrawing();
        }
        const at = () => {
            const position = editor.selection.active;
            return this.graph ? elementAt(this.graph, uri, { line: position.line, character: position.character }) : undefined;
        };
        if (!at() && this.choice.selected !== undefined) {
            const drawn = this.nextDrawing();
            this.setChoice({ ...this.choice, selected: undefined });
            await drawn;
        }
        const id = at();
        if (!id || this.disposed) return false;
        this.highlighted = id;
        this.post({ type: 'highlight', id, reveal: true });
        return true;
    }

    /** Resolves when the next diagram reaches the webview, or after `timeout` ms (a server that never answers). */
    private nextDrawing(timeout = 30_000): Promise<void> {
        return new Promise(resolve => {
            const done = () => {
                clearTimeout(timer);
                drawn.dispose();
                closed.dispose();
                resolve();
            };
            const timer = setTimeout(done, timeout);
            const drawn = this.drawnEmitter.event(done);
            const closed = this.onDidDispose(done);
        });
    }

    toggleLock(): void {
        this.choice = { ...this.choice, locked: !this.choice.locked };
        void vscode.commands.executeCommand('setContext', CONTEXT_LOCKED, this.choice.locked);
        this.updateTitle();
        this.postViews();
    }

    /** Asks the webview for an SVG or PNG of the view shown; it answers with an `export` message. */
    requestExport(format: 'svg' | 'png'): boolean {
        if (!this.ready || !this.graph) return false;
        this.post({ type: 'exportRequest', format });
        return true;
    }

    private setChoice(next: PanelChoice): void {
        if (next === this.choice) return;
        const documentChanged = next.uri !== this.choice.uri;
        this.choice = next;
        if (documentChanged) {
            this.views = undefined;
            this.graph = undefined;
            this.version = undefined;
        }
        this.highlighted = null;
        this.updateTitle();
        this.reload();
    }

    /**
     * The model changed: asks the server for the diagram right away, or, while a request is on its
     * way, once more when it is answered. No timer: the server answers after the build that is
     * running (a keystroke cancels the one before), so a burst of edits costs one request per build
     * that finished, and the first change is on screen as soon as its build is.
     */
    modelChanged(): void {
        this.changedAt ??= Date.now();
        this.refresh();
    }

    /** Asks for the diagram now, or after the request on its way (see {@link modelChanged}). */
    refresh(): void {
        if (this.inFlight) this.again = true;
        else void this.update();
    }

    /** Asks for the diagram now: the answer of a request on its way (for another choice) is dropped. */
    reload(): void {
        this.again = false;
        void this.update();
    }

    /**
     * Outlines the element under the cursor of `editor`, if the view shown has it (else clears the
     * outline: the preview never switches views on its own). `reveal` pans it into sight.
     */
    followCursor(editor: vscode.TextEditor, reveal = true): void {
        if (!this.graph || !isSysdDocument(editor.document)) return;
        const position = editor.selection.active;
        const id = elementAt(this.graph, editor.document.uri.toString(), { line: position.line, character: position.character }) ?? null;
        if (id === this.highlighted) return;
        this.highlighted = id;
        this.post({ type: 'highlight', id, reveal });
    }

    private updateTitle(): void {
        this.panel.title = panelTitle(this.graph?.view?.title, this.choice.uri ? this.documentUri?.path : undefined, this.choice.locked);
    }

    private post(message: HostMessage): void {
        if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
    }

    /** Posts the whole graph held (a fresh webview, or one that could not apply a patch). */
    private postGraph(): void {
        if (this.graph && this.choice.uri) this.post({ type: 'diagram', uri: this.choice.uri, graph: this.graph, ...(this.version ? { version: this.version } : {}) });
    }

    /** Tells the webview what its picker lists and the panel's choice (which it keeps for a reload). */
    private postViews(): void {
        const current = this.graph?.view?.key ?? this.views?.defaultKey;
        if (!current) return;
        this.post({
            type: 'views',
            views: viewOptions(this.views?.views ?? []),
            current,
            ...(this.choice.selected ? { selected: this.choice.selected } : {}),
            locked: this.choice.locked
        });
    }

    private async update(): Promise<void> {
        if (this.disposed) return;
        const uri = this.documentUri;
        if (!uri) {
            this.post({ type: 'notice', message: 'Open a .sysd file to see its diagram.' });
            return;
        }
        if (!this.client.isRunning()) {
            this.post({ type: 'notice', message: 'The SysD language server is not running; the diagram appears once it is.' });
            return;
        }
        const seq = ++this.requestSeq;
        this.inFlight = true;
        try {
            await this.request(seq, uri);
        } finally {
            // The newest request ended: the changes that came meanwhile are asked for now.
            if (seq === this.requestSeq) {
                this.inFlight = false;
                if (this.again && !this.disposed) {
                    this.again = false;
                    void this.update();
                }
            }
        }
    }

    private async request(seq: number, uri: vscode.Uri): Promise<void> {
        const selected = this.choice.selected;
        const changed = this.changedAt;
        this.changedAt = undefined;
        const requested = Date.now();
        // The picker's list is asked for beside the diagram, but the diagram is posted first, without
        // waiting for it: the list is a convenience, and without it the diagram still shows.
        const views = this.client.sendRequest(ViewsRequest, { uri: uri.toString() }).then(result => result, (error: unknown) => {
            this.output(`The views request failed: ${errorText(error)}`);
            return undefined;
        });
        let answer: DiagramAnswer | null;
        try {
            answer = await this.client.sendRequest(DiagramRequest, {
                uri: uri.toString(),
                ...(selected ? { view: selected } : {}),
                ...(this.version ? { since: this.version } : {})
            });
        } catch (error) {
            if (seq !== this.requestSeq) return;
            this.output(`The diagram request failed: ${errorText(error)}`);
            this.post({ type: 'notice', message: 'The language server could not build the diagram (see the SysD Diagram output).' });
            return;
        }
        // Only the newest answer counts; older ones were overtaken by later edits.
        if (seq !== this.requestSeq || this.disposed) return;
        const answered = Date.now();
        if (!answer) {
            this.post({ type: 'notice', message: `${uri.path.slice(uri.path.lastIndexOf('/') + 1)} is not part of the SysD workspace yet.` });
            return;
        }
        const trace = (): UpdateTrace => ({ ...(changed !== undefined ? { changed } : {}), requested, answered, posted: Date.now() });
        const viewChanged = (isPatchAnswer(answer) ? answer.patch.view?.key : answer.view?.key) !== this.graph?.view?.key;
        if (isPatchAnswer(answer)) {
            const patched = this.graph && this.version === answer.patch.base ? applyDiagramPatch(this.graph, answer.patch) : undefined;
            if (!patched) {
                // Not a patch to the graph held here (a server restart, a race): ask for the whole graph.
                this.version = undefined;
                this.again = true;
                return;
            }
            this.graph = patched;
            this.version = answer.patch.version;
            this.post({ type: 'diagramPatch', uri: uri.toString(), patch: answer.patch, trace: trace() });
        } else {
            const { version, ...graph } = answer;
            this.graph = graph;
            this.version = version;
            this.post({ type: 'diagram', uri: uri.toString(), graph, version, trace: trace() });
        }
        this.updateTitle();
        const list = await views;
        if (seq !== this.requestSeq || this.disposed) return;
        if (list) this.views = list;
        this.postViews();
        const editor = vscode.window.activeTextEditor;
        if (editor && isSysdDocument(editor.document)) {
            this.highlighted = null;
            // A new view shows where the cursor is; the same view stays where the user panned it.
            this.followCursor(editor, viewChanged);
        } else if (this.highlighted) {
            this.post({ type: 'highlight', id: this.highlighted });
        }
        if (this.ready) this.drawnEmitter.fire();
    }

    private async onMessage(message: WebviewMessage): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.highlighted = null;
                if (this.graph && this.choice.uri) {
                    this.postGraph();
                    this.postViews();
                }
                if (this.pendingWhatIf) {
                    this.post(this.pendingWhatIf);
                    this.pendingWhatIf = undefined;
                }
                this.reload();
                return;
            case 'whatIf':
                await this.whatIf(message);
                return;
            case 'needDiagram':
                this.postGraph();
                return;
            case 'selectView':
                this.selectView(message.key);
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

    /**
     * The webview's what-if mode asks for the analysis under its failures: asked of the server for the
     * document and view shown (the answer's ids are that view's), answered with the same `seq`.
     */
    private async whatIf(message: WhatIfRequestMessage): Promise<void> {
        const uri = this.documentUri;
        const view = this.graph?.view?.key ?? this.choice.selected;
        let result: WhatIfResult | null = null;
        if (uri && this.client.isRunning()) {
            try {
                result = await this.client.sendRequest(WhatIfRequest, { uri: uri.toString(), ...(view ? { view } : {}), fail: message.fail });
            } catch (error) {
                this.output(`The what-if request failed: ${errorText(error)}`);
            }
        }
        this.post({ type: 'whatIfResult', seq: message.seq, result });
    }

    /** The column to open a source document in: where a .sysd editor is, else beside the preview. */
    private sourceColumn(target?: vscode.Uri): vscode.ViewColumn {
        const visible = target ? vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === target.toString()) : undefined;
        return visible?.viewColumn
            ?? vscode.window.visibleTextEditors.find(editor => isSysdDocument(editor.document))?.viewColumn
            ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    }

    /** Opens the document the preview follows ("Open Source"). */
    async showSource(): Promise<void> {
        const uri = this.documentUri;
        if (!uri) return;
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { viewColumn: this.sourceColumn(uri), preserveFocus: false });
    }

    /** Opens the definition of a node or edge; the location comes from the server's graph, never from the webview. */
    private async reveal(id: string): Promise<void> {
        const loc = this.graph ? locationOf(this.graph, id) : undefined;
        if (!loc) return;
        const target = vscode.Uri.parse(loc.uri);
        const range = loc.nameRange ?? loc.range;
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const document = await vscode.workspace.openTextDocument(target);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: this.sourceColumn(target), selection, preserveFocus: false });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
        const bytes = format === 'svg' ? new TextEncoder().encode(data) : base64Bytes(data);
        if (!looksLike(format, bytes)) {
            this.output(`Diagram preview: refused an export that is not ${format.toUpperCase()}.`);
            return;
        }
        const uri = this.documentUri;
        const view = this.shownView;
        const base = uri ? uri.path.replace(/\.sysd$/i, '') : 'diagram';
        const suffix = view && !view.isDefault ? `-${viewSlug(view.title)}` : '';
        const defaultUri = uri ? uri.with({ path: `${base}${suffix}.${format}` }) : undefined;
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
            void vscode.window.showErrorMessage(`SysD: could not save the diagram (${errorText(error)}).`);
        }
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.panel.dispose();
        for (const disposable of this.disposables.splice(0)) disposable.dispose();
        this.disposeEmitter.fire();
        this.disposeEmitter.dispose();
        this.drawnEmitter.dispose();
    }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function looksLike(format: 'svg' | 'png', bytes: Uint8Array): boolean {
    if (format === 'png') return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
    const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
    return head.startsWith('<svg') || head.startsWith('<?xml');
}

/** What the rest of the extension asks of the preview. */
export interface PreviewRegistration extends vscode.Disposable {
    /** The view the preview shows of `uri`, when it shows that document (the Mermaid export follows it). */
    viewOf(uri: vscode.Uri): ExportView | undefined;
    /**
     * "Show in Diagram": opens the preview beside `editor` (or brings it forward) and outlines the
     * element under its cursor (see `DiagramPreview.showElementAt`); false when nothing there is drawn.
     */
    showInDiagram(editor: vscode.TextEditor): Promise<boolean>;
}

const EXPORT_FORMATS: (vscode.QuickPickItem & { format: 'svg' | 'png' | 'mermaid' | 'markdown' })[] = [
    { label: 'SVG', description: 'image, with the legend', format: 'svg' },
    { label: 'PNG', description: 'image, with the legend', format: 'png' },
    { label: 'Mermaid', description: '.mmd flowchart', format: 'mermaid' },
    { label: 'Markdown', description: '.md page with the Mermaid diagram', format: 'markdown' }
];

/**
 * Registers the preview commands (open, and the title bar's: open source, select view, export,
 * refresh, lock), the panel serializer (the panel comes back after a window reload, with its view
 * and lock) and the listeners that keep the panel in step with the editor and the server.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): PreviewRegistration {
    let preview: DiagramPreview | undefined;
    const log = vscode.window.createOutputChannel('SysD Diagram', { log: true });
    const output = (message: string) => log.warn(message);
    const setContext = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);

    const adopt = (panel: vscode.WebviewPanel, choice: PanelChoice): DiagramPreview => {
        preview?.dispose();
        const created = new DiagramPreview(panel, context, client, output, choice);
        created.onDidDispose(() => {
            if (preview !== created) return;
            preview = undefined;
            setContext(CONTEXT_OPEN, false);
            setContext(CONTEXT_LOCKED, false);
        });
        preview = created;
        setContext(CONTEXT_OPEN, true);
        setContext(CONTEXT_LOCKED, choice.locked);
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
            preview.openDocument(uri);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'SysD Diagram', { viewColumn: column, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'out', 'webview')]
        });
        adopt(panel, { uri: uri.toString(), selected: undefined, locked: false });
    };

    /** The preview a title-bar command acts on; a hint when there is none. */
    const current = (): DiagramPreview | undefined => {
        if (!preview) void vscode.window.showInformationMessage('SysD: open the diagram preview first ("SysD: Open Preview to the Side").');
        return preview;
    };

    const selectView = async () => {
        const target = current();
        const list = target?.viewList;
        if (!target) return;
        if (!list || list.views.length === 0) {
            void vscode.window.showInformationMessage('SysD: the views of this document are not known yet; try again once the diagram shows.');
            return;
        }
        const items = viewPickEntries(list.views, target.shownView?.key).map(entry => 'separator' in entry
            ? { label: entry.separator, kind: vscode.QuickPickItemKind.Separator, key: '' }
            : { label: entry.label, description: entry.description, detail: entry.detail, picked: entry.picked, key: entry.key });
        const picked = await vscode.window.showQuickPick(items, {
            title: 'Select Diagram View',
            placeHolder: 'The view the preview shows',
            matchOnDescription: true,
            matchOnDetail: true
        });
        if (picked?.key) target.selectView(picked.key);
    };

    const exportView = async () => {
        const target = current();
        if (!target) return;
        const view = target.shownView;
        const uri = target.documentUri;
        if (!view || !uri) {
            void vscode.window.showInformationMessage('SysD: the diagram is not drawn yet; try again once it shows.');
            return;
        }
        const choice = await vscode.window.showQuickPick(EXPORT_FORMATS, { title: `Export ${view.title}`, placeHolder: 'Format' });
        if (!choice) return;
        if (choice.format === 'svg' || choice.format === 'png') {
            if (!target.requestExport(choice.format)) void vscode.window.showInformationMessage('SysD: show the diagram preview to export it as an image.');
            return;
        }
        await exportViewToFile(() => client, uri, choice.format, view);
    };

    const toggleLock = () => {
        const target = current();
        if (!target) return;
        target.toggleLock();
    };

    /** "What If...": the preview (opened beside when there is none) in the what-if mode. */
    const whatIf = () => {
        if (!preview) open(vscode.ViewColumn.Beside);
        else preview.panel.reveal(undefined, true);
        preview?.showWhatIf();
    };

    /** The CodeLens on a flow or SLO: its document on the flow's view (an SLO: the document's), what-if mode on, its entry focused. */
    const whatIfPath = (argument: unknown) => {
        const target = readWhatIfPathArgument(argument);
        const uri = parseUri(target?.uri);
        if (!target || !uri) {
            whatIf();
            return;
        }
        if (!preview) open(vscode.ViewColumn.Beside, uri);
        else preview.panel.reveal(undefined, true);
        preview?.showView(uri, target.view);
        preview?.showWhatIf(target.focus);
    };

    const disposables: vscode.Disposable[] = [
        log,
        vscode.commands.registerCommand(COMMAND_OPEN_PREVIEW_TO_SIDE, (resource?: vscode.Uri) => open(vscode.ViewColumn.Beside, resource)),
        vscode.commands.registerCommand(COMMAND_OPEN_PREVIEW, (resource?: vscode.Uri) => open(vscode.ViewColumn.Active, resource)),
        vscode.commands.registerCommand(COMMAND_SHOW_SOURCE, () => current()?.showSource()),
        vscode.commands.registerCommand(COMMAND_SELECT_VIEW, selectView),
        vscode.commands.registerCommand(COMMAND_EXPORT, exportView),
        vscode.commands.registerCommand(COMMAND_REFRESH, () => current()?.reload()),
        vscode.commands.registerCommand(COMMAND_TOGGLE_LOCK, toggleLock),
        vscode.commands.registerCommand(COMMAND_LOCK, toggleLock),
        vscode.commands.registerCommand(COMMAND_UNLOCK, toggleLock),
        vscode.commands.registerCommand(COMMAND_WHAT_IF, whatIf),
        vscode.commands.registerCommand(COMMAND_WHAT_IF_PATH, whatIfPath),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Thenable<void> {
                const saved = restoreChoice(state);
                const uri = parseUri(saved.uri);
                const active = vscode.window.activeTextEditor?.document;
                const fallback = isSysdDocument(active) ? active.uri.toString() : undefined;
                // A saved document that does not parse any more: the active one, its own view.
                adopt(panel, uri ? { ...saved, uri: uri.toString() } : { uri: fallback, selected: undefined, locked: saved.locked });
                return Promise.resolve();
            }
        }),
        client.onNotification(ModelChangedNotification, () => preview?.modelChanged()),
        client.onDidChangeState(() => preview?.refresh()),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (!preview || !editor || !isSysdDocument(editor.document)) return;
            preview.followDocument(editor.document.uri);
            preview.followCursor(editor);
        }),
        vscode.window.onDidChangeTextEditorSelection(event => preview?.followCursor(event.textEditor)),
        { dispose: () => preview?.dispose() }
    ];
    const registration = vscode.Disposable.from(...disposables);
    context.subscriptions.push(registration);
    return {
        dispose: () => {
            registration.dispose();
        },
        viewOf: uri => (preview && preview.documentUri?.toString() === uri.toString() ? preview.shownView : undefined),
        showInDiagram: async editor => {
            if (!preview) open(vscode.ViewColumn.Beside, editor.document.uri);
            else preview.panel.reveal(undefined, true);
            return preview ? preview.showElementAt(editor) : false;
        }
    };
}
