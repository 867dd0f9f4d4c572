import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectCompletion } from 'langium/test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { COMPONENT_KINDS } from '../../language/src/model/types.js';
import { TECHNOLOGIES } from '../../language/src/model/technologies.js';
import { EmptyFileSystem } from 'langium';
import { KEYWORD_DOCS, keywordDoc } from '../../language/src/lsp/keyword-docs.js';
import { allTopics, topic, topicForKeyword } from '../../language/src/knowledge/index.js';
import { resolveExplain } from '../../language/src/knowledge/explain.js';
import { topicGist, TOPIC_GIST_MAX } from '../../language/src/lsp/describe.js';
import type { SysdHoverProvider } from '../../language/src/lsp/hover.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { createTestServices, workspace } from '../helpers.js';

/** Services whose host says where rule pages live, as the language server does. */
const DOCS = 'file:///ext/docs/rules/';
function linkedServices() {
    return createSysdServices(EmptyFileSystem, { docsUrl: id => `${DOCS}${id}.md` }).Sysd;
}

/** The text a reader sees of Markdown: link targets and titles dropped. */
function visible(markdown: string): string {
    return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

function documentation(item: CompletionItem | undefined): string {
    const doc = item?.documentation;
    return typeof doc === 'string' ? doc : doc?.value ?? '';
}

describe('keyword docs', () => {
    it('has a gist for every component kind, relation verb and replication mode', () => {
        const words = [...COMPONENT_KINDS, 'calls', 'reads', 'writes', 'publishes', 'consumes', 'routes', 'replicates', 'syncs',
            'single-leader', 'multi-leader', 'leaderless', 'consensus', 'replicas', 'timeout', 'retry', 'circuit-breaker', 'at-least-once', 'lww'];
        for (const word of words) {
            expect(keywordDoc(word)?.gist, word).toMatch(/\w{3,}/);
        }
        expect(keywordDoc('service')!.category).toBe('component');
        expect(keywordDoc('calls')!.category).toBe('relation');
        expect(keywordDoc('toString')).toBeUndefined();
    });

    it('keys every entry by a word of the grammar', async () => {
        const { readFileSync } = await import('node:fs');
        const grammar = readFileSync('language/src/grammar/sysd.langium', 'utf8');
        for (const key of Object.keys(KEYWORD_DOCS)) expect(grammar, key).toContain(`'${key}'`);
    });
});

describe('completion', () => {
    it('offers technologies after the colon, with their summary, fitting ones first', async () => {
        const services = createTestServices();
        await expectCompletion(services)({
            text: 'database Orders : <|>',
            index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toContain('postgres');
                expect(labels).toContain('kafka');
                expect(labels).not.toContain('service'); // no grammar keywords where a technology goes
                const postgres = list.items.find(i => i.label === 'postgres');
                const summary = TECHNOLOGIES.find(t => t.id === 'postgres')!.summary;
                expect(documentation(postgres)).toContain(summary);
                const kafka = list.items.find(i => i.label === 'kafka')!;
                expect(postgres!.sortText! < kafka.sortText!).toBe(true);
            }
        });
    });

    it('documents keywords with their topic\'s gist and a learn-more line, or the short gist', async () => {
        const services = createTestServices();
        await expectCompletion(services)({
            text: 'service A {\n  <|>\n}',
            index: 0,
            assert: list => {
                const replicas = documentation(list.items.find(i => i.label === 'replicas'));
                expect(replicas).toContain(topic('single-point-of-failure')!.gist);
                expect(replicas).toContain('sysd explain single-point-of-failure');
                const calls = list.items.find(i => i.label === 'calls')!;
                expect(documentation(calls)).toContain(topic('sync-vs-async-communication')!.gist);
                expect(calls.detail).toBe('relation');
            }
        });
        await expectCompletion(services)({
            text: 'database D { replication <|> }',
            index: 0,
            assert: list => {
                const leaderless = documentation(list.items.find(i => i.label === 'leaderless'));
                expect(leaderless.startsWith(topic('leaderless-replication')!.gist)).toBe(true);
                expect(leaderless).toContain('Learn more: _Leaderless replication_');
            }
        });
        // A keyword without a topic keeps its short gist.
        await expectCompletion(services)({
            text: '<|>',
            index: 0,
            assert: list => {
                const item = list.items.find(i => i.label === 'import');
                expect(topicForKeyword('import')).toBeUndefined();
                expect(documentation(item)).toBe(keywordDoc('import')!.gist);
            }
        });
    });

    it('picks the topic of a word by where it is completed', async () => {
        const services = createTestServices();
        await expectCompletion(services)({
            text: 'loadbalancer L { algorithm <|> }',
            index: 0,
            assert: list => expect(documentation(list.items.find(i => i.label === 'hash'))).toContain(topic('load-balancing-algorithms')!.gist)
        });
        await expectCompletion(services)({
            text: 'database D { partition by id <|> }',
            index: 0,
            assert: list => expect(documentation(list.items.find(i => i.label === 'hash'))).toContain(topic('hash-partitioning')!.gist)
        });
    });

    it('completes references with the names that resolve, including qualified ones', async () => {
        const services = createTestServices();
        const text = 'system Shop {\n  broker Events : kafka { topic orders }\n  service A { publishes <|> }\n  service B { consumes Events.<|> }\n}';
        await expectCompletion(services)({
            text, index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toContain('Events.orders');
                expect(labels).toContain('Shop.Events.orders');
                const topic = list.items.find(i => i.label === 'Events.orders')!;
                expect(topic.detail).toContain('topic');
                // Shorter names sort before fully qualified ones.
                const full = list.items.find(i => i.label === 'Shop.Events.orders')!;
                expect(topic.sortText! < full.sortText!).toBe(true);
            }
        });
        await expectCompletion(services)({
            text, index: 1,
            assert: list => expect(list.items.map(i => i.label)).toContain('Events.orders')
        });
    });
});

async function hoverAt(files: Record<string, string>, file: string, needle: string, delta = 1, services = createTestServices()) {
    const ws = await workspace(files, services);
    const index = Object.keys(files).indexOf(file);
    const document = ws.documents[index];
    const offset = files[file].indexOf(needle);
    expect(offset, needle).toBeGreaterThanOrEqual(0);
    const hover = await ws.services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset + delta)
    });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('hover', () => {
    const files = {
        'shop.sysd': [
            'system Shop {',
            '  /** Takes orders. */',
            '  service Orders {',
            '    replicas 3',
            '    writes OrdersDb',
            '    calls Billing over grpc { retry 3 exponential }',
            '  }',
            '  service Billing',
            '  database OrdersDb : postgres { replication single-leader { followers 2 } }',
            '  broker Events : kafka { topic orders { partitions 6 } }',
            '}'
        ].join('\n'),
        'other.sysd': 'system Shop {\n  service Audit { writes OrdersDb }\n}'
    };

    it('shows doc comment, kind, properties and relations of a component', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'Orders {');
        expect(text).toContain('**service** `Shop.Orders`');
        expect(text).toContain('Takes orders.');
        expect(text).toContain('- replicas: 3');
        expect(text).toContain('→ Orders writes OrdersDb');
        expect(text).toContain('calls Billing (over grpc, sync, retry 3 exponential)');
    });

    it('marks values implied by the technology and lists findings, also on a reference', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'OrdersDb\n');
        expect(text).toContain('**database** `Shop.OrdersDb` : postgres (PostgreSQL)');
        expect(text).toContain('- isolation: read-committed _(from postgres)_');
        expect(text).toContain('- replication: single-leader (followers 2)');
        expect(text).not.toMatch(/replication: .*from postgres/); // declared, not implied
        expect(text).toContain('← Audit writes OrdersDb');
        expect(text).toContain('`shared-database`');
    });

    it('shows technology defaults a topic inherits from its broker', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'orders {');
        expect(text).toContain('**topic** `Shop.Events.orders`');
        expect(text).toContain('- partitions: 6');
        expect(text).toContain('_(from kafka)_');
    });

    it('shows the effective settings and findings of a relation on its keyword', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'calls Billing');
        expect(text).toContain('Shop.Orders calls Shop.Billing');
        expect(text).toContain('Settings: over grpc, sync, retry 3 exponential');
        expect(text).toContain('`sync-call-without-timeout`');
        expect(text).toContain(`_Learn more:_ ${topic('sync-vs-async-communication')!.title}`);
        const onComponent = await hoverAt(files, 'shop.sysd', 'Orders {');
        expect(onComponent).toContain('`sync-call-without-timeout`');
    });

    it('shows the settings of a top-level arrow relation', async () => {
        const text = await hoverAt({ 'a.sysd': 'service A\nservice B\nA -> B : grpc { timeout 2s; circuit-breaker }' }, 'a.sysd', '->', 0);
        expect(text).toContain('A -> (calls) B');
        expect(text).toContain('Settings: over grpc, sync, timeout 2s, circuit-breaker');
    });

    it('shows the gist of a pattern keyword and where the full page is, not the whole page', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'single-leader');
        const t = topic('single-leader-replication')!;
        const [gist, links, ...rest] = text.split('\n\n');
        expect(gist).toBe(`**${t.title}** — ${t.gist}`);
        // Without pages to link to (no host), the second line names the command that prints the page.
        expect(links).toBe('Full explanation: `sysd explain single-leader-replication` · checked by `leader-without-failover`, `split-brain-risk`, `follower-read-without-read-your-writes` and 2 more');
        // Then only the findings at the word (OrdersDb has followers and no failover).
        expect(rest.join('\n\n')).toMatch(/^\*\*Findings here\*\*\n- ⚠️ `leader-without-failover` [^\n]+\n- ⚠️ `shared-database` [^\n]+$/);
        // The page's body stays on the page.
        expect(text).not.toContain(t.sections.howItWorks.split('\n\n')[0]);
        expect(text).not.toContain('When to use it');
        expect(await hoverAt(files, 'shop.sysd', 'exponential')).toContain(`**${topic('retry-with-backoff')!.title}**`);
        expect(await hoverAt(files, 'shop.sysd', 'replicas 3')).toContain(topic('single-point-of-failure')!.gist);
    });

    it('keeps every topic\'s hover to a gist and a link line, with at most three rules named', () => {
        const links = { topic: (id: string) => `file:///ext/docs/topics/${id}.md`, rule: (id: string) => `${DOCS}${id}.md` };
        for (const t of allTopics()) {
            const text = topicGist(t, links);
            const lines = text.split('\n\n');
            expect(lines, t.id).toHaveLength(2);
            expect(lines[0], t.id).toBe(`**${t.title}** — ${t.gist}`);
            expect(lines[1], t.id).toMatch(new RegExp(`^\\[Full explanation →\\]\\(file:///ext/docs/topics/${t.id}\\.md "[^"]+"\\)`));
            expect(visible(text).length, t.id).toBeLessThanOrEqual(TOPIC_GIST_MAX);
            const named = [...lines[1].matchAll(/\[`([a-z0-9-]+)`\]/g)].map(m => m[1]);
            expect(named, t.id).toEqual(t.rules.slice(0, 3));
            if (t.rules.length > 3) expect(lines[1], t.id).toContain(`and ${t.rules.length - 3} more`);
        }
    });

    it('picks the topic of a word by its place in the grammar', async () => {
        const text = [
            'loadbalancer L { algorithm hash }',
            'database D { partition by id hash; replication leaderless { n 3; w 2; r 2; read repair } }',
            'database E { replication single-leader { read from followers } }',
            'service A { calls B sync { timeout 1s } }',
            'service B',
            'database F { replication single-leader { mode sync } }'
        ].join('\n');
        const f = { 'a.sysd': text };
        expect(await hoverAt(f, 'a.sysd', 'hash }')).toContain('**Load-balancing algorithms**');
        expect(await hoverAt(f, 'a.sysd', 'hash;')).toContain('**Hash partitioning**');
        expect(await hoverAt(f, 'a.sysd', 'leaderless')).toContain('**Leaderless replication**');
        expect(await hoverAt(f, 'a.sysd', 'w 2', 0)).toContain('**Quorums (n, w, r)**');
        expect(await hoverAt(f, 'a.sysd', 'read repair')).toContain('**Read repair**');
        expect(await hoverAt(f, 'a.sysd', 'read from')).toContain('**Follower reads**');
        expect(await hoverAt(f, 'a.sysd', 'sync {')).toContain('**Synchronous and asynchronous communication**');
        expect(await hoverAt(f, 'a.sysd', 'sync }')).toContain('**Synchronous, semi-synchronous and asynchronous replication**');
    });

    it('describes a technology name, also one spelled like a keyword', async () => {
        const postgres = await hoverAt(files, 'shop.sysd', 'postgres {');
        expect(postgres).toBe(`**PostgreSQL** (\`postgres\`) — ${TECHNOLOGIES.find(t => t.id === 'postgres')!.summary}\n\nFits: database`);
        const kafka = await hoverAt(files, 'shop.sysd', 'kafka {');
        expect(kafka).toContain(TECHNOLOGIES.find(t => t.id === 'kafka')!.summary);
        expect(kafka).not.toContain('**Log-based brokers**');
        expect(await hoverAt({ 'u.sysd': 'service A : nosuchtech' }, 'u.sysd', 'nosuchtech')).toContain('a technology sysd does not know');
    });

    it('keeps the short gist for keywords without a topic', async () => {
        expect(await hoverAt(files, 'shop.sysd', 'over grpc')).toBe(`**over** _(setting)_ — ${keywordDoc('over')!.gist}`);
    });

    it('links findings to their rule pages and topics to their pages when the host knows them', async () => {
        const onComponent = await hoverAt(files, 'shop.sysd', 'Orders {', 1, linkedServices());
        expect(onComponent).toContain(`[\`sync-call-without-timeout\`](${DOCS}sync-call-without-timeout.md)`);
        const onRelation = await hoverAt(files, 'shop.sysd', 'calls Billing', 1, linkedServices());
        expect(onRelation).toContain(`[\`sync-call-without-timeout\`](${DOCS}sync-call-without-timeout.md)`);
        const onKeyword = await hoverAt(files, 'shop.sysd', 'single-leader', 1, linkedServices());
        expect(onKeyword).toContain(`[\`leader-without-failover\`](${DOCS}leader-without-failover.md)`);
        expect(onKeyword).toContain('[Full explanation →](file:///ext/docs/topics/single-leader-replication.md "');
    });

    it('links topics and rules to the pages shipped in the repository', async () => {
        // As the server does: rule pages at docs/rules/<id>.md next to the bundle, topics beside them.
        const root = new URL('../../', import.meta.url);
        const services = createSysdServices(EmptyFileSystem, { docsUrl: id => new URL(`docs/rules/${id}.md`, root).href }).Sysd;
        const f = { 'q.sysd': 'database Events : cassandra {\n    replication leaderless { n 3; w 1; r 1 }\n}' };
        const text = await hoverAt(f, 'q.sysd', 'w 1', 0, services);
        const targets = [...text.matchAll(/\]\((file:[^ )]+)/g)].map(m => m[1]);
        expect(targets.some(url => url.endsWith('/docs/topics/quorums.md'))).toBe(true);
        expect(targets.some(url => url.endsWith('/docs/rules/quorum-no-overlap.md'))).toBe(true);
        for (const url of targets) expect(existsSync(fileURLToPath(url)), url).toBe(true);
    });

    it('links to the client\'s explain command when the client names one, and each link opens a page', async () => {
        const services = linkedServices();
        // What the language server does with the client's initialization options.
        await services.shared.lsp.LanguageServer.initialize({
            processId: null, rootUri: null, capabilities: {}, initializationOptions: { explainCommand: 'sysd.explain' }
        });
        const f = { 'q.sysd': 'database Events : cassandra {\n    replication leaderless { n 3; w 1; r 1 }\n}' };
        const text = await hoverAt(f, 'q.sysd', 'w 1', 0, services);
        expect(text.startsWith('**Quorums (n, w, r)** — ')).toBe(true);
        const commands = [...text.matchAll(/\]\(command:sysd\.explain\?([^ )]+)/g)].map(m => JSON.parse(decodeURIComponent(m[1])) as string[]);
        expect(commands[0]).toEqual(['topic:quorums']);
        expect(commands).toContainEqual(['rule:quorum-no-overlap']);
        // Every argument names a page "SysD: Explain..." can open.
        for (const [argument] of commands) expect(resolveExplain(argument), argument).toBeDefined();
        expect(text).not.toContain('file:');
        // An option that is not a command name leaves the page links.
        const plain = linkedServices();
        (plain.lsp.HoverProvider as SysdHoverProvider).initialize({ explainCommand: 'x) [evil](https://example.com' });
        expect(await hoverAt(f, 'q.sysd', 'w 1', 0, plain)).not.toContain('command:');
    });

    it('shows the findings at a keyword inside a flagged element, linked to the rule page', async () => {
        const f = { 'q.sysd': 'database Events : cassandra {\n    replication leaderless { n 3; w 1; r 1 }\n}' };
        const text = await hoverAt(f, 'q.sysd', 'w 1', 0, linkedServices());
        expect(text).toContain('**Quorums (n, w, r)**');
        expect(text).toContain('**Findings here**');
        expect(text).toContain(`[\`quorum-no-overlap\`](${DOCS}quorum-no-overlap.md)`);
        // The gist and its link line come first, the findings right below.
        expect(text.split('\n\n')[2]).toMatch(/^\*\*Findings here\*\*\n- /);
    });
});
