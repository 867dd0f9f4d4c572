// Diagram views as a language concept: the builder tells them from materialized read models, keeps
// their rules and names as written, and every name that resolves to nothing in the workspace is an
// error at the name, with "did you mean" and a quick fix per suggestion (model/views.ts,
// host/analysis.ts).
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import type { DocumentProblem } from '../../language/src/host/problems.js';
import type { DiagramViewModel, ViewPredicateModel } from '../../language/src/model/types.js';
import { resolveViewName, unresolvedViewNames, viewNameFor, viewNameSuggestions } from '../../language/src/model/views.js';
import { ArchModel } from '../../language/src/model/workspace.js';
import { createTestServices, diagnosticText, workspace } from '../helpers.js';

const SHOP = `system Shop {
  region us { zones a, b }
  client Web
  service Api { replicas 2 across us.a, us.b; calls Orders }
  service Orders { writes OrdersDb }
  database OrdersDb : postgres
  cache Sessions : redis
  system Inner { service Worker }
VIEW
}
system Billing {
  service Invoices
  service Orders
}
`;

async function shop(view: string) {
    return workspace({ 'shop.sysd': SHOP.replace('VIEW', view) });
}

async function viewProblems(view: string, files: Record<string, string> = {}): Promise<DocumentProblem[]> {
    const { services, documents } = await workspace({ 'shop.sysd': SHOP.replace('VIEW', view), ...files });
    return new SysdAnalysis(services).problems(documents[0]).filter(p => p.code === 'unresolved-view-name');
}

/** A predicate as a short string: `element Api`, `neighbours out Api`, `relation Api -> Orders`... */
function describe1(p: ViewPredicateModel): string {
    switch (p.kind) {
        case 'all': return '*';
        case 'element': return `element ${p.name.text}`;
        case 'neighbours': return `neighbours ${p.direction} ${p.name.text}`;
        case 'relation': return `relation ${p.source.text} ${p.both ? '<->' : '->'} ${p.target.text}`;
        case 'kind': return `kind ${p.componentKind}`;
        case 'placement': return `${p.placement} ${p.name.text}`;
    }
}

function rules(view: DiagramViewModel): string[] {
    return view.rules.map(r => `${r.include ? 'include' : 'exclude'} ${r.predicates.map(describe1).join(', ')}`);
}

describe('building views', () => {
    it('reads a view with include, exclude, title or description as a diagram view, with its system as scope', async () => {
        const { model, diagnostics } = await shop(`  /** The order path. */
  view Checkout {
    title "Checkout"
    description "From the shopper to the order store"
    include Web -> *, Api -> Orders
    exclude kind cache
  }`);
        expect(diagnostics().filter(d => d.severity === 1)).toEqual([]);
        expect(model.views).toEqual([]);
        expect(model.diagramViews).toHaveLength(1);
        const view = model.diagramViews[0];
        expect(view).toMatchObject({ id: 'Shop.Checkout', name: 'Checkout', title: 'Checkout', description: 'From the shopper to the order store', scope: 'Shop', doc: 'The order path.' });
        expect(rules(view)).toEqual(['include neighbours out Web, relation Api -> Orders', 'exclude kind cache']);
    });

    it('reads every predicate form', async () => {
        const { model } = await shop(`  view All {
    include *
    include Api, Inner
    include Api -> *, * -> OrdersDb, Orders <-> *
    include Api -> Orders, Api <-> Orders, * -> *
    exclude kind db, region us, zone us.a
  }`);
        expect(rules(model.diagramViews[0])).toEqual([
            'include *',
            'include element Api, element Inner',
            'include neighbours out Api, neighbours in OrdersDb, neighbours both Orders',
            'include relation Api -> Orders, relation Api <-> Orders, *',
            // `db` is an alias of `database`, as in a component declaration.
            'exclude kind database, region us, zone us.a'
        ]);
    });

    it('keeps a name with where it was written, for errors and fixes', async () => {
        const { model } = await shop('  view V { include Api -> Orders }');
        const p = model.diagramViews[0].rules[0].predicates[0];
        expect(p.kind).toBe('relation');
        if (p.kind !== 'relation') return;
        // Line 9 of the file (0-based 8): `  view V { include Api -> Orders }`.
        expect(p.source.loc.range).toEqual({ start: { line: 8, character: 19 }, end: { line: 8, character: 22 } });
        expect(p.target.loc.range).toEqual({ start: { line: 8, character: 26 }, end: { line: 8, character: 32 } });
    });

    it('reads a view with store, sources, refresh or materialized as a read model', async () => {
        const { model } = await shop('  view Summary materialized { store OrdersDb; sources OrdersDb; refresh on-change }\n  view Plain { store OrdersDb }');
        expect(model.diagramViews).toEqual([]);
        expect(model.views.map(v => [v.id, v.materialized, v.store])).toEqual([['Shop.Summary', true, 'Shop.OrdersDb'], ['Shop.Plain', false, 'Shop.OrdersDb']]);
    });

    it('reads an empty view as a diagram view that shows nothing yet', async () => {
        const { model, diagnostics } = await shop('  view Empty {}');
        expect(model.diagramViews.map(v => [v.id, v.rules.length])).toEqual([['Shop.Empty', 0]]);
        expect(diagnostics().filter(d => d.severity === 1)).toEqual([]);
    });

    it('reports a view that mixes both kinds of setting, at the first foreign setting', async () => {
        for (const [text, kind] of [
            ['  view Mixed { include Api; store OrdersDb }', 'is a diagram view'],
            ['  view Mixed materialized { store OrdersDb; title "x" }', 'is a materialized view']
        ] as const) {
            const { services, documents } = await shop(text);
            const problems = new SysdAnalysis(services).problems(documents[0]).filter(p => p.code === 'mixed-view');
            expect(problems, text).toHaveLength(1);
            expect(problems[0].severity).toBe('error');
            expect(problems[0].message).toContain(`'Mixed' ${kind}`);
            const line = text.includes('store OrdersDb }') ? 'store' : 'title';
            const at = text.indexOf(line === 'store' ? 'store OrdersDb }' : 'title');
            expect(problems[0].range.start).toEqual({ line: 8, character: at });
        }
    });

    it('a view named like an element or another view of its system is a duplicate name', async () => {
        const { services, documents } = await shop('  view Api { include * }\n  view Twice { include * }\n  view Twice { include Api }');
        const duplicates = new SysdAnalysis(services).problems(documents[0]).filter(p => p.code === 'duplicate-name');
        expect(duplicates.map(p => p.message)).toEqual([
            "'Shop.Api' is declared 2 times; names must be unique in the workspace.",
            "'Shop.Api' is declared 2 times; names must be unique in the workspace.",
            "'Shop.Twice' is declared 2 times; names must be unique in the workspace.",
            "'Shop.Twice' is declared 2 times; names must be unique in the workspace."
        ]);
    });
});

describe('resolving view names', () => {
    let model: ArchModel;

    it('builds the workspace', async () => {
        ({ model } = await shop(''));
        expect(model.components.size).toBeGreaterThan(5);
    });

    it('reads a name relative to the view\'s system, then to its parents, then qualified', () => {
        expect(resolveViewName(model, 'Api', 'Shop')).toEqual({ kind: 'component', id: 'Shop.Api' });
        // From inside Shop.Inner, `Api` is found one system out.
        expect(resolveViewName(model, 'Api', 'Shop.Inner')).toEqual({ kind: 'component', id: 'Shop.Api' });
        expect(resolveViewName(model, 'Worker', 'Shop.Inner')).toEqual({ kind: 'component', id: 'Shop.Inner.Worker' });
        expect(resolveViewName(model, 'Inner.Worker', 'Shop')).toEqual({ kind: 'component', id: 'Shop.Inner.Worker' });
        expect(resolveViewName(model, 'Billing.Invoices', 'Shop')).toEqual({ kind: 'component', id: 'Billing.Invoices' });
        expect(resolveViewName(model, 'Shop', undefined)).toEqual({ kind: 'system', id: 'Shop' });
        expect(resolveViewName(model, 'Inner', 'Shop')).toEqual({ kind: 'system', id: 'Shop.Inner' });
    });

    it('prefers the nearer name over another of the same simple name', () => {
        expect(resolveViewName(model, 'Orders', 'Shop')).toEqual({ kind: 'component', id: 'Shop.Orders' });
        expect(resolveViewName(model, 'Orders', 'Billing')).toEqual({ kind: 'component', id: 'Billing.Orders' });
    });

    it('reads a unique suffix, and no ambiguous one', () => {
        // Top level: no system around, `Worker` ends only `Shop.Inner.Worker`.
        expect(resolveViewName(model, 'Worker', undefined)).toEqual({ kind: 'component', id: 'Shop.Inner.Worker' });
        expect(resolveViewName(model, 'Invoices', undefined)).toEqual({ kind: 'component', id: 'Billing.Invoices' });
        // `Orders` ends `Shop.Orders` and `Billing.Orders`.
        expect(resolveViewName(model, 'Orders', undefined)).toBeUndefined();
    });

    it('reads regions and zones only as what the keyword says', () => {
        expect(resolveViewName(model, 'us', 'Shop', 'region')).toEqual({ kind: 'region', id: 'Shop.us' });
        expect(resolveViewName(model, 'us.a', 'Shop', 'zone')).toEqual({ kind: 'zone', id: 'Shop.us.a' });
        // A zone is also known without its region where that is unique.
        expect(resolveViewName(model, 'a', 'Shop', 'zone')).toEqual({ kind: 'zone', id: 'Shop.us.a' });
        expect(resolveViewName(model, 'us', 'Shop', 'zone')).toBeUndefined();
        expect(resolveViewName(model, 'us.a', 'Shop', 'region')).toBeUndefined();
        expect(resolveViewName(model, 'us', 'Shop', 'element')).toBeUndefined();
        expect(resolveViewName(model, 'Api', 'Shop', 'region')).toBeUndefined();
    });

    it('writes a name as the shortest text that resolves to it from the view', () => {
        expect(viewNameFor(model, 'Shop.Api', 'Shop')).toBe('Api');
        expect(viewNameFor(model, 'Shop.Api', 'Billing')).toBe('Api');
        expect(viewNameFor(model, 'Shop.Orders', 'Billing')).toBe('Shop.Orders');
        expect(viewNameFor(model, 'Billing.Orders', 'Shop')).toBe('Billing.Orders');
    });

    it('suggests the names spelt nearly so, as written from the view', () => {
        expect(viewNameSuggestions(model, 'Apii', 'Shop')).toEqual(['Api']);
        expect(viewNameSuggestions(model, 'Invoice', 'Shop')).toEqual(['Invoices']);
        expect(viewNameSuggestions(model, 'Odrers', 'Shop')).toEqual(['Orders', 'Billing.Orders']);
        expect(viewNameSuggestions(model, 'uss', 'Shop', 'region')).toEqual(['us']);
        expect(viewNameSuggestions(model, 'Nothing', 'Shop')).toEqual([]);
    });

    it('stays linear: a view of 2,000 names over 3,000 components is checked in well under a second', () => {
        const components = Array.from({ length: 3000 }, (_, i) => `  service S${i}`).join('\n');
        const names = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? `S${i}` : `Missing${i}`)).join(', ');
        const text = `system Big {\n${components}\n  view Everything { include ${names} }\n}\n`;
        return workspace({ 'big.sysd': text }, createTestServices()).then(({ model: big }) => {
            const start = performance.now();
            const unresolved = unresolvedViewNames(big);
            const elapsed = performance.now() - start;
            expect(unresolved).toHaveLength(1000);
            expect(elapsed).toBeLessThan(1000);
        });
    }, 60_000);
});

describe('view names that resolve to nothing', () => {
    it('are errors at the name with "did you mean" and a preferred fix when one name is close', async () => {
        const problems = await viewProblems('  view V { include Apii -> *; exclude Sesions }');
        expect(problems.map(p => [p.severity, p.source, p.message])).toEqual([
            ['error', 'reference', "Could not resolve 'Apii' in view 'V'; did you mean 'Api'?"],
            ['error', 'reference', "Could not resolve 'Sesions' in view 'V'; did you mean 'Sessions'?"]
        ]);
        expect(problems[0].range).toEqual({ start: { line: 8, character: 19 }, end: { line: 8, character: 23 } });
        expect(problems[0].fixes).toEqual([{
            title: "Replace with 'Api'", preferred: true,
            edits: [{ uri: problems[0].uri, range: problems[0].range, newText: 'Api' }]
        }]);
        expect(problems[0].elements).toEqual(['Shop.V']);
    });

    it('offer a fix per suggestion, none preferred, when several names are close', async () => {
        const [problem] = await viewProblems('  view V { include Shop.Odrers }');
        expect(problem.message).toBe("Could not resolve 'Shop.Odrers' in view 'V'; did you mean 'Orders' or 'Billing.Orders'?");
        expect(problem.fixes.map(f => [f.title, f.preferred ?? false])).toEqual([["Replace with 'Orders'", false], ["Replace with 'Billing.Orders'", false]]);
    });

    it('say when nothing is close', async () => {
        const [problem] = await viewProblems('  view V { include Zzzzzz }');
        expect(problem.message).toBe("Could not resolve 'Zzzzzz' in view 'V': no component or system in the workspace is named 'Zzzzzz'.");
        expect(problem.fixes).toEqual([]);
    });

    it('name both candidates of an ambiguous suffix', async () => {
        const { services, documents } = await workspace({
            'shop.sysd': SHOP.replace('VIEW', ''),
            'views.sysd': 'view Top { include Orders, Invoices }'
        });
        const problems = new SysdAnalysis(services).problems(documents[1]).filter(p => p.code === 'unresolved-view-name');
        expect(problems.map(p => p.message)).toEqual(["'Orders' in view 'Top' is ambiguous: 'Shop.Orders' and 'Billing.Orders' all end with it; write the one you mean."]);
        expect(problems[0].fixes.map(f => f.edits[0].newText)).toEqual(['Shop.Orders', 'Billing.Orders']);
    });

    it('say a region is a region and a zone a zone, with the fix that writes the right keyword', async () => {
        const text = '  view V { include zone us, region us.a, us, region Api }';
        const problems = await viewProblems(text);
        expect(problems.map(p => p.message)).toEqual([
            "'us' in view 'V' is a region, not a zone: write 'region us'.",
            "'us.a' in view 'V' is a zone, not a region: write 'zone us.a'.",
            "'us' in view 'V' is a region, not a component or system: write 'region us'.",
            "'Api' in view 'V' is a component, not a region: name it without 'region' to show it."
        ]);
        const line = `${SHOP.split('VIEW')[0]}${text}`.split('\n').length - 1;
        const applied = problems.map(p => {
            const fix = p.fixes[0];
            expect(fix.preferred).toBe(true);
            const edit = fix.edits[0];
            expect(edit.range.start.line).toBe(line);
            return text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character);
        });
        expect(applied).toEqual([
            '  view V { include region us, region us.a, us, region Api }',
            '  view V { include zone us, zone us.a, us, region Api }',
            '  view V { include zone us, region us.a, region us, region Api }',
            '  view V { include zone us, region us.a, us, Api }'
        ]);
    });

    it('say what a lone kind, region or zone needs (a half-typed rule)', async () => {
        const problems = await viewProblems('  view V { include kind; exclude zone }');
        expect(problems.map(p => p.message)).toEqual([
            "'kind' in view 'V' needs a component kind after it, as in 'kind database'.",
            "'zone' in view 'V' needs a zone after it, as in 'zone usWest.a'."
        ]);
    });

    it('leave out a name in a rule that has a syntax error: the syntax error says what is wrong', async () => {
        const { services, documents } = await shop('  view V { include Shop. ; include Apii }');
        const problems = new SysdAnalysis(services).problems(documents[0]);
        expect(problems.filter(p => p.source === 'syntax')).toHaveLength(1);
        // The other rule of the view is still checked.
        expect(problems.filter(p => p.code === 'unresolved-view-name').map(p => p.message)).toEqual(["Could not resolve 'Apii' in view 'V'; did you mean 'Api'?"]);
    });

    it('resolve names declared in other files, and are reported by the CLI\'s check as errors', async () => {
        const { services, documents, diagnostics } = await workspace({
            'views.sysd': 'view Cross { include Shop.Api -> *, Billing.Invoices, Billing.Invoicez }',
            'shop.sysd': SHOP.replace('VIEW', '')
        });
        // The CLI counts `analysis.problems` errors; the editor publishes the same as diagnostics.
        const errors = new SysdAnalysis(services).problems(documents[0]).filter(p => p.severity === 'error');
        expect(errors.map(p => p.message)).toEqual(["Could not resolve 'Billing.Invoicez' in view 'Cross'; did you mean 'Billing.Invoices'?"]);
        expect(diagnostics('views.sysd').map(d => d.code)).toEqual(['unresolved-view-name']);
    });

    it('come and go when another file declares or removes the name', async () => {
        const services = createTestServices();
        const { documents, diagnostics } = await workspace({
            'views.sysd': 'view Cross { include Billing.Refunds }',
            'billing.sysd': 'system Billing { service Invoices\n service Refunds }'
        }, services);
        expect(diagnostics('views.sysd')).toEqual([]);
        const builder = services.shared.workspace.DocumentBuilder;
        const langiumDocuments = services.shared.workspace.LangiumDocuments;
        const views = () => langiumDocuments.getDocument(documents[0].uri)!.diagnostics!.map(d => `${d.code} ${diagnosticText(d)}`);
        // The file that declares `Refunds` is deleted: the view's name no longer resolves. Nothing in
        // views.sysd is a Langium reference to billing.sysd; the builder checks it again because it declares a view.
        await builder.update([], [documents[1].uri]);
        expect(views()).toEqual(["unresolved-view-name Could not resolve 'Billing.Refunds' in view 'Cross': no component or system in the workspace is named 'Billing.Refunds'."]);
        // Declared again (in a new file): the error goes.
        langiumDocuments.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString('system Billing { service Refunds }', URI.parse('file:///test/refunds.sysd')));
        await builder.update([], []);
        expect(views()).toEqual([]);
    });
});

describe('the examples', () => {
    it('declare views whose every name resolves', async () => {
        const { exampleWorkspaces } = await import('../helpers.js');
        let views = 0;
        for (const example of exampleWorkspaces()) {
            const { model } = await workspace(example.files);
            views += model.diagramViews.length;
            expect(unresolvedViewNames(model), example.name).toEqual([]);
        }
        expect(views).toBeGreaterThanOrEqual(5);
    });
});

describe('component kinds in views', () => {
    it('an unknown kind is one error at the word, with the nearest kind as the fix', async () => {
        const { services, documents } = await shop('  view V { exclude kind cahce }');
        const problems = new SysdAnalysis(services).problems(documents[0]).filter(p => p.severity === 'error');
        expect(problems).toHaveLength(1);
        expect(problems[0].message).toContain("'cahce'");
        expect(problems[0].message).toContain("'cache'");
        expect(problems[0].range.start).toEqual({ line: 8, character: '  view V { exclude kind '.length });
        expect(problems[0].fixes.map(f => f.edits[0].newText)).toContain('cache');
    });
});
