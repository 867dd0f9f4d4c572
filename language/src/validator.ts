import type { LangiumDocument, ValidationAcceptor, ValidationChecks, ValidationOptions } from 'langium';
import { AstUtils, Cancellation, DefaultDocumentValidator } from 'langium';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { SysdAstType, Model } from './generated/ast.js';
import { SysdAnalysis } from './host/analysis.js';
import { logInternalError } from './host/internal-error.js';
import type { DocumentProblem } from './host/problems.js';
import { toLspSeverity } from './host/severity.js';
import type { SysdServices } from './sysd-module.js';
import type { FixModel } from './lint/types.js';
import type { Range } from './model/types.js';

/** Where a rule's page lives; the server and the CLI point diagnostics at it. */
export type DocsUrl = (ruleId: string) => string | undefined;

/**
 * What a lint diagnostic carries in `data` (read by `lsp/code-actions.ts` for "Ignore <rule>"). Its
 * fixes are not sent: code actions ask the facade for them, which builds them only then.
 */
interface LintDiagnosticData {
    ruleId: string;
    messageId?: string;
}

/** What a reference diagnostic carries in `data`: Langium's code for linking errors and the quick fixes. */
interface ReferenceDiagnosticData {
    code: string;
    fixes: FixModel[];
}

/** A diagnostic's fields that come from the problem (Langium adds the severity and the source). */
interface DiagnosticFields {
    range: Range;
    code: string;
    codeDescription: { href: string } | undefined;
    relatedInformation: DiagnosticRelatedInformation[] | undefined;
    data: LintDiagnosticData | ReferenceDiagnosticData | undefined;
}

/**
 * At most this many diagnostics are published for one document; the rest are counted in one more.
 * A file with thousands of problems (a name pasted two thousand times) made a message larger than the
 * server could write ("Invalid string length"), and no one reads past the first screen of them.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;
/** At most this many related locations are sent with one diagnostic. */
export const MAX_RELATED_INFORMATION = 20;
/** The code of the diagnostic that stands for the ones left out. */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

/**
 * `diagnostics` when there are at most {@link MAX_DIAGNOSTICS_PER_DOCUMENT}; otherwise the most severe
 * ones (errors first, in their order) and an information diagnostic saying how many more there are.
 * A count note of an earlier call is dropped and made again.
 */
export function capDiagnostics<T extends Diagnostic>(diagnostics: T[]): T[] {
    const list = diagnostics.filter(d => d.code !== TOO_MANY_PROBLEMS);
    if (list.length <= MAX_DIAGNOSTICS_PER_DOCUMENT) return list.length === diagnostics.length ? diagnostics : list;
    // Severity 1 is an error; a missing severity counts as an error (LSP leaves it to the client).
    const rank = (d: Diagnostic) => d.severity ?? 1;
    const kept = list.map((diagnostic, index) => ({ diagnostic, index }))
        .sort((a, b) => rank(a.diagnostic) - rank(b.diagnostic) || a.index - b.index)
        .slice(0, MAX_DIAGNOSTICS_PER_DOCUMENT - 1)
        .sort((a, b) => a.index - b.index)
        .map(entry => entry.diagnostic);
    const more = list.length - kept.length;
    const note = {
        severity: 3,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        code: TOO_MANY_PROBLEMS,
        source: kept[0]?.source,
        message: `${more} more problems in this file are not shown (at most ${MAX_DIAGNOSTICS_PER_DOCUMENT} are listed). ` +
            'Fix the ones listed, or run `sysd check` for the complete list.'
    } as T;
    return [...kept, note];
}

/**
 * Langium's document validator with the number of diagnostics per document bounded
 * ({@link capDiagnostics}), so what is published stays small whatever the text, and the linker's
 * errors published as the facade reports them (`SysdAnalysis.referenceProblems`: with their quick
 * fixes, and none in a statement that has a syntax error).
 */
export class SysdDocumentValidator extends DefaultDocumentValidator {
    constructor(private readonly services: SysdServices) {
        super(services);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        try {
            diagnostics.push(...this.services.validation.SysdValidator.referenceDiagnostics(document));
        } catch (error) {
            // What the facade could not say, Langium says plainly.
            logInternalError(`reading the unresolved names of ${document.uri.toString()}`, error);
            super.processLinkingErrors(document, diagnostics, options);
        }
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        // Validation may run in several passes (categories) that add to the document's list.
        const earlier = document.diagnostics?.length ?? 0;
        if (earlier + diagnostics.length <= MAX_DIAGNOSTICS_PER_DOCUMENT) return diagnostics;
        const all = capDiagnostics([...(document.diagnostics ?? []), ...diagnostics]);
        // The builder appends what this returns to the document's list: replace the list instead.
        if (document.diagnostics) document.diagnostics.length = 0;
        return all;
    }
}

export function registerValidationChecks(services: SysdServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.SysdValidator;
    const checks: ValidationChecks<SysdAstType> = {
        Model: (model, accept) => validator.checkModel(model, accept)
    };
    registry.register(checks, validator);
}

/**
 * Turns the problems that sysd finds beyond parsing and linking (`SysdAnalysis.validationProblems`:
 * imports, model problems, duplicate names, lint findings) into the editor's diagnostics. Langium
 * reports the parse and link errors itself, on the same validation pass.
 */
export class SysdValidator {
    private readonly analysis: SysdAnalysis;

    constructor(private readonly services: SysdServices) {
        this.analysis = new SysdAnalysis(services);
    }

    /** The facade's reference problems of a document (unresolved and ambiguous names) as diagnostics. */
    referenceDiagnostics(document: LangiumDocument): Diagnostic[] {
        return this.analysis.referenceProblems(document).map(problem => this.diagnostic(problem));
    }

    checkModel(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model);
        try {
            for (const problem of this.analysis.validationProblems(document)) {
                accept(problem.severity, problem.message, { node: model, ...this.fields(problem) });
            }
        } catch (error) {
            // The facade reports its own failures as problems; this catches what is left (a bad range),
            // so that the parse and link errors of the document are still published.
            logInternalError(`validating ${document.uri.toString()}`, error);
        }
    }

    /**
     * The diagnostic that validation makes of a problem, for a host that publishes a document's changed
     * findings outside a build (the server, when an edit elsewhere changed them).
     */
    diagnostic(problem: DocumentProblem): Diagnostic {
        const fields = this.fields(problem);
        return {
            message: problem.message,
            range: fields.range,
            severity: toLspSeverity(problem.severity),
            code: fields.code,
            codeDescription: fields.codeDescription,
            relatedInformation: fields.relatedInformation,
            data: fields.data,
            source: this.services.LanguageMetaData.languageId
        };
    }

    private fields(problem: DocumentProblem): DiagnosticFields {
        const lint = problem.source === 'lint';
        const href = lint ? this.services.lint.docsUrl(problem.code) : undefined;
        const data = lint
            ? { ruleId: problem.code, ...(problem.messageId !== undefined ? { messageId: problem.messageId } : {}) }
            : problem.source === 'reference' ? { code: problem.code, fixes: problem.fixes } : undefined;
        return {
            range: problem.range,
            code: problem.code,
            codeDescription: href ? { href } : undefined,
            relatedInformation: problem.related.length > 0
                ? problem.related.slice(0, MAX_RELATED_INFORMATION).map(related => ({ location: { uri: related.uri, range: related.range }, message: related.message }))
                : undefined,
            data
        };
    }
}
