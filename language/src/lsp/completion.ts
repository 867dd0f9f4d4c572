import type { AstNodeDescription, GrammarAST, MaybePromise, ReferenceInfo } from 'langium';
import { AstUtils, CstUtils, GrammarAST as ast } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import { isComponent, isZone } from '../generated/ast.js';
import { isNamedScopeNode, qualifiedName } from '../names.js';
import { TECHNOLOGIES, findTechnology, technologyNames } from '../model/technologies.js';
import type { SysdServices } from '../sysd-module.js';
import { keywordDoc, NAME_RULES, type KeywordCategory } from './keyword-docs.js';
import { topicForKeyword } from '../knowledge/index.js';
import type { Vocabulary } from '../model/values.js';
import { vocabularyAfterKeyword } from './value-words.js';

const KIND_BY_CATEGORY: Record<KeywordCategory, CompletionItemKind> = {
    element: CompletionItemKind.Module,
    component: CompletionItemKind.Class,
    property: CompletionItemKind.Property,
    relation: CompletionItemKind.Event,
    replication: CompletionItemKind.EnumMember,
    setting: CompletionItemKind.Property,
    value: CompletionItemKind.EnumMember
};

/**
 * Completion on top of Langium's grammar-driven proposals: technology names after `:`, a gist for
 * every keyword, and references described by the kind of the component they point at. References
 * are offered under every name that resolves in scope (`orderEvents` inside its broker,
 * `Events.orderEvents` in its system, the fully qualified name elsewhere); shorter names sort first.
 */
export class SysdCompletionProvider extends DefaultCompletionProvider {
    private readonly sysd: SysdServices;

    constructor(services: SysdServices) {
        super(services);
        this.sysd = services;
    }

    private readonly technologyContexts = new WeakSet<CompletionContext>();

    override readonly completionOptions = { triggerCharacters: ['.', ':'] };

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (next.property === 'technology' || isTechnologyFeature(next.feature)) {
            // The Technology rule expands into every word allowed as a name; answer once per context.
            if (!this.technologyContexts.has(context)) {
                this.technologyContexts.add(context);
                this.completionForTechnology(context, acceptor);
            }
            return;
        }
        const slot = this.valueSlot(context);
        if (slot) {
            // A value position reads any word; propose the vocabulary's values (once per context).
            if (!this.valueContexts.has(context)) {
                this.valueContexts.add(context);
                this.completionForValues(context, slot.vocab, slot.type, acceptor);
            }
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    private readonly valueContexts = new WeakSet<CompletionContext>();

    /** The value position the cursor is in, from the keyword written just before it (`eviction |`). */
    private valueSlot(context: CompletionContext): ReturnType<typeof vocabularyAfterKeyword> {
        const root = context.document.parseResult.value.$cstNode;
        if (!root || context.tokenOffset === 0) return undefined;
        const before = CstUtils.findLeafNodeBeforeOffset(root, context.tokenOffset);
        if (!before || before.end > context.tokenOffset || !ast.isKeyword(before.grammarSource)) return undefined;
        return vocabularyAfterKeyword(before.grammarSource);
    }

    private completionForValues(context: CompletionContext, vocab: Vocabulary, type: string, acceptor: CompletionAcceptor): void {
        // The value's own node may not exist yet (`algorithm |`): its type is the first context.
        const contexts = [type, ...nodeTypes(context.node)];
        vocab.values.forEach((value, index) => {
            const topic = topicForKeyword(value, contexts);
            const doc = keywordDoc(value);
            acceptor(context, {
                label: value,
                kind: CompletionItemKind.EnumMember,
                detail: vocab.what,
                documentation: topic
                    ? { kind: MarkupKind.Markdown, value: `${topic.gist}\n\n${learnMore(topic.id, topic.title)}` }
                    : doc?.gist,
                sortText: `1${String(index).padStart(3, '0')}`
            });
        });
    }

    private completionForTechnology(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const kind = isComponent(context.node) ? context.node.kind : undefined;
        const byId = new Map(TECHNOLOGIES.map(tech => [tech.id, tech]));
        for (const name of technologyNames()) {
            const tech = findTechnology(name)!;
            const fits = kind === undefined || (tech.kinds as string[]).includes(kind);
            const alias = !byId.has(name);
            acceptor(context, {
                label: name,
                kind: CompletionItemKind.Value,
                detail: alias ? `${tech.title} (same as ${tech.id})` : tech.title,
                documentation: { kind: MarkupKind.Markdown, value: `**${tech.title}** — ${tech.summary}\n\nFits: ${tech.kinds.join(', ')}` },
                // Technologies that fit the component kind first, canonical names before aliases.
                sortText: `${fits ? '0' : '5'}${alias ? '1' : '0'}${name}`
            });
        }
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const rule = AstUtils.getContainerOfType(keyword, ast.isParserRule);
        if (rule && NAME_RULES.has(rule.name)) return false;
        return super.filterKeyword(context, keyword);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const doc = keywordDoc(keyword.value);
        const rule = AstUtils.getContainerOfType(keyword, ast.isParserRule);
        const contexts = [...(rule ? [rule.name] : []), ...nodeTypes(context.node)];
        const topic = topicForKeyword(keyword.value, contexts);
        acceptor(context, {
            label: keyword.value,
            kind: doc ? KIND_BY_CATEGORY[doc.category] : CompletionItemKind.Keyword,
            detail: doc ? doc.category : 'keyword',
            documentation: topic
                ? { kind: MarkupKind.Markdown, value: `${topic.gist}\n\n${learnMore(topic.id, topic.title)}` }
                : doc?.gist,
            sortText: '1'
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        let detail = description.type;
        if (node && isNamedScopeNode(node)) {
            const component = isComponent(node)
                ? this.sysd.model.ModelService.workspaceModel().component(qualifiedName(node))
                : undefined;
            if (component) detail = component.technology ? `${component.kind} : ${component.technology}` : component.kind;
            else if (isZone(node)) detail = 'zone';
            else detail = node.$type.toLowerCase();
            const full = qualifiedName(node);
            if (full !== description.name) detail += ` (${full})`;
        }
        const depth = description.name.split('.').length;
        return { ...item, detail, sortText: `0${depth}` };
    }
}

/** The line under a keyword's gist that says where its topic is explained in full. */
function learnMore(topicId: string, title: string): string {
    return `Learn more: _${title}_ — hover the keyword, run **SysD: Explain...**, or \`sysd explain ${topicId}\`.`;
}

function nodeTypes(node: { $type: string; $container?: unknown } | undefined): string[] {
    const types: string[] = [];
    for (let current = node; current; current = current.$container as typeof node) types.push(current.$type);
    return types;
}

/** The `technology=Technology` assignment of a component (or the rule call inside it). */
function isTechnologyFeature(feature: GrammarAST.AbstractElement): boolean {
    const assignment = ast.isAssignment(feature) ? feature : AstUtils.getContainerOfType(feature, ast.isAssignment);
    if (!assignment || assignment.feature !== 'technology') return false;
    const rule = AstUtils.getContainerOfType(assignment, ast.isParserRule);
    return rule?.name === 'Component';
}
