import type { Range } from '../model/types.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineText } from './text.js';

/** A `// sysd-ignore rule-a, rule-b -- reason` (or `sysd-ignore-file`) comment. */
export interface Suppression {
    uri: string;
    fileWide: boolean;
    rules: string[];
    reason?: string;
    line: number;
    range: Range;
    /** Rule ids that silenced at least one finding. */
    used: Set<string>;
}

const DIRECTIVE = /\/\/\s*sysd-ignore(-file)?\b(.*)$/;

/** Finds the suppression comments of one document. */
export function parseSuppressions(uri: string, document: TextDocument): Suppression[] {
    const result: Suppression[] = [];
    for (let line = 0; line < document.lineCount; line++) {
        const text = lineText(document, line);
        const match = DIRECTIVE.exec(text);
        if (!match || insideString(text, match.index)) continue;
        const [body, reason] = splitReason(match[2]);
        const rules = body.split(/[\s,]+/).map(s => s.trim()).filter(Boolean);
        result.push({
            uri, fileWide: match[1] !== undefined, rules, reason, line,
            range: { start: { line, character: match.index }, end: { line, character: text.length } },
            used: new Set()
        });
    }
    return result;
}

function splitReason(rest: string): [string, string | undefined] {
    const at = rest.indexOf('--');
    if (at < 0) return [rest, undefined];
    const reason = rest.slice(at + 2).trim();
    return [rest.slice(0, at), reason.length > 0 ? reason : undefined];
}

function insideString(line: string, index: number): boolean {
    let quote: string | undefined;
    for (let i = 0; i < index; i++) {
        const ch = line[i];
        if (quote) {
            if (ch === '\\') i++;
            else if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === "'") quote = ch;
    }
    return quote !== undefined;
}

/**
 * The line-level suppressions that apply to an element starting at `line`: those in the run of
 * comment lines directly above it (a doc comment may sit in between).
 */
export function suppressionsAbove(document: TextDocument, byLine: Map<number, Suppression>, line: number): Suppression[] {
    const found: Suppression[] = [];
    const own = byLine.get(line);
    if (own && !own.fileWide) found.push(own); // a trailing `// sysd-ignore` on the element's own line
    for (let l = line - 1; l >= 0; l--) {
        const text = lineText(document, l).trim();
        if (!(text.startsWith('//') || text.startsWith('/*') || text.startsWith('*'))) break;
        const suppression = byLine.get(l);
        if (suppression && !suppression.fileWide) found.push(suppression);
    }
    return found;
}
