import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, LocationLink, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { workspace } from '../helpers.js';
import { SUPPRESSION_REASON_PLACEHOLDER } from '../../language/src/lsp/code-actions.js';

const FILES = {
    'events.sysd': 'system Tickets {\n  broker Events : kafka {\n    topic orderEvents\n  }\n  service Orders { publishes Events.orderEvents }\n}',
    'email.sysd': 'import "events"\nservice Email { consumes Tickets.Events.orderEvents }\nservice Audit { consumes orderEvents }\nservice Mail { calls Tickets.Orders { timeout 1s } }'
};

function position(document: LangiumDocument, needle: string, delta = 0) {
    const offset = document.textDocument.getText().indexOf(needle);
    expect(offset, needle).toBeGreaterThanOrEqual(0);
    return document.textDocument.positionAt(offset + delta);
}

function apply(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('rename', () => {
    it('renames a topic: declaration and only the last segment of qualified references, in all files', async () => {
        const { services, documents } = await workspace(FILES);
        const [events, email] = documents;
        const params = { textDocument: { uri: email.uri.toString() }, position: position(email, 'orderEvents }', 3), newName: 'orderStream' };
        const range = await services.lsp.RenameProvider!.prepareRename(email, params);
        expect(email.textDocument.getText(range as never)).toBe('orderEvents');
        const edit = await services.lsp.RenameProvider!.rename(email, params);
        expect(apply(events, edit)).toBe(FILES['events.sysd'].replaceAll('orderEvents', 'orderStream'));
        expect(apply(email, edit)).toBe(FILES['email.sysd'].replaceAll('orderEvents', 'orderStream'));
    });

    it('renames the broker inside qualified references to its topic', async () => {
        const { services, documents } = await workspace(FILES);
        const [events, email] = documents;
        // The cursor is on the `Events` segment of `Tickets.Events.orderEvents`.
        const params = { textDocument: { uri: email.uri.toString() }, position: position(email, 'Events.orderEvents', 1), newName: 'Bus' };
        const range = await services.lsp.RenameProvider!.prepareRename(email, params);
        expect(email.textDocument.getText(range as never)).toBe('Events');
        const edit = await services.lsp.RenameProvider!.rename(email, params);
        expect(apply(events, edit)).toBe(FILES['events.sysd'].replace('broker Events', 'broker Bus').replace('publishes Events.', 'publishes Bus.'));
        expect(apply(email, edit)).toBe(FILES['email.sysd'].replace('Tickets.Events.', 'Tickets.Bus.'));
    });

    it('renames a system in every qualified reference', async () => {
        const { services, documents } = await workspace(FILES);
        const [events, email] = documents;
        const params = { textDocument: { uri: events.uri.toString() }, position: position(events, 'Tickets', 2), newName: 'Booking' };
        const edit = await services.lsp.RenameProvider!.rename(events, params);
        expect(apply(events, edit)).toBe(FILES['events.sysd'].replace('system Tickets', 'system Booking'));
        expect(apply(email, edit)).toBe(FILES['email.sysd'].replaceAll('Tickets.', 'Booking.'));
    });

    it('rejects names the grammar cannot read', async () => {
        const { services, documents } = await workspace(FILES);
        const [events] = documents;
        const params = { textDocument: { uri: events.uri.toString() }, position: position(events, 'Orders', 1), newName: 'Order Service' };
        expect(() => services.lsp.RenameProvider!.rename(events, params)).toThrow(/not a valid name/);
    });
});

describe('definition and references across files', () => {
    it('goes from a qualified reference to the declaration in the other file', async () => {
        const { services, documents } = await workspace(FILES);
        const [events, email] = documents;
        const result = await services.lsp.DefinitionProvider!.getDefinition(email, {
            textDocument: { uri: email.uri.toString() }, position: position(email, 'orderEvents }', 2)
        }) as LocationLink[];
        expect(result).toHaveLength(1);
        expect(result[0].targetUri).toBe(events.uri.toString());
        expect(events.textDocument.getText(result[0].targetSelectionRange)).toBe('orderEvents');
    });

    it('finds references in both files', async () => {
        const { services, documents } = await workspace(FILES);
        const [events] = documents;
        const refs = await services.lsp.ReferencesProvider!.findReferences(events, {
            textDocument: { uri: events.uri.toString() }, position: position(events, 'orderEvents', 1), context: { includeDeclaration: false }
        });
        const byFile = refs.map(r => r.uri.split('/').pop()).sort();
        expect(byFile).toEqual(['email.sysd', 'email.sysd', 'events.sysd']);
    });
});

describe('code actions', () => {
    async function actionsFor(text: string, ruleId: string) {
        const { services, documents, diagnostics } = await workspace({ 'a.sysd': text });
        const document = documents[0];
        const diagnostic = diagnostics('a.sysd').find((d: Diagnostic) => d.code === ruleId);
        expect(diagnostic, ruleId).toBeDefined();
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] }
        }) as CodeAction[];
        return { services, document, diagnostic: diagnostic!, actions };
    }

    it("turns a rule's fix into a preferred quick fix", async () => {
        const text = 'service A {\n    calls B\n}\nservice B';
        const { document, diagnostic, actions } = await actionsFor(text, 'sync-call-without-timeout');
        const fix = actions.find(a => a.title.includes('timeout'))!;
        expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic] });
        expect(apply(document, fix.edit)).toContain('calls B { timeout 1s }');
    });

    it('offers to ignore the rule for the element, with a reason that counts as one', async () => {
        const text = 'system S {\n    service A {\n        calls B\n    }\n    service B\n}';
        const { document, actions } = await actionsFor(text, 'sync-call-without-timeout');
        const ignore = actions.find(a => a.title === 'Ignore sync-call-without-timeout for this element')!;
        expect(ignore.isPreferred).toBe(false);
        const fixed = apply(document, ignore.edit);
        expect(fixed).toBe(`system S {\n    service A {\n        // sysd-ignore sync-call-without-timeout -- ${SUPPRESSION_REASON_PLACEHOLDER}\n        calls B\n    }\n    service B\n}`);
        // The finding is gone and the suppression is neither unused nor missing a reason.
        const after = await workspace({ 'b.sysd': fixed });
        const codes = after.diagnostics('b.sysd').map(d => d.code);
        expect(codes).not.toContain('sync-call-without-timeout');
        expect(codes).not.toContain('unused-suppression');
    });

    it('ignores diagnostics that are not lint findings', async () => {
        const { services, documents, diagnostics } = await workspace({ 'a.sysd': 'service A { calls Missing }' });
        const diagnostic = diagnostics('a.sysd')[0];
        expect(diagnostic.message).toContain('Missing');
        const actions = await services.lsp.CodeActionProvider!.getCodeActions(documents[0], {
            textDocument: { uri: documents[0].uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        });
        expect(actions).toEqual([]);
    });
});
