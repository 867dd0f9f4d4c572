import type { ComponentModel, SourceLocation } from '../../model/types.js';
import { LineIndex } from '../text.js';

/**
 * Text helpers shared by the data rules' quick fixes. The model says *what* a store declares; these
 * find *where* a nested block (`replication leaderless { ... }`) is written so a fix can edit inside it.
 */

/** The text with comments and strings blanked out (same length), so patterns never match inside them. */
function maskComments(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        const next = text[i + 1];
        if (ch === '/' && next === '/') {
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? text.length : end;
            out += ' '.repeat(stop - i);
            i = stop;
        } else if (ch === '/' && next === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            out += text.slice(i, stop).replace(/[^\n]/g, ' ');
            i = stop;
        } else if (ch === '"' || ch === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            const stop = Math.min(j + 1, text.length);
            out += ' '.repeat(stop - i);
            i = stop;
        } else {
            out += ch;
            i++;
        }
    }
    return out;
}

/**
 * Location of the replication block of a component: from the strategy keyword (`leaderless`,
 * `multi-leader`, `single-leader`) to its closing brace, or just the keyword when it has no braces.
 * Undefined when the component's text does not declare that strategy (e.g. it comes from the technology).
 */
export function replicationBlock(
    text: (uri: string) => string | undefined,
    component: ComponentModel,
    strategy: 'leaderless' | 'multi-leader' | 'single-leader'
): SourceLocation | undefined {
    const source = text(component.loc.uri);
    if (source === undefined) return undefined;
    const lines = new LineIndex(source);
    const start = lines.offset(component.loc.range.start);
    const end = lines.offset(component.loc.range.end);
    const body = maskComments(source.slice(start, end));
    const pattern = new RegExp(`\\breplication\\s+(${strategy})(?![\\w-])`, 'g');
    let last: RegExpExecArray | null = null;
    for (let m = pattern.exec(body); m; m = pattern.exec(body)) last = m; // the last declaration wins
    if (!last) return undefined;
    const keywordStart = last.index + last[0].length - strategy.length;
    let cursor = last.index + last[0].length;
    while (cursor < body.length && /\s/.test(body[cursor])) cursor++;
    let blockEnd = last.index + last[0].length;
    if (body[cursor] === '{') {
        let depth = 0;
        for (let i = cursor; i < body.length; i++) {
            if (body[i] === '{') depth++;
            else if (body[i] === '}') {
                depth--;
                if (depth === 0) {
                    blockEnd = i + 1;
                    break;
                }
            }
        }
        if (depth !== 0 && blockEnd <= cursor) return undefined;
    }
    return {
        uri: component.loc.uri,
        range: { start: lines.position(start + keywordStart), end: lines.position(start + blockEnd) }
    };
}

/** True when `pattern` matches the text inside `loc`, comments and strings ignored. */
export function declares(text: (uri: string) => string | undefined, loc: SourceLocation, pattern: RegExp): boolean {
    const source = text(loc.uri);
    if (source === undefined) return false;
    const lines = new LineIndex(source);
    return pattern.test(maskComments(lines.slice(loc.range)));
}
