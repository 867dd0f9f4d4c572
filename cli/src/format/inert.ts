/**
 * Text from files (element names, messages, import paths, file names) and from the command line is
 * shown to people in a terminal, which acts on control characters: ESC starts sequences that can
 * retitle or clear the window, move the cursor or write to the clipboard, BEL rings, CR rewrites a
 * line, and bidirectional overrides make a line read differently from what it holds. These functions
 * show such characters as visible escapes (`\x1b`, `\u009b`, `\u202e`) so the output stays inert.
 */

/**
 * Whether a character is shown escaped: C0 controls, DEL, C1 controls (U+009B is a one-character
 * CSI), and the bidirectional marks, embeddings, overrides and isolates.
 */
function isControl(code: number): boolean {
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x061c || code === 0x200e || code === 0x200f
        || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function escapeControls(text: string, keep: (code: number) => boolean, escape: (code: number) => string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (!isControl(code) || keep(code)) continue;
        out += text.slice(from, i) + escape(code);
        from = i + 1;
    }
    return from === 0 ? text : out + text.slice(from);
}

function visible(code: number): string {
    if (code === 0x0a) return '\\n';
    if (code === 0x09) return '\\t';
    if (code === 0x0d) return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

const LINE_BREAK_OR_TAB = (code: number) => code === 0x0a || code === 0x09;
const NOTHING = () => false;

/** One line of text (a name, a path, a message): every control character, line breaks included, made visible. */
export function inert(text: string): string {
    return escapeControls(text, NOTHING, visible);
}

/** Text of several lines that we composed (a message on standard error): keeps `\n` and `\t`, shows the rest. */
export function inertLines(text: string): string {
    return escapeControls(text, LINE_BREAK_OR_TAB, visible);
}

/**
 * JSON for machines that people also read in a terminal: JSON.stringify escapes C0 controls but
 * writes C1 controls and bidirectional marks as they are. They can only occur inside strings, where
 * a `\uXXXX` escape means the same character, so the document parses to the same value.
 */
export function inertJson(json: string): string {
    return escapeControls(json, LINE_BREAK_OR_TAB, code => `\\u${code.toString(16).padStart(4, '0')}`);
}
