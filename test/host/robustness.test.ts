// The facade and the validator when sysd's own code fails or the text is pathological: a failure in one
// part of a document's check becomes one problem saying so (the other parts are still reported), and what
// one document publishes stays bounded however many problems it has.
import { URI } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_DUPLICATE_LOCATIONS, SysdAnalysis } from '../../language/src/host/analysis.js';
import { logInternalError } from '../../language/src/host/internal-error.js';
import { capDiagnostics, MAX_DIAGNOSTICS_PER_DOCUMENT, MAX_RELATED_INFORMATION, TOO_MANY_PROBLEMS } from '../../language/src/validator.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createTestServices, workspace } from '../helpers.js';

afterEach(() => {
    vi.restoreAllMocks();
});

describe('a failure inside sysd while checking a document', () => {
    it('becomes one internal-error problem; parse errors and the parts that work are still reported', async () => {
        const services = createTestServices();
        const { documents } = await workspace({ 'a.sysd': 'import "gone"\nsystem Shop {\n  service Orders { replicas }\n}\n' }, services);
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        vi.spyOn(services.model.ModelService, 'fragment').mockImplementation(() => {
            throw new TypeError("Cannot read properties of undefined (reading 'trim')");
        });
        const analysis = new SysdAnalysis(services);
        const problems = analysis.problems(documents[0]);
        expect(problems.some(p => p.source === 'syntax')).toBe(true);
        expect(problems.some(p => p.code === 'unresolved-import')).toBe(true);
        const internal = problems.filter(p => p.code === 'internal-error');
        // The model, the duplicates and the lint findings all need the fragment: one problem says so.
        expect(internal).toHaveLength(1);
        expect(internal[0]).toMatchObject({ severity: 'error', uri: 'file:///test/a.sysd' });
        expect(internal[0].message).toContain("reading 'trim'");
        // Logged with its stack, once however often it happens.
        analysis.problems(documents[0]);
        const logged = errors.mock.calls.map(call => String(call[0])).filter(line => line.includes("reading 'trim'"));
        expect(logged.length).toBeGreaterThan(0);
        expect(new Set(logged).size).toBe(logged.length);
        expect(logged[0]).toContain('at ');
    });

    it('shows up in the validator as a diagnostic next to the syntax errors, instead of nothing', async () => {
        const services = createTestServices();
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const original = services.model.ModelService.fragment.bind(services.model.ModelService);
        vi.spyOn(services.model.ModelService, 'fragment').mockImplementation(document => {
            if (document.uri.path.endsWith('b.sysd')) throw new Error('builder bug');
            return original(document);
        });
        const workspace = services.shared.workspace;
        const documents = Object.entries({
            'a.sysd': 'system Shop {\n  service Orders { calls Billing }\n}\n',
            'b.sysd': 'system Shop {\n  service Billing { rate limit 5 /\n}\n'
        }).map(([name, text]) => {
            const document = workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///test/${name}`));
            workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        await workspace.DocumentBuilder.build(documents, { validation: true });
        // Langium's own diagnostics carry their code in `data`.
        const [a, b] = documents.map(document => (document.diagnostics ?? []).map(d => (d.data as { code?: string } | undefined)?.code ?? d.code));
        // The workspace model needs every fragment, so both documents say that their check failed...
        expect(a).toContain('internal-error');
        expect(b).toContain('internal-error');
        // ...and the syntax error of the half-typed line is still there.
        expect(b).toContain('parsing-error');
    });

    it('is logged once per place and message, and logging never throws', () => {
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const error = new Error('logged once');
        logInternalError('validating file:///x/a.sysd', error);
        logInternalError('validating file:///x/b.sysd', error);
        expect(errors).toHaveBeenCalledTimes(1);
        errors.mockImplementation(() => { throw new Error('no console'); });
        expect(() => logInternalError('validating', new Error('another'))).not.toThrow();
    });
});

describe('a name declared two thousand times', () => {
    const COPIES = 2000;
    const text = Array.from({ length: COPIES }, () => 'service Dup { replicas 2 }').join('\n') + '\n';

    it('gives each duplicate a bounded number of related locations, in linear time', async () => {
        const { services, documents } = await workspace({ 'dup.sysd': text });
        const analysis = new SysdAnalysis(services);
        const started = performance.now();
        const duplicates = analysis.validationProblems(documents[0]).filter(p => p.code === 'duplicate-name');
        const elapsed = performance.now() - started;
        expect(duplicates).toHaveLength(COPIES);
        expect(duplicates.every(p => p.related.length === MAX_DUPLICATE_LOCATIONS)).toBe(true);
        expect(duplicates[0].message).toContain(`declared ${COPIES} times`);
        // Four million related locations took seconds and gigabytes; ten per problem take milliseconds.
        expect(elapsed).toBeLessThan(2000);
    });

    it('publishes at most the cap of diagnostics for the document, and one that counts the rest', async () => {
        const { services, documents, diagnostics } = await workspace({ 'dup.sysd': text });
        const list = diagnostics('dup.sysd');
        expect(list).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
        const note = list.at(-1)!;
        expect(note).toMatchObject({ code: TOO_MANY_PROBLEMS, severity: 3 });
        const all = new SysdAnalysis(services).problems(documents[0]).length;
        const message = typeof note.message === 'string' ? note.message : note.message.value;
        expect(message).toMatch(new RegExp(`^${all - (MAX_DIAGNOSTICS_PER_DOCUMENT - 1)} more problems in this file are not shown`));
        expect(list.every(d => (d.relatedInformation?.length ?? 0) <= MAX_RELATED_INFORMATION)).toBe(true);
        expect(JSON.stringify(list).length).toBeLessThan(2_000_000);
    });
});

describe('capDiagnostics', () => {
    const diagnostic = (severity: 1 | 2 | 3, index: number): Diagnostic => ({
        severity, message: `d${index}`, range: { start: { line: index, character: 0 }, end: { line: index, character: 1 } }, code: `c${index}`
    });

    it('leaves a short list alone', () => {
        const list = [diagnostic(2, 0), diagnostic(1, 1)];
        expect(capDiagnostics(list)).toBe(list);
    });

    it('keeps the errors first, in their order, and counts what it leaves out', () => {
        const list = Array.from({ length: MAX_DIAGNOSTICS_PER_DOCUMENT + 500 }, (_, i) => diagnostic(i % 3 === 0 ? 1 : 2, i));
        const capped = capDiagnostics(list);
        expect(capped).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
        const kept = capped.slice(0, -1);
        const errors = list.filter(d => d.severity === 1);
        expect(kept.filter(d => d.severity === 1)).toEqual(errors);
        expect(kept.map(d => d.range.start.line)).toEqual([...kept.map(d => d.range.start.line)].sort((a, b) => a - b));
        expect(capped.at(-1)).toMatchObject({ code: TOO_MANY_PROBLEMS, severity: 3, message: expect.stringMatching(/^501 more problems/) as string });
        // Capping again (the server merges fresh lint findings into a capped list) keeps one note.
        const again = capDiagnostics([...capped, diagnostic(1, 99_998), diagnostic(1, 99_999)]);
        expect(again.filter(d => d.code === TOO_MANY_PROBLEMS)).toHaveLength(1);
        expect(again).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    });
});
