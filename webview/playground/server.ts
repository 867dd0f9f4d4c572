/**
 * The playground's side of the language server: the same worker bundle as the web extension's
 * (out/server/browser.js), spoken to in LSP over `postMessage` with vscode-languageserver-protocol's
 * browser connection. It opens, changes and closes the playground's documents, forwards the
 * diagnostics it publishes, and asks for hovers, completions, code actions, diagrams and Mermaid.
 */
import {
    BrowserMessageReader, BrowserMessageWriter, CodeActionRequest, CompletionRequest, createProtocolConnection, DidChangeTextDocumentNotification,
    DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, type CodeAction, type Command, type CompletionItem, type CompletionList, type Diagnostic, type Hover,
    type Position, type ProtocolConnection, type PublishDiagnosticsParams, type Range
} from 'vscode-languageserver-protocol/browser';
import {
    ConfigFilesNotification, DiagramRequest, MermaidRequest, ModelChangedNotification, ViewsRequest, WhatIfRequest, type DiagramAnswer,
    type MermaidExportOptions, type MermaidResult, type ModelChangedParams, type ViewsResult, type WhatIfResult
} from '@sysd/protocol';

export const LANGUAGE_ID = 'sysd';

export class PlaygroundServer {
    private readonly connection: ProtocolConnection;
    private readonly versions = new Map<string, number>();
    readonly ready: Promise<void>;

    constructor(
        worker: Worker,
        private readonly docsBase: string | undefined,
        handlers: { diagnostics(params: PublishDiagnosticsParams): void; modelChanged(params: ModelChangedParams): void; log(message: string): void }
    ) {
        this.connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => handlers.diagnostics(params));
        this.connection.onNotification(ModelChangedNotification.method, (params: ModelChangedParams) => handlers.modelChanged(params));
        this.connection.onNotification('window/logMessage', (params: { message: string }) => handlers.log(params.message));
        this.connection.onNotification('window/showMessage', (params: { message: string }) => handlers.log(params.message));
        // What a server asks of its client: settings (none here: every rule at its default), registrations, progress.
        this.connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => ({})));
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh']) {
            this.connection.onRequest(method, () => null);
        }
        this.connection.listen();
        this.ready = this.initialize();
    }

    private async initialize(): Promise<void> {
        await this.connection.sendRequest(InitializeRequest.type, {
            processId: null,
            rootUri: null,
            workspaceFolders: null,
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } }
                },
                workspace: { configuration: true }
            },
            initializationOptions: { workspaceFiles: false, ...(this.docsBase ? { docsBase: this.docsBase } : {}) }
        });
        await this.connection.sendNotification(InitializedNotification.type, {});
    }

    open(uri: string, text: string): void {
        this.versions.set(uri, 1);
        void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: LANGUAGE_ID, version: 1, text } });
    }

    change(uri: string, text: string): void {
        const version = (this.versions.get(uri) ?? 0) + 1;
        this.versions.set(uri, version);
        void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    close(uri: string): void {
        this.versions.delete(uri);
        void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    isOpen(uri: string): boolean {
        return this.versions.has(uri);
    }

    /** Sends the playground's configuration files (all of them: the others are forgotten). */
    configFiles(files: { uri: string; text: string }[]): void {
        void this.connection.sendNotification(ConfigFilesNotification.method, { replace: true, files });
    }

    hover(uri: string, position: Position): Promise<Hover | null> {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }

    completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
        return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    }

    codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(Command | CodeAction)[] | null> {
        return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } });
    }

    diagram(uri: string, view: string | undefined): Promise<DiagramAnswer | null> {
        return this.connection.sendRequest(DiagramRequest.method, view ? { uri, view } : { uri });
    }

    views(uri: string): Promise<ViewsResult | null> {
        return this.connection.sendRequest(ViewsRequest.method, { uri });
    }

    whatIf(uri: string, view: string | undefined, fail: string[]): Promise<WhatIfResult | null> {
        return this.connection.sendRequest(WhatIfRequest.method, view ? { uri, view, fail } : { uri, fail });
    }

    mermaid(uri: string, options: MermaidExportOptions): Promise<MermaidResult> {
        return this.connection.sendRequest(MermaidRequest.method, { uri, format: 'mermaid', options });
    }
}
