/**
 * The pattern knowledge base: topics compiled from `docs/topics/*.md` (see
 * `scripts/gen-knowledge.mjs`), looked up by id, by language keyword and by lint rule, and rendered
 * as Markdown for hover, the explain command and the CLI.
 */
import { formatSource } from './sources.js';
import { TOPICS } from './topics.generated.js';
import type { Topic } from './types.js';

export type { Topic, TopicSections } from './types.js';

const BY_ID = new Map<string, Topic>(TOPICS.map(t => [t.id, t]));

/** `word` -> topic and `word@Type` -> topic. */
const BY_KEYWORD = new Map<string, Topic>();
for (const t of TOPICS) for (const keyword of t.keywords) BY_KEYWORD.set(keyword, t);

const BY_RULE = new Map<string, Topic[]>();
for (const t of TOPICS) {
    for (const rule of t.rules) {
        const list = BY_RULE.get(rule) ?? [];
        list.push(t);
        BY_RULE.set(rule, list);
    }
}

export function allTopics(): readonly Topic[] {
    return TOPICS;
}

export function topic(id: string): Topic | undefined {
    return BY_ID.get(id);
}

/**
 * The topic a language word opens. `contexts` are the AST node types around the word, innermost
 * first; a `word@Type` entry for one of them wins over the plain `word` entry.
 */
export function topicForKeyword(word: string, contexts: readonly string[] = []): Topic | undefined {
    for (const context of contexts) {
        const specific = BY_KEYWORD.get(`${word}@${context}`);
        if (specific) return specific;
    }
    return BY_KEYWORD.get(word);
}

/** Every keyword entry (`word` or `word@Type`) with its topic. */
export function keywordEntries(): [string, Topic][] {
    return [...BY_KEYWORD.entries()];
}

/** The topics whose `rules` list the rule, sorted by id. */
export function topicsForRule(ruleId: string): readonly Topic[] {
    return BY_RULE.get(ruleId) ?? [];
}

export interface RenderOptions {
    /** Only the title, the gist and the first paragraph of "How it works". */
    concise?: boolean;
    /** Link target of a rule's page; without it rules are shown by name. */
    ruleUrl?: (ruleId: string) => string | undefined;
    /** Link target of another topic; without it topics are shown by title. */
    topicUrl?: (topicId: string) => string | undefined;
    /** Heading level of the title: 0 renders it bold on the gist line (hover), 1 or 2 as a heading. */
    headingLevel?: 0 | 1 | 2;
}

/** Splits Markdown into its first paragraph and the rest. */
export function splitFirstParagraph(markdown: string): [string, string] {
    const text = markdown.trim();
    const index = text.search(/\n\s*\n/);
    if (index < 0) return [text, ''];
    return [text.slice(0, index).trim(), text.slice(index).trim()];
}

/**
 * A topic as Markdown: the concise part (title, gist, first paragraph of "How it works"), then,
 * unless `concise`, a `---` rule and the details (the rest of the sections, related topics, the
 * rules that check it, and its sources).
 */
export function renderTopicMarkdown(t: Topic, options: RenderOptions = {}): string {
    const concise = renderTopicConcise(t, options);
    if (options.concise) return concise;
    return [concise, '---', renderTopicDetails(t, options)].join('\n\n');
}

/** Title, gist and the first paragraph of "How it works". */
export function renderTopicConcise(t: Topic, options: Pick<RenderOptions, 'headingLevel'> = {}): string {
    const level = options.headingLevel ?? 0;
    const [first] = splitFirstParagraph(t.sections.howItWorks);
    const head = level === 0 ? [`**${t.title}** — ${t.gist}`] : [`${'#'.repeat(level)} ${t.title}`, `_${t.gist}_`];
    return [...head, first].join('\n\n');
}

/** Everything below the rule line: the rest of "How it works", the other sections and the links. */
export function renderTopicDetails(t: Topic, options: RenderOptions = {}): string {
    const level = options.headingLevel ?? 0;
    const [, rest] = splitFirstParagraph(t.sections.howItWorks);
    const sub = '#'.repeat(Math.max(level, 1) + 2);
    const parts: string[] = [];
    if (rest) parts.push(rest);
    parts.push(`${sub} When to use it`, t.sections.whenToUse);
    parts.push(`${sub} Trade-offs`, t.sections.tradeOffs);
    parts.push(`${sub} What goes wrong without it`, t.sections.withoutIt);
    const links = renderLinks(t, options);
    if (links) parts.push(links);
    return parts.join('\n\n');
}

/** The "Related" and "Checked by" lines and the sources of a topic. */
export function renderLinks(t: Topic, options: Pick<RenderOptions, 'ruleUrl' | 'topicUrl'> = {}): string {
    const lines: string[] = [];
    const related = t.related.map(id => topicLink(id, options.topicUrl)).filter(Boolean);
    if (related.length > 0) lines.push(`**Related:** ${related.join(', ')}`);
    if (t.rules.length > 0) lines.push(`**Checked by:** ${t.rules.map(id => ruleLink(id, options.ruleUrl)).join(', ')}`);
    if (t.seeds.length > 0) lines.push(renderSources(t.seeds));
    return lines.join('\n\n');
}

/**
 * The notes a topic is drawn from, one per line, as a reader can look them up: the note's title and
 * kind and the section's heading (`High Level Design (architecture notes), section "CQRS Pattern"`),
 * not the citation's note number and Markdown marks.
 */
export function renderSources(seeds: readonly string[]): string {
    return ['**Sources:**', '', ...seeds.map(seed => `- ${escapeMarkdown(formatSource(seed))}`)].join('\n');
}

/** Text with the characters Markdown would read as emphasis, code or links escaped. */
function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

export function topicLink(id: string, topicUrl?: (topicId: string) => string | undefined): string {
    const t = BY_ID.get(id);
    if (!t) return '';
    const url = topicUrl?.(id);
    return url ? `[${t.title}](${url})` : t.title;
}

export function ruleLink(id: string, ruleUrl?: (ruleId: string) => string | undefined): string {
    const url = ruleUrl?.(id);
    return url ? `[\`${id}\`](${url})` : `\`${id}\``;
}

/**
 * The URL of a topic page next to the rule pages: the hosts only tell where rule pages live
 * (`.../docs/rules/<id>.md`), and topic pages sit in `.../docs/topics/<id>.md`.
 */
export function topicUrlFromRuleUrl(ruleUrl: (ruleId: string) => string | undefined, topicId: string): string | undefined {
    const probe = ruleUrl('single-point-of-failure');
    if (!probe) return undefined;
    const match = /^(.*\/)rules\/single-point-of-failure\.md$/.exec(probe);
    return match ? `${match[1]}topics/${topicId}.md` : undefined;
}
