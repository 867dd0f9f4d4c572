import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { explainEntries, explainMarkdown, resolveExplain, topic, topicUrlFromRuleUrl, type ExplainTarget, type SysdAnalysis } from '@sysd/language';
import { onGuardedRequest } from './guard.js';
import { ExplainListRequest, ExplainRequest, type ExplainItem, type ExplainParams, type ExplainResult } from '@sysd/protocol';

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

export function explainList(): ExplainItem[] {
    return explainEntries().map(entry => ({ kind: entry.kind, id: entry.id, title: entry.title, gist: entry.gist }));
}

export function explain(params: ExplainParams, docsUrl: (ruleId: string) => string | undefined): ExplainResult | null {
    const target: ExplainTarget | undefined = params.kind ? resolveExplain(`${params.kind}:${params.id}`) : resolveExplain(params.id);
    if (!target) return null;
    const relative = params.links === 'explain';
    const markdown = explainMarkdown(target, {
        ruleUrl: relative ? id => `../rule/${encodeURIComponent(id)}.md` : docsUrl,
        topicUrl: relative ? id => `../topic/${encodeURIComponent(id)}.md` : id => topicUrlFromRuleUrl(docsUrl, id),
        rulePage: id => readFileUrl(docsUrl(id))
    });
    if (markdown === undefined) return null;
    const title = target.kind === 'topic' ? topic(target.id)!.title : target.id;
    return { kind: target.kind, id: target.id, title, markdown };
}

function readFileUrl(url: string | undefined): string | undefined {
    if (!url || !url.startsWith('file:')) return undefined;
    try {
        return fs.readFileSync(fileURLToPath(url), 'utf8');
    } catch {
        return undefined;
    }
}
