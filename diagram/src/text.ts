/**
 * The one gate every model string passes before it becomes part of a picture or an exported text.
 * The model is built from whatever the editor holds: a half-written declaration leaves a name or an
 * id undefined, and a name may hold anything a tool or a future grammar lets through. Each exporter
 * still escapes for its own target; this module only makes the text total and free of characters
 * that would act instead of show (terminal escapes, bidi overrides, line breaks inside one label).
 */

/** Shown for an element that has no name yet (a keyword typed without its name). */
export const UNNAMED = '(unnamed)';

/** Longest label drawn; longer names are cut with an ellipsis so one name cannot blow up a layout. */
export const MAX_LABEL = 200;

/** Characters that break a line: replaced by a space, so a label stays on its one line. */
function isLineBreak(code: number): boolean {
    return code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d
        || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/**
 * Characters that do something instead of showing something: the C0 and C1 controls (ESC starts a
 * terminal sequence, BEL rings, NUL ends C strings), DEL, the bidi embeddings, overrides, isolates and
 * marks (they reorder the text around them), and the noncharacters U+FFFE and U+FFFF. They are dropped.
 */
function isInvisibleControl(code: number): boolean {
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f)
        || code === 0x061c || code === 0x200e || code === 0x200f
        || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
        || code === 0xfffe || code === 0xffff;
}

/**
 * A model value as one line of plain text: anything that is not a string becomes empty, line breaks
 * become one space, controls are dropped and a lone surrogate (half of an emoji cut in two) becomes
 * U+FFFD, so every target encoding downstream sees well-formed Unicode.
 */
export function plainText(value: unknown): string {
    if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
    let out = '';
    let inBreak = false;
    for (const ch of value) {
        const code = ch.codePointAt(0)!;
        if (isLineBreak(code)) {
            if (!inBreak) out += ' ';
            inBreak = true;
            continue;
        }
        inBreak = false;
        if (isInvisibleControl(code)) continue;
        // Iterating a string by code points yields a lone surrogate as a one-unit string.
        out += code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : ch;
    }
    return out;
}

/** At most `max` code points of `text`, the last one an ellipsis when something was cut. */
export function clip(text: string, max = MAX_LABEL): string {
    if (text.length <= max) return text;
    const points = [...text];
    return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * What to call an element: its name (as plain one-line text, clipped to `MAX_LABEL`), or when it has
 * none (the name of a half-written element is undefined) the last segment of its id, or `(unnamed)`.
 */
export function displayName(name: unknown, id?: unknown): string {
    if (typeof name === 'string') return clip(plainText(name));
    const qualified = plainText(id);
    const last = qualified.slice(qualified.lastIndexOf('.') + 1).trim();
    return last !== '' ? clip(last) : UNNAMED;
}

/** An id the graph can use: a non-empty string, else undefined (the element is left out). */
export function usableId(value: unknown): string | undefined {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
