/**
 * Text and id encoding for Mermaid. Mermaid has no general quoting rule: depending on the diagram
 * and the position, `"`, `#`, `;`, `|`, `:`, `%`, brackets and angle brackets end a label, start a
 * comment, split a statement or become HTML. Mermaid does decode its own entity codes (`#quot;`,
 * `#35;`, ...) in every label, so every character that could mean something is written that way.
 * Letters, digits, a few harmless punctuation marks and all non-ASCII text stay readable.
 */
import { plainText } from '../text.js';

/** Characters kept as they are (besides letters, digits and non-ASCII text). */
const PLAIN = /[A-Za-z0-9 .,_\-/()+*=!?@$~^']/;

/**
 * Characters Mermaid uses as private markers while it decodes entities (`ﬂ°°35¶ß` stands for `#35;`
 * internally); written literally they would be turned into something else, so they are encoded too.
 */
const MARKERS = new Set(['ﬂ', '°', '¶', 'ß']);

/**
 * Encodes a text for use inside a Mermaid label, title, alias or message. Line breaks become spaces
 * and other control characters are dropped; the result never contains a character that is syntax
 * anywhere in a flowchart or sequence diagram.
 */
export function mermaidText(text: string | undefined): string {
    let out = '';
    // One line of text without controls, bidi overrides or lone surrogates (see `plainText`).
    for (const ch of plainText(text)) {
        const code = ch.codePointAt(0)!;
        if (code > 127 && !MARKERS.has(ch)) out += ch;
        else if (code <= 127 && PLAIN.test(ch)) out += ch;
        else if (ch === '"') out += '#quot;';
        else out += `#${code};`;
    }
    // Mermaid refuses empty labels, titles and aliases: an empty text becomes a no-break space.
    return out.trim() === '' ? '#160;' : out;
}

/** A quoted flowchart label: `"..."` with every special character encoded. */
export function quoted(text: string | undefined): string {
    return `"${mermaidText(text)}"`;
}

/**
 * Encodes a qualified name into the characters Mermaid accepts in ids (`[A-Za-z0-9_]`), injectively:
 * `.` becomes `__`, `_` becomes `_u`, `-` becomes `_h`, anything else `_x<hex>_`. Every `_` starts an
 * escape whose next character says what it stands for, so two different names never share an id.
 */
export function encodeIdPart(name: string | undefined): string {
    let out = '';
    // A missing id (a half-written element) encodes as empty; callers add their own prefix.
    for (const ch of typeof name === 'string' ? name : '') {
        if (/[A-Za-z0-9]/.test(ch)) out += ch;
        else if (ch === '.') out += '__';
        else if (ch === '_') out += '_u';
        else if (ch === '-') out += '_h';
        else out += `_x${ch.codePointAt(0)!.toString(16)}_`;
    }
    return out;
}

/**
 * Text for Markdown prose (headings and table cells): the characters Markdown or HTML would read as
 * syntax are backslash-escaped or written as HTML entities, so names show as written.
 */
export function markdownText(text: string | undefined): string {
    return plainText(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}
