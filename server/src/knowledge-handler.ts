import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { SysdAnalysis } from '@sysd/language';
import { onGuardedRequest } from './guard.js';
import { ExplainListRequest, ExplainRequest, type ExplainItem, type ExplainParams, type ExplainResult } from '@sysd/protocol';
import { explainList, explainPage } from './knowledge.js';

export { explainList } from './knowledge.js';

/**
 * Answers the explain requests of the "SysD: Explain..." command: `sysd/explainList` (every topic
 * and rule) and `sysd/explain` (one of them as Markdown). Rule pages are read from where the host
 * publishes them (`docs/rules/<id>.md` next to the bundle); topic pages sit beside them.
 */
export function installKnowledgeHandlers(connection: Connection, analysis: SysdAnalysis): void {
    const docsUrl = (ruleId: string) => analysis.ruleDocsUrl(ruleId);
    // By method name: the server's vscode-languageserver carries its own copy of the protocol types.
    onGuardedRequest(connection, ExplainListRequest.method, (): ExplainItem[] => explainList());
    onGuardedRequest(connection, ExplainRequest.method, (params: ExplainParams): ExplainResult | null => explain(params, docsUrl));
}

/** An explain page whose rule page is read from disk. */
export function explain(params: ExplainParams, docsUrl: (ruleId: string) => string | undefined): ExplainResult | null {
    return explainPage(params, docsUrl, readFileUrl);
}

function readFileUrl(url: string | undefined): string | undefined {
    if (!url || !url.startsWith('file:')) return undefined;
    try {
        return fs.readFileSync(fileURLToPath(url), 'utf8');
    } catch {
        return undefined;
    }
}
