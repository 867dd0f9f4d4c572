/**
 * Monaco ⇄ the worker language server, in plain LSP messages (no monaco-languageclient): diagnostics
 * become markers, and Monaco's hover, completion and quick-fix providers ask the server. Positions
 * are converted between LSP (0-based) and Monaco (1-based) here and nowhere else.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import type {
    CodeAction, CompletionItem, Diagnostic, MarkupContent, MarkedString, Position, Range, TextEdit, WorkspaceEdit
} from 'vscode-languageserver-protocol/browser';
import { LANGUAGE_ID, type PlaygroundServer } from './server.js';

export function toLspPosition(position: monaco.IPosition): Position {
    return { line: position.lineNumber - 1, character: position.column - 1 };
}

export function toMonacoRange(range: Range): monaco.IRange {
    return { startLineNumber: range.start.line + 1, startColumn: range.start.character + 1, endLineNumber: range.end.line + 1, endColumn: range.end.character + 1 };
}

function toLspRange(range: monaco.IRange): Range {
    return { start: { line: range.startLineNumber - 1, character: range.startColumn - 1 }, end: { line: range.endLineNumber - 1, character: range.endColumn - 1 } };
}

const SEVERITY: Record<number, monaco.MarkerSeverity> = {
    1: monaco.MarkerSeverity.Error,
    2: monaco.MarkerSeverity.Warning,
    3: monaco.MarkerSeverity.Info,
    4: monaco.MarkerSeverity.Hint
};

/** LSP's completion item kinds (1-based) to Monaco's. */
const COMPLETION_KIND: Record<number, monaco.languages.CompletionItemKind> = {
    1: monaco.languages.CompletionItemKind.Text, 2: monaco.languages.CompletionItemKind.Method, 3: monaco.languages.CompletionItemKind.Function,
    4: monaco.languages.CompletionItemKind.Constructor, 5: monaco.languages.CompletionItemKind.Field, 6: monaco.languages.CompletionItemKind.Variable,
    7: monaco.languages.CompletionItemKind.Class, 8: monaco.languages.CompletionItemKind.Interface, 9: monaco.languages.CompletionItemKind.Module,
    10: monaco.languages.CompletionItemKind.Property, 11: monaco.languages.CompletionItemKind.Unit, 12: monaco.languages.CompletionItemKind.Value,
    13: monaco.languages.CompletionItemKind.Enum, 14: monaco.languages.CompletionItemKind.Keyword, 15: monaco.languages.CompletionItemKind.Snippet,
    16: monaco.languages.CompletionItemKind.Color, 17: monaco.languages.CompletionItemKind.File, 18: monaco.languages.CompletionItemKind.Reference,
    19: monaco.languages.CompletionItemKind.Folder, 20: monaco.languages.CompletionItemKind.EnumMember, 21: monaco.languages.CompletionItemKind.Constant,
    22: monaco.languages.CompletionItemKind.Struct, 23: monaco.languages.CompletionItemKind.Event, 24: monaco.languages.CompletionItemKind.Operator,
    25: monaco.languages.CompletionItemKind.TypeParameter
};

/** The diagnostics the server last published per document: the code-action request sends them back. */
export class DiagnosticStore {
    private readonly byUri = new Map<string, Diagnostic[]>();

    set(uri: string, diagnostics: Diagnostic[]): void {
        this.byUri.set(uri, diagnostics);
        const model = monaco.editor.getModel(monaco.Uri.parse(uri));
        if (model) monaco.editor.setModelMarkers(model, LANGUAGE_ID, diagnostics.map(toMarker));
    }

    get(uri: string): Diagnostic[] {
        return this.byUri.get(uri) ?? [];
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
    }

    /** Every document's diagnostics, in document order. */
    all(): [string, Diagnostic[]][] {
        return [...this.byUri.entries()];
    }
}

function toMarker(diagnostic: Diagnostic): monaco.editor.IMarkerData {
    const code = diagnostic.code === undefined ? undefined : String(diagnostic.code);
    const href = diagnostic.codeDescription?.href;
    return {
        ...toMonacoRange(diagnostic.range),
        severity: SEVERITY[diagnostic.severity ?? 1] ?? monaco.MarkerSeverity.Error,
        message: messageText(diagnostic),
        source: diagnostic.source,
        code: code && href ? { value: code, target: monaco.Uri.parse(href) } : code,
        relatedInformation: diagnostic.relatedInformation?.map(info => ({ resource: monaco.Uri.parse(info.location.uri), message: info.message, ...toMonacoRange(info.location.range) }))
    };
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown there). */
export function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function markdownOf(contents: MarkupContent | MarkedString | MarkedString[]): monaco.IMarkdownString[] {
    const list = Array.isArray(contents) ? contents : [contents];
    return list.map(item => typeof item === 'string' ? { value: item } : 'kind' in item ? { value: item.value } : { value: '```' + item.language + '\n' + item.value + '\n```' });
}

function editsOf(edit: WorkspaceEdit | undefined): monaco.languages.IWorkspaceTextEdit[] {
    const result: monaco.languages.IWorkspaceTextEdit[] = [];
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
        for (const textEdit of edits) result.push({ resource: monaco.Uri.parse(uri), versionId: undefined, textEdit: { range: toMonacoRange(textEdit.range), text: textEdit.newText } });
    }
    for (const change of edit?.documentChanges ?? []) {
        if (!('textDocument' in change)) continue;
        for (const textEdit of change.edits as TextEdit[]) {
            result.push({ resource: monaco.Uri.parse(change.textDocument.uri), versionId: undefined, textEdit: { range: toMonacoRange(textEdit.range), text: textEdit.newText } });
        }
    }
    return result;
}

function overlaps(a: Range, b: Range): boolean {
    const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
    return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Registers hover, completion and quick fixes for `sysd` documents, answered by `server`. */
export function registerLanguageFeatures(server: PlaygroundServer, diagnostics: DiagnosticStore): monaco.IDisposable[] {
    return [
        monaco.languages.registerHoverProvider(LANGUAGE_ID, {
            provideHover: async (model, position) => {
                const hover = await server.hover(model.uri.toString(), toLspPosition(position));
                if (!hover?.contents) return null;
                return { contents: markdownOf(hover.contents), range: hover.range ? toMonacoRange(hover.range) : undefined };
            }
        }),
        monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
            triggerCharacters: ['.', ':', ' '],
            provideCompletionItems: async (model, position) => {
                const answer = await server.completion(model.uri.toString(), toLspPosition(position));
                const items: CompletionItem[] = Array.isArray(answer) ? answer : Array.isArray(answer?.items) ? answer.items : [];
                const word = model.getWordUntilPosition(position);
                const fallback: monaco.IRange = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
                return {
                    incomplete: !Array.isArray(answer) && answer?.isIncomplete === true,
                    suggestions: items.map(item => {
                        const edit = item.textEdit;
                        const range = edit ? toMonacoRange('range' in edit ? edit.range : edit.replace) : fallback;
                        const documentation = item.documentation === undefined ? undefined : typeof item.documentation === 'string' ? item.documentation : { value: item.documentation.value };
                        return {
                            label: item.label,
                            kind: COMPLETION_KIND[item.kind ?? 1] ?? monaco.languages.CompletionItemKind.Text,
                            detail: item.detail,
                            documentation,
                            sortText: item.sortText,
                            filterText: item.filterText,
                            insertText: edit?.newText ?? item.insertText ?? item.label,
                            insertTextRules: item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
                            range
                        };
                    })
                };
            }
        }),
        monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
            provideCodeActions: async (model, range) => {
                const uri = model.uri.toString();
                const lspRange = toLspRange(range);
                const context = diagnostics.get(uri).filter(diagnostic => overlaps(diagnostic.range, lspRange));
                const answer = await server.codeActions(uri, lspRange, context);
                // A request about a document the server dropped meanwhile (an example was switched) answers no list.
                const actions = (Array.isArray(answer) ? answer : []).filter((action): action is CodeAction => 'edit' in action || 'kind' in action);
                return {
                    actions: actions.map(action => ({
                        title: action.title,
                        kind: action.kind,
                        isPreferred: action.isPreferred,
                        diagnostics: undefined,
                        edit: { edits: editsOf(action.edit) }
                    })),
                    dispose: () => undefined
                };
            }
        }, { providedCodeActionKinds: ['quickfix'] })
    ];
}

/** The words of sysd's TextMate grammar by token class (written by scripts/build-playground.mjs). */
export interface SysdWords {
    keyword: string[];
    type: string[];
    property: string[];
    modifier: string[];
    constant: string[];
}

/** Registers the `sysd` language with a Monarch tokenizer built from the TextMate grammar's word lists. */
export function registerLanguage(words: SysdWords): void {
    monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.sysd'], aliases: ['SysD', 'sysd'] });
    monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
        comments: { lineComment: '//', blockComment: ['/*', '*/'] },
        brackets: [['{', '}'], ['[', ']'], ['(', ')']],
        autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }],
        wordPattern: /[A-Za-z_][\w-]*/
    });
    monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
        ...words,
        tokenizer: {
            root: [
                [/[A-Za-z_][\w]*(?:-[A-Za-z0-9_]+)*/, {
                    cases: { '@keyword': 'keyword', '@type': 'type', '@property': 'attribute.name', '@modifier': 'keyword.modifier', '@constant': 'constant', '@default': 'identifier' }
                }],
                [/\/\*/, 'comment', '@comment'],
                [/\/\/.*$/, 'comment'],
                [/"([^"\\]|\\.)*"?/, 'string'],
                [/\d+(?:\.\d+)?(?:%|ms|s|m|h|d)?\b/, 'number'],
                [/->|<->/, 'operator'],
                [/[{}]/, '@brackets']
            ],
            comment: [
                [/[^/*]+/, 'comment'],
                [/\*\//, 'comment', '@pop'],
                [/[/*]/, 'comment']
            ]
        }
    });
}
