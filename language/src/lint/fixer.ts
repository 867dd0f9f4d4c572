import { AstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { SourceLocation } from '../model/types.js';
import { cstNodesAtRange, indentOfLine, lastToken, leavesOf, lineBreakOf, nodeAtRange } from './text.js';
import type { Fixer, ReplicationType, TextEditModel } from './types.js';

/** How each replication strategy is written after `replication`. */
const STRATEGY_KEYWORDS: Record<ReplicationType, string> = {
    SingleLeader: 'single-leader', MultiLeader: 'multi-leader', Leaderless: 'leaderless', Consensus: 'consensus'
};

/** A `MemberFilter` of any node type. */
type Filter = (node: never) => boolean;

/** The element a location names, in its document. */
interface Located {
    /** The URI as the model spells it, for the edits. */
    uri: string;
    document: LangiumDocument;
    node: AstNode;
}

/**
 * Builds fixes on the documents' syntax trees: an element is found from its location (the model's
 * `loc` is the range of its CST node), members by their AST type, values by their feature's CST node.
 * Comments and strings are hidden or single leaves of the CST, so nothing inside them is ever touched.
 */
export function createFixer(documents: (uri: string) => LangiumDocument | undefined): Fixer {
    const cache = new Map<string, LangiumDocument | undefined>();
    const documentOf = (uri: string): LangiumDocument | undefined => {
        if (!cache.has(uri)) cache.set(uri, documents(uri));
        return cache.get(uri);
    };

    const locate = (loc: SourceLocation | undefined): Located | undefined => {
        if (!loc) return undefined;
        const document = documentOf(loc.uri);
        const node = document && nodeAtRange(document, loc.range);
        return document && node ? { uri: loc.uri, document, node } : undefined;
    };

    const edit = ({ uri, document }: Located, start: number, end: number, newText: string): TextEditModel => ({
        uri,
        range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) },
        newText
    });
    const locOf = ({ uri }: Located, node: CstNode): SourceLocation => ({ uri, range: node.range });

    /** The last direct member of `type` of the element: a child of its AST node (`members`, `settings`, `options`). */
    const findMember = (at: Located, type: string, where?: Filter): AstNode | undefined => {
        let found: AstNode | undefined;
        for (const child of AstUtils.streamContents(at.node)) {
            if (child.$type === type && child.$cstNode && (!where || where(child as never))) found = child;
        }
        return found;
    };

    /** The element itself, or its member of `type` when one is given. */
    const target = (loc: SourceLocation, type: string | undefined, where?: Filter): Located | undefined => {
        const at = locate(loc);
        if (!at || type === undefined) return at;
        const member = findMember(at, type, where);
        return member ? { ...at, node: member } : undefined;
    };

    /** The CST node of a feature's value: the last one of a list. */
    const valueNode = (at: Located, feature: string): CstNode | undefined => {
        const nodes = GrammarUtils.findNodesForProperty(at.node.$cstNode, feature);
        return nodes[nodes.length - 1];
    };

    const addMember = (loc: SourceLocation, text: string): TextEditModel | undefined => {
        const at = locate(loc);
        const own = at?.node.$cstNode;
        if (!at || !own) return undefined;
        const { document } = at;
        const written = document.textDocument;
        const open = GrammarUtils.findNodeForKeyword(own, '{');
        if (!open) {
            const last = lastToken(own);
            return last ? edit(at, last.end, last.end, ` { ${text} }`) : undefined;
        }
        const closes = GrammarUtils.findNodesForKeyword(own, '}');
        const close = closes[closes.length - 1];
        if (!close || close.offset < open.end) return undefined; // a block still being typed
        const leaves = leavesOf(document);
        const openLeaf = leaves.at(open.offset)!;
        const closeLeaf = leaves.at(close.offset)!;
        const before = leaves.before(closeLeaf)!; // the last thing inside the braces (a comment too), or `{`
        const sameLine = open.range.start.line === close.range.start.line;
        if (before === openLeaf && sameLine) return edit(at, open.end, close.offset, ` ${text} `); // `{}` -> `{ text }`
        if (sameLine) {
            // `{ a; b }` -> `{ a; b; text }`
            const separated = before.text === ';' && !before.hidden;
            return edit(at, before.end, before.end, `${separated ? ' ' : '; '}${text}`);
        }
        // A multi-line block: a new line before the closing brace, indented like the other members.
        const eol = lineBreakOf(document.textDocument.getText());
        const elementIndent = indentOfLine(written, open.range.start.line);
        const members = [...AstUtils.streamContents(at.node)].filter(m => m.$cstNode && m.$cstNode.offset > open.offset && m.$cstNode.range.start.line > open.range.start.line);
        const lastMember = members[members.length - 1]?.$cstNode;
        const memberIndent = lastMember
            ? indentOfLine(written, lastMember.range.start.line)
            : before !== openLeaf && before.range.start.line > open.range.start.line ? indentOfLine(written, before.range.start.line) : `${elementIndent}    `;
        if (before.range.end.line < close.range.start.line) {
            // The closing brace starts its own line.
            const lineStart = written.offsetAt({ line: close.range.start.line, character: 0 });
            return edit(at, lineStart, lineStart, `${memberIndent}${text}${eol}`);
        }
        return edit(at, before.end, close.offset, `${eol}${memberIndent}${text}${eol}${elementIndent}`);
    };

    const replication = (loc: SourceLocation, type?: ReplicationType): SourceLocation | undefined => {
        const at = locate(loc);
        const prop = at && findMember(at, 'ReplicationProp');
        const block = (prop as { replication?: AstNode } | undefined)?.replication;
        if (!at || !block?.$cstNode || (type !== undefined && block.$type !== type)) return undefined;
        return locOf(at, block.$cstNode);
    };

    return {
        member(loc, type, where) {
            const found = target(loc, type, where);
            return found?.node.$cstNode ? locOf(found, found.node.$cstNode) : undefined;
        },
        valueText(loc: SourceLocation, type: string | undefined, feature: string, where?: Filter) {
            const found = target(loc, type, where);
            return found ? valueNode(found, feature)?.text : undefined;
        },
        setValue(loc: SourceLocation, type: string | undefined, feature: string, newText: string, where?: Filter) {
            const found = target(loc, type, where);
            const value = found && valueNode(found, feature);
            return found && value ? edit(found, value.offset, value.end, newText) : undefined;
        },
        replaceMember(loc: SourceLocation, type: string | undefined, text: string, where?: Filter) {
            const found = target(loc, type, where);
            const own = found?.node.$cstNode;
            return found && own ? edit(found, own.offset, own.end, text) : undefined;
        },
        removeMember(loc, type, where) {
            const found = target(loc, type, where);
            const own = found?.node.$cstNode;
            if (!found || !own) return undefined;
            const { document } = found;
            const leaves = leavesOf(document);
            const first = leaves.at(own.offset)!;
            let last = leaves.at(own.end - 1)!;
            const next = leaves.after(last);
            // The `;` after a member belongs to the block, not to the member: it goes with the member.
            if (next && !next.hidden && next.text === ';' && next.astNode === found.node.$container) last = next;
            const previous = leaves.before(first);
            const following = leaves.after(last);
            const written = document.textDocument;
            const startLine = first.range.start.line;
            const endLine = last.range.end.line;
            if ((!previous || previous.range.end.line < startLine) && following && following.range.start.line > endLine) {
                // Alone on its line(s): the whole lines go.
                return edit(found, written.offsetAt({ line: startLine, character: 0 }), written.offsetAt({ line: endLine + 1, character: 0 }), '');
            }
            // Inline: the member, its `;` and the spaces after them.
            const text = written.getText();
            let end = last.end;
            while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
            return edit(found, first.offset, end, '');
        },
        replication,
        addToReplication(loc, type, text) {
            const block = replication(loc, type);
            return block ? addMember(block, text) : addMember(loc, `replication ${STRATEGY_KEYWORDS[type]} { ${text} }`);
        },
        addMember,
        insertAfter(loc, inserted) {
            return { uri: loc.uri, range: { start: loc.range.end, end: loc.range.end }, newText: inserted };
        },
        insertLineBefore(loc, line) {
            const document = documentOf(loc.uri);
            if (!document) return undefined;
            const at = { line: loc.range.start.line, character: 0 };
            const eol = lineBreakOf(document.textDocument.getText());
            return { uri: loc.uri, range: { start: at, end: at }, newText: `${indentOfLine(document.textDocument, at.line)}${line}${eol}` };
        },
        referenceText(loc) {
            const document = documentOf(loc.uri);
            const reference = document && cstNodesAtRange(document, loc.range).find(node => {
                const assignment = AstUtils.getContainerOfType(node.grammarSource, GrammarAST.isAssignment);
                return assignment !== undefined && GrammarAST.isCrossReference(assignment.terminal);
            });
            return reference?.text;
        },
        indentAt(loc) {
            const document = documentOf(loc.uri);
            return document ? indentOfLine(document.textDocument, loc.range.start.line) : '';
        }
    };
}
