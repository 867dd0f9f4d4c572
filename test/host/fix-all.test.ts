// The fix-all engine (language/src/host/fix-all.ts) that `source.fixAll.sysd`, `SysD: Fix All in File`
// and `sysd check --fix` share: safe fixes only, overlaps left to a later pass, repeated to a fixed
// point, never on a document with syntax errors, and idempotent.
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { fixAllInPlace, fixAllPreview, fixPass, minimalEdit } from '../../language/src/host/fix-all.js';
import type { DocumentProblem } from '../../language/src/host/problems.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import type { Model } from '../../language/src/generated/ast.js';
import { exampleWorkspaces } from '../helpers.js';

/** A private workspace of `files` (name -> text), linked; no file is read or written. */
async function load(files: Record<string, string>): Promise<{ analysis: SysdAnalysis; uris: string[] }> {
    const services = createSysdServices(EmptyFileSystem).Sysd;
    const workspace = services.shared.workspace;
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
        const document = workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(`file:///fix-all/${name}`));
        workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await workspace.DocumentBuilder.build(documents, { validation: false });
    return { analysis: new SysdAnalysis(services), uris: documents.map(document => document.uri.toString()) };
}

const CALLS = 'service A {\n    calls B\n}\nservice B\n';

function problem(code: string, fixes: DocumentProblem['fixes'], line = 0): DocumentProblem {
    return {
        source: 'lint', code, severity: 'warning', message: code, uri: 'file:///x.sysd',
        range: { start: { line, character: 0 }, end: { line, character: 1 } }, related: [], elements: [], fixes
    };
}

function insert(offsetLine: number, character: number, newText: string) {
    const at = { line: offsetLine, character };
    return { uri: 'file:///x.sysd', range: { start: at, end: at }, newText };
}

describe('fixPass', () => {
    it('applies preferred fixes only, and leaves a fix that overlaps a chosen one for the next pass', () => {
        const text = 'abc\ndef\n';
        const pass = fixPass('file:///x.sysd', text, [
            problem('one', [{ title: 'one', edits: [{ uri: 'file:///x.sysd', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'X' }], preferred: true }]),
            problem('overlaps', [{ title: 'overlaps', edits: [{ uri: 'file:///x.sysd', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, newText: 'Y' }], preferred: true }]),
            problem('not-preferred', [{ title: 'maybe', edits: [insert(1, 0, '!')] }]),
            problem('elsewhere', [{ title: 'other file', edits: [{ ...insert(1, 0, '?'), uri: 'file:///other.sysd' }], preferred: true }]),
            problem('two', [{ title: 'two', edits: [insert(1, 3, ';'), insert(1, 0, '>')], preferred: true }], 1)
        ]);
        expect(pass.output).toBe('Xc\n>def;\n');
        expect(pass.applied.map(applied => applied.problem.code)).toEqual(['one', 'two']);
    });

    it('changes nothing without safe fixes', () => {
        expect(fixPass('file:///x.sysd', 'abc', [problem('p', [])])).toEqual({ output: 'abc', applied: [] });
    });
});

describe('minimalEdit', () => {
    it('replaces only the part that differs', () => {
        const edit = minimalEdit('file:///x.sysd', 'service A {\n  calls B\n}\n', 'service A {\n  calls B { timeout 1s }\n}\n')!;
        expect(edit.range).toEqual({ start: { line: 1, character: 9 }, end: { line: 1, character: 9 } });
        expect(edit.newText).toBe(' { timeout 1s }');
        expect(minimalEdit('file:///x.sysd', 'same', 'same')).toBeUndefined();
    });
});

describe('fixAllInPlace and fixAllPreview', () => {
    it('fixes until nothing is left to fix, and says what it fixed and what remains', async () => {
        const { analysis, uris } = await load({ 'a.sysd': CALLS });
        const preview = await fixAllPreview(analysis, uris[0]);
        // The preview never touches the workspace.
        expect(analysis.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uris[0]))!.textDocument.getText()).toBe(CALLS);
        const result = await fixAllInPlace(analysis, uris[0]);
        expect(result.output).toBe(preview.output);
        expect(result.changed).toBe(true);
        expect(result.parseErrors).toBe(false);
        expect(result.output).toContain('timeout');
        expect(result.fixed.map(fix => fix.code)).toContain('sync-call-without-timeout');
        expect(result.fixed[0].range.start.line).toBe(1);
        expect(result.remaining.map(p => p.code)).not.toContain('sync-call-without-timeout');
        expect(result.remaining).toEqual(analysis.problems(uris[0]));
        // Idempotent: a second run finds nothing to do.
        const again = await fixAllInPlace(analysis, uris[0]);
        expect(again.changed).toBe(false);
        expect(again.fixed).toEqual([]);
    });

    it('leaves overlapping fixes to a later pass, and reaches a text a second run leaves alone', async () => {
        // The circuit breaker and the timeout both edit the same `calls`: they cannot go in one pass.
        const shop = 'system Shop {\n  service Orders { replicas 2; writes Db; calls Billing over http }\n  service Billing { replicas 2; writes Db }\n  database Db : postgres\n}\n';
        const { analysis, uris } = await load({ 'shop.sysd': shop });
        const result = await fixAllInPlace(analysis, uris[0]);
        expect(result.passes).toBeGreaterThanOrEqual(2);
        expect(new Set(result.fixed.map(fix => fix.pass)).size).toBe(result.passes);
        expect(result.output).toMatch(/calls Billing over http \{[^}]*circuit-breaker[^}]*timeout 1s[^}]*\}/);
        const again = await fixAllInPlace(analysis, uris[0]);
        expect(again.changed).toBe(false);
    });

    it('never touches a document with syntax errors, and says so', async () => {
        const text = 'service A {\n    calls B\n    replicas\n}\nservice B\n';
        const { analysis, uris } = await load({ 'a.sysd': text });
        for (const result of [await fixAllPreview(analysis, uris[0]), await fixAllInPlace(analysis, uris[0])]) {
            expect(result.parseErrors).toBe(true);
            expect(result.changed).toBe(false);
            expect(result.output).toBe(text);
            expect(result.fixed).toEqual([]);
        }
    });

    it('keeps the other documents of the workspace linked against the fixed text', async () => {
        const { analysis, uris } = await load({ 'a.sysd': 'system S {\n    service A {\n        calls B\n    }\n    service B\n}\n', 'b.sysd': 'import "a"\nservice C { calls S.B { timeout 1s } }\n' });
        const before = analysis.problems(uris[1]).filter(p => p.source === 'reference');
        await fixAllInPlace(analysis, uris[0]);
        expect(analysis.problems(uris[1]).filter(p => p.source === 'reference')).toEqual(before);
    });
});

describe('fix-all over the examples', () => {
    for (const example of exampleWorkspaces()) {
        it(`${example.name}: the preview and the in-place run agree, and a second run changes nothing`, async () => {
            const { analysis, uris } = await load(example.files);
            for (const uri of uris) {
                const preview = await fixAllPreview(analysis, uri);
                const first = await fixAllInPlace(analysis, uri);
                expect(first.output, uri).toBe(preview.output);
                expect(first.parseErrors, uri).toBe(false);
                expect(first.passes).toBeLessThan(10);
                const second = await fixAllInPlace(analysis, uri);
                expect(second.changed, uri).toBe(false);
                expect(second.output).toBe(first.output);
                // What remains has no safe fix left.
                expect(second.remaining.filter(p => p.fixes.some(f => f.preferred)).map(p => p.code), uri).toEqual([]);
            }
        });
    }
});
