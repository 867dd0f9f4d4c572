import { describe, expect, it } from 'vitest';
import { expectCompletion } from 'langium/test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { COMPONENT_KINDS } from '../../language/src/model/types.js';
import { TECHNOLOGIES } from '../../language/src/model/technologies.js';
import { EmptyFileSystem } from 'langium';
import { KEYWORD_DOCS, keywordDoc } from '../../language/src/lsp/keyword-docs.js';
import { topic, topicForKeyword } from '../../language/src/knowledge/index.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { createTestServices, workspace } from '../helpers.js';

/** Services whose host says where rule pages live, as the language server does. */
const DOCS = 'file:///ext/docs/rules/';
function linkedServices() {
    return createSysdServices(EmptyFileSystem, { docsUrl: id => `${DOCS}${id}.md` }).Sysd;
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

    it('shows the topic of a pattern keyword: concise part first, details below a rule line', async () => {
        const text = await hoverAt(files, 'shop.sysd', 'single-leader');
        const t = topic('single-leader-replication')!;
        expect(text.startsWith(`**${t.title}** — ${t.gist}`)).toBe(true);
        const [concise, details] = text.split('\n\n---\n\n');
        expect(concise).toContain(t.sections.howItWorks.split('\n\n')[0]);
        expect(details).toContain('### When to use it');
        expect(details).toContain(t.sections.tradeOffs);
        expect(details).toContain('### What goes wrong without it');
        expect(details).toContain('**Checked by:** `leader-without-failover`');
        expect(details).toContain('Failover'); // a related topic, by title
        expect(await hoverAt(files, 'shop.sysd', 'exponential')).toContain(`**${topic('retry-with-backoff')!.title}**`);
        expect(await hoverAt(files, 'shop.sysd', 'replicas 3')).toContain(topic('single-point-of-failure')!.gist);
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
        expect(onKeyword).toContain('[Failover](file:///ext/docs/topics/failover.md)');
    });

    it('shows the findings at a keyword inside a flagged element, linked to the rule page', async () => {
        const f = { 'q.sysd': 'database Events : cassandra {\n    replication leaderless { n 3; w 1; r 1 }\n}' };
        const text = await hoverAt(f, 'q.sysd', 'w 1', 0, linkedServices());
        expect(text).toContain('**Quorums (n, w, r)**');
        expect(text).toContain('**Findings here**');
        expect(text).toContain(`[\`quorum-no-overlap\`](${DOCS}quorum-no-overlap.md)`);
        // The findings come before the details.
        expect(text.indexOf('**Findings here**')).toBeLessThan(text.indexOf('\n---\n'));
    });
});
