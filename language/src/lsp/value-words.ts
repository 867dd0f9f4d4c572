/**
 * Where a value word stands (`lru` in `eviction lru`): the vocabulary of its position, for completion
 * and hover. The grammar reads any word there (see model/values.ts).
 */
import type { AstNode, CstNode, GrammarAST } from 'langium';
import { AstUtils, GrammarAST as ast, GrammarUtils } from 'langium';
import { canonical, VALUE_SLOTS, type Vocabulary } from '../model/values.js';

export interface ValueWord {
    vocab: Vocabulary;
    /** The word as written. */
    word: string;
    /** Its canonical value, or undefined when the vocabulary does not know it. */
    value: string | undefined;
}

/** The value word a leaf of the syntax tree belongs to, if it is one. */
export function valueWordAt(leaf: CstNode): ValueWord | undefined {
    for (let node: AstNode | undefined = leaf.astNode; node; node = node.$container) {
        for (const [slot, vocab] of Object.entries(VALUE_SLOTS)) {
            const [type, feature] = slot.split('.');
            if (node.$type !== type) continue;
            const valueNode = GrammarUtils.findNodeForProperty(node.$cstNode, feature);
            if (!valueNode || valueNode.offset > leaf.offset || valueNode.end < leaf.end) continue;
            const word = valueNode.text;
            return { vocab, word, value: canonical(vocab, word) };
        }
    }
    return undefined;
}

/**
 * The value position right after `keyword` (a grammar keyword just written, such as `algorithm` or
 * `over`): its vocabulary and AST type, when the element after the keyword in its rule is a value.
 */
export function vocabularyAfterKeyword(keyword: GrammarAST.Keyword): { vocab: Vocabulary; type: string } | undefined {
    const group: unknown = keyword.$container;
    if (!ast.isGroup(group)) return undefined;
    const next = group.elements[group.elements.indexOf(keyword) + 1];
    if (!next || !ast.isAssignment(next)) return undefined;
    const rule = AstUtils.getContainerOfType(next, ast.isParserRule);
    if (!rule) return undefined;
    // A rule that infers another type (`UnknownKindComponent infers Component`) answers for that type.
    const type = rule.inferredType?.name ?? rule.name;
    const vocab = VALUE_SLOTS[`${type}.${next.feature}`];
    return vocab ? { vocab, type } : undefined;
}
