// The commands behind the "Get Started with SysD" walkthrough (package.json `walkthroughs`): open the
// example shipped with the extension as an unsaved document, go to one of its findings, open the quick
// fix menu on a fixable one, and open its diagram. The walkthrough's third step completes when a fix
// removes a finding from the example (the `sysd.walkthrough.fixApplied` context key).
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants.js';

const COMMAND_OPEN_EXAMPLE = 'sysd.walkthrough.openExample';
const COMMAND_SHOW_FINDING = 'sysd.walkthrough.showFinding';
const COMMAND_QUICK_FIX = 'sysd.walkthrough.quickFix';
const COMMAND_OPEN_PREVIEW = 'sysd.walkthrough.openPreview';
const CONTEXT_FIX_APPLIED = 'sysd.walkthrough.fixApplied';
/** The example, relative to the extension's root. */
const EXAMPLE = ['client', 'walkthrough', 'shop.sysd'];
/** The finding the quick-fix step points at first (its fix is "Publish through a transactional outbox"). */
const PREFERRED_FIX_RULE = 'dual-write-without-outbox';
/** How long the steps wait for the language server's first findings on the example. */
const FINDINGS_TIMEOUT_MS = 30_000;

/** The lint findings (sysd diagnostics with a rule) of a document. */
function findings(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).filter(d => d.source === LANGUAGE_ID && typeof d.code === 'object');
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return code === undefined ? undefined : String(code);
}

/** The findings of `uri` once the server has published some (or none after the timeout). */
async function awaitFindings(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
    const now = findings(uri);
    if (now.length > 0) return now;
    return new Promise(resolve => {
        const done = () => {
            clearTimeout(timer);
            listener.dispose();
            resolve(findings(uri));
        };
        const timer = setTimeout(done, FINDINGS_TIMEOUT_MS);
        const listener = vscode.languages.onDidChangeDiagnostics(event => {
            if (event.uris.some(changed => changed.toString() === uri.toString()) && findings(uri).length > 0) done();
        });
    });
}

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
    /** The example document this session opened. */
    let example: vscode.Uri | undefined;
    /** How many findings of each rule the example had when it was opened (a fix lowers one). */
    let baseline: Map<string, number> | undefined;

    const counts = (uri: vscode.Uri) => {
        const result = new Map<string, number>();
        for (const d of findings(uri)) {
            const rule = ruleOf(d);
            if (rule) result.set(rule, (result.get(rule) ?? 0) + 1);
        }
        return result;
    };

    /** The editor of the example: the one opened here if it is still open, else the active or a visible .sysd editor. */
    const exampleEditor = async (): Promise<vscode.TextEditor | undefined> => {
        const open = example && vscode.workspace.textDocuments.find(d => d.uri.toString() === example!.toString() && !d.isClosed);
        if (open) {
            const visible = vscode.window.visibleTextEditors.find(e => e.document === open);
            return vscode.window.showTextDocument(open, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus: false });
        }
        const active = vscode.window.activeTextEditor;
        if (active?.document.languageId === LANGUAGE_ID) return active;
        const visible = vscode.window.visibleTextEditors.find(e => e.document.languageId === LANGUAGE_ID);
        if (visible) return vscode.window.showTextDocument(visible.document, { viewColumn: visible.viewColumn, preserveFocus: false });
        const choice = await vscode.window.showInformationMessage('SysD: open the example (or any .sysd file) first.', 'Open the Example');
        if (choice) return openExample();
        return undefined;
    };

    const openExample = async (): Promise<vscode.TextEditor> => {
        // An unsaved document named after the example (its tab reads shop.sysd; saving asks where).
        const uri = vscode.Uri.from({ scheme: 'untitled', path: EXAMPLE[EXAMPLE.length - 1] });
        let document = await vscode.workspace.openTextDocument(uri);
        if (document.getText().trim() === '') {
            const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...EXAMPLE));
            const edit = new vscode.WorkspaceEdit();
            edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), new TextDecoder().decode(bytes));
            await vscode.workspace.applyEdit(edit);
        }
        if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
        example = document.uri;
        baseline = undefined;
        void vscode.commands.executeCommand('setContext', CONTEXT_FIX_APPLIED, false);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
        void awaitFindings(document.uri).then(() => {
            if (example?.toString() === document.uri.toString()) baseline = counts(document.uri);
        });
        return editor;
    };

    /** Moves the cursor to `diagnostic` and reveals it. */
    const goTo = (editor: vscode.TextEditor, diagnostic: vscode.Diagnostic) => {
        editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
        editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    };

    const showFinding = async () => {
        const editor = await exampleEditor();
        if (!editor) return;
        const list = await awaitFindings(editor.document.uri);
        if (list.length === 0) {
            void vscode.window.showInformationMessage('SysD: this file has no findings. Open the example to see one.');
            return;
        }
        // From the top of the file, "Go to Next Problem" shows the first finding with its message and rule.
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        await vscode.commands.executeCommand('editor.action.marker.next');
    };

    const quickFix = async () => {
        const editor = await exampleEditor();
        if (!editor) return;
        const list = await awaitFindings(editor.document.uri);
        const target = list.find(d => ruleOf(d) === PREFERRED_FIX_RULE) ?? list[0];
        if (!target) {
            void vscode.window.showInformationMessage('SysD: this file has no findings left to fix.');
            return;
        }
        goTo(editor, target);
        await vscode.commands.executeCommand('editor.action.quickFix');
    };

    const openPreview = async () => {
        const editor = await exampleEditor();
        if (!editor) return;
        await vscode.commands.executeCommand('sysd.openPreviewToSide', editor.document.uri);
    };

    return vscode.Disposable.from(
        vscode.commands.registerCommand(COMMAND_OPEN_EXAMPLE, async () => { await openExample(); }),
        vscode.commands.registerCommand(COMMAND_SHOW_FINDING, showFinding),
        vscode.commands.registerCommand(COMMAND_QUICK_FIX, quickFix),
        vscode.commands.registerCommand(COMMAND_OPEN_PREVIEW, openPreview),
        // A fix applied to the example removes one of its findings: the quick-fix step is done.
        vscode.languages.onDidChangeDiagnostics(event => {
            if (!example || !baseline || !event.uris.some(uri => uri.toString() === example!.toString())) return;
            const now = counts(example);
            if ([...baseline].some(([rule, count]) => (now.get(rule) ?? 0) < count)) {
                baseline = now;
                void vscode.commands.executeCommand('setContext', CONTEXT_FIX_APPLIED, true);
            }
        })
    );
}
