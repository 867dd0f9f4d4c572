import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { FixModel, TextEditModel } from '../lint/types.js';

/** What the lint diagnostics carry in `data` (written by `SysdValidator` in validator.ts). */
export interface LintDiagnosticData {
    ruleId: string;
    fixes: FixModel[];
}

/** The text that stands for the reason of an inserted suppression until the user writes one. */
export const SUPPRESSION_REASON_PLACEHOLDER = 'reason: why this is acceptable';

function lintData(diagnostic: Diagnostic): LintDiagnosticData | undefined {
    const data = diagnostic.data as Partial<LintDiagnosticData> | undefined;
    if (!data || typeof data.ruleId !== 'string') return undefined;
    return { ruleId: data.ruleId, fixes: Array.isArray(data.fixes) ? data.fixes : [] };
}

/**
 * Quick fixes for lint diagnostics: each fix the rule offers, plus "Ignore <rule> for this element",
 * which adds a `// sysd-ignore <rule> -- <reason>` line above the flagged line, indented like it.
 */
export class SysdCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = lintData(diagnostic);
            if (!data) continue;
            for (const fix of data.fixes) {
                if (fix.edits.length === 0) continue;
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    isPreferred: fix.preferred ?? false,
                    diagnostics: [diagnostic],
                    edit: workspaceEdit(fix.edits)
                });
            }
            const ignore = this.ignoreAction(document, diagnostic, data.ruleId);
            if (ignore) actions.push(ignore);
        }
        return actions;
    }

    private ignoreAction(document: LangiumDocument, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
        // The unused-suppression rule is about a suppression comment itself; ignoring it there makes no sense.
        if (ruleId === 'unused-suppression') return undefined;
        const line = diagnostic.range.start.line;
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
        const indent = /^[ \t]*/.exec(text)![0];
        const at = { line, character: 0 };
        return {
            title: `Ignore ${ruleId} for this element`,
            kind: CodeActionKind.QuickFix,
            isPreferred: false,
            diagnostics: [diagnostic],
            edit: {
                changes: {
                    [document.uri.toString()]: [{
                        range: { start: at, end: at },
                        newText: `${indent}// sysd-ignore ${ruleId} -- ${SUPPRESSION_REASON_PLACEHOLDER}\n`
                    }]
                }
            }
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
