import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import type { CodeLens, InitializeParams } from 'vscode-languageserver';
import { analyze, summaryLine } from '../../language/src/analysis/index.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { exampleWorkspaces, workspace } from '../helpers.js';

function example(name: string): Record<string, string> {
    const found = exampleWorkspaces().find(w => w.name === name);
    if (!found) throw new Error(`no example ${name}`);
    return found.files;
}

async function lenses(files: Record<string, string> | string, file?: string) {
    const ws = await workspace(files);
    const document = file ? ws.documents.find(d => d.uri.path.endsWith(`/${file}`))! : ws.documents[0];
    const provider = ws.services.lsp.CodeLensProvider!;
    const result = (await provider.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } })) ?? [];
    return { ...ws, document, result };
}

/** The word a lens sits on. */
function word(document: LangiumDocument, lens: CodeLens): string {
    return document.textDocument.getText(lens.range);
}

describe('analysis CodeLens', () => {
    it('puts the summary of each SLO above its name (ticket-reservation)', async () => {
        const { document, result, model } = await lenses(example('ticket-reservation'), 'tickets.sysd');
        expect(result.map(l => word(document, l))).toEqual(['Checkout']);
        const report = analyze(model).slos.find(s => s.id === 'Tickets.Checkout')!;
        const title = result[0].command!.title;
        expect(title).toBe(summaryLine(report));
        expect(title).toBe('availability 98.99% ⚠ 99.95% · p99 budget 6300 / 300 ms · retries ×12');
        expect(document.textDocument.getText().split('\n')[result[0].range.start.line]).toMatch(/^\s*slo Checkout \{/);
        // A label, not a button.
        expect(result[0].command!.command).toBe('');
    });

    it('puts the summary of each flow above its name, in the file that declares it (ride-sharing)', async () => {
        const files = example('ride-sharing');
        const platform = await lenses(files, 'platform.sysd');
        expect(platform.result.map(l => word(platform.document, l))).toEqual(['RequestRide']);
        expect(platform.result[0].command!.title).toBe('availability 99.997438% · worst case 300 ms');
        const trips = await lenses(files, 'trips.sysd');
        expect(trips.result).toEqual([]);
    });

    it('shows an unmet objective and a flow and an SLO of the same name apart', async () => {
        const { document, result } = await lenses(`client Web : browser
service Api {
    availability 99.9%
    calls Orders { timeout 100ms; retry 2 }
}
service Orders { availability 99.9% }
Web -> Api : https
flow Checkout {
    path Web -> Api
    user-facing
}
slo Checkout {
    path Web -> Api -> Orders
    availability 99.95%
    latency p99 250ms
}`);
        expect(result.map(l => [l.range.start.line, word(document, l)])).toEqual([[7, 'Checkout'], [11, 'Checkout']]);
        expect(result[0].command!.title).toBe('availability 99.8001% · worst case 300 ms');
        expect(result[1].command!.title).toBe('availability 99.8001% ✖ 99.95% · p99 budget 300 / 250 ms · retries ×3');
    });

    it('holds on half-typed text: no name, no lens; unknown steps leave the path', async () => {
        const { document, result } = await lenses(`service Api\nflow {\n    path Api\n}\nslo Typing {\n    path Api -> Nowhere\n    availability 99.9%\n}\nflow`);
        expect(result.map(l => word(document, l))).toEqual(['Typing']);
        expect(result[0].command!.title).toMatch(/^availability \d/);
    });

    it('is advertised by the language server (Langium registers the provider and its handler)', async () => {
        const { shared } = createSysdServices(EmptyFileSystem);
        const result = await shared.lsp.LanguageServer.initialize({ processId: null, rootUri: null, capabilities: {} } satisfies InitializeParams);
        expect(result.capabilities.codeLensProvider).toBeDefined();
    });

    it('answers nothing for a document without flows or SLOs', async () => {
        const { result } = await lenses('service Api');
        expect(result).toEqual([]);
    });
});
