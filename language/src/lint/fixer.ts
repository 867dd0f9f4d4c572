import type { SourceLocation } from '../model/types.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineText, maskCommentsAndStrings, textDocument } from './text.js';
import type { Fixer, MemberSearch, TextEditModel } from './types.js';

/** A document's text, for converting offsets and positions, and a masked copy (comments and strings blanked out). */
interface Source {
    text: string;
    document: TextDocument;
    masked: string;
}

/** A match of a member pattern inside an element; `start` is the document offset of the element's text. */
interface MemberMatch {
    source: Source;
    start: number;
    match: RegExpExecArray;
}

/** Builds fixes from element locations and the documents' text, preserving the author's layout. */
export function createFixer(text: (uri: string) => string | undefined): Fixer {
    const sources = new Map<string, Source>();
    const sourceOf = (uri: string): Source | undefined => {
        let found = sources.get(uri);
        if (!found) {
            const written = text(uri);
            if (written === undefined) return undefined;
            let masked: string | undefined;
            found = {
                text: written,
                document: textDocument(written, uri),
                // Masked on first use: most fixes never search members.
                get masked() {
                    return (masked ??= maskCommentsAndStrings(written));
                }
            };
            sources.set(uri, found);
        }
        return found;
    };
    const index = (uri: string): Source | undefined => sourceOf(uri);

    /**
     * Matches of `pattern` in the element's masked text at brace depth 1 (directly among its members,
     * counting from where `loc` starts), or deeper too with `nested`.
     */
    const memberMatches = (loc: SourceLocation, pattern: RegExp, nested = false): MemberMatch[] => {
        const source = sourceOf(loc.uri);
        if (!source) return [];
        const start = source.document.offsetAt(loc.range.start);
        const body = source.masked.slice(start, source.document.offsetAt(loc.range.end));
        const global = new RegExp(pattern.source, [...new Set([...pattern.flags, 'g', 'd'])].join(''));
        const depths: number[] = [];
        let depth = 0;
        // By UTF-16 index, as match positions are: iterating by code point would shift every depth after an emoji.
        for (let i = 0; i < body.length; i++) {
            depths.push(depth);
            if (body[i] === '{') depth++;
            else if (body[i] === '}') depth--;
        }
        const found: MemberMatch[] = [];
        for (let m = global.exec(body); m; m = global.exec(body)) {
            if (m[0].length === 0) global.lastIndex++;
            if (depths[m.index] === 1 || (nested && depths[m.index] > 1)) found.push({ source, start, match: m });
        }
        return found;
    };

    const replaceMember = (loc: SourceLocation, pattern: RegExp, replacement: string, options?: MemberSearch): TextEditModel | undefined => {
        const all = memberMatches(loc, pattern, options?.nested);
        const last = all[all.length - 1];
        if (!last) return undefined;
        const { source: { text: written, document }, start, match } = last;
        const from = start + match.index;
        // Groups come from the document (not the masked copy) and are expanded by hand: lookarounds in
        // `pattern` would not match again on the matched text alone.
        const group = (n: number) => {
            const span = match.indices?.[n];
            return span ? written.slice(start + span[0], start + span[1]) : '';
        };
        return {
            uri: loc.uri,
            range: { start: document.positionAt(from), end: document.positionAt(from + match[0].length) },
            newText: replacement.replace(/\$(\d)/g, (_, n: string) => group(Number(n)))
        };
    };

    const blockOf = (loc: SourceLocation, head: string): SourceLocation | undefined => {
        const words = head.trim().split(/\s+/);
        const keyword = words[words.length - 1];
        const pattern = new RegExp(`\\b${words.map(escapeRegExp).join('\\s+')}(?![\\w-])`);
        const found = memberMatches(loc, pattern);
        const last = found[found.length - 1];
        if (!last) return undefined;
        const { source: { document, masked }, start, match } = last;
        const headEnd = start + match.index + match[0].length;
        const end = blockEnd(masked, headEnd, document.offsetAt(loc.range.end));
        if (end === undefined) return undefined;
        return { uri: loc.uri, range: { start: document.positionAt(headEnd - keyword.length), end: document.positionAt(end) } };
    };

    const insertIntoBlock = (loc: SourceLocation, member: string, multiLineAllowed: boolean): TextEditModel | undefined => {
        const source = index(loc.uri);
        if (!source) return undefined;
        const { text: written, document } = source;
        const start = document.offsetAt(loc.range.start);
        const end = document.offsetAt(loc.range.end);
        const body = written.slice(start, end);
        const trimmedEnd = body.trimEnd();
        if (!trimmedEnd.endsWith('}')) {
            const at = document.positionAt(start + trimmedEnd.length);
            return { uri: loc.uri, range: { start: at, end: at }, newText: ` { ${member} }` };
        }
        const closeOffset = start + trimmedEnd.length - 1;
        const open = matchingOpenBrace(written, closeOffset);
        const inner = written.slice(open + 1, closeOffset);
        const closePos = document.positionAt(closeOffset);
        const openPos = document.positionAt(open);
        if (inner.trim().length === 0 && openPos.line === closePos.line) {
            return { uri: loc.uri, range: { start: document.positionAt(open + 1), end: closePos }, newText: ` ${member} ` };
        }
        if (openPos.line === closePos.line || !multiLineAllowed) {
            // `{ a; b }` -> `{ a; b; member }`
            const innerTrimmed = inner.replace(/\s+$/, '');
            const afterContent = open + 1 + innerTrimmed.length;
            const separator = innerTrimmed.trimEnd().endsWith(';') ? ' ' : '; ';
            return { uri: loc.uri, range: { start: document.positionAt(afterContent), end: document.positionAt(afterContent) }, newText: `${separator}${member}` };
        }
        // Multi-line block: a new line before the closing brace, indented like the other members.
        const elementIndent = /^\s*/.exec(lineText(document, openPos.line))![0];
        let memberIndent = `${elementIndent}    `;
        for (let l = closePos.line - 1; l > openPos.line; l--) {
            const content = lineText(document, l);
            if (content.trim().length > 0) {
                memberIndent = /^\s*/.exec(content)![0];
                break;
            }
        }
        const closeLineText = lineText(document, closePos.line);
        if (closeLineText.slice(0, closePos.character).trim().length === 0) {
            const at = { line: closePos.line, character: 0 };
            return { uri: loc.uri, range: { start: at, end: at }, newText: `${memberIndent}${member}\n` };
        }
        let contentEnd = closeOffset;
        while (contentEnd > open + 1 && /[ \t]/.test(written[contentEnd - 1])) contentEnd--;
        return { uri: loc.uri, range: { start: document.positionAt(contentEnd), end: closePos }, newText: `\n${memberIndent}${member}\n${elementIndent}` };
    };

    return {
        addProperty: (loc, member) => insertIntoBlock(loc, member, true),
        addRelationOption: (loc, option) => insertIntoBlock(loc, option, true),
        replaceIn(loc, pattern, replacement) {
            const source = index(loc.uri);
            if (!source) return undefined;
            const { text: written, document } = source;
            const start = document.offsetAt(loc.range.start);
            const body = written.slice(start, document.offsetAt(loc.range.end));
            const match = pattern.exec(body);
            if (!match) return undefined;
            return {
                uri: loc.uri,
                range: { start: document.positionAt(start + match.index), end: document.positionAt(start + match.index + match[0].length) },
                newText: match[0].replace(pattern, replacement)
            };
        },
        insertAfter(loc, inserted) {
            return { uri: loc.uri, range: { start: loc.range.end, end: loc.range.end }, newText: inserted };
        },
        declares: (loc, pattern, options) => memberMatches(loc, pattern, options?.nested).length > 0,
        replaceMember,
        removeFlag(loc, flag) {
            const word = escapeRegExp(flag);
            const alone = new RegExp(`\\n[ \\t]*${word}(?![\\w-])[ \\t]*;?[ \\t]*(?=\\r?\\n)`);
            const inline = new RegExp(`(?<=[{;\\s])${word}(?![\\w-])[ \\t]*;?[ \\t]*`);
            // The line break before a flag alone on its line sits at depth 1 too, so one matcher finds both forms.
            return replaceMember(loc, alone, '') ?? replaceMember(loc, inline, '');
        },
        blockOf,
        addToBlock(loc, head, member) {
            const block = blockOf(loc, head);
            return block ? insertIntoBlock(block, member, true) : insertIntoBlock(loc, `${head} { ${member} }`, true);
        },
        textAt(loc) {
            return index(loc.uri)?.document.getText(loc.range);
        },
        referenceAt(loc) {
            const written = index(loc.uri)?.document.getText(loc.range).trim();
            return written !== undefined && /^[\w.-]+$/.test(written) ? written : undefined;
        },
        indentAt(loc) {
            const source = index(loc.uri);
            return source ? /^[ \t]*/.exec(lineText(source.document, loc.range.start.line))![0] : '';
        },
        insertLineBefore(loc, line) {
            const source = index(loc.uri);
            if (!source) return undefined;
            const indent = /^\s*/.exec(lineText(source.document, loc.range.start.line))![0];
            const at = { line: loc.range.start.line, character: 0 };
            return { uri: loc.uri, range: { start: at, end: at }, newText: `${indent}${line}\n` };
        }
    };
}

function matchingOpenBrace(text: string, closeOffset: number): number {
    let depth = 0;
    for (let i = closeOffset; i >= 0; i--) {
        const ch = text[i];
        if (ch === '}') depth++;
        else if (ch === '{') {
            depth--;
            if (depth === 0) return i;
        }
    }
    return closeOffset;
}

/**
 * Offset just past the block that follows a head ending at `headEnd`: its closing brace, or the head's
 * end when no brace follows. Undefined when the braces do not balance before `limit` (the element's end).
 */
function blockEnd(masked: string, headEnd: number, limit: number): number | undefined {
    let cursor = headEnd;
    while (cursor < limit && /\s/.test(masked[cursor])) cursor++;
    if (cursor >= limit || masked[cursor] !== '{') return headEnd;
    let depth = 0;
    for (let i = cursor; i < limit; i++) {
        if (masked[i] === '{') depth++;
        else if (masked[i] === '}' && --depth === 0) return i + 1;
    }
    return undefined;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
