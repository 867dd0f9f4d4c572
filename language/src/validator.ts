import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { SysdAstType, Model } from './generated/ast.js';
import { SysdAnalysis } from './host/analysis.js';
import type { DocumentProblem } from './host/problems.js';
import { toLspSeverity } from './host/severity.js';
import type { SysdServices } from './sysd-module.js';
import type { FixModel } from './lint/types.js';
import type { Range } from './model/types.js';

/** Where a rule's page lives; the server and the CLI point diagnostics at it. */
export type DocsUrl = (ruleId: string) => string | undefined;

/** What a lint diagnostic carries in `data`, for the quick fixes (read by `lsp/code-actions.ts`). */
interface LintDiagnosticData {
    ruleId: string;
    messageId?: string;
    fixes: FixModel[];
}

/** A diagnostic's fields that come from the problem (Langium adds the severity and the source). */
interface DiagnosticFields {
    range: Range;
    code: string;
    codeDescription: { href: string } | undefined;
    relatedInformation: DiagnosticRelatedInformation[] | undefined;
    data: LintDiagnosticData | undefined;
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

    checkModel(model: Model, accept: ValidationAcceptor): void {
        for (const problem of this.analysis.validationProblems(AstUtils.getDocument(model))) {
            accept(problem.severity, problem.message, { node: model, ...this.fields(problem) });
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
            ? { ruleId: problem.code, ...(problem.messageId !== undefined ? { messageId: problem.messageId } : {}), fixes: problem.fixes }
            : undefined;
        return {
            range: problem.range,
            code: problem.code,
            codeDescription: href ? { href } : undefined,
            relatedInformation: problem.related.length > 0
                ? problem.related.map(related => ({ location: { uri: related.uri, range: related.range }, message: related.message }))
                : undefined,
            data
        };
    }
}
