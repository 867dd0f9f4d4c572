/**
 * The system-design notes that sysd's rules and topics rest on, and how a citation of them is
 * shown to a reader. Rule `meta.grounding.seeds` and topic `seeds` cite a note by its number and a
 * heading, as `004 › "#### What exactly is a monolithic application?" (why it matters here)`; a
 * reader sees the note's title and the section instead of the number and the Markdown marks:
 * `Distributed Design Patterns (course slides), section "What exactly is a monolithic application?" (why it matters here)`.
 */
export interface SourceNote {
    /** The number the citations use. */
    id: string;
    /** The note's title, as a reader would look it up. */
    title: string;
    /** What kind of text it is. */
    kind: string;
}

export const SOURCE_NOTES: readonly SourceNote[] = [
    { id: '000', title: 'Performance Patterns', kind: 'architecture notes' },
    { id: '001', title: 'System Design Notes', kind: 'study notes after Designing Data-Intensive Applications, ByteByteGo and the System Design Primer' },
    { id: '002', title: 'Designing Data-Intensive Applications', kind: 'book notes' },
    { id: '003', title: 'High Level Design', kind: 'architecture notes' },
    { id: '004', title: 'Distributed Design Patterns', kind: 'course slides' }
];

const BY_ID = new Map(SOURCE_NOTES.map(note => [note.id, note]));

/** A citation split into its note, its section heading (without `#` marks) and a trailing remark. */
export interface ParsedSource {
    note: SourceNote | undefined;
    noteId: string;
    /** The heading, or the path of headings joined by ` › ` (`Chapter 5 - Replication › Handling Node Outages`). */
    section: string | undefined;
    remark: string | undefined;
}

/**
 * Reads `004 › "#### Heading" (remark)`, also with a path of headings (`› "## Part" › "### Section"`),
 * bare headings and bold ones (`"**Quorums for reading and writing**"`). A remark in parentheses after
 * a heading that is not the last qualifies that heading and stays with it.
 */
export function parseSource(citation: string): ParsedSource {
    const match = /^\s*(\d{3})(?!\d)(.*)$/s.exec(citation);
    if (!match) return { note: undefined, noteId: '', section: citation.trim() || undefined, remark: undefined };
    const [, noteId, rest] = match;
    const headings: string[] = [];
    let remark: string | undefined;
    let text = rest.trim();
    while (text.length > 0) {
        if (text.startsWith('›')) {
            text = text.slice(1).trim();
            continue;
        }
        let heading = '';
        const quoted = /^"([^"]*)"/.exec(text);
        if (quoted) {
            heading = quoted[1];
            text = text.slice(quoted[0].length).trim();
        } else if (!text.startsWith('(')) {
            const bare = /^[^(›]*/.exec(text)![0];
            heading = bare;
            text = text.slice(bare.length).trim();
        }
        if (text.startsWith('(')) {
            const close = closingParenthesis(text);
            const inside = text.slice(1, close).trim();
            text = text.slice(close + 1).trim();
            if (text.startsWith('›') && heading) heading = `${heading} (${inside})`;
            else remark = inside || undefined;
        }
        const cleaned = cleanHeading(heading);
        if (cleaned) headings.push(cleaned);
    }
    return { note: BY_ID.get(noteId), noteId, section: headings.length > 0 ? headings.join(' › ') : undefined, remark };
}

/** A heading without its `#` marks, a leading check mark or surrounding bold marks. */
function cleanHeading(heading: string): string {
    return heading.replace(/\s+/g, ' ').trim().replace(/^#+\s*/, '').replace(/^[✅\s]+/u, '').replace(/^\*\*(.*)\*\*$/, '$1').trim();
}

/** Index of the parenthesis closing the one `text` starts with (the last character when unbalanced). */
function closingParenthesis(text: string): number {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) return i;
    }
    return text.length - 1;
}

/** A citation as a reader sees it: `Title (kind), section "Heading" (remark)`. */
export function formatSource(citation: string): string {
    const { note, noteId, section, remark } = parseSource(citation);
    const where = note ? `${note.title} (${note.kind})` : noteId ? `note ${noteId}` : '';
    const parts = [where, section ? `section "${section}"` : ''].filter(Boolean).join(', ');
    return remark ? `${parts} (${remark})` : parts;
}
