/**
 * What `sysd explain` and the editor's "SysD: Explain..." command share: the list of everything
 * that can be explained (topics and lint rules), resolving a name the user typed, suggesting close
 * names, and the Markdown of one entry.
 */
import { ALL_RULES } from '../lint/rules/index.js';
import { editDistance } from '../suggest.js';
import { allTopics, keywordEntries, renderTopicMarkdown, topic, topicForKeyword, topicsForRule, type Topic } from './index.js';

export type ExplainKind = 'topic' | 'rule';

export interface ExplainEntry {
    kind: ExplainKind;
    /** The topic or rule id. */
    id: string;
    title: string;
    /** One line. */
    gist: string;
}

export interface ExplainTarget {
    kind: ExplainKind;
    id: string;
}

/** Every topic (sorted by title) and every rule (sorted by id). */
export function explainEntries(): ExplainEntry[] {
    const topics = [...allTopics()]
        .sort((a, b) => a.title.localeCompare(b.title))
        .map(t => ({ kind: 'topic' as const, id: t.id, title: t.title, gist: t.gist }));
    const rules = ruleList().map(r => ({ kind: 'rule' as const, id: r.id, title: r.id, gist: r.description }));
    return [...topics, ...rules];
}

function ruleList(): { id: string; description: string }[] {
    return ALL_RULES.map(r => ({ id: r.meta.id, description: r.meta.description })).sort((a, b) => a.id.localeCompare(b.id));
}

export function ruleDescription(id: string): string | undefined {
    return ALL_RULES.find(r => r.meta.id === id)?.meta.description;
}

/**
 * What a name refers to: `topic:<id>` or `rule:<id>` explicitly; otherwise a topic id, a rule id, or
 * a language keyword that opens a topic (`leaderless`, `outbox`), in that order.
 */
export function resolveExplain(name: string): ExplainTarget | undefined {
    const text = name.trim();
    const prefixed = /^(topic|rule):(.+)$/.exec(text);
    if (prefixed) {
        const [, kind, id] = prefixed;
        if (kind === 'topic' && topic(id)) return { kind: 'topic', id };
        if (kind === 'rule' && ruleDescription(id) !== undefined) return { kind: 'rule', id };
        return undefined;
    }
    // `read repair` is also tried as `read-repair`.
    const forms = [...new Set([text.toLowerCase(), text.toLowerCase().replace(/\s+/g, '-')])];
    for (const form of forms) if (topic(form)) return { kind: 'topic', id: form };
    for (const form of forms) if (ruleDescription(form) !== undefined) return { kind: 'rule', id: form };
    for (const form of forms) {
        const byKeyword = topicForKeyword(form);
        if (byKeyword) return { kind: 'topic', id: byKeyword.id };
    }
    // A word that has a topic only in some places (`external` in a saga step).
    for (const form of forms) {
        const entry = keywordEntries().find(([key]) => key.startsWith(`${form}@`));
        if (entry) return { kind: 'topic', id: entry[1].id };
    }
    return undefined;
}

/** Up to `limit` names close to `name` (edit distance, with substring matches first). */
export function suggestNames(name: string, limit = 5): string[] {
    const needle = name.trim().toLowerCase();
    const candidates = new Set<string>([
        ...allTopics().map(t => t.id),
        ...ruleList().map(r => r.id),
        ...allTopics().flatMap(t => t.keywords.map(k => k.split('@')[0]))
    ]);
    const scored = [...candidates].map(candidate => {
        const distance = editDistance(needle, candidate);
        const contains = needle.length >= 3 && (candidate.includes(needle) || needle.includes(candidate) && candidate.length >= 3);
        return { candidate, score: contains ? distance / 4 : distance };
    });
    const threshold = Math.max(2, Math.floor(needle.length / 3));
    return scored
        .filter(s => s.score <= threshold)
        .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
        .slice(0, limit)
        .map(s => s.candidate);
}

export interface ExplainLinks {
    /** The text of a rule's page (`docs/rules/<id>.md`), when it can be read. */
    rulePage?: (ruleId: string) => string | undefined;
    ruleUrl?: (ruleId: string) => string | undefined;
    topicUrl?: (topicId: string) => string | undefined;
}

/** A topic or rule as a Markdown document. */
export function explainMarkdown(target: ExplainTarget, links: ExplainLinks = {}): string | undefined {
    if (target.kind === 'topic') {
        const t = topic(target.id);
        return t ? `${renderTopicMarkdown(t, { headingLevel: 1, ruleUrl: links.ruleUrl, topicUrl: links.topicUrl })}\n` : undefined;
    }
    const description = ruleDescription(target.id);
    if (description === undefined) return undefined;
    const page = links.rulePage?.(target.id);
    const body = page !== undefined ? stripLearnMore(page).trimEnd() : `# ${target.id}\n\n> ${description}`;
    const topics = topicsForRule(target.id);
    if (topics.length === 0) return `${body}\n`;
    return `${body}\n\n${relatedTopicsSection(topics, links.topicUrl)}\n`;
}

/** The "Related topics" section appended to a rule. */
export function relatedTopicsSection(topics: readonly Topic[], topicUrl?: (topicId: string) => string | undefined): string {
    const lines = topics.map(t => {
        const url = topicUrl?.(t.id);
        return `- ${url ? `[${t.title}](${url})` : t.title}: ${t.gist}`;
    });
    return `## Related topics\n\n${lines.join('\n')}`;
}

/** A rule page without its generated "## Learn more" section (it is replaced by live links). */
export function stripLearnMore(page: string): string {
    return page.replace(/^## Learn more\n[\s\S]*?(?=^## |(?![\s\S]))/m, '');
}
