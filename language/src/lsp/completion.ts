import type { AstNode, AstNodeDescription, GrammarAST, MaybePromise, ReferenceInfo } from 'langium';
import { AstUtils, CstUtils, GrammarAST as ast } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver';
import { isComponent, isSystem, isView, isZone } from '../generated/ast.js';
import { enclosingSystem, isNamedScopeNode, qualifiedName } from '../names.js';
import type { ViewNameRole } from '../model/views.js';
import { isDiagramView } from './symbols.js';
import { TECHNOLOGIES, findTechnology, technologyNames } from '../model/technologies.js';
import type { SysdServices } from '../sysd-module.js';
import { keywordDoc, NAME_RULES, type KeywordCategory } from './keyword-docs.js';
import { topicForKeyword } from '../knowledge/index.js';
import { COMPONENT_KINDS, type Vocabulary } from '../model/values.js';
import { PERCENTILE_WORDS } from '../model/units.js';
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
        const inView = this.viewPosition(context);
        if (inView) {
            // `include |` also starts `kind`, `region` and `zone`: the grammar offers those keywords.
            if (inView === 'element' && ast.isKeyword(next.feature) && AstUtils.getContainerOfType(next.feature, ast.isParserRule)?.name === 'ViewPredicate') {
                return super.completionFor(context, next, acceptor);
            }
            // The names (or kinds) themselves, once per context: the grammar reads any word there.
            if (!this.viewContexts.has(context)) {
                this.viewContexts.add(context);
                if (inView === 'kind') this.completionForValues(context, COMPONENT_KINDS, 'ViewPredicate', acceptor);
                else this.completionForViewNames(context, inView, acceptor);
            }
            return;
        }
        if (this.afterKeyword(context) === 'latency') {
            // `latency |` (a component's, a call's or an SLO's): the percentiles, once per context.
            if (!this.valueContexts.has(context)) {
                this.valueContexts.add(context);
                this.completionForPercentiles(context, acceptor);
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
    private readonly viewContexts = new WeakSet<CompletionContext>();
    private readonly viewPositions = new WeakMap<CompletionContext, ViewPosition | undefined>();

    /**
     * What goes where the cursor is when that is a name in a view's rule, from the word before it:
     * an element after `include`, `exclude`, `,`, `->` or `<->`; a region, zone or component kind after
     * `region`, `zone` or `kind`. Read from the words, not the parse: half-typed rules (`include kind`,
     * `exclude zone`, `include Shop.`) parse as other things, or not at all.
     */
    private viewPosition(context: CompletionContext): ViewPosition | undefined {
        if (this.viewPositions.has(context)) return this.viewPositions.get(context);
        let position: ViewPosition | undefined;
        const root = context.document.parseResult.value.$cstNode;
        // The word that ends before the token being completed (the leaf at `offset - 1`, or the one before it).
        let before = root && context.tokenOffset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, context.tokenOffset - 1) : undefined;
        // `include Shop.|`: the parser read no name (it ends in a dot); go back to where the name starts.
        let from: number | undefined;
        while (root && before && before.text === '.' && before.end === (from ?? context.tokenOffset)) {
            const part = before.offset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, before.offset - 1) : undefined;
            if (!part || part.end !== before.offset || !/^[\p{L}_]/u.test(part.text)) break;
            from = part.offset;
            before = part.offset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, part.offset - 1) : undefined;
        }
        if (root && before && before.end <= (from ?? context.tokenOffset) && AstUtils.getContainerOfType(before.astNode, isView)) {
            position = VIEW_POSITION_AFTER[before.text];
            // `kind` and `zone` in `include kind, zone` are names; only right after a rule's start or a comma are they keywords.
            if (position && position !== 'element') {
                const previous = before.offset > 0 ? CstUtils.findLeafNodeBeforeOffset(root, before.offset - 1) : undefined;
                if (!previous || !VIEW_NAME_STARTS.has(previous.text)) position = undefined;
            }
        }
        this.viewPositions.set(context, position);
        if (position && from !== undefined) this.replaceFrom.set(context, from);
        return position;
    }

    /** Where a half-typed dotted name (`Shop.`) starts, for the contexts that have one: it is replaced whole. */
    private readonly replaceFrom = new WeakMap<CompletionContext, number>();

    /**
     * The names a view's rule can hold, as they would be written in the view (relative to its system):
     * `*` and every component and system for an element, the regions after `region`, the zones after
     * `zone`. Names are the model's, so a view may name what any file declares.
     */
    private completionForViewNames(context: CompletionContext, role: ViewNameRole, acceptor: CompletionAcceptor): void {
        const model = this.sysd.model.ModelService.workspaceModel();
        const scope = context.node ? systemOf(context.node) : systemAround(context);
        const written = (id: string) => (scope && id.startsWith(`${scope}.`) ? id.slice(scope.length + 1) : id);
        const from = this.replaceFrom.get(context);
        const typed = context.textDocument.getText().slice(from ?? context.tokenOffset, context.offset).toLowerCase();
        const range = from === undefined ? undefined : { start: context.textDocument.positionAt(from), end: context.position };
        // A dotted name being typed (`Shop.O`) is completed as written: relative to the view's system, or qualified.
        const label = (id: string): string | undefined => {
            if (!typed.includes('.')) return written(id);
            return [written(id), id].find(text => text.toLowerCase().startsWith(typed));
        };
        const item = (id: string, kind: CompletionItemKind, detail: string, documentation?: string) => {
            const text = label(id);
            if (text === undefined) return;
            acceptor(context, {
                label: text, kind, detail, documentation,
                ...(range ? { textEdit: { range, newText: text }, filterText: text } : {}),
                // Nearer names (fewer segments) first.
                sortText: `0${text.split('.').length}`
            });
        };
        if (role === 'element') {
            if (!typed.includes('.')) acceptor(context, { label: '*', kind: CompletionItemKind.Operator, detail: 'every component', sortText: '00' });
            for (const system of model.systems.values()) item(system.id, CompletionItemKind.Module, `system (${system.id})`, system.doc);
            for (const c of model.components.values()) {
                const detail = c.technology ? `${c.kind} : ${c.technology}` : c.kind;
                item(c.id, CompletionItemKind.Class, `${detail} (${c.id})`, c.doc);
            }
        } else if (role === 'region') {
            for (const region of model.regions.values()) item(region.id, CompletionItemKind.Module, `region (${region.id})`);
        } else {
            for (const region of model.regions.values()) {
                for (const zone of region.zones) item(zone.id, CompletionItemKind.EnumMember, `zone of ${region.id}`);
            }
        }
    }

    /** The keyword written just before the cursor (`latency |`), if the word before it is one. */
    private afterKeyword(context: CompletionContext): string | undefined {
        const root = context.document.parseResult.value.$cstNode;
        if (!root || context.tokenOffset === 0) return undefined;
        const before = CstUtils.findLeafNodeBeforeOffset(root, context.tokenOffset);
        if (!before || before.end > context.tokenOffset || !ast.isKeyword(before.grammarSource)) return undefined;
        return before.grammarSource.value;
    }

    private completionForPercentiles(context: CompletionContext, acceptor: CompletionAcceptor): void {
        PERCENTILE_WORDS.forEach((word, index) => {
            acceptor(context, {
                label: word,
                kind: CompletionItemKind.EnumMember,
                detail: 'percentile',
                documentation: word === 'avg'
                    ? 'The mean: says nothing about the slow requests (prefer a percentile).'
                    : `${word.slice(1)}% of requests take at most this long (${word === 'p50' ? 'the median' : 'a tail percentile'}); any pNN or pNN.N is allowed.`,
                sortText: `1${String(index).padStart(3, '0')}`
            });
        });
    }

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
        // Between two names of a view: `Orders -> *`, `Orders <-> Payments` (Langium offers words only).
        if (rule?.name === 'ViewPredicate' && (keyword.value === '->' || keyword.value === '<->')) return true;
        // In a view, only the settings of its kind: a diagram view's in a diagram view, a read model's in a materialized one.
        if (rule?.name === 'ViewSetting') {
            const view = AstUtils.getContainerOfType(context.node, isView);
            if (view && (view.settings.length > 0 || view.materialized)) {
                const diagram = isDiagramView(view);
                if (DIAGRAM_VIEW_WORDS.has(keyword.value) !== diagram) return false;
            }
        }
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

/** The settings of a diagram view (the others, `store`, `sources`, `refresh`, are a read model's). */
const DIAGRAM_VIEW_WORDS = new Set(['include', 'exclude', 'title', 'description']);

/** What a name in a view's rule is: an element, a region, a zone, or (after `kind`) a component kind. */
type ViewPosition = ViewNameRole | 'kind';

/** The words after which a view's rule expects an element name. */
const VIEW_NAME_STARTS = new Set(['include', 'exclude', ',', '->', '<->']);

const VIEW_POSITION_AFTER: Record<string, ViewPosition> = {
    ...Object.fromEntries([...VIEW_NAME_STARTS].map(word => [word, 'element' as const])),
    region: 'region',
    zone: 'zone',
    kind: 'kind'
};

/** The system around the cursor when the parser left no node for it (a half-typed view). */
function systemAround(context: CompletionContext): string | undefined {
    const root = context.document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeBeforeOffset(root, context.offset);
    return leaf?.astNode ? systemOf(leaf.astNode) : undefined;
}

/** The system a node is, or is declared in. */
function systemOf(node: AstNode): string | undefined {
    return isSystem(node) ? qualifiedName(node) : enclosingSystem(node);
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
