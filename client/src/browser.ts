// The web extension (vscode.dev, github.dev): the `browser` entry of package.json, the browser twin of
// extension.ts. The language server runs in a Web Worker (out/server/browser.js); it has no file
// system, so this client lists and reads the workspace's files for it (`sysd/readDirectory`,
// `sysd/readFile`) and sends it the configuration files (`sysd/configFiles`), through
// `vscode.workspace.fs`. The preview, the Mermaid commands, Explain and Fix All are the desktop ones.
// Keep this file free of Langium imports, as extension.ts.
import * as vscode from 'vscode';
import type { MarkdownIt } from 'markdown-it';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import {
    ConfigFilesNotification, ReadDirectoryRequest, ReadFileRequest, type ConfigFileChange, type WorkspaceFileEntry
} from '@sysd/protocol';
import { explainClientOptions, registerExplainCommand } from './explain/explain-command.js';
import { registerFixAllCommand } from './fix-all/fix-all-command.js';
import { markdownPluginDeps, registerMermaidCommands } from './mermaid/commands.js';
import { extendMarkdownIt } from './mermaid/markdown-plugin.js';
import { registerPreview } from './preview/preview-panel.js';
import { registerShowInDiagram } from './preview/show-in-diagram.js';
import { registerWalkthrough } from './walkthrough/walkthrough.js';
import { CLIENT_ID, CLIENT_NAME, COMMAND_RESTART_SERVER, COMMAND_SHOW_OUTPUT, CONFIG_FILE_GLOBS, CONFIGURATION_SECTION, LANGUAGE_ID, SOURCE_FILE_GLOB } from './constants.js';

/** The worker server's bundle, relative to the extension root. */
export const BROWSER_SERVER_MODULE = 'out/server/browser.js';
/** Where the rule pages are, relative to the extension root (findings link to them). */
const RULE_DOCS = 'docs/rules';
/** A folder or file the client does not read for the server (dependencies, build output, VCS). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);

/** The Web Worker of the web extension host, as far as this file uses it (the client's lib has no DOM types). */
interface ServerWorker {
    postMessage(message: unknown): void;
    terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

let client: LanguageClient | undefined;

export interface SysdExtensionApi {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<SysdExtensionApi> {
    const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    context.subscriptions.push(output);
    context.subscriptions.push(
        vscode.commands.registerCommand(COMMAND_SHOW_OUTPUT, () => output.show(true)),
        vscode.commands.registerCommand(COMMAND_RESTART_SERVER, async () => {
            output.info('Restarting the SysD language server.');
            try {
                await client?.stop();
                await client?.start();
            } catch (error) {
                output.error(`The SysD language server failed to restart: ${String(error)}`);
            }
        })
    );
    context.subscriptions.push(registerExplainCommand(() => client));
    context.subscriptions.push(registerFixAllCommand());
    // The same walkthrough and context menu as on the desktop (the "sysd: check workspace" task needs
    // Node to run the CLI, so the web extension offers no task).
    context.subscriptions.push(registerWalkthrough(context));

    client = createClient(context, output);
    const preview = registerPreview(context, client);
    context.subscriptions.push(preview, registerShowInDiagram(preview));
    registerMermaidCommands(context, () => client, uri => preview.viewOf(uri));
    try {
        await client.start();
        await sendConfigFiles(client, true, await findConfigFiles());
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`The SysD language server failed to start: ${message}`);
        void vscode.window.showErrorMessage(`SysD: the language server failed to start (${message}).`);
    }
    return { extendMarkdownIt: md => extendMarkdownIt(md, markdownPluginDeps(() => client)) };
}

export async function deactivate(): Promise<void> {
    const current = client;
    client = undefined;
    if (current) await current.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const serverUri = vscode.Uri.joinPath(context.extensionUri, BROWSER_SERVER_MODULE);
    const worker = new Worker(serverUri.toString(true), { name: 'SysD language server' });
    const sourceWatcher = vscode.workspace.createFileSystemWatcher(SOURCE_FILE_GLOB);
    const configWatchers = CONFIG_FILE_GLOBS.map(glob => vscode.workspace.createFileSystemWatcher(glob));
    context.subscriptions.push(sourceWatcher, ...configWatchers);

    const clientOptions: LanguageClientOptions = {
        // Every scheme: vscode.dev and github.dev serve files as vscode-vfs:, github:, vscode-test-web:...
        documentSelector: [{ language: LANGUAGE_ID }],
        synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: [sourceWatcher, ...configWatchers] },
        outputChannel: output,
        traceOutputChannel: output,
        // Hover links to topics and rules open them with "SysD: Explain...", as on the desktop.
        ...explainClientOptions(),
        initializationOptions: {
            ...explainClientOptions().initializationOptions,
            workspaceFiles: true,
            docsBase: vscode.Uri.joinPath(context.extensionUri, RULE_DOCS).toString()
        }
    };
    // `never`: the client's lib cannot name the DOM's Worker type the constructor declares.
    const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, worker, clientOptions);
    created.onRequest(ReadDirectoryRequest.method, (params: { uri: string }) => readDirectory(params.uri));
    created.onRequest(ReadFileRequest.method, (params: { uri: string }) => readFile(params.uri));
    for (const watcher of configWatchers) {
        const send = async (uri: vscode.Uri, deleted: boolean) =>
            sendConfigFiles(created, false, [{ uri: uri.toString(), text: deleted ? null : await readFile(uri.toString()) }]);
        context.subscriptions.push(
            watcher.onDidCreate(uri => void send(uri, false)),
            watcher.onDidChange(uri => void send(uri, false)),
            watcher.onDidDelete(uri => void send(uri, true))
        );
    }
    return created;
}

async function readDirectory(uri: string): Promise<WorkspaceFileEntry[]> {
    const folder = vscode.Uri.parse(uri);
    try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        return entries
            .filter(([name]) => !SKIPPED_FOLDERS.has(name))
            .map(([name, type]) => ({
                uri: vscode.Uri.joinPath(folder, name).toString(),
                isFile: (type & vscode.FileType.File) !== 0,
                isDirectory: (type & vscode.FileType.Directory) !== 0
            }));
    } catch {
        return [];
    }
}

async function readFile(uri: string): Promise<string | null> {
    try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
    } catch {
        return null;
    }
}

async function findConfigFiles(): Promise<ConfigFileChange[]> {
    const found = await vscode.workspace.findFiles(`{${CONFIG_FILE_GLOBS.join(',')}}`, '**/node_modules/**');
    const files = await Promise.all(found.map(async uri => ({ uri: uri.toString(), text: await readFile(uri.toString()) })));
    return files.filter(file => file.text !== null);
}

async function sendConfigFiles(target: LanguageClient, replace: boolean, files: ConfigFileChange[]): Promise<void> {
    if (!replace && files.length === 0) return;
    await target.sendNotification(ConfigFilesNotification.method, { replace, files });
}
