import type { SourceLocation } from '../model/types.js';
import { LineIndex } from './text.js';
import type { Fixer, TextEditModel } from './types.js';

/** Builds fixes from element locations and the documents' text, preserving the author's layout. */
export function createFixer(text: (uri: string) => string | undefined): Fixer {
    const indexes = new Map<string, LineIndex>();
    const index = (uri: string): LineIndex | undefined => {
        let found = indexes.get(uri);
        if (!found) {
            const source = text(uri);
            if (source === undefined) return undefined;
            found = new LineIndex(source);
            indexes.set(uri, found);
        }
        return found;
    };

    const insertIntoBlock = (loc: SourceLocation, member: string, multiLineAllowed: boolean): TextEditModel | undefined => {
        const lines = index(loc.uri);
        if (!lines) return undefined;
        const start = lines.offset(loc.range.start);
        const end = lines.offset(loc.range.end);
        const body = lines.text.slice(start, end);
        const trimmedEnd = body.trimEnd();
        if (!trimmedEnd.endsWith('}')) {
            const at = lines.position(start + trimmedEnd.length);
            return { uri: loc.uri, range: { start: at, end: at }, newText: ` { ${member} }` };
        }
        const closeOffset = start + trimmedEnd.length - 1;
        const open = matchingOpenBrace(lines.text, closeOffset);
        const inner = lines.text.slice(open + 1, closeOffset);
        const closePos = lines.position(closeOffset);
        const openPos = lines.position(open);
        if (inner.trim().length === 0 && openPos.line === closePos.line) {
            return { uri: loc.uri, range: { start: lines.position(open + 1), end: closePos }, newText: ` ${member} ` };
        }
        if (openPos.line === closePos.line || !multiLineAllowed) {
            // `{ a; b }` -> `{ a; b; member }`
            const innerTrimmed = inner.replace(/\s+$/, '');
            const afterContent = open + 1 + innerTrimmed.length;
            const separator = innerTrimmed.trimEnd().endsWith(';') ? ' ' : '; ';
            return { uri: loc.uri, range: { start: lines.position(afterContent), end: lines.position(afterContent) }, newText: `${separator}${member}` };
        }
        // Multi-line block: a new line before the closing brace, indented like the other members.
        const elementIndent = /^\s*/.exec(lines.line(openPos.line))![0];
        let memberIndent = `${elementIndent}    `;
        for (let l = closePos.line - 1; l > openPos.line; l--) {
            const content = lines.line(l);
            if (content.trim().length > 0) {
                memberIndent = /^\s*/.exec(content)![0];
                break;
            }
        }
        const closeLineText = lines.line(closePos.line);
        if (closeLineText.slice(0, closePos.character).trim().length === 0) {
            const at = { line: closePos.line, character: 0 };
            return { uri: loc.uri, range: { start: at, end: at }, newText: `${memberIndent}${member}\n` };
        }
        let contentEnd = closeOffset;
        while (contentEnd > open + 1 && /[ \t]/.test(lines.text[contentEnd - 1])) contentEnd--;
        return { uri: loc.uri, range: { start: lines.position(contentEnd), end: closePos }, newText: `\n${memberIndent}${member}\n${elementIndent}` };
    };

    return {
        addProperty: (loc, member) => insertIntoBlock(loc, member, true),
        addRelationOption: (loc, option) => insertIntoBlock(loc, option, true),
        replaceIn(loc, pattern, replacement) {
            const lines = index(loc.uri);
            if (!lines) return undefined;
            const start = lines.offset(loc.range.start);
            const body = lines.text.slice(start, lines.offset(loc.range.end));
            const match = pattern.exec(body);
            if (!match) return undefined;
            return {
                uri: loc.uri,
                range: { start: lines.position(start + match.index), end: lines.position(start + match.index + match[0].length) },
                newText: match[0].replace(pattern, replacement)
            };
        },
        insertAfter(loc, inserted) {
            return { uri: loc.uri, range: { start: loc.range.end, end: loc.range.end }, newText: inserted };
        },
        insertLineBefore(loc, line) {
            const lines = index(loc.uri);
            if (!lines) return undefined;
            const indent = /^\s*/.exec(lines.line(loc.range.start.line))![0];
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
