import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils, UriUtils } from 'langium';
import type { SysdAstType, Model } from './generated/ast.js';
import { resolveImportUri } from './scope.js';
import type { SysdServices } from './sysd-module.js';
import type { Finding } from './lint/types.js';
import type { SourceLocation } from './model/types.js';

/** Where a rule's page lives; the server and the CLI point diagnostics at it. */
export type DocsUrl = (ruleId: string) => string | undefined;

export function registerValidationChecks(services: SysdServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.SysdValidator;
    const checks: ValidationChecks<SysdAstType> = {
        Model: [validator.checkImports, validator.checkModel]
    };
    registry.register(checks, validator);
}

/**
 * Reports what the model builder found impossible, duplicate declarations across the workspace,
 * unresolved imports, and the lint findings located in the document.
 */
export class SysdValidator {
    constructor(private readonly services: SysdServices) {}

    checkImports(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model);
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const imp of model.imports) {
            const target = resolveImportUri(document.uri, imp.path);
            if (UriUtils.equals(target, document.uri)) {
                accept('warning', 'A file does not need to import itself.', { node: imp, property: 'path', code: 'import-self' });
            } else if (!documents.hasDocument(target)) {
                accept('error', `Cannot find '${imp.path}' (looked for ${UriUtils.basename(target)} next to this file).`, {
                    node: imp, property: 'path', code: 'unresolved-import'
                });
            }
        }
    }

    checkModel(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model);
        const uri = document.uri.toString();
        const service = this.services.model.ModelService;
        const fragment = service.fragment(document);
        for (const problem of fragment.problems) {
            accept(problem.severity, problem.message, { node: model, range: problem.loc.range, code: problem.code });
        }
        this.checkDuplicates(document, model, accept);
        for (const finding of service.findingsFor(uri)) {
            accept(finding.severity, finding.message, findingInfo(model, finding, this.services.lint.docsUrl));
        }
    }

    private checkDuplicates(document: LangiumDocument, model: Model, accept: ValidationAcceptor): void {
        const uri = document.uri.toString();
        const workspace = this.services.model.ModelService.workspaceModel();
        const seen = new Map<string, SourceLocation>();
        const fragments = workspace.declarations();
        for (const [id, locations] of fragments) {
            if (locations.length < 2) continue;
            for (const loc of locations) {
                if (loc.uri !== uri) continue;
                const others = locations.filter(other => other !== loc);
                if (seen.has(`${id}@${loc.range.start.line}:${loc.range.start.character}`)) continue;
                seen.set(`${id}@${loc.range.start.line}:${loc.range.start.character}`, loc);
                accept('error', `'${id}' is declared ${locations.length} times; names must be unique in the workspace.`, {
                    node: model, range: loc.nameRange ?? loc.range, code: 'duplicate-name',
                    relatedInformation: others.map(other => ({
                        location: { uri: other.uri, range: other.nameRange ?? other.range },
                        message: `'${id}' is also declared here`
                    }))
                });
            }
        }
    }
}

export function findingInfo(node: AstNode, finding: Finding, docsUrl: DocsUrl) {
    const href = docsUrl(finding.ruleId);
    return {
        node,
        range: finding.loc.nameRange ?? finding.loc.range,
        code: finding.ruleId,
        codeDescription: href ? { href } : undefined,
        relatedInformation: finding.related.map(related => ({
            location: { uri: related.loc.uri, range: related.loc.nameRange ?? related.loc.range },
            message: related.message
        })),
        data: { ruleId: finding.ruleId, fixes: finding.fixes }
    };
}
