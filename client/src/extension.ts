// The VS Code side of SysD: starts the bundled language server and wires a few commands.
// Keep this file free of Langium imports: the client bundle should stay small and start fast.
import * as vscode from 'vscode';
import type { MarkdownIt } from 'markdown-it';
import { explainClientOptions, registerExplainCommand } from './explain/explain-command.js';
import { registerFixAllCommand } from './fix-all/fix-all-command.js';
import { markdownPluginDeps, registerMermaidCommands } from './mermaid/commands.js';
import { extendMarkdownIt } from './mermaid/markdown-plugin.js';
import { registerPreview } from './preview/preview-panel.js';
import { registerShowInDiagram } from './preview/show-in-diagram.js';
import { registerWalkthrough } from './walkthrough/walkthrough.js';
import { registerCheckTask } from './tasks/check-task.js';
import {
    LanguageClient,
    State,
    TransportKind,
    type LanguageClientOptions,
    type ServerOptions
} from 'vscode-languageclient/node';
import {
    CLIENT_ID,
    CLIENT_NAME,
    COMMAND_RESTART_SERVER,
    COMMAND_SHOW_OUTPUT,
    CONFIG_FILE_GLOBS,
    CONFIGURATION_SECTION,
    LANGUAGE_ID,
    SERVER_MODULE,
    SOURCE_FILE_GLOB
} from './constants.js';

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;

/** What the extension gives VS Code: the markdown-it plugin that draws ```sysd blocks in the Markdown preview. */
export interface SysdExtensionApi {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<SysdExtensionApi> {
    const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    context.subscriptions.push(output);

    statusItem = vscode.window.createStatusBarItem('sysd.serverStatus', vscode.StatusBarAlignment.Left, 0);
    statusItem.name = 'SysD Language Server';
    statusItem.command = COMMAND_SHOW_OUTPUT;
    context.subscriptions.push(statusItem);

    context.subscriptions.push(
        vscode.commands.registerCommand(COMMAND_SHOW_OUTPUT, () => output.show(true)),
        vscode.commands.registerCommand(COMMAND_RESTART_SERVER, async () => {
            if (!client) {
                client = createClient(context, output);
                await startClient(client, output);
                return;
            }
            output.info('Restarting the SysD language server.');
            try {
                await client.restart();
            } catch (error) {
                reportStartFailure(output, error);
            }
        }),
        // The status item only matters while a .sysd editor is visible.
        vscode.window.onDidChangeActiveTextEditor(updateStatusVisibility)
    );

    // Commands that talk to the server take a getter: a restart from the stopped state makes a new client.
    context.subscriptions.push(registerExplainCommand(() => client));
    context.subscriptions.push(registerFixAllCommand());
    context.subscriptions.push(registerWalkthrough(context));
    context.subscriptions.push(registerCheckTask(context));

    client = createClient(context, output);
    // Registered before the client starts so the preview's panel serializer exists during activation.
    const preview = registerPreview(context, client);
    context.subscriptions.push(preview, registerShowInDiagram(preview));
    // The Mermaid export follows the preview's view of the same document (see mermaid/commands.ts).
    registerMermaidCommands(context, () => client, uri => preview.viewOf(uri));
    await startClient(client, output);
    return { extendMarkdownIt: md => extendMarkdownIt(md, markdownPluginDeps(() => client)) };
}

export async function deactivate(): Promise<void> {
    const current = client;
    client = undefined;
    if (current) await current.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const serverModule = context.asAbsolutePath(SERVER_MODULE);
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { execArgv: ['--nolazy', '--inspect=6009'] }
        }
    };

    const watchers = [SOURCE_FILE_GLOB, ...CONFIG_FILE_GLOBS].map(glob => vscode.workspace.createFileSystemWatcher(glob));
    context.subscriptions.push(...watchers);

    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: LANGUAGE_ID },
            { scheme: 'untitled', language: LANGUAGE_ID }
        ],
        synchronize: {
            configurationSection: CONFIGURATION_SECTION,
            fileEvents: watchers
        },
        outputChannel: output,
        traceOutputChannel: output,
        // Hover links to topics and rules open them with "SysD: Explain...".
        ...explainClientOptions()
    };

    const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    context.subscriptions.push(created.onDidChangeState(event => showState(event.newState)));
    showState(created.state);
    return created;
}

async function startClient(target: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
    try {
        await target.start();
    } catch (error) {
        reportStartFailure(output, error);
    }
}

function reportStartFailure(output: vscode.LogOutputChannel, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`The SysD language server failed to start: ${message}`);
    showState(State.Stopped);
    void vscode.window.showErrorMessage(`SysD: the language server failed to start (${message}).`, 'Show Output').then(choice => {
        if (choice) output.show(true);
    });
}

function showState(state: State): void {
    if (!statusItem) return;
    switch (state) {
        case State.Starting:
            statusItem.text = '$(sync~spin) SysD';
            statusItem.tooltip = 'SysD language server: starting';
            break;
        case State.Running:
            statusItem.text = '$(check) SysD';
            statusItem.tooltip = 'SysD language server: running (click to show its output)';
            break;
        case State.Stopped:
            statusItem.text = '$(error) SysD';
            statusItem.tooltip = 'SysD language server: stopped (run "SysD: Restart Language Server")';
            break;
    }
    updateStatusVisibility(vscode.window.activeTextEditor);
}

function updateStatusVisibility(editor: vscode.TextEditor | undefined): void {
    if (!statusItem) return;
    if (editor?.document.languageId === LANGUAGE_ID) statusItem.show();
    else statusItem.hide();
}
