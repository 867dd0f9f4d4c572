import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import type { CodeLens, InitializeParams } from 'vscode-languageserver';
import { analyze, summaryLine } from '../../language/src/analysis/index.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { exampleWorkspaces, workspace } from '../helpers.js';
import { readWhatIfPathArgument } from '../../client/src/preview/what-if-args.js';
import { listViews } from '../../diagram/src/views/resolve.js';

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
        // A click opens the preview in what-if mode on the SLO's document (an SLO has no view of its own).
        expect(result[0].command!.command).toBe('sysd.whatIfPath');
        expect(result[0].command!.arguments).toEqual([{ uri: document.uri.toString(), kind: 'slo', id: 'Tickets.Checkout' }]);
        expect(readWhatIfPathArgument(result[0].command!.arguments![0])).toEqual({ uri: document.uri.toString(), view: undefined, focus: 'slo Tickets.Checkout' });
    });

    it('opens a flow on its own view, a key the picker lists, and refuses other arguments', async () => {
        const files = example('ride-sharing');
        const { document, result, model } = await lenses(files, 'platform.sysd');
        const flow = model.flows.find(f => f.name === 'RequestRide')!;
        expect(result[0].command!.arguments).toEqual([{ uri: document.uri.toString(), kind: 'flow', id: flow.id, view: `flow:${flow.id}` }]);
        const target = readWhatIfPathArgument(result[0].command!.arguments![0])!;
        expect(target).toEqual({ uri: document.uri.toString(), view: `flow:${flow.id}`, focus: `flow ${flow.id}` });
        expect(listViews(model).map(v => v.key)).toContain(target.view);
        // What the command was not given by a lens is refused, so it falls back to the plain what-if mode.
        for (const bad of [undefined, 'flow:x', { uri: 'file:///a.sysd', kind: 'saga', id: 'x' }, { uri: '', kind: 'flow', id: 'x' }]) {
            expect(readWhatIfPathArgument(bad)).toBeUndefined();
        }
        // Only a flow view is taken from the argument.
        expect(readWhatIfPathArgument({ uri: 'file:///a.sysd', kind: 'flow', id: 'X', view: 'all' })?.view).toBeUndefined();
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
