import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectFormatting, highlightHelper, expectSemanticToken } from 'langium/test';
import { SemanticTokenTypes, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SysdWorkspaceSymbolProvider } from '../../language/src/lsp/workspace-symbols.js';
import { createTestServices, workspace } from '../helpers.js';

async function format(text: string): Promise<string> {
    const { services, documents } = await workspace({ [`f${Math.random().toString(36).slice(2)}.sysd`]: text });
    const document = documents[0];
    const edits = await services.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
    });
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('formatter', () => {
    it('indents blocks by four spaces and puts one member per line', async () => {
        await expectFormatting(createTestServices())({
            before: 'system S {\nservice A {\nreplicas 2; owns Db\n  writes Db\n}\n  database Db:postgres {\n replication single-leader{followers 2\n mode async}\n\n\n  }\n}',
            after: 'system S {\n    service A {\n        replicas 2;\n        owns Db\n        writes Db\n    }\n    database Db : postgres {\n        replication single-leader {\n            followers 2\n            mode async\n        }\n    }\n}'
        });
    });

    it('keeps one-line blocks on one line with single spaces', async () => {
        await expectFormatting(createTestServices())({
            before: 'service Billing   {replicas 2 ;owns Db;writes Db}\ndatabase Db\nservice B { calls Billing {timeout 1s;retry 3} }',
            after: 'service Billing { replicas 2; owns Db; writes Db }\ndatabase Db\nservice B { calls Billing { timeout 1s; retry 3 } }'
        });
    });

    it('puts single spaces around arrows, colons and after commas', async () => {
        await expectFormatting(createTestServices())({
            before: 'region r { zones a ,b,  c }\nservice A\nservice B\nA->B   :   http\nslo S { path A->B }',
            after: 'region r { zones a, b, c }\nservice A\nservice B\nA -> B : http\nslo S { path A -> B }'
        });
    });

    it('keeps comments and blank lines, and re-indents comment lines', async () => {
        await expectFormatting(createTestServices())({
            before: '// header\n\nsystem S {\n// about A\n      /** Doc of A. */\nservice A // trailing\n\n  service B\n}',
            after: '// header\n\nsystem S {\n    // about A\n    /** Doc of A. */\n    service A // trailing\n\n    service B\n}'
        });
    });

    it('is idempotent and keeps the sketch stable', async () => {
        const sketch = readFileSync('test/fixtures/sketch.sysd', 'utf8');
        const once = await format(sketch);
        expect(await format(once)).toBe(once);
        // Every comment survives, and nothing but whitespace changes.
        for (const comment of sketch.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)!) {
            expect(once).toContain(comment.split('\n')[0].trim());
        }
        expect(once.replace(/\s+/g, '')).toBe(sketch.replace(/\s+/g, ''));
        expect(once).toContain('\n    service Orders {\n        replicas 3 across a, b, c\n');
        expect(once).toContain('    service Billing { replicas 2; owns BillingDb; writes BillingDb }');
        expect(once).toContain('    Web -> Edge : https\n');
    });

    it('does not format a document with syntax errors', async () => {
        expect(await format('service A {{ replicas')).toBe('service A {{ replicas');
    });
});

describe('semantic tokens', () => {
    it('colours names by kind, technologies, properties, enum values and references', async () => {
        const services = createTestServices();
        const highlight = highlightHelper(services);
        const tokens = await highlight([
            'system <|S|> {',
            '  service <|Api|> { <|replicas|> 2; <|ha|> <|active-passive|> }',
            '  database <|Db|> : <|postgres|>',
            '  broker <|Events|> : kafka { topic <|orders|> }',
            '  <|Api|> -> <|Db|>',
            '  service W { publishes <|Events.orders|> }',
            '}'
        ].join('\n'));
        const expected: SemanticTokenTypes[] = [
            SemanticTokenTypes.namespace, SemanticTokenTypes.class, SemanticTokenTypes.property, SemanticTokenTypes.property,
            SemanticTokenTypes.enumMember, SemanticTokenTypes.struct, SemanticTokenTypes.type, SemanticTokenTypes.class,
            SemanticTokenTypes.event, SemanticTokenTypes.class, SemanticTokenTypes.struct, SemanticTokenTypes.event
        ];
        expected.forEach((tokenType, rangeIndex) => expectSemanticToken(tokens, { rangeIndex, tokenType }));
    });
});

describe('outline and workspace symbols', () => {
    const files = {
        'shop.sysd': [
            'system Shop {',
            '  region eu { zones a, b }',
            '  service Orders',
            '  database Db : postgres',
            '  broker Events : kafka { topic orders; queue jobs }',
            '  saga Checkout orchestrated by Orders { step Orders.pay compensate Orders.refund }',
            '  cqrs Reads { command Orders }',
            '  view V { store Db }',
            '  slo Fast { target Orders; availability 99.9% }',
            '  flow Buy { path Orders -> Db }',
            '}'
        ].join('\n'),
        'more.sysd': 'system Shop { service Billing }'
    };

    it('nests systems, components, topics and pattern blocks with kind and technology', async () => {
        const { services, documents } = await workspace(files);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(documents[0], { textDocument: { uri: documents[0].uri.toString() } }) as DocumentSymbol[];
        expect(symbols).toHaveLength(1);
        const shop = symbols[0];
        expect(shop).toMatchObject({ name: 'Shop', kind: SymbolKind.Namespace });
        const byName = new Map(shop.children!.map(s => [s.name, s]));
        expect([...byName.keys()]).toEqual(['eu', 'Orders', 'Db', 'Events', 'Checkout', 'Reads', 'V', 'Fast', 'Buy']);
        expect(byName.get('eu')!.children!.map(z => z.name)).toEqual(['a', 'b']);
        expect(byName.get('Orders')).toMatchObject({ kind: SymbolKind.Class, detail: 'service' });
        expect(byName.get('Db')).toMatchObject({ kind: SymbolKind.Struct, detail: 'database : postgres' });
        const events = byName.get('Events')!;
        expect(events.detail).toBe('broker : kafka');
        expect(events.children!.map(c => [c.name, c.kind, c.detail])).toEqual([['orders', SymbolKind.Event, 'topic'], ['jobs', SymbolKind.Event, 'queue']]);
        const saga = byName.get('Checkout')!;
        expect(saga.detail).toBe('saga, orchestrated by Orders');
        expect(saga.children![0]).toMatchObject({ name: 'Orders.pay', detail: 'compensate Orders.refund' });
        expect(byName.get('Buy')!.detail).toBe('flow');
        // The selection range is the name.
        const text = documents[0].textDocument;
        expect(text.getText(byName.get('Db')!.selectionRange)).toBe('Db');
    });

    it('finds workspace symbols under their qualified names', async () => {
        const { services } = await workspace(files);
        const provider = services.shared.lsp.WorkspaceSymbolProvider!;
        const all = await provider.getSymbols({ query: '' });
        const names = all.map(s => s.name);
        expect(names).toEqual(expect.arrayContaining(['Shop.Orders', 'Shop.Events.orders', 'Shop.Billing', 'Shop.eu.a']));
        const billing = all.find(s => s.name === 'Shop.Billing')!;
        expect(billing.location.uri).toBe('file:///test/more.sysd');
        // The registered provider matches the trailing parts of qualified names too, with fitting kinds.
        expect(provider).toBeInstanceOf(SysdWorkspaceSymbolProvider);
        const sysd = provider;
        const matching = await sysd.getSymbols({ query: 'orders' });
        const orders = matching.find(s => s.name === 'Shop.Events.orders')!;
        expect(orders).toMatchObject({ kind: SymbolKind.Event, containerName: 'Shop.Events' });
        expect(matching.map(s => s.name)).toContain('Shop.Orders');
        expect(matching.map(s => s.name)).not.toContain('Shop.Billing');
        expect((await sysd.getSymbols({ query: 'Events.ord' })).map(s => s.name)).toEqual(['Shop.Events.orders']);
    });

    it('folds multi-line blocks and comments', async () => {
        const { services, documents } = await workspace('/**\n * Doc.\n */\nsystem S {\n  service A {\n    replicas 2\n  }\n  service B { replicas 1 }\n}');
        const ranges = await services.lsp.FoldingRangeProvider!.getFoldingRanges(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        const spans = ranges.map(r => [r.startLine, r.endLine]).sort((a, b) => a[0] - b[0]);
        expect(spans).toEqual([[0, 1], [3, 7], [4, 5]]); // a block folds up to the line before its closing brace
    });
});
