import type { AstNode, LangiumDocument, LeafCstNode } from 'langium';
import type { Range } from '../model/types.js';
import { firstToken, indentOfLine, isComment, leavesOf, lineBreakOf, statementAt, type Leaves } from './text.js';
import type { TextEditModel } from './types.js';

/** The text that stands for the reason of an inserted suppression until the user writes one. */
export const SUPPRESSION_REASON_PLACEHOLDER = 'reason: why this is acceptable';

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

/** The directive inside one comment's own text. */
const DIRECTIVE = /^\/\/\s*sysd-ignore(-file)?\b(.*)$/;

/** The suppression comments of one document and how to find those that apply to a place in it. */
export class DocumentSuppressions {
    readonly all: Suppression[] = [];
    readonly fileWide: Suppression[];
    private readonly leaves: Leaves | undefined;
    private readonly byComment = new Map<LeafCstNode, Suppression>();
    private readonly byLine = new Map<number, Suppression[]>();
    /** The suppressions that apply to a statement, by statement: many findings share one. */
    private readonly byStatement = new Map<AstNode, Suppression[]>();

    constructor(readonly document: LangiumDocument) {
        // Most documents have no directive at all: one search of the text saves a walk of every token.
        this.leaves = document.textDocument.getText().includes('sysd-ignore') ? leavesOf(document) : undefined;
        const uri = document.uri.toString();
        for (const leaf of this.leaves?.all ?? []) {
            if (!isComment(leaf)) continue;
            const match = DIRECTIVE.exec(leaf.text);
            if (!match) continue;
            const [body, reason] = splitReason(match[2]);
            const suppression: Suppression = {
                uri, fileWide: match[1] !== undefined, rules: body.split(/[\s,]+/).filter(Boolean), reason,
                line: leaf.range.start.line, range: leaf.range, used: new Set()
            };
            this.all.push(suppression);
            this.byComment.set(leaf, suppression);
            if (!suppression.fileWide) {
                const list = this.byLine.get(suppression.line);
                if (list) list.push(suppression);
                else this.byLine.set(suppression.line, [suppression]);
            }
        }
        this.fileWide = this.all.filter(s => s.fileWide);
    }

    /**
     * The suppressions that apply to a finding starting at `range.start`: the file-wide ones, a
     * trailing one on the finding's own line, and those in the run of comments directly above the
     * statement the finding is in (`statementAt`).
     */
    at(range: Range): Suppression[] {
        if (this.all.length === 0 || !this.leaves) return [];
        const found = [...this.fileWide, ...(this.byLine.get(range.start.line) ?? [])];
        const statement = statementAt(this.document, this.document.textDocument.offsetAt(range.start));
        if (statement) {
            let above = this.byStatement.get(statement);
            if (!above) {
                above = commentsAbove(this.leaves, statement).flatMap(comment => {
                    const suppression = this.byComment.get(comment);
                    return suppression && !suppression.fileWide ? [suppression] : [];
                });
                this.byStatement.set(statement, above);
            }
            for (const suppression of above) if (!found.includes(suppression)) found.push(suppression);
        }
        return found;
    }
}

/**
 * The comments directly above a statement, nearest first: the run of comment leaves before its first
 * token, each on its own line(s), with no blank line in between (a doc comment may be among them).
 */
function commentsAbove(leaves: Leaves, statement: AstNode): LeafCstNode[] {
    const first = statement.$cstNode && firstToken(statement.$cstNode);
    if (!first) return [];
    const found: LeafCstNode[] = [];
    let nextLine = first.range.start.line;
    for (let leaf = leaves.before(first); isComment(leaf); leaf = leaves.before(leaf)) {
        if (leaf.range.end.line !== nextLine - 1) break; // a blank line, or a comment trailing the statement's line
        const previous = leaves.before(leaf);
        if (previous && previous.range.end.line === leaf.range.start.line) break; // a comment trailing code above
        found.push(leaf);
        nextLine = leaf.range.start.line;
    }
    return found;
}

function splitReason(rest: string): [string, string | undefined] {
    const at = rest.indexOf('--');
    if (at < 0) return [rest, undefined];
    const reason = rest.slice(at + 2).trim();
    return [rest.slice(0, at), reason.length > 0 ? reason : undefined];
}

/**
 * The "Ignore <rule> for this element" edit: a `// sysd-ignore <rule> -- <reason>` line above the
 * statement that holds `problemRange` (after any comments already directly above it), indented like
 * the statement. A problem outside any statement gets the line above its own line.
 */
export function ignoreEdit(document: LangiumDocument, problemRange: Range, ruleId: string): TextEditModel {
    const written = document.textDocument;
    const statement = statementAt(document, written.offsetAt(problemRange.start));
    const line = statement?.$cstNode?.range.start.line ?? problemRange.start.line;
    const at = { line, character: 0 };
    const eol = lineBreakOf(written.getText());
    return {
        uri: document.uri.toString(),
        range: { start: at, end: at },
        newText: `${indentOfLine(written, line)}// sysd-ignore ${ruleId} -- ${SUPPRESSION_REASON_PLACEHOLDER}${eol}`
    };
}
