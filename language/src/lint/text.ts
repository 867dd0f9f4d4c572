import { CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../model/types.js';

/**
 * A document for converting between offsets and LSP positions, with the same line breaks as Langium's
 * documents (`\n`, `\r\n` and a lone `\r`), so model locations and fix edits agree with the editor.
 */
export function textDocument(text: string, uri = 'sysd:text'): TextDocument {
    return TextDocument.create(uri, 'sysd', 0, text);
}

/** The text of line `line` without its line break, or '' past the end of the document. */
export function lineText(document: TextDocument, line: number): string {
    if (line < 0 || line >= document.lineCount) return '';
    return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

// ---------------------------------------------------------------- the concrete syntax tree

/** The names of the comment terminals: hidden leaves of the CST that are comments (whitespace has no leaves). */
export const COMMENT_TERMINALS: ReadonlySet<string> = new Set(['SL_COMMENT', 'ML_COMMENT']);

/** True for a comment leaf of the CST. */
export function isComment(node: CstNode | undefined): node is LeafCstNode {
    return node !== undefined && isLeafCstNode(node) && node.hidden && COMMENT_TERMINALS.has(node.tokenType.name);
}

function samePosition(a: Position, b: Position): boolean {
    return a.line === b.line && a.character === b.character;
}

function sameRange(a: Range, b: Range): boolean {
    return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

/**
 * The AST node whose CST range is exactly `range` (the innermost one when several share it), found
 * from the leaf at the range's start by walking up the containers. Undefined when no node has that
 * range (the document changed since the model was built, or `range` is not an element's).
 */
export function nodeAtRange(document: LangiumDocument, range: Range): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
    for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
        const own = node.$cstNode?.range;
        if (!own) continue;
        if (sameRange(own, range)) return node;
        // Containers only grow: once one reaches past the range on either side, none further up matches.
        if (own.start.line < range.start.line || (own.start.line === range.start.line && own.start.character < range.start.character)) return undefined;
    }
    return undefined;
}

/**
 * The CST nodes (a leaf and the composites around it) whose range is exactly `range`, innermost first:
 * a one-word name is a leaf inside a `QualifiedName` node inside the reference, all with one range.
 */
export function cstNodesAtRange(document: LangiumDocument, range: Range): CstNode[] {
    const root = document.parseResult.value.$cstNode;
    if (!root) return [];
    const found: CstNode[] = [];
    for (let node: CstNode | undefined = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start)); node; node = node.container) {
        if (sameRange(node.range, range)) found.push(node);
        else if (found.length > 0) break;
    }
    return found;
}

/** The leaves of the CST in document order, comments included, for stepping to a neighbour in O(1). */
export class Leaves {
    readonly all: readonly LeafCstNode[];
    private readonly index = new Map<LeafCstNode, number>();

    constructor(root: CstNode | undefined) {
        this.all = root ? CstUtils.flattenCst(root).toArray() : [];
        this.all.forEach((leaf, i) => this.index.set(leaf, i));
    }

    /** The leaf before `leaf` (a comment too), or undefined at the start of the document. */
    before(leaf: LeafCstNode): LeafCstNode | undefined {
        const i = this.index.get(leaf);
        return i === undefined || i === 0 ? undefined : this.all[i - 1];
    }

    /** The leaf after `leaf` (a comment too), or undefined at the end of the document. */
    after(leaf: LeafCstNode): LeafCstNode | undefined {
        const i = this.index.get(leaf);
        return i === undefined ? undefined : this.all[i + 1];
    }

    /** The first leaf that ends after `offset` (the one at or after it), by binary search. */
    at(offset: number): LeafCstNode | undefined {
        let lo = 0;
        let hi = this.all.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.all[mid].end <= offset) lo = mid + 1;
            else hi = mid;
        }
        return this.all[lo];
    }
}

const leavesCache = new WeakMap<CstNode, Leaves>();

/** The leaves of a document's CST, computed once per parse (the root CST node changes with every parse). */
export function leavesOf(document: LangiumDocument): Leaves {
    const root = document.parseResult.value.$cstNode;
    if (!root) return new Leaves(undefined);
    let found = leavesCache.get(root);
    if (!found) leavesCache.set(root, (found = new Leaves(root)));
    return found;
}

/** The first and last leaves of a CST node that are not comments. */
export function firstToken(node: CstNode): LeafCstNode | undefined {
    return CstUtils.flattenCst(node).find(leaf => !leaf.hidden);
}

export function lastToken(node: CstNode): LeafCstNode | undefined {
    let last: LeafCstNode | undefined;
    for (const leaf of CstUtils.flattenCst(node)) if (!leaf.hidden) last = leaf;
    return last;
}

/**
 * The statement a position belongs to: the outermost AST node that contains the position's leaf and
 * starts on the same line as the innermost node there (so `service A { calls B }` is one statement,
 * while a relation on its own line inside a block is its own statement). Undefined outside any element.
 */
export function statementAt(document: LangiumDocument, offset: number): AstNode | undefined {
    // The token at the offset, or the next one on the same line when the offset is in spaces.
    const leaf = leavesOf(document).at(offset);
    if (!leaf || leaf.hidden || leaf.range.start.line !== document.textDocument.positionAt(offset).line) return undefined;
    let node: AstNode | undefined = leaf.astNode;
    if (!node?.$container) return undefined; // the document's root
    const line = node.$cstNode!.range.start.line;
    while (node.$container?.$container && node.$container.$cstNode && node.$container.$cstNode.range.start.line === line) node = node.$container;
    return node;
}

/** The spaces and tabs from the start of `line` up to its first other character. */
export function indentOfLine(document: TextDocument, line: number): string {
    const text = lineText(document, line);
    let end = 0;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return text.slice(0, end);
}

/** The document's line break: `\r\n` when its first line break is one, else `\n`. */
export function lineBreakOf(text: string): string {
    const at = text.indexOf('\n');
    return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}
