// Diagram views in the editor: outline, completion of names and rule words, hover on a view's words
// and names, semantic tokens, quick fixes for names that resolve to nothing.
import { expectCompletion, expectSemanticToken, highlightHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CodeActionKind, SemanticTokenTypes, SymbolKind, type CompletionList, type DocumentSymbol, type MarkupContent } from 'vscode-languageserver';
import { createTestServices, workspace } from '../helpers.js';

const SHOP = [
    'system Shop {',
    '  region us { zones a, b }',
    '  client Web',
    '  service Api { replicas 2 across us.a, us.b; calls Orders }',
    '  /** Takes orders. */',
    '  service Orders { writes OrdersDb }',
    '  database OrdersDb : postgres',
    '  cache Sessions : redis',
    'VIEW',
    '}',
    'system Billing { service Invoices }'
].join('\n');

const shopWith = (view: string) => SHOP.replace('VIEW', view);

async function completionAt(text: string): Promise<CompletionList> {
    let result: CompletionList | undefined;
    await expectCompletion(createTestServices())({ text, index: 0, assert: list => { result = list; } });
    return result!;
}

const labels = (list: CompletionList) => list.items.map(i => i.label);

describe('outline', () => {
    it('lists diagram views with their title as detail, and materialized views as before', async () => {
        const { services, documents } = await workspace({
            'shop.sysd': shopWith('  view Checkout { title "Checkout path"; include Web -> * }\n  view Untitled { include * }\n  view Summary materialized { store OrdersDb; refresh on-change }')
        });
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(documents[0], { textDocument: { uri: documents[0].uri.toString() } }) as DocumentSymbol[];
        const shop = symbols.find(s => s.name === 'Shop')!;
        const views = shop.children!.filter(s => ['Checkout', 'Untitled', 'Summary'].includes(s.name));
        expect(views.map(s => [s.name, s.kind, s.detail])).toEqual([
            ['Checkout', SymbolKind.Object, 'view: Checkout path'],
            ['Untitled', SymbolKind.Object, 'diagram view'],
            ['Summary', SymbolKind.Object, 'view']
        ]);
        // The selection is the view's name.
        expect(views[0].selectionRange.start).toEqual({ line: 8, character: 7 });
    });
});

describe('completion in views', () => {
    it('offers the rule words of a diagram view at the start of a setting, and only those', async () => {
        const list = await completionAt(shopWith('  view V { title "x"; <|> }'));
        expect(labels(list)).toEqual(expect.arrayContaining(['title', 'description', 'include', 'exclude']));
        expect(labels(list)).not.toContain('store');
        // A materialized view keeps its own settings.
        const data = await completionAt(shopWith('  view V materialized { <|> }'));
        expect(labels(data)).toEqual(expect.arrayContaining(['store', 'sources', 'refresh']));
        expect(labels(data)).not.toContain('include');
    });

    it('offers *, components and systems as written from the view, and kind, region, zone after include', async () => {
        const list = await completionAt(shopWith('  view V { include <|> }'));
        expect(labels(list)).toEqual(expect.arrayContaining(['*', 'Web', 'Api', 'Orders', 'OrdersDb', 'Sessions', 'Shop', 'Billing', 'Billing.Invoices', 'kind', 'region', 'zone']));
        // Relative to the view's system: `Api`, not `Shop.Api`.
        expect(labels(list)).not.toContain('Shop.Api');
        const orders = list.items.find(i => i.label === 'Orders')!;
        expect(orders.detail).toBe('service (Shop.Orders)');
        expect(orders.documentation).toBe('Takes orders.');
    });

    it('offers names after a comma and after an arrow, and the arrows after a name', async () => {
        expect(labels(await completionAt(shopWith('  view V { include Api, <|> }')))).toEqual(expect.arrayContaining(['*', 'Orders']));
        expect(labels(await completionAt(shopWith('  view V { include Shop.Orders -> <|> }')))).toEqual(expect.arrayContaining(['*', 'OrdersDb', 'Billing.Invoices']));
        expect(labels(await completionAt(shopWith('  view V { include Api <|> }')))).toEqual(expect.arrayContaining(['->', '<->']));
    });

    it('completes a dotted name being typed, replacing it whole', async () => {
        const list = await completionAt(shopWith('  view V { include Shop.<|> }'));
        expect(labels(list)).toEqual(expect.arrayContaining(['Shop.Api', 'Shop.Orders']));
        expect(labels(list)).not.toContain('Billing.Invoices');
        const api = list.items.find(i => i.label === 'Shop.Api')!;
        const edit = api.textEdit as { range: { start: { character: number } }; newText: string };
        expect(edit.newText).toBe('Shop.Api');
        expect(edit.range.start.character).toBe('  view V { include '.length);
        expect(labels(await completionAt(shopWith('  view V { include Billing.In<|> }')))).toEqual(['Billing.Invoices']);
    });

    it('offers component kinds after kind, regions after region, zones after zone', async () => {
        const kinds = labels(await completionAt(shopWith('  view V { exclude kind <|> }')));
        expect(kinds).toEqual(expect.arrayContaining(['service', 'database', 'cache', 'topic']));
        expect(kinds).not.toContain('Api');
        expect(labels(await completionAt(shopWith('  view V { include region <|> }')))).toEqual(['us']);
        expect(labels(await completionAt(shopWith('  view V { include zone <|> }')))).toEqual(['us.a', 'us.b']);
    });

    it('answers on half-typed views without throwing', async () => {
        for (const text of ['  view V { <|>', '  view V { include <|>', '  view V { include Shop.Orders -> <|>', '  view V { exclude zone <|>']) {
            const list = await completionAt(shopWith(text));
            expect(list.items.length, text).toBeGreaterThan(0);
        }
    });
});

async function hoverAt(text: string, needle: string, delta = 1): Promise<string> {
    const { services, documents } = await workspace({ 'shop.sysd': text });
    const offset = text.indexOf(needle);
    expect(offset, needle).toBeGreaterThanOrEqual(0);
    const hover = await services.lsp.HoverProvider!.getHoverContent(documents[0], {
        textDocument: { uri: documents[0].uri.toString() },
        position: documents[0].textDocument.positionAt(offset + delta)
    });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('hover in views', () => {
    const text = shopWith('  /** What a checkout touches. */\n  view Checkout {\n    title "Checkout path"\n    include Web -> *, Orders <-> *, Shop\n    include region us, zone us.a, Billing.Invoices, Ordrs\n  }\n  view Summary materialized { store OrdersDb; refresh on-change }');

    it('explains a diagram view on its view keyword and its name, not materialized views', async () => {
        for (const needle of ['view Checkout', 'Checkout {']) {
            const hover = await hoverAt(text, needle);
            expect(hover, needle).toContain('**view** `Shop.Checkout` — Checkout path _(diagram view)_');
            expect(hover).toContain('What a checkout touches.');
            expect(hover).toContain('the last rule that matches it includes it');
            expect(hover).toContain('2 rules');
            expect(hover).not.toContain('Materialized view');
        }
        // A materialized view's keyword still shows the materialized-view topic.
        expect(await hoverAt(text, 'view Summary')).toContain('Materialized view');
    });

    it('says what a name resolves to and where it is declared', async () => {
        expect(await hoverAt(text, 'Orders <->')).toBe('`Orders` is the **service** `Shop.Orders` — declared in `shop.sysd`, line 6\n\nTakes orders.');
        expect(await hoverAt(text, 'Billing.Invoices', 9)).toContain('`Billing.Invoices` is the **service** `Billing.Invoices` — declared in `shop.sysd`, line 17');
        expect(await hoverAt(text, 'Shop\n')).toContain('is the **system** `Shop`');
        expect(await hoverAt(text, 'Shop\n')).toContain('Shows everything in it: 5 components.');
        expect(await hoverAt(text, 'us, zone')).toContain('`us` is the **region** `Shop.us` — declared in `shop.sysd`, line 2');
        expect(await hoverAt(text, 'us.a, Billing', 3)).toContain('`us.a` is the **zone** `Shop.us.a`');
        expect(await hoverAt(text, 'Ordrs')).toBe('`Ordrs` resolves to no component or system; did you mean `Orders`?');
    });
});

describe('semantic tokens in views', () => {
    it('colours the rule words as keywords and the names as what they resolve to', async () => {
        const tokens = await highlightHelper(createTestServices())([
            'system S {',
            '  region us { zones a }',
            '  service Api { replicas 1 across us.a }',
            '  database Db',
            '  view V { <|title|> "T"; <|include|> <|Api|> -> *, <|kind|> <|cache|>; <|exclude|> <|zone|> <|us.a|>, <|Db|> }',
            '}'
        ].join('\n'));
        const expected = [
            SemanticTokenTypes.keyword, SemanticTokenTypes.keyword, SemanticTokenTypes.class, SemanticTokenTypes.keyword,
            SemanticTokenTypes.enumMember, SemanticTokenTypes.keyword, SemanticTokenTypes.keyword, SemanticTokenTypes.namespace,
            SemanticTokenTypes.struct
        ];
        expected.forEach((tokenType, rangeIndex) => expectSemanticToken(tokens, { rangeIndex, tokenType }));
    });
});

describe('quick fixes for view names', () => {
    it('offers the suggestion as the preferred quick fix at the name', async () => {
        const text = shopWith('  view V { include Ordrs -> * }');
        const { services, documents } = await workspace({ 'shop.sysd': text });
        const document = documents[0];
        const diagnostic = document.diagnostics!.find(d => d.code === 'unresolved-view-name')!;
        expect(diagnostic.severity).toBe(1);
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as Array<{ title: string; kind?: string; isPreferred?: boolean; edit?: { changes?: Record<string, Array<{ newText: string }>> } }>;
        const fix = actions.find(a => a.title === "Replace with 'Orders'")!;
        expect(fix.kind).toBe(CodeActionKind.QuickFix);
        expect(fix.isPreferred).toBe(true);
        expect(fix.edit!.changes![document.uri.toString()].map(e => e.newText)).toEqual(['Orders']);
    });
});

describe('go to definition in views', () => {
    it('goes from a name in a view to the element it resolves to, in any file', async () => {
        const views = 'view Cross {\n  include Shop.Orders -> *, Billing.Invoices, zone Shop.us.a\n}';
        const { services, documents } = await workspace({ 'views.sysd': views, 'shop.sysd': shopWith('') });
        const at = async (needle: string, delta = 1) => services.lsp.DefinitionProvider!.getDefinition(documents[0], {
            textDocument: { uri: documents[0].uri.toString() },
            position: documents[0].textDocument.positionAt(views.indexOf(needle) + delta)
        });
        const orders = (await at('Orders'))!;
        expect(orders).toHaveLength(1);
        expect(orders[0].targetUri).toBe(documents[1].uri.toString());
        // `service Orders` on line 6 (0-based 5): the selection is its name.
        expect(orders[0].targetSelectionRange.start).toEqual({ line: 5, character: 10 });
        // The whole dotted name is the origin.
        expect(orders[0].originSelectionRange).toEqual({ start: { line: 1, character: 10 }, end: { line: 1, character: 21 } });
        expect((await at('Invoices'))![0].targetSelectionRange.start.line).toBe(10);
        expect((await at('us.a', 3))![0].targetSelectionRange.start.line).toBe(1);
        // `*` goes nowhere.
        expect((await at('*', 0)) ?? []).toEqual([]);
    });
});

describe('hover on the arrows of a view', () => {
    it('explains what an arrow shows in a view, not a top-level relation', async () => {
        const text = shopWith('  view V { include Api -> *, Orders <-> * }');
        expect(await hoverAt(text, '-> *', 0)).toContain('`X -> *` shows X and every component it has a relation to');
        expect(await hoverAt(text, '<->', 1)).toContain('`X <-> *` shows X and every component related to it either way');
        expect(await hoverAt(text, '*,', 0)).toContain('`*` _(setting)_ — In a diagram view: every component');
    });
});

describe('formatting views', () => {
    it('spaces the arrows and commas of a view and indents its rules', async () => {
        const { services, documents } = await workspace({ 'fmt.sysd': 'service Api\nservice Db\nview V {\ntitle "T"\ninclude Api->*,*<->Db ,   kind cache\n  exclude zone us.a;\n}' });
        const document = documents[0];
        const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        const { TextDocument } = await import('vscode-languageserver-textdocument');
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe('service Api\nservice Db\nview V {\n    title "T"\n    include Api -> *, * <-> Db, kind cache\n    exclude zone us.a;\n}');
    });
});

describe('rename and views', () => {
    it("renaming a component or system changes the names of views that resolve to it, at the segment that spells it", async () => {
        const views = 'view Cross {\n  include Shop.Orders -> *, Orders, Shop, Billing.Invoices\n}';
        const shop = shopWith('  view Local { include Orders <-> * }');
        const { services, documents } = await workspace({ 'views.sysd': views, 'shop.sysd': shop });
        const renameAt = async (needle: string, newName: string) => services.lsp.RenameProvider!.rename(documents[1], {
            textDocument: { uri: documents[1].uri.toString() },
            position: documents[1].textDocument.positionAt(shop.indexOf(needle) + 1),
            newName
        });
        const edit = (await renameAt('Orders {', 'Purchases'))!;
        const inViews = edit.changes![documents[0].uri.toString()].map(e => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]);
        // `Shop.Orders` (its second segment) and `Orders` (unique suffix from the top level); `Shop` is not renamed.
        expect(inViews.sort()).toEqual([[1, 15, 21, 'Purchases'], [1, 28, 34, 'Purchases']]);
        const inShop = edit.changes![documents[1].uri.toString()].map(e => shop.split('\n')[e.range.start.line].slice(e.range.start.character, e.range.end.character));
        // The declaration, the `calls Orders` reference and the local view's name.
        expect(inShop).toHaveLength(3);
        expect(new Set(inShop)).toEqual(new Set(['Orders']));
        const system = (await renameAt('Shop {', 'Store'))!;
        const systemInViews = system.changes![documents[0].uri.toString()].map(e => [e.range.start.character, e.range.end.character]);
        // `Shop` in `Shop.Orders` and the `Shop` system itself.
        expect(systemInViews.sort()).toEqual([[10, 14], [36, 40]]);
    });
});
