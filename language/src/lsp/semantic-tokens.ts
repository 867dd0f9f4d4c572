import type { AstNode } from 'langium';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, isLeafCstNode, isReference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { ComponentKind } from '../model/types.js';
import { kindOf, VALUE_SLOTS } from '../model/values.js';
import { resolveViewName } from '../model/views.js';
import { enclosingSystem } from '../names.js';
import type { SysdServices } from '../sysd-module.js';
import { NAME_RULES } from './keyword-docs.js';

/** Token type of a component's name, by its kind. */
const COMPONENT_TOKEN: Record<ComponentKind, SemanticTokenTypes> = {
    client: SemanticTokenTypes.interface,
    service: SemanticTokenTypes.class,
    function: SemanticTokenTypes.function,
    gateway: SemanticTokenTypes.class,
    loadbalancer: SemanticTokenTypes.class,
    cdn: SemanticTokenTypes.class,
    broker: SemanticTokenTypes.class,
    coordinator: SemanticTokenTypes.class,
    topic: SemanticTokenTypes.event,
    queue: SemanticTokenTypes.event,
    database: SemanticTokenTypes.struct,
    cache: SemanticTokenTypes.struct,
    objectstore: SemanticTokenTypes.struct,
    search: SemanticTokenTypes.struct
};

/** The words of a diagram view's rules that are keywords there. */
const VIEW_KEYWORDS = new Set(['include', 'exclude', 'title', 'description', 'kind', 'region', 'zone']);

/** Whether a keyword is written as (part of) a name: `include kind` names an element called `kind`. */
function inNameRule(keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    return rule !== undefined && NAME_RULES.has(rule.name);
}

/** The properties of a view predicate that hold names. */
const VIEW_NAME_FEATURES = new Set(['source', 'target', 'placementName']);

const NUMBER_TERMINALS = new Set(['INT', 'DURATION', 'PERCENT']);
/** Node types whose unassigned words are property or setting names. */
const PROPERTY_NODE = /(Prop|Setting|Option|Flag)$/;

/**
 * Semantic highlighting: declared names and references coloured by what they denote (services as
 * classes, stores as structs, topics and queues as events, systems and regions as namespaces),
 * technologies as types, property words as properties, enum values as enum members, numbers.
 */
export class SysdSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(private readonly services: SysdServices) {
        super(services);
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        this.highlightDeclaration(node, acceptor);
        for (const info of AstUtils.streamReferences(node)) {
            if (!isReference(info.reference)) continue;
            const target = info.reference.ref;
            const type = ast.isComponent(target)
                ? COMPONENT_TOKEN[kindOf(target.kind) ?? 'service']
                : ast.isRegion(target) || ast.isZone(target) ? SemanticTokenTypes.namespace : undefined;
            if (type && info.reference.$refNode) acceptor({ cst: info.reference.$refNode, type });
        }
        this.highlightWords(node, acceptor);
        if (ast.isViewPredicate(node)) this.highlightViewNames(node, acceptor);
    }

    /** A view's names coloured as what they resolve to in the workspace (they are not Langium references). */
    private highlightViewNames(node: ast.ViewPredicate, acceptor: SemanticTokenAcceptor): void {
        const model = this.services.model.ModelService.workspaceModel();
        const scope = enclosingSystem(node);
        for (const feature of VIEW_NAME_FEATURES) {
            const text = (node as unknown as Record<string, unknown>)[feature];
            if (typeof text !== 'string' || text === '*') continue;
            const role = feature === 'placementName' ? node.placement ?? 'region' : 'element';
            const target = resolveViewName(model, text, scope, role);
            if (!target) continue;
            const component = target.kind === 'component' ? model.component(target.id) : undefined;
            const type = component ? COMPONENT_TOKEN[component.kind] : SemanticTokenTypes.namespace;
            const cst = GrammarUtils.findNodeForProperty(node.$cstNode, feature);
            // A token spans one line; a name broken over lines (never in practice) is left to TextMate.
            if (cst && cst.range.start.line === cst.range.end.line) acceptor({ cst, type });
        }
    }

    private highlightDeclaration(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declaration = SemanticTokenModifiers.declaration;
        if (ast.isComponent(node)) {
            if (node.name) acceptor({ node, property: 'name', type: COMPONENT_TOKEN[kindOf(node.kind) ?? 'service'], modifier: declaration });
            if (node.technology) acceptor({ node, property: 'technology', type: SemanticTokenTypes.type });
        } else if (ast.isSystem(node) || ast.isRegion(node) || ast.isZone(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        } else if (ast.isSaga(node) || ast.isCqrs(node) || ast.isView(node) || ast.isEventSourcing(node) || ast.isTransaction(node)
            || ast.isSlo(node) || ast.isFlow(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
        } else if (ast.isSagaStep(node)) {
            if (node.action) acceptor({ node, property: 'action', type: SemanticTokenTypes.method });
            if (node.compensation) acceptor({ node, property: 'compensation', type: SemanticTokenTypes.method });
        }
    }

    /** Keywords and literals that belong to this node itself (not to its children). */
    private highlightWords(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (!node.$cstNode) return;
        const propertyNode = PROPERTY_NODE.test(node.$type) || node.$type === 'FencingSetting';
        const viewWords = ast.isViewSetting(node) || ast.isViewPredicate(node);
        for (const leaf of CstUtils.streamCst(node.$cstNode)) {
            if (!isLeafCstNode(leaf) || leaf.hidden || leaf.astNode !== node) continue;
            const source = leaf.grammarSource;
            if (GrammarAST.isRuleCall(source) && NUMBER_TERMINALS.has(source.rule.ref?.name ?? '')) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number });
                continue;
            }
            const assignment = GrammarUtils.findAssignment(leaf);
            // A value word (`allkeys-lru`, `circular`) is a value whether or not it is also a keyword.
            if (assignment && VALUE_SLOTS[`${node.$type}.${assignment.feature}`] && !(assignment.feature === 'kind' && ast.isComponent(node))) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.enumMember });
                continue;
            }
            if (!GrammarAST.isKeyword(source) || !/\p{L}/u.test(source.value)) continue;
            // The words of a diagram view's rules say how the names after them are read: keywords there.
            if (viewWords && VIEW_KEYWORDS.has(source.value) && !inNameRule(source)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.keyword });
                continue;
            }
            if (assignment) {
                // A view's names are names, whatever words they are made of (`include kind`).
                if (viewWords && VIEW_NAME_FEATURES.has(assignment.feature)) continue;
                // Names and references that happen to be keywords are handled above.
                if (assignment.feature === 'name' || assignment.feature === 'technology' || GrammarAST.isCrossReference(assignment.terminal)) continue;
                if (assignment.feature === 'kind' && ast.isComponent(node)) continue;
                acceptor({ cst: leaf, type: SemanticTokenTypes.enumMember });
            } else if (propertyNode) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.property });
            }
        }
    }
}
