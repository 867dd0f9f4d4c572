// "SysD: Fix All in File": asks the language server for its `source.fixAll.sysd` code action (the
// same edit `"editor.codeActionsOnSave": { "source.fixAll.sysd": "explicit" }` applies on save, and
// that `sysd check --fix` writes) and applies it to the active editor's document.
import * as vscode from 'vscode';
import { CODE_ACTION_KIND_FIX_ALL, COMMAND_FIX_ALL, LANGUAGE_ID } from '../constants.js';

/** How long the result stays in the status bar. */
const STATUS_MS = 5000;

export function registerFixAllCommand(): vscode.Disposable {
    return vscode.commands.registerCommand(COMMAND_FIX_ALL, async (arg?: unknown) => {
        const document = arg instanceof vscode.Uri
            ? await vscode.workspace.openTextDocument(arg)
            : vscode.window.activeTextEditor?.document;
        if (!document || document.languageId !== LANGUAGE_ID) {
            void vscode.window.showInformationMessage('SysD: open a .sysd file to fix its problems.');
            return;
        }
        await fixAll(document);
    });
}

async function fixAll(document: vscode.TextDocument): Promise<void> {
    const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(Math.max(0, document.lineCount - 1)).range.end);
    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command> | undefined>(
        'vscode.executeCodeActionProvider', document.uri, whole, CODE_ACTION_KIND_FIX_ALL
    );
    const fixAllActions = (actions ?? []).filter((action): action is vscode.CodeAction =>
        'kind' in action && action.kind !== undefined && action.kind.value === CODE_ACTION_KIND_FIX_ALL);
    const disabled = fixAllActions.find(action => action.disabled);
    if (disabled?.disabled) {
        void vscode.window.showWarningMessage(`SysD: ${disabled.disabled.reason}`);
        return;
    }
    const action = fixAllActions.find(candidate => candidate.edit !== undefined && candidate.edit.size > 0);
    if (!action?.edit) {
        vscode.window.setStatusBarMessage('$(check) SysD: No fixable problems', STATUS_MS);
        return;
    }
    const applied = await vscode.workspace.applyEdit(action.edit);
    if (!applied) {
        void vscode.window.showWarningMessage('SysD: the fixes could not be applied (the file changed meanwhile?). Try again.');
        return;
    }
    const count = fixCount(action.title);
    vscode.window.setStatusBarMessage(`$(check) SysD: Fixed ${count === undefined ? 'the fixable' : count} problem${count === 1 ? '' : 's'}`, STATUS_MS);
}

/** The number of fixes in the action's title (`... (3 fixes)`), as the server writes it. */
export function fixCount(title: string): number | undefined {
    const match = /\((\d+) fix(?:es)?\)/.exec(title);
    return match ? Number(match[1]) : undefined;
}
