import { describe, expect, it } from 'vitest';
import { diagnosticText, workspace } from '../helpers.js';

describe('names and references across files', () => {
    it('resolves qualified names across files of a workspace', async () => {
        const { model, diagnostics } = await workspace({
            'payments.sysd': `system Payments { service Api { replicas 2 } }`,
            'orders.sysd': `system Orders { service Web { calls Payments.Api { timeout 1s } } }`
        });
        expect(diagnostics('orders.sysd').filter(d => d.severity === 1)).toEqual([]);
        expect(model.relations.map(r => r.id)).toContain('Orders.Web calls Payments.Api');
    });

    it('resolves relative names inside a system and simple names of zones', async () => {
        const { diagnostics, model } = await workspace(`
            system S {
                region eu { zones a, b }
                broker Bus : kafka { topic t }
                service A { replicas 2 across a, b; publishes Bus.t }
            }`);
        expect(diagnostics().filter(d => d.severity === 1)).toEqual([]);
        expect(model.relations[0].target).toBe('S.Bus.t');
    });

    it('reports an unresolved reference on the name', async () => {
        const { diagnostics } = await workspace(`service A { calls Nowhere }`);
        const error = diagnostics().find(d => d.severity === 1)!;
        expect(error.message).toContain("'Nowhere'");
        expect(error.range).toEqual({ start: { line: 0, character: 18 }, end: { line: 0, character: 25 } });
    });

    it('makes imported elements visible by their simple names', async () => {
        const { diagnostics, model } = await workspace({
            'billing.sysd': `system Billing { service Api }`,
            'shop.sysd': `import "billing.sysd"\nservice Shop { calls Api { timeout 1s } }`
        });
        expect(diagnostics('shop.sysd').filter(d => d.severity === 1)).toEqual([]);
        expect(model.relations[0].target).toBe('Billing.Api');
    });

    it('reports an ambiguous imported name and lists the candidates', async () => {
        const { diagnostics } = await workspace({
            'billing.sysd': `system Billing { service Api }`,
            'search.sysd': `system Search { service Api }`,
            'shop.sysd': `import "billing"\nimport "search"\nservice Shop { calls Api }`
        });
        const error = diagnostics('shop.sysd').find(d => diagnosticText(d).startsWith('Ambiguous'))!;
        expect(error.message).toContain("'Billing.Api' (billing.sysd)");
        expect(error.message).toContain("'Search.Api' (search.sysd)");
        expect(error.range.start).toEqual({ line: 2, character: 21 });
    });

    it('reports an import that cannot be found', async () => {
        const { diagnostics } = await workspace({ 'a.sysd': `import "missing.sysd"\nservice A` });
        expect(diagnostics('a.sysd').find(d => d.code === 'unresolved-import')?.range.start).toEqual({ line: 0, character: 7 });
    });

    it('reports duplicate names across files with the other declaration as related information', async () => {
        const { diagnostics } = await workspace({
            'one.sysd': `system Shop { service Orders }`,
            'two.sysd': `system Shop {\n    service Orders\n}`
        });
        const dup = diagnostics('two.sysd').find(d => d.code === 'duplicate-name')!;
        expect(dup.message).toContain("'Shop.Orders' is declared 2 times");
        expect(dup.range.start).toEqual({ line: 1, character: 12 });
        expect(dup.relatedInformation?.[0].location.uri).toBe('file:///test/one.sysd');
        expect(diagnostics('one.sysd').some(d => d.code === 'duplicate-name')).toBe(true);
    });

    it('lets a system be split over several files', async () => {
        const { diagnostics, model } = await workspace({
            'a.sysd': `system Shop { service Orders { calls Billing { timeout 1s } } }`,
            'b.sysd': `system Shop { service Billing }`
        });
        expect(diagnostics('a.sysd').filter(d => d.severity === 1)).toEqual([]);
        expect(model.relations[0].target).toBe('Shop.Billing');
    });
});
