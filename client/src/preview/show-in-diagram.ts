// "Show in Diagram" (the editor's context menu on a .sysd file): the diagram preview beside the
// editor, with the element under the cursor outlined and panned into sight.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants.js';
import type { PreviewRegistration } from './preview-panel.js';

const COMMAND_SHOW_IN_DIAGRAM = 'sysd.showInDiagram';

export function registerShowInDiagram(preview: PreviewRegistration): vscode.Disposable {
    return vscode.commands.registerCommand(COMMAND_SHOW_IN_DIAGRAM, async () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.languageId !== LANGUAGE_ID) {
            void vscode.window.showInformationMessage('SysD: put the cursor in a .sysd file to show its element in the diagram.');
            return;
        }
        const shown = await preview.showInDiagram(editor);
        if (!shown) {
            void vscode.window.setStatusBarMessage('SysD: nothing the diagram draws is at the cursor (put it in a component, relation, system or zone).', 5_000);
        }
    });
}
