import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createSysdServices, SysdAnalysis } from '@sysd/language';
import { installDiagramHandler } from './diagram-handler.js';
import { installProcessGuards } from './guard.js';
import { installKnowledgeHandlers } from './knowledge-handler.js';
import { installMermaidHandler } from './mermaid-handler.js';
import { installCodeActionKinds, installHandlerOverrides, installInitialBuildOptions, installServerFeatures, logStartup } from './server-features.js';

const connection = createConnection(ProposedFeatures.all);
// After the connection exists: it sends the console's output, where the guards log, to the client.
installProcessGuards();
const { shared, Sysd } = createSysdServices({ connection, ...NodeFileSystem }, { docsUrl: ruleDocsUrl });
// Every handler reads the workspace through the one facade hosts share.
const analysis = new SysdAnalysis(Sysd);
installServerFeatures(connection, analysis);
installInitialBuildOptions(shared);
installDiagramHandler(connection, analysis);
installMermaidHandler(connection, analysis);
installKnowledgeHandlers(connection, analysis);
logStartup(connection, shared);
installCodeActionKinds(shared);
startLanguageServer(shared);
installHandlerOverrides(connection, shared);

/** The rule pages ship inside the extension: out/server/main.js -> docs/rules/<id>.md. */
function ruleDocsUrl(ruleId: string): string {
    return new URL(`../../docs/rules/${ruleId}.md`, import.meta.url).href;
}
