import { describe, expect, it } from 'vitest';
import { expectCompletion } from 'langium/test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { COMPONENT_KINDS } from '../../language/src/model/types.js';
import { TECHNOLOGIES } from '../../language/src/model/technologies.js';
import { KEYWORD_DOCS, keywordDoc } from '../../language/src/lsp/keyword-docs.js';
import { createTestServices, workspace } from '../helpers.js';

function documentation(item: CompletionItem | undefined): string {
    const doc = item?.documentation;
    return typeof doc === 'string' ? doc : (doc as MarkupContent | undefined)?.value ?? '';
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

    it('documents keywords with their gist', async () => {
        const services = createTestServices();
        await expectCompletion(services)({
            text: 'service A {\n  <|>\n}',
            index: 0,
            assert: list => {
                const replicas = list.items.find(i => i.label === 'replicas');
                expect(documentation(replicas)).toBe(keywordDoc('replicas')!.gist);
                const calls = list.items.find(i => i.label === 'calls');
                expect(documentation(calls)).toBe(keywordDoc('calls')!.gist);
                expect(calls!.detail).toBe('relation');
            }
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

async function hoverAt(files: Record<string, string>, file: string, needle: string, delta = 1) {
    const ws = await workspace(files);
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
        const onComponent = await hoverAt(files, 'shop.sysd', 'Orders {');
        expect(onComponent).toContain('`sync-call-without-timeout`');
    });

    it('shows the settings of a top-level arrow relation', async () => {
        const text = await hoverAt({ 'a.sysd': 'service A\nservice B\nA -> B : grpc { timeout 2s; circuit-breaker }' }, 'a.sysd', '->', 0);
        expect(text).toContain('A -> (calls) B');
        expect(text).toContain('Settings: over grpc, sync, timeout 2s, circuit-breaker');
    });

    it('shows the gist of other keywords', async () => {
        expect(await hoverAt(files, 'shop.sysd', 'replicas 3')).toContain(keywordDoc('replicas')!.gist);
        expect(await hoverAt(files, 'shop.sysd', 'single-leader')).toContain(keywordDoc('single-leader')!.gist);
        expect(await hoverAt(files, 'shop.sysd', 'exponential')).toContain(keywordDoc('exponential')!.gist);
    });
});
