import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { SysdAnalysis, type ProblemFix } from '../host/analysis.js';
import { fixAllPreview, minimalEdit, SOURCE_FIX_ALL_SYSD } from '../host/fix-all.js';
import { rangesTouch, type DocumentProblem } from '../host/problems.js';
import { ignoreEdit, SUPPRESSION_REASON_PLACEHOLDER } from '../lint/suppression.js';
import type { TextEditModel } from '../lint/types.js';
import type { Range } from '../model/types.js';
import type { SysdServices } from '../sysd-module.js';

/** What the lint diagnostics carry in `data` (written by `SysdValidator` in validator.ts): no fixes, the facade builds them. */
export interface LintDiagnosticData {
    ruleId: string;
}

export { SOURCE_FIX_ALL_SYSD, SUPPRESSION_REASON_PLACEHOLDER };

/** The title of the fix-all action; the `sysd.fixAll` command reads the count from it. */
export function fixAllTitle(count: number): string {
    return `Fix all auto-fixable sysd problems (${count} ${count === 1 ? 'fix' : 'fixes'})`;
}

function lintData(diagnostic: Diagnostic): LintDiagnosticData | undefined {
    const data = diagnostic.data as Partial<LintDiagnosticData> | undefined;
    if (!data || typeof data.ruleId !== 'string') return undefined;
    return { ruleId: data.ruleId };
}

/** Whether a request limited to `only` kinds asks for `kind` (a listed kind covers the kinds below it). */
function requested(only: string[] | undefined, kind: string, byDefault: boolean): boolean {
    if (!only) return byDefault;
    return only.some(wanted => kind === wanted || kind.startsWith(`${wanted}.`));
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The client's diagnostic that stands for `problem`: same range and code. */
function diagnosticOf(problem: DocumentProblem, diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
    return diagnostics.find(diagnostic => sameRange(diagnostic.range, problem.range) && diagnostic.code === problem.code);
}

/**
 * The editor's code actions, read from the facade (`SysdAnalysis.fixes`), not from diagnostic data:
 * - quick fixes: each fix offered for a problem at the range, tied to the client's diagnostic when
 *   it has one, plus "Ignore <rule> for this element" for lint findings, which adds a
 *   `// sysd-ignore <rule> -- <reason>` line above the flagged statement (`ignoreEdit`);
 * - `source.fixAll.sysd`, only when asked for by kind: every safe fix of the document, applied as
 *   `sysd check --fix` applies them (the fix-all engine of `host/fix-all.ts`).
 */
export class SysdCodeActionProvider implements CodeActionProvider {
    private readonly analysis: SysdAnalysis;

    constructor(services: SysdServices) {
        this.analysis = new SysdAnalysis(services);
    }

    async getCodeActions(document: LangiumDocument, params: CodeActionParams): Promise<CodeAction[]> {
        const actions: CodeAction[] = [];
        const only = params.context.only;
        if (requested(only, CodeActionKind.QuickFix, true)) actions.push(...this.quickFixes(document, params));
        if (requested(only, SOURCE_FIX_ALL_SYSD, false)) {
            const fixAll = await this.fixAll(document);
            if (fixAll) actions.push(fixAll);
        }
        return actions;
    }

    private quickFixes(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const uri = document.uri.toString();
        const diagnostics = params.context.diagnostics;
        const actions: CodeAction[] = [];
        const fixes = this.analysis.fixes(uri, params.range);
        for (const fix of fixes) {
            if (fix.edits.length === 0) continue;
            const diagnostic = diagnosticOf(fix.problem, diagnostics);
            actions.push({
                title: fix.title,
                kind: CodeActionKind.QuickFix,
                isPreferred: fix.preferred ?? false,
                ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
                edit: workspaceEdit(fix.edits)
            });
        }
        // "Ignore" for each lint diagnostic the client sent: matched to a finding when it still stands,
        // otherwise known by the rule id the validator wrote in its data.
        const lint = this.lintProblemsAt(uri, params.range, fixes);
        for (const diagnostic of diagnostics) {
            const ruleId = lint.find(problem => sameRange(diagnostic.range, problem.range) && diagnostic.code === problem.code)?.code
                ?? lintData(diagnostic)?.ruleId;
            if (!ruleId) continue;
            const ignore = this.ignoreAction(document, diagnostic, ruleId);
            if (ignore) actions.push(ignore);
        }
        return actions;
    }

    private lintProblemsAt(uri: string, range: Range, fixes: readonly ProblemFix[]): DocumentProblem[] {
        const withFixes = fixes.map(fix => fix.problem).filter(problem => problem.source === 'lint');
        const others = this.analysis.lintProblems(uri).filter(problem => problem.fixes.length === 0 && rangesTouch(problem.range, range));
        return [...withFixes, ...others];
    }

    private async fixAll(document: LangiumDocument): Promise<CodeAction | undefined> {
        const uri = document.uri.toString();
        const result = await fixAllPreview(this.analysis, uri);
        if (result.parseErrors && !result.changed) {
            return {
                title: fixAllTitle(0),
                kind: SOURCE_FIX_ALL_SYSD,
                disabled: { reason: 'The file has syntax errors: sysd fixes nothing in it until they are corrected.' }
            };
        }
        const edit = minimalEdit(uri, result.original, result.output);
        if (!edit) return undefined;
        return { title: fixAllTitle(result.fixed.length), kind: SOURCE_FIX_ALL_SYSD, edit: workspaceEdit([edit]) };
    }

    private ignoreAction(document: LangiumDocument, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
        // The unused-suppression rule is about a suppression comment itself; ignoring it there makes no sense.
        if (ruleId === 'unused-suppression') return undefined;
        return {
            title: `Ignore ${ruleId} for this element`,
            kind: CodeActionKind.QuickFix,
            isPreferred: false,
            diagnostics: [diagnostic],
            edit: workspaceEdit([ignoreEdit(document, diagnostic.range, ruleId)])
        };
    }
}

/** Groups the edits of a fix by document. */
function workspaceEdit(edits: readonly TextEditModel[]): WorkspaceEdit {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of edits) {
        (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
    }
    return { changes };
}
