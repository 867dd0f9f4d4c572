import { TextDocument } from 'vscode-languageserver-textdocument';

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

/**
 * Same-length copy of `text` with comments and string literals blanked out (line breaks kept), so
 * patterns searched in it never match inside a comment or a string and offsets stay valid.
 */
export function maskCommentsAndStrings(text: string): string {
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        const next = text[i + 1];
        let stop: number;
        if (ch === '/' && next === '/') {
            const newline = text.indexOf('\n', i);
            stop = newline < 0 ? text.length : newline;
        } else if (ch === '/' && next === '*') {
            const close = text.indexOf('*/', i + 2);
            stop = close < 0 ? text.length : close + 2;
        } else if (ch === '"' || ch === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            stop = Math.min(j + 1, text.length);
        } else {
            out.push(ch);
            i++;
            continue;
        }
        out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
        i = stop;
    }
    return out.join('');
}
