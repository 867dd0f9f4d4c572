// "SysD: Explain...": a quick pick of every topic of the knowledge base and every lint rule, the
// chosen one shown in VS Code's Markdown preview. The text comes from the language server
// (`sysd/explainList`, `sysd/explain`) and is served to the preview as a read-only virtual document
// (`sysd-explain:/<kind>/<id>.md`). "Explain This" (the editor's context menu) opens the page of
// what is under the cursor; hovers link their topics and rules to the same command. No Langium
// here: the client bundle stays small.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { ClientGetter } from '../client-getter.js';
import {
    ExplainListRequest,
    ExplainRequest,
    type ExplainItem,
    type ExplainItemKind,
    type ExplainParams,
    type ExplainResult,
    type SysdInitializationOptions
} from '@sysd/protocol';
import { LANGUAGE_ID } from '../constants.js';
import { COMMAND_EXPLAIN, explainTarget } from './explain-target.js';

/** "Explain This": the page of the pattern or finding under the cursor. */
const COMMAND_EXPLAIN_THIS = 'sysd.explainThis';
const EXPLAIN_SCHEME = 'sysd-explain';

/**
 * The language client's options that make hover links open pages here: the server links topics and
 * rules to the explain command (`command:sysd.explain?["topic:outbox"]`) when the client names it,
 * and VS Code runs a command from a hover only when the client trusts it.
 */
export function explainClientOptions(): Pick<LanguageClientOptions, 'initializationOptions' | 'markdown'> {
    const initializationOptions: SysdInitializationOptions = { explainCommand: COMMAND_EXPLAIN };
    return { initializationOptions, markdown: { isTrusted: { enabledCommands: [COMMAND_EXPLAIN] } } };
}


interface PickItem extends vscode.QuickPickItem {
    entry?: ExplainItem;
}

/**
 * Registers the command (optionally called with an id, `topic:<id>`/`rule:<id>`, or a keyword) and
 * the content provider of the explain documents.
 */
export function registerExplainCommand(client: ClientGetter): vscode.Disposable {
    const provider = new ExplainContentProvider(client);
    const disposable = vscode.Disposable.from(
        vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, provider),
        provider,
        vscode.commands.registerCommand(COMMAND_EXPLAIN, async (arg?: unknown) => {
            const running = client();
            if (!running || !running.isRunning()) {
                void vscode.window.showWarningMessage('SysD: the language server is not running, so there is nothing to explain yet.');
                return;
            }
            const params = explainParams(arg) ?? (await pick(running));
            if (!params) return;
            const result = await running.sendRequest<ExplainResult | null>(ExplainRequest.method, { ...params, links: 'explain' });
            if (!result) {
                void vscode.window.showWarningMessage(`SysD: no topic or rule named '${params.id}'.`);
                return;
            }
            const uri = explainUri(result.kind, result.id);
            provider.remember(uri, result.markdown);
            await vscode.workspace.openTextDocument(uri);
            await vscode.commands.executeCommand('markdown.showPreview', uri);
        }),
        vscode.commands.registerCommand(COMMAND_EXPLAIN_THIS, explainThis)
    );
    return disposable;
}

/**
 * "Explain This": asks the editor's hover providers at the cursor (sysd's links the word's topic and
 * the rules of its findings) and the diagnostics under it, and opens the most specific page; with
 * nothing to explain there, the list of every page.
 */
async function explainThis(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
        await vscode.commands.executeCommand(COMMAND_EXPLAIN);
        return;
    }
    const position = editor.selection.active;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[] | undefined>('vscode.executeHoverProvider', editor.document.uri, position) ?? [];
    const texts = hovers.flatMap(hover => hover.contents.map(content => (typeof content === 'string' ? content : content.value)));
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri)
        .filter(diagnostic => diagnostic.range.contains(position))
        .map(diagnostic => ({ source: diagnostic.source, code: diagnostic.code }));
    const target = explainTarget(texts, diagnostics, LANGUAGE_ID);
    if (!target) void vscode.window.setStatusBarMessage('SysD: no pattern or finding at the cursor; pick a page to explain.', 5_000);
    await vscode.commands.executeCommand(COMMAND_EXPLAIN, ...(target ? [target] : []));
}

/** The virtual document of a topic or rule. */
function explainUri(kind: ExplainItemKind, id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${kind}/${id}.md` });
}

/** `"leaderless"`, `"rule:quorum-no-overlap"` or `{ kind, id }` from a command argument. */
function explainParams(arg: unknown): ExplainParams | undefined {
    if (typeof arg === 'string' && arg.trim() !== '') return { id: arg.trim() };
    if (arg && typeof arg === 'object' && typeof (arg as ExplainParams).id === 'string') {
        const { id, kind } = arg as ExplainParams;
        return kind === 'topic' || kind === 'rule' ? { id, kind } : { id };
    }
    return undefined;
}

async function pick(client: BaseLanguageClient): Promise<ExplainParams | undefined> {
    const entries = await client.sendRequest<ExplainItem[]>(ExplainListRequest.method);
    const group = (kind: ExplainItemKind, label: string): PickItem[] => {
        const members = entries.filter(e => e.kind === kind);
        if (members.length === 0) return [];
        return [
            { label: `${label} (${members.length})`, kind: vscode.QuickPickItemKind.Separator },
            ...members.map(entry => ({
                label: entry.title,
                description: entry.gist,
                entry
            }))
        ];
    };
    const chosen = await vscode.window.showQuickPick<PickItem>([...group('topic', 'Patterns and concepts'), ...group('rule', 'Lint rules')], {
        title: 'SysD: Explain',
        placeHolder: 'Pick a pattern, concept or lint rule',
        matchOnDescription: true
    });
    return chosen?.entry ? { id: chosen.entry.id, kind: chosen.entry.kind } : undefined;
}

/** Serves explain documents; asks the server again for documents VS Code reopens later. */
class ExplainContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    constructor(private readonly client: ClientGetter) {}

    remember(uri: vscode.Uri, markdown: string): void {
        const key = uri.toString();
        const previous = this.texts.get(key);
        this.texts.set(key, markdown);
        if (previous !== undefined && previous !== markdown) this.changed.fire(uri);
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const known = this.texts.get(uri.toString());
        if (known !== undefined) return known;
        const match = /^\/(topic|rule)s?\/(.+)\.md$/.exec(uri.path);
        const client = this.client();
        if (!match || !client?.isRunning()) return '# Not available\n\nStart the SysD language server and run **SysD: Explain...** again.\n';
        const result = await client.sendRequest<ExplainResult | null>(ExplainRequest.method, { kind: match[1] as ExplainItemKind, id: decodeURIComponent(match[2]), links: 'explain' });
        const text = result?.markdown ?? `# Unknown\n\nThere is no ${match[1]} named \`${match[2]}\`.\n`;
        this.texts.set(uri.toString(), text);
        return text;
    }

    dispose(): void {
        this.changed.dispose();
        this.texts.clear();
    }
}
