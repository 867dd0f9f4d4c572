// The code action provider reads fixes from the facade (SysdAnalysis.fixes), not from diagnostic data,
// and answers `source.fixAll.sysd` with the fix-all engine's edit when asked for that kind.
import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { workspace } from '../helpers.js';
import { fixAllTitle, SOURCE_FIX_ALL_SYSD } from '../../language/src/lsp/code-actions.js';

function apply(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    return TextDocument.applyEdits(document.textDocument, edits);
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function actions(text: string, only?: string[], pick?: (d: Diagnostic) => boolean, strip = false) {
    const { services, documents, diagnostics } = await workspace({ 'a.sysd': text });
    const document = documents[0];
    let context = diagnostics('a.sysd').filter(pick ?? (() => false));
    // A client that drops `data` (the provider must not need it).
    if (strip) context = context.map(({ data: _data, ...rest }) => rest);
    const range = context[0]?.range ?? WHOLE;
    const result = await services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range, context: { diagnostics: context, ...(only ? { only } : {}) }
    }) as CodeAction[];
    return { document, context, actions: result };
}

const TWO_CALLS = 'service A {\n    calls B\n    calls C\n}\nservice B\nservice C\n';

describe('quick fixes from the facade', () => {
    it('offers the rule fix tied to the client diagnostic, even when the diagnostic carries no data', async () => {
        const { document, context, actions: list } = await actions(TWO_CALLS, undefined, d => d.code === 'sync-call-without-timeout', true);
        const fix = list.find(a => a.title.includes('timeout'))!;
        expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
        expect(fix.diagnostics).toEqual([context[0]]);
        expect(apply(document, fix.edit)).toContain('calls B { timeout 1s }');
        expect(list.some(a => a.title === 'Ignore sync-call-without-timeout for this element')).toBe(true);
    });

    it('does not offer fix-all unless asked for by kind', async () => {
        const { actions: list } = await actions(TWO_CALLS, undefined, d => d.code === 'sync-call-without-timeout');
        expect(list.some(a => a.kind === SOURCE_FIX_ALL_SYSD)).toBe(false);
    });
});

describe('source.fixAll.sysd', () => {
    for (const only of [['source.fixAll.sysd'], ['source.fixAll'], ['source']]) {
        it(`answers only: ${JSON.stringify(only)} with one edit that fixes the whole document`, async () => {
            const { document, actions: list } = await actions(TWO_CALLS, only);
            expect(list.every(a => a.kind === SOURCE_FIX_ALL_SYSD)).toBe(true);
            expect(list).toHaveLength(1);
            const fixed = apply(document, list[0].edit);
            // Every pass is applied: a timeout on each call, and what became fixable after it.
            expect(fixed).toMatch(/calls B \{[^}]*timeout 1s[^}]*\}/);
            expect(fixed).toMatch(/calls C \{[^}]*timeout 1s[^}]*\}/);
            const count = Number(/\((\d+) fix/.exec(list[0].title)?.[1]);
            expect(count).toBeGreaterThanOrEqual(2);
            expect(list[0].title).toBe(fixAllTitle(count));
            // Applying it leaves nothing to fix.
            const again = await actions(fixed, ['source.fixAll.sysd']);
            expect(again.actions).toEqual([]);
        });
    }

    it('is disabled for a document with syntax errors', async () => {
        const { actions: list } = await actions('service A {\n    calls B\n    replicas\n}\nservice B\n', ['source.fixAll.sysd']);
        expect(list).toHaveLength(1);
        expect(list[0].edit).toBeUndefined();
        expect(list[0].disabled?.reason).toContain('syntax errors');
    });

    it('is not offered for quick fix requests', async () => {
        const { actions: list } = await actions(TWO_CALLS, ['quickfix'], d => d.code === 'sync-call-without-timeout');
        expect(list.length).toBeGreaterThan(0);
        expect(list.every(a => a.kind === 'quickfix')).toBe(true);
    });
});
