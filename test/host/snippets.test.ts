// Snippet analysis (language/src/host/snippets.ts): standalone texts such as ```sysd blocks in Markdown are
// parsed, linked, modelled and linted in a private workspace that never touches the host's documents.
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { SnippetAnalyzer } from '../../language/src/host/snippets.js';
import { workspace } from '../helpers.js';

const SHOP = 'system Shop {\n  service Orders { replicas 2; calls Billing over http }\n  service Billing { replicas 2 }\n}\n';

describe('SnippetAnalyzer', () => {
    it('models and lints a snippet under the default configuration', async () => {
        const result = await new SnippetAnalyzer().analyze(SHOP);
        expect([...result.model.components.keys()].sort()).toEqual(['Shop.Billing', 'Shop.Orders']);
        expect(result.findings.map(f => f.ruleId)).toContain('sync-call-without-timeout');
        expect(result.problems.filter(p => p.source === 'lint').map(p => p.code).sort()).toEqual(result.findings.map(f => f.ruleId).sort());
        expect(result.syntaxErrors).toBe(0);
    });

    it('counts what it could not read and still models the rest', async () => {
        const result = await new SnippetAnalyzer().analyze('service A { replicas }\nservice B { calls Nowhere }\n');
        expect(result.syntaxErrors).toBe(1);
        expect(result.problems.map(p => p.source)).toEqual(expect.arrayContaining(['syntax', 'reference']));
        expect([...result.model.components.keys()].sort()).toEqual(['A', 'B']);
    });

    it("never touches the host's workspace: documents, model, findings, configuration", async () => {
        const { services, documents } = await workspace({ 'shop.sysd': SHOP });
        const analysis = new SysdAnalysis(services);
        analysis.configure({ settings: { source: 'settings', config: { rules: { 'sync-call-without-timeout': 'off' } } } });
        const model = analysis.model();
        const findings = analysis.findings();
        const before = analysis.problems(documents[0]);

        // The snippet declares the same names: in the host's workspace that would be duplicates.
        const result = await new SnippetAnalyzer().analyze(SHOP);

        expect(services.shared.workspace.LangiumDocuments.all.map(d => d.uri.toString()).toArray()).toEqual(['file:///test/shop.sysd']);
        expect(analysis.model()).toBe(model);
        expect(analysis.findings()).toBe(findings);
        expect(analysis.problems(documents[0])).toEqual(before);
        expect(before.some(p => p.code === 'duplicate-name')).toBe(false);
        // The host's settings do not reach the snippet.
        expect(result.findings.map(f => f.ruleId)).toContain('sync-call-without-timeout');
        expect(result.problems.some(p => p.code === 'duplicate-name')).toBe(false);
    });

    it('analyses snippets one at a time, each on its own', async () => {
        const snippets = new SnippetAnalyzer();
        const [first, second] = await Promise.all([
            snippets.analyze('system One {\n  service A { replicas 2 }\n}\n'),
            snippets.analyze('system Two {\n  service B { replicas 2; calls A }\n}\n')
        ]);
        expect([...first.model.components.keys()]).toEqual(['One.A']);
        expect([...second.model.components.keys()]).toEqual(['Two.B']);
        // The second snippet cannot see the first one's component.
        expect(second.problems.some(p => p.source === 'reference')).toBe(true);
        // Nothing is left behind in the private workspace.
        const third = await snippets.analyze('service C');
        expect([...third.model.components.keys()]).toEqual(['C']);
    });
});
