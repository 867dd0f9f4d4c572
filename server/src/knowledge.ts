import { explainEntries, explainMarkdown, resolveExplain, topic, topicUrlFromRuleUrl, type ExplainTarget } from '@sysd/language';
import type { ExplainItem, ExplainParams, ExplainResult } from '@sysd/protocol';

/**
 * The answers of the explain requests, for every host of the server: `readPage` reads a rule's page
 * at its URL (from disk in Node; the browser worker has the pages of its bundle or none).
 */
export function explainList(): ExplainItem[] {
    return explainEntries().map(entry => ({ kind: entry.kind, id: entry.id, title: entry.title, gist: entry.gist }));
}

export function explainPage(
    params: ExplainParams, docsUrl: (ruleId: string) => string | undefined, readPage: (url: string | undefined) => string | undefined
): ExplainResult | null {
    const target: ExplainTarget | undefined = params.kind ? resolveExplain(`${params.kind}:${params.id}`) : resolveExplain(params.id);
    if (!target) return null;
    const relative = params.links === 'explain';
    const markdown = explainMarkdown(target, {
        ruleUrl: relative ? id => `../rule/${encodeURIComponent(id)}.md` : docsUrl,
        topicUrl: relative ? id => `../topic/${encodeURIComponent(id)}.md` : id => topicUrlFromRuleUrl(docsUrl, id),
        rulePage: id => readPage(docsUrl(id))
    });
    if (markdown === undefined) return null;
    const title = target.kind === 'topic' ? topic(target.id)!.title : target.id;
    return { kind: target.kind, id: target.id, title, markdown };
}
