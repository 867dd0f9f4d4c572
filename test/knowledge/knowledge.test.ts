import { VALUE_SLOTS } from '../../language/src/model/values.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import {
    allTopics, keywordEntries, renderSources, renderTopicMarkdown, splitFirstParagraph, topic, topicForKeyword, topicsForRule
} from '../../language/src/knowledge/index.js';
import type { Topic, TopicSections } from '../../language/src/knowledge/types.js';
// @ts-expect-error: a plain ES module script without type declarations
import * as genKnowledge from '../../scripts/gen-knowledge.mjs';
// @ts-expect-error: a plain ES module script without type declarations
import * as linkTopics from '../../scripts/link-topics.mjs';

/** What the tests call of the build scripts, typed here since the scripts are plain JavaScript. */
interface GenKnowledge {
    loadTopics: (dir?: string) => Topic[];
    parseTopic: (file: string, text: string) => Topic;
    renderModule: (topics: readonly Topic[]) => string;
}
interface LinkTopics {
    learnMoreSection: (ruleId: string, topics: readonly Topic[]) => string;
    linkPage: (page: string, ruleId: string, topics: readonly Topic[]) => string;
}
const { loadTopics, parseTopic, renderModule } = genKnowledge as GenKnowledge;
const { learnMoreSection, linkPage } = linkTopics as LinkTopics;

/** A topic's four sections by field name. */
function sectionEntries(t: Topic): [keyof TopicSections, string][] {
    const { howItWorks, whenToUse, tradeOffs, withoutIt } = t.sections;
    return [['howItWorks', howItWorks], ['whenToUse', whenToUse], ['tradeOffs', tradeOffs], ['withoutIt', withoutIt]];
}

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR = readFileSync(path.join(ROOT, 'language/src/grammar/sysd.langium'), 'utf8');

/**
 * Keywords of the grammar that do not name a pattern or concept, reviewed one by one: punctuation,
 * structure (`import`, `system`), connecting words of statements (`via`, `over`, `by`, `to`), a
 * generic component kind (`database`), the data access verbs (`reads`, `writes`: their hover shows
 * the relation itself), block slots (`store`, `sources`), the `sql` protocol and `none`.
 */
const NOT_CONCEPTS = new Set([
    ',', '-', '->', '.', '/', ':', ';', '{', '}',
    'import', 'system', 'database', 'none', 'via', 'by', 'over', 'to', 'sql', 'reads', 'writes', 'store', 'sources',
    // Protocols name a wire format, not a design concept; `scheduler` is a style that is its own word.
    'http2', 'http3', 'thrift', 'quic', 'mqtt', 'stomp', 'nats', 'redis', 'smtp', 's3', 'ftp', 'sftp', 'ssh', 'dns',
    'scheduler',
    // The words of a diagram view say what to draw, not a design concept (docs/language.md, Views).
    '<->', '*', 'title', 'description', 'include', 'exclude', 'kind'
]);

/**
 * Every word of the language: the quoted keywords of the grammar without the `Value` and `Name` rules
 * (which only repeat them), and the known values of every value position (model/values.ts), which the
 * grammar reads as any word.
 */
function grammarKeywords(): Set<string> {
    const withoutComments = GRAMMAR.replace(/^\s*\/\/.*$/gm, '');
    const rules = withoutComments.split(/^Value returns/m)[0];
    const values = Object.values(VALUE_SLOTS).flatMap(vocab => vocab.values);
    return new Set([...[...rules.matchAll(/'([^']+)'/g)].map(m => m[1]), ...values]);
}

function seedShingles(size: number): Set<string> {
    const dir = '/work/shared/seeds';
    const shingles = new Set<string>();
    for (const file of readdirSync(dir)) {
        const words = normalizeWords(readFileSync(path.join(dir, file), 'utf8'));
        for (let i = 0; i + size <= words.length; i++) shingles.add(words.slice(i, i + size).join(' '));
    }
    return shingles;
}

/** Lower-case words without Markdown marks or punctuation, so formatting cannot hide a copy. */
function normalizeWords(text: string): string[] {
    return text.toLowerCase()
        .replace(/[`*_#>[\]()"“”‘’]/g, ' ')
        .replace(/[^a-z0-9%.\-' ]+/g, ' ')
        .replace(/(\w)[.'](\s|$)/g, '$1 ')
        .split(/\s+/)
        .filter(Boolean);
}

describe('knowledge base', () => {
    const topics = allTopics();
    const ids = new Set(topics.map(t => t.id));
    const ruleIds = new Set(ALL_RULES.map(r => r.meta.id));

    it('has at least 80 topics with kebab-case ids that match their files', () => {
        expect(topics.length).toBeGreaterThanOrEqual(80);
        expect(ids.size).toBe(topics.length);
        for (const t of topics) {
            expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(existsSync(path.join(ROOT, 'docs/topics', `${t.id}.md`)), t.id).toBe(true);
        }
    });

    it('gives every grammar keyword that names a concept a topic', () => {
        const covered = new Set(keywordEntries().map(([entry]) => entry.split('@')[0]));
        const missing = [...grammarKeywords()].filter(word => !NOT_CONCEPTS.has(word) && !covered.has(word));
        expect(missing, 'keywords without a topic (add one, or review them into NOT_CONCEPTS)').toEqual([]);
        // The exclusion list only names real keywords, and none of them secretly has a topic.
        for (const word of NOT_CONCEPTS) {
            expect(grammarKeywords().has(word), word).toBe(true);
            expect(topicForKeyword(word), word).toBeUndefined();
        }
    });

    it('maps the words of the issue to the right topics', () => {
        const expected: Record<string, string> = {
            outbox: 'transactional-outbox', saga: 'saga', orchestrated: 'orchestration', choreographed: 'choreography',
            cqrs: 'cqrs', view: 'materialized-view', materialized: 'materialized-view', 'event-sourcing': 'event-sourcing',
            snapshots: 'event-sourcing-snapshots', 'circuit-breaker': 'circuit-breaker', retry: 'retry-with-backoff',
            exponential: 'retry-with-backoff', jitter: 'jitter', idempotent: 'idempotency', 'idempotency-key': 'idempotency-key',
            dlq: 'dead-letter-queue', 'at-least-once': 'at-least-once-delivery', 'at-most-once': 'at-most-once-delivery',
            'exactly-once': 'exactly-once-processing', 'single-leader': 'single-leader-replication',
            'multi-leader': 'multi-leader-replication', leaderless: 'leaderless-replication', 'semi-sync': 'replication-modes',
            n: 'quorums', w: 'quorums', r: 'quorums', sloppy: 'sloppy-quorum', repair: 'read-repair', 'anti-entropy': 'anti-entropy',
            lww: 'last-write-wins', 'version-vectors': 'version-vectors', crdt: 'crdt', consensus: 'consensus', raft: 'raft',
            paxos: 'paxos', hash: 'hash-partitioning', 'consistent-hash': 'consistent-hashing', range: 'range-partitioning',
            modulo: 'modulo-partitioning', 'write-through': 'write-through-cache', 'write-around': 'write-around-cache',
            'write-back': 'write-back-cache', 'cache-aside': 'cache-aside', lru: 'cache-eviction', lfu: 'cache-eviction',
            fifo: 'cache-eviction', ttl: 'ttl-and-invalidation', push: 'cdn-push-and-pull', pull: 'cdn-push-and-pull',
            'round-robin': 'load-balancing-algorithms', 'least-connections': 'load-balancing-algorithms', rate: 'rate-limiting',
            gateway: 'api-gateway', bff: 'backends-for-frontends', '2pc': 'two-phase-commit', isolation: 'isolation-levels',
            serializable: 'serializable', slo: 'sla-slo-sli', availability: 'availability', fencing: 'fencing-tokens',
            election: 'leader-election', failover: 'failover', health: 'health-checks', replicas: 'single-point-of-failure',
            zones: 'regions-and-zones', region: 'regions-and-zones'
        };
        for (const [word, id] of Object.entries(expected)) expect(topicForKeyword(word)?.id, word).toBe(id);
        // Context decides for words that mean different things in different places.
        expect(topicForKeyword('hash', ['AlgorithmProp'])?.id).toBe('load-balancing-algorithms');
        expect(topicForKeyword('sync', ['CallRelation'])?.id).toBe('sync-vs-async-communication');
        expect(topicForKeyword('sync', ['SyncModeSetting', 'SingleLeader'])?.id).toBe('replication-modes');
        expect(topicForKeyword('read', ['LeaderlessFlag'])?.id).toBe('read-repair');
        expect(topicForKeyword('read', ['ReadFromSetting'])?.id).toBe('follower-reads');
        // Concepts without a keyword of their own still exist as topics.
        for (const id of ['cap-theorem', 'pacelc', 'sidecar-and-ambassador', 'backpressure', 'cascading-failure', 'write-skew']) {
            expect(topic(id), id).toBeDefined();
        }
    });

    it('only uses keyword contexts that are AST types of the grammar', () => {
        const types = new Set([...GRAMMAR.matchAll(/^([A-Z]\w*)(?: returns \w+)?:/gm)].map(m => m[1]));
        for (const [entry] of keywordEntries()) {
            const [word, context] = entry.split('@');
            expect(grammarKeywords().has(word), entry).toBe(true);
            if (context) expect(types.has(context), entry).toBe(true);
        }
    });

    it('resolves every related link and lists only existing rules', () => {
        for (const t of topics) {
            for (const id of t.related) expect(ids.has(id), `${t.id} -> ${id}`).toBe(true);
            expect(t.related, t.id).not.toContain(t.id);
            for (const rule of t.rules) expect(ruleIds.has(rule), `${t.id} lists unknown rule ${rule}`).toBe(true);
        }
    });

    it('has a one-line gist, a title, sources and four non-empty sections per topic', () => {
        for (const t of topics) {
            expect(t.title.trim(), t.id).not.toBe('');
            expect(t.gist, t.id).not.toMatch(/\n/);
            expect(t.gist.length, t.id).toBeGreaterThan(20);
            expect(t.gist.length, t.id).toBeLessThanOrEqual(200);
            expect(t.seeds.length, t.id).toBeGreaterThan(0);
            for (const seed of t.seeds) expect(seed, t.id).toMatch(/^00[0-4] › "/);
            for (const [name, body] of sectionEntries(t)) expect(body.trim().length, `${t.id}: ${name}`).toBeGreaterThan(40);
        }
    });

    it('cites seed headings that exist in the seed files', () => {
        const seedFiles = readdirSync('/work/shared/seeds').sort();
        const texts = seedFiles.map(f => readFileSync(path.join('/work/shared/seeds', f), 'utf8'));
        for (const t of topics) {
            for (const seed of t.seeds) {
                const file = Number(seed.slice(0, 3));
                // The last quoted heading of the path, without Markdown marks, appears in its file.
                const headings = [...seed.matchAll(/"([^"]+)"/g)].map(m => m[1]);
                const last = headings[headings.length - 1].replace(/^#+\s*/, '').replace(/\*\*/g, '').replace(/…$/, '');
                expect(texts[file], `${t.id}: ${seed}`).toContain(last);
            }
        }
    });

    it('copies no sentence from the seed notes (no 8-word run appears in them)', () => {
        const seeds = seedShingles(8);
        const copied: string[] = [];
        for (const t of topics) {
            const words = normalizeWords([t.gist, ...sectionEntries(t).map(([, body]) => body)].join('\n'));
            for (let i = 0; i + 8 <= words.length; i++) {
                const shingle = words.slice(i, i + 8).join(' ');
                if (seeds.has(shingle)) copied.push(`${t.id}: "${shingle}"`);
            }
        }
        expect(copied).toEqual([]);
    });

    it('keeps the generated module up to date with the Markdown pages', () => {
        const generated = readFileSync(path.join(ROOT, 'language/src/knowledge/topics.generated.ts'), 'utf8');
        expect(generated).toBe(renderModule(loadTopics()));
        expect(renderModule(loadTopics())).toBe(renderModule(loadTopics())); // deterministic
    });

    it('rejects malformed topic pages', () => {
        const good = readFileSync(path.join(ROOT, 'docs/topics/quorums.md'), 'utf8');
        expect(parseTopic('quorums.md', good).id).toBe('quorums');
        expect(() => parseTopic('x.md', good.replace('## Trade-offs', '## Costs'))).toThrow(/sections must be exactly/);
        expect(() => parseTopic('x.md', good.replace(/## When to use it\n\n[\s\S]*?## Trade-offs/, '## When to use it\n\n## Trade-offs'))).toThrow(/is empty/);
        expect(() => parseTopic('x.md', good.replace(/^gist: .*$/m, ''))).toThrow(/'gist' is required/);
        expect(() => parseTopic('Bad_Name.md', good)).toThrow(/kebab-case/);
        expect(() => parseTopic('x.md', good.replace(/^title: .*$/m, 'colour: red\ntitle: T'))).toThrow(/unknown front matter field 'colour'/);
    });

    it('reads the front matter as YAML and reports where it is not', () => {
        const good = readFileSync(path.join(ROOT, 'docs/topics/quorums.md'), 'utf8');
        // A value with ': ' in it is quoted, as YAML needs; the quotes are not part of the text.
        const quoted = parseTopic('x.md', good.replace(/^gist: .*$/m, "gist: 'Two parts: a and b.'").replace(/^seeds:\n {2}- .*$/m, 'seeds:\n  - \'001 › "## TCP: Transmission Control Protocol"\''));
        expect(quoted.gist).toBe('Two parts: a and b.');
        expect(quoted.seeds[0]).toBe('001 › "## TCP: Transmission Control Protocol"');
        // Unquoted, YAML cannot read it; the error names the page, line and column.
        expect(() => parseTopic('x.md', good.replace(/^gist: .*$/m, 'gist: Two parts: a and b.'))).toThrow(/^x\.md: front matter line 4, column \d+: /);
        expect(() => parseTopic('x.md', good.replace(/^title: .*$/m, 'title: A\ntitle: B'))).toThrow(/^x\.md: front matter line 3, column 1: Map keys must be unique/);
        expect(() => parseTopic('x.md', good.replace('keywords: [', 'keywords: [3, '))).toThrow(/'keywords' must list text, but has 3/);
        expect(() => parseTopic('x.md', good.replace(/^keywords: .*$/m, 'keywords: quorum'))).toThrow(/'keywords' must be a list/);
        // A list field left empty is an empty list.
        expect(parseTopic('x.md', good.replace(/^rules: .*$/m, 'rules:')).rules).toEqual([]);
    });

    it('shows sources by note title and section heading, not by note number and Markdown marks', () => {
        const cqrs = renderTopicMarkdown(topic('cqrs')!);
        expect(cqrs).toContain([
            '**Sources:**',
            '',
            '- Performance Patterns (architecture notes), section "CQRS (Command and Query Responsibility Segregation)"',
            '- High Level Design (architecture notes), section "CQRS Pattern"',
            '- Distributed Design Patterns (course slides), section "2. Command Query Responsibility Segregation (CQRS)"'
        ].join('\n'));
        // A path of headings reads as one section.
        expect(renderTopicMarkdown(topic('anti-entropy')!)).toContain('section "Leaderless Replication › Anti-Entropy"');
        for (const t of topics) {
            const items = renderSources(t.seeds).split('\n').filter(line => line.startsWith('- '));
            expect(items, t.id).toHaveLength(t.seeds.length);
            for (const item of items) expect(item, t.id).not.toMatch(/\b00\d ›|"#|\*\*|section ""/);
        }
    });

    it('renders concise first and details below a rule line, with links when given', () => {
        const t = topic('leaderless-replication')!;
        const concise = renderTopicMarkdown(t, { concise: true });
        expect(concise).toBe(`**${t.title}** — ${t.gist}\n\n${splitFirstParagraph(t.sections.howItWorks)[0]}`);
        const full = renderTopicMarkdown(t, { ruleUrl: id => `R/${id}`, topicUrl: id => `T/${id}` });
        expect(full.startsWith(`${concise}\n\n---\n\n`)).toBe(true);
        expect(full).toContain('[Quorums (n, w, r)](T/quorums)');
        expect(full).toContain('[`quorum-no-overlap`](R/quorum-no-overlap)');
        expect(full).toContain(t.sections.withoutIt);
    });
});

describe('rule pages and topics link each other', () => {
    const rulesDir = path.join(ROOT, 'docs/rules');

    /** Rules about the tool itself rather than a pattern or concept. */
    const TOOLING_RULES = new Set(['unused-suppression']);

    it('explains every design rule by at least one topic', () => {
        for (const rule of ALL_RULES) {
            for (const t of topicsForRule(rule.meta.id)) expect(t.rules).toContain(rule.meta.id);
        }
        const unexplained = ALL_RULES.map(r => r.meta.id).filter(id => !TOOLING_RULES.has(id) && topicsForRule(id).length === 0);
        expect(unexplained, "add the rule to the 'rules' of the topics it checks").toEqual([]);
    });

    it("has a 'Learn more' section on each rule page listing exactly the topics that name the rule", () => {
        const topics = loadTopics();
        for (const rule of ALL_RULES) {
            const file = path.join(rulesDir, `${rule.meta.id}.md`);
            if (!existsSync(file)) continue; // the rule catalog test reports missing pages
            const page = readFileSync(file, 'utf8');
            const expected = learnMoreSection(rule.meta.id, topics);
            if (expected) {
                expect(page.endsWith(`\n${expected}`), `${rule.meta.id}: run node scripts/link-topics.mjs`).toBe(true);
                for (const t of topicsForRule(rule.meta.id)) {
                    expect(page).toContain(`](../topics/${t.id}.md)`);
                    expect(existsSync(path.join(ROOT, 'docs/topics', `${t.id}.md`))).toBe(true);
                }
            } else {
                expect(page).not.toContain('\n## Learn more\n');
            }
        }
    });

    it('updates the section idempotently, wherever it was', () => {
        const topics = loadTopics();
        const page = '# quorum-no-overlap\n\n> text\n\n## Learn more\n\n- stale\n\n## Related\n\n- [x](x.md)\n';
        const once = linkPage(page, 'quorum-no-overlap', topics);
        expect(linkPage(once, 'quorum-no-overlap', topics)).toBe(once);
        expect(once).not.toContain('- stale');
        expect(once.indexOf('## Related')).toBeLessThan(once.indexOf('## Learn more'));
        expect(once).toContain('[Quorums (n, w, r)](../topics/quorums.md)');
        // A rule no topic names loses the section.
        expect(linkPage(once, 'no-such-rule', topics)).toBe('# quorum-no-overlap\n\n> text\n\n## Related\n\n- [x](x.md)\n');
    });
});
