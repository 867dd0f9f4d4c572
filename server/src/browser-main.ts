/**
 * The language server in a Web Worker: the browser twin of `main.ts`, for the web extension
 * (vscode.dev, github.dev) and the playground. It speaks LSP over the worker's `postMessage`
 * (`BrowserMessageReader`/`Writer`), and has no file system: the client lists and reads the workspace's
 * files for it (`sysd/readDirectory`, `sysd/readFile`, when it says so in `initializationOptions`) and
 * sends the configuration files (`sysd/configFiles`). Everything else is the Node server's code.
 *
 * Bundled by esbuild.mjs into out/server/browser.js (IIFE, platform browser); the bundle must not
 * import Node built-ins (test/web/bundle.test.ts checks it).
 */
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserConfigFiles, createSysdServices, SysdAnalysis } from '@sysd/language';
import { ConfigFilesNotification, ExplainListRequest, ExplainRequest, type ConfigFilesParams, type ExplainParams } from '@sysd/protocol';
import { ClientFileSystem } from './client-file-system.js';
import { installDiagramHandler } from './diagram-handler.js';
import { onGuardedRequest } from './guard.js';
import { installMermaidHandler } from './mermaid-handler.js';
import { explainList, explainPage } from './knowledge.js';
import { installCodeActionKinds, installHandlerOverrides, installInitialBuildOptions, installServerFeatures, revalidateWorkspace } from './server-features.js';

/** What the browser client may say in `initializationOptions`. */
export interface BrowserServerOptions {
    /** The client answers `sysd/readDirectory` and `sysd/readFile`: the server loads the workspace's files. */
    workspaceFiles?: boolean;
    /** Where the rule pages are published (`<docsBase>/<rule id>.md`); without it, findings link nowhere. */
    docsBase?: string;
}

// The worker's global scope is the port (`never`: the server's lib has no WebWorker types to name it by).
const connection = createConnection(new BrowserMessageReader(globalThis as never), new BrowserMessageWriter(globalThis as never));
const files = new ClientFileSystem(connection);
let docsBase: string | undefined;

const { shared, Sysd } = createSysdServices(
    { connection, fileSystemProvider: () => files },
    { docsUrl: ruleId => (docsBase ? `${docsBase.replace(/\/$/, '')}/${ruleId}.md` : undefined) }
);
shared.lsp.LanguageServer.onInitialize(params => {
    const options = (params.initializationOptions ?? {}) as BrowserServerOptions;
    files.enabled = options.workspaceFiles === true;
    docsBase = typeof options.docsBase === 'string' ? options.docsBase : undefined;
});

const analysis = new SysdAnalysis(Sysd);
installServerFeatures(connection, analysis);
installInitialBuildOptions(shared);
installDiagramHandler(connection, analysis);
installMermaidHandler(connection, analysis);
// The rule pages are links here (the worker reads no files): the page shows the rule's summary and the link.
onGuardedRequest(connection, ExplainListRequest.method, () => explainList());
onGuardedRequest(connection, ExplainRequest.method, (params: ExplainParams) => explainPage(params, ruleId => analysis.ruleDocsUrl(ruleId), () => undefined));
connection.onNotification(ConfigFilesNotification.method, (params: ConfigFilesParams) => {
    if (params.replace) browserConfigFiles.clear();
    for (const file of params.files) browserConfigFiles.set(file.uri, file.text ?? undefined);
    analysis.configFilesChanged();
    void revalidateWorkspace(shared).catch((error: unknown) => connection.console.error(`sysd: revalidation failed: ${String(error)}`));
});
installCodeActionKinds(shared);
startLanguageServer(shared);
installHandlerOverrides(connection, shared);
