import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from '../generated/ast.js';
import type { LintConfig } from '../lint/config.js';
import type { FixModel, TextEditModel } from '../lint/types.js';
import type { Range } from '../model/types.js';
import { createSysdServices } from '../sysd-module.js';
import { SysdAnalysis } from './analysis.js';
import type { DocumentProblem } from './problems.js';

/**
 * The code action kind of "fix all" in the editor, as ESLint's `source.fixAll.eslint`
 * (`"editor.codeActionsOnSave": { "source.fixAll.sysd": "explicit" }`).
 */
export const SOURCE_FIX_ALL_SYSD = 'source.fixAll.sysd';

/** How many times fix-all applies fixes and analyses the result again at most (as ESLint). */
export const MAX_FIX_PASSES = 10;

/** A fix that fix-all applied. */
export interface AppliedFix {
    /** The problem's source (`lint`, `reference`, `model`...). */
    source: DocumentProblem['source'];
    /** The rule id of a lint finding, otherwise the problem's code. */
    code: string;
    message: string;
    /** The fix's title. */
    title: string;
    /** Where the problem was (0-based), in the text of the pass that fixed it. */
    range: Range;
    /** The pass that applied it, from 1. */
    pass: number;
}

/** What fix-all did to one document. */
export interface FixAllResult {
    uri: string;
    /** The text before any fix. */
    original: string;
    /** The text after every fix (the original one when nothing was fixed). */
    output: string;
    /** Whether `output` differs from `original`. */
    changed: boolean;
    /** The fixes applied, in the order they were applied. */
    fixed: AppliedFix[];
    /** The problems of `output`. */
    remaining: DocumentProblem[];
    /**
     * The document has syntax errors, so nothing was fixed (a fix computed on a half-parsed document
     * could break the text further). Also true when a fix would have introduced a syntax error: the
     * passes stopped before it, and `output` is the last text that parsed.
     */
    parseErrors: boolean;
    /** How many passes applied fixes. */
    passes: number;
}

/** The outcome of one pass over a text. */
export interface FixPass {
    output: string;
    applied: Array<{ problem: DocumentProblem; fix: FixModel }>;
}

/**
 * The fix fix-all applies for a problem: the preferred one whose edits all stay in the document. A
 * problem without a preferred fix is left to the user (its fixes are choices, not corrections).
 */
export function safeFix(problem: DocumentProblem, uri: string): FixModel | undefined {
    return problem.fixes.find(fix => fix.preferred === true && fix.edits.length > 0 && fix.edits.every(edit => edit.uri === uri));
}

/** True when the problems say the document does not parse. */
export function hasSyntaxErrors(problems: readonly DocumentProblem[]): boolean {
    return problems.some(problem => problem.source === 'syntax');
}

/**
 * One pass of ESLint's fix-all: the safe fix of each problem, ordered by where it starts; a fix that
 * overlaps (or touches) a fix already chosen is left for a later pass, which sees the new text. The
 * chosen edits are applied to `text` at once.
 */
export function fixPass(uri: string, text: string, problems: readonly DocumentProblem[]): FixPass {
    const document = TextDocument.create(uri, 'sysd', 0, text);
    const candidates: Array<{ problem: DocumentProblem; fix: FixModel; edits: Array<{ start: number; end: number; newText: string }>; start: number; end: number }> = [];
    for (const problem of problems) {
        const fix = safeFix(problem, uri);
        if (!fix) continue;
        const edits = fix.edits
            .map(edit => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }))
            .sort((a, b) => a.start - b.start || a.end - b.end);
        // A fix whose own edits overlap cannot be applied as one change.
        if (edits.some((edit, i) => edit.end < edit.start || (i > 0 && edit.start < edits[i - 1].end))) continue;
        candidates.push({ problem, fix, edits, start: edits[0].start, end: Math.max(...edits.map(edit => edit.end)) });
    }
    candidates.sort((a, b) => a.start - b.start || a.end - b.end);
    const chosen: typeof candidates = [];
    let lastEnd = -1;
    for (const candidate of candidates) {
        if (candidate.start <= lastEnd) continue;
        chosen.push(candidate);
        lastEnd = candidate.end;
    }
    let output = '';
    let at = 0;
    for (const { edits } of chosen) {
        for (const edit of edits) {
            output += text.slice(at, edit.start) + edit.newText;
            at = edit.end;
        }
    }
    output += text.slice(at);
    return { output, applied: chosen.map(({ problem, fix }) => ({ problem, fix })) };
}

/** Analyses a new text of the document being fixed: the problems it would have. */
export type Reanalyse = (text: string) => Promise<readonly DocumentProblem[]>;

/**
 * Fixes everything that can be fixed safely in one document's text, as ESLint's `--fix` does: a pass
 * applies the non-overlapping safe fixes, `reanalyse` checks the new text, and the next pass applies
 * what became fixable, until a pass changes nothing or {@link MAX_FIX_PASSES} passes ran. A document
 * with syntax errors is left as it is.
 */
export async function fixAllText(uri: string, text: string, problems: readonly DocumentProblem[], reanalyse: Reanalyse, maxPasses = MAX_FIX_PASSES): Promise<FixAllResult> {
    const result: FixAllResult = { uri, original: text, output: text, changed: false, fixed: [], remaining: [...problems], parseErrors: false, passes: 0 };
    if (hasSyntaxErrors(problems)) {
        result.parseErrors = true;
        return result;
    }
    let current = text;
    let currentProblems = problems;
    for (let pass = 1; pass <= maxPasses; pass++) {
        const { output, applied } = fixPass(uri, current, currentProblems);
        if (applied.length === 0 || output === current) break;
        const next = await reanalyse(output);
        if (hasSyntaxErrors(next)) {
            // A fix broke the text: keep the last text that parsed, and say so.
            // (A host fixing in place gets its workspace back to that text.)
            result.parseErrors = true;
            await reanalyse(current);
            break;
        }
        for (const { problem, fix } of applied) {
            result.fixed.push({ source: problem.source, code: problem.code, message: problem.message, title: fix.title, range: problem.range, pass });
        }
        result.passes = pass;
        current = output;
        currentProblems = next;
    }
    result.output = current;
    result.changed = current !== text;
    result.remaining = [...currentProblems];
    return result;
}

/**
 * Fixes a document of `analysis`'s own workspace in place: the workspace is rebuilt with the fixed
 * text, so every later question (the remaining problems, other documents' problems) sees it. For
 * hosts that own their workspace and may change it (the CLI); the text on disk is the host's business.
 */
export async function fixAllInPlace(analysis: SysdAnalysis, uri: string, maxPasses = MAX_FIX_PASSES): Promise<FixAllResult> {
    const document = documentOf(analysis, uri);
    const text = document.textDocument.getText();
    // Afterwards the workspace holds `output`.
    return fixAllText(uri, text, analysis.problems(document), next => replaceText(analysis, uri, next), maxPasses);
}

/**
 * Computes the fixes of a document without touching `analysis`'s workspace (the language server's,
 * which the user's edits own): the workspace's documents are copied into a private one, under the
 * configuration that applies to the document, and the passes after the first are analysed there.
 */
export async function fixAllPreview(analysis: SysdAnalysis, uri: string, maxPasses = MAX_FIX_PASSES): Promise<FixAllResult> {
    const document = documentOf(analysis, uri);
    const text = document.textDocument.getText();
    let shadow: SysdAnalysis | undefined;
    const reanalyse: Reanalyse = async next => {
        shadow ??= await shadowOf(analysis, uri);
        return replaceText(shadow, uri, next);
    };
    return fixAllText(uri, text, analysis.problems(document), reanalyse, maxPasses);
}

/** The edit that turns `original` into `output`: one replacement of the part that differs. */
export function minimalEdit(uri: string, original: string, output: string): TextEditModel | undefined {
    if (original === output) return undefined;
    let start = 0;
    const shorter = Math.min(original.length, output.length);
    while (start < shorter && original.charCodeAt(start) === output.charCodeAt(start)) start++;
    let end = 0;
    while (end < shorter - start && original.charCodeAt(original.length - 1 - end) === output.charCodeAt(output.length - 1 - end)) end++;
    // Never split a surrogate pair or a CRLF.
    while (start > 0 && isLowSurrogateOrLf(original, start)) start--;
    while (end > 0 && isLowSurrogateOrLf(original, original.length - end)) end--;
    const document = TextDocument.create(uri, 'sysd', 0, original);
    return {
        uri,
        range: { start: document.positionAt(start), end: document.positionAt(original.length - end) },
        newText: output.slice(start, output.length - end)
    };
}

function isLowSurrogateOrLf(text: string, index: number): boolean {
    const code = text.charCodeAt(index);
    return (code >= 0xdc00 && code <= 0xdfff) || (code === 10 && text.charCodeAt(index - 1) === 13);
}

function documentOf(analysis: SysdAnalysis, uri: string): LangiumDocument {
    const document = analysis.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    if (!document) throw new Error(`fix-all: the workspace does not hold ${uri}`);
    return document;
}

/** Replaces a document's text in `analysis`'s workspace, builds the workspace again, and returns the document's problems. */
async function replaceText(analysis: SysdAnalysis, uri: string, text: string): Promise<DocumentProblem[]> {
    const workspace = analysis.services.shared.workspace;
    // The text documents are where Langium reads a changed document's text; the documents that
    // depend on it are linked again against the new text.
    const version = (workspace.TextDocuments.get(uri)?.version ?? 0) + 1;
    workspace.TextDocuments.set(TextDocument.create(uri, 'sysd', version, text));
    await workspace.DocumentBuilder.update([URI.parse(uri)], []);
    return analysis.problems(uri);
}

/**
 * A private workspace holding a copy of every document of `analysis`, with the rule settings that
 * apply to `uri` given as one configuration for every document (the private workspace has no settings).
 */
async function shadowOf(analysis: SysdAnalysis, uri: string): Promise<SysdAnalysis> {
    const shadow = new SysdAnalysis(createSysdServices(EmptyFileSystem).Sysd);
    const rules: NonNullable<LintConfig['rules']> = {};
    for (const [id, rule] of analysis.configFor(uri)) rules[id] = [rule.severity, rule.options];
    shadow.configure({ configFile: { path: '<fix-all>', config: { rules } } });
    const workspace = shadow.services.shared.workspace;
    const copies: LangiumDocument[] = [];
    for (const document of analysis.services.shared.workspace.LangiumDocuments.all) {
        const copy = workspace.LangiumDocumentFactory.fromString<Model>(document.textDocument.getText(), document.uri);
        workspace.LangiumDocuments.addDocument(copy);
        copies.push(copy);
    }
    await workspace.DocumentBuilder.build(copies, { validation: false });
    return shadow;
}
