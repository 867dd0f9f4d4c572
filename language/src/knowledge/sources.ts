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
    section: string | undefined;
    remark: string | undefined;
}

const CITATION = /^\s*(\d{3})\s*(?:›\s*(?:"([^"]*)"|([^(]*?)))?\s*(?:\((.*)\))?\s*$/;

export function parseSource(citation: string): ParsedSource {
    const match = CITATION.exec(citation);
    if (!match) return { note: undefined, noteId: '', section: citation.trim() || undefined, remark: undefined };
    const [, noteId = '', quoted, bare, remark] = match;
    const heading = (quoted ?? bare ?? '').replace(/^#+\s*/, '').replace(/^[✅\s]+/u, '').trim();
    return { note: BY_ID.get(noteId), noteId, section: heading || undefined, remark: remark?.trim() || undefined };
}

/** A citation as a reader sees it: `Title (kind), section "Heading" (remark)`. */
export function formatSource(citation: string): string {
    const { note, noteId, section, remark } = parseSource(citation);
    const where = note ? `${note.title} (${note.kind})` : noteId ? `note ${noteId}` : '';
    const parts = [where, section ? `section "${section}"` : ''].filter(Boolean).join(', ');
    return remark ? `${parts} (${remark})` : parts;
}
