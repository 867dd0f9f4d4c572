/**
 * Text and id encoding for Mermaid. Mermaid has no general quoting rule: depending on the diagram
 * and the position, `"`, `#`, `;`, `|`, `:`, `%`, brackets and angle brackets end a label, start a
 * comment, split a statement or become HTML. Mermaid does decode its own entity codes (`#quot;`,
 * `#35;`, ...) in every label, so every character that could mean something is written that way.
 * Letters, digits, a few harmless punctuation marks and all non-ASCII text stay readable.
 */

/** Characters kept as they are (besides letters, digits and non-ASCII text). */
const PLAIN = /[A-Za-z0-9 .,_\-/()+*=!?@$~^']/;

/**
 * Characters Mermaid uses as private markers while it decodes entities (`ﬂ°°35¶ß` stands for `#35;`
 * internally); written literally they would be turned into something else, so they are encoded too.
 */
const MARKERS = new Set(['ﬂ', '°', '¶', 'ß']);

/**
 * Replaces each run of characters that break a line or show as nothing (the C0 controls, DEL, the
 * Unicode line and paragraph separators) with one space. A loop over code points states the set
 * plainly; a regular expression spelling control characters reads like a typo (no-control-regex).
 */
function flattenLines(text: string): string {
    let out = '';
    let inRun = false;
    for (const ch of text) {
        const code = ch.codePointAt(0)!;
        const breaks = code <= 0x1f || code === 0x7f || code === 0x2028 || code === 0x2029;
        if (!breaks) out += ch;
        else if (!inRun) out += ' ';
        inRun = breaks;
    }
    return out;
}

/**
 * Encodes a text for use inside a Mermaid label, title, alias or message. Line breaks and other
 * control characters become spaces; the result never contains a character that is syntax anywhere
 * in a flowchart or sequence diagram.
 */
export function mermaidText(text: string | undefined): string {
    let out = '';
    for (const ch of flattenLines(String(text ?? ''))) {
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
export function quoted(text: string): string {
    return `"${mermaidText(text)}"`;
}

/**
 * Encodes a qualified name into the characters Mermaid accepts in ids (`[A-Za-z0-9_]`), injectively:
 * `.` becomes `__`, `_` becomes `_u`, `-` becomes `_h`, anything else `_x<hex>_`. Every `_` starts an
 * escape whose next character says what it stands for, so two different names never share an id.
 */
export function encodeIdPart(name: string): string {
    let out = '';
    for (const ch of name) {
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
export function markdownText(text: string): string {
    return flattenLines(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}
