import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { GrammarUtils } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { ComponentKind } from '../model/types.js';
import { kindOf } from '../model/values.js';

export const COMPONENT_SYMBOL: Record<ComponentKind, SymbolKind> = {
    client: SymbolKind.Interface,
    service: SymbolKind.Class,
    function: SymbolKind.Function,
    gateway: SymbolKind.Class,
    loadbalancer: SymbolKind.Class,
    cdn: SymbolKind.Class,
    broker: SymbolKind.Module,
    coordinator: SymbolKind.Class,
    topic: SymbolKind.Event,
    queue: SymbolKind.Event,
    database: SymbolKind.Struct,
    cache: SymbolKind.Struct,
    objectstore: SymbolKind.Struct,
    search: SymbolKind.Struct
};

type Block = ast.Saga | ast.Cqrs | ast.View | ast.EventSourcing | ast.Transaction | ast.Slo | ast.Flow;

const BLOCK_KEYWORD: Record<Block['$type'], string> = {
    Saga: 'saga', Cqrs: 'cqrs', View: 'view', EventSourcing: 'event-sourcing', Transaction: 'transaction', Slo: 'slo', Flow: 'flow'
};

/**
 * The outline: systems and regions as namespaces, components with their kind and technology as
 * detail (topics and queues nested in their broker), and the pattern blocks (sagas with their
 * steps, CQRS, views, event sourcing, transactions, SLOs, flows).
 */
export class SysdDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const root = document.parseResult.value;
        return ast.isModel(root) ? this.elements(root.elements) : [];
    }

    private elements(elements: readonly AstNode[]): DocumentSymbol[] {
        return elements.flatMap(element => this.symbol(element) ?? []);
    }

    private symbol(node: AstNode): DocumentSymbol | undefined {
        if (ast.isSystem(node)) return create(node, node.name, SymbolKind.Namespace, 'system', this.elements(node.elements));
        if (ast.isRegion(node)) {
            const zones = node.zones.flatMap(list => list.zones).flatMap(zone => create(zone, zone.name, SymbolKind.EnumMember, 'zone') ?? []);
            return create(node, node.name, SymbolKind.Namespace, 'region', zones);
        }
        if (ast.isComponent(node)) {
            const detail = node.technology ? `${node.kind} : ${node.technology}` : node.kind;
            const children = this.elements(node.members.filter(ast.isComponent));
            return create(node, node.name, COMPONENT_SYMBOL[kindOf(node.kind) ?? 'service'], detail, children);
        }
        if (ast.isSaga(node)) {
            const steps = node.steps.flatMap(step => {
                const name = `${step.service?.$refText ?? '?'}.${step.action}`;
                const detail = step.compensation ? `compensate ${step.compensationService?.$refText}.${step.compensation}` : 'step';
                return create(step, name, SymbolKind.Method, detail, undefined, 'action') ?? [];
            });
            const mode = node.choreographed ? 'choreographed' : node.orchestrator ? `orchestrated by ${node.orchestrator.$refText}` : undefined;
            return create(node, node.name, SymbolKind.Function, mode ? `saga, ${mode}` : 'saga', steps);
        }
        if (ast.isView(node) && isDiagramView(node)) {
            // A diagram view shows its title (what the view picker lists) as detail.
            const title = node.settings.find(s => s.title !== undefined)?.title;
            return create(node, node.name, SymbolKind.Object, title ? `view: ${title}` : 'diagram view');
        }
        if (ast.isCqrs(node) || ast.isView(node) || ast.isEventSourcing(node) || ast.isTransaction(node) || ast.isSlo(node) || ast.isFlow(node)) {
            const kind = ast.isFlow(node) ? SymbolKind.Function : ast.isSlo(node) ? SymbolKind.Constant : SymbolKind.Object;
            return create(node, node.name, kind, BLOCK_KEYWORD[node.$type]);
        }
        return undefined;
    }
}

/**
 * Whether a `view` is a diagram view (what to draw) rather than a materialized read model: it is not
 * `materialized` and its first setting is not one of a read model's (`store`, `sources`, `refresh`),
 * as the model builder decides (`model/build/blocks.ts`).
 */
export function isDiagramView(node: ast.View): boolean {
    if (node.materialized) return false;
    // A view that mixes both kinds of setting is read as the kind of its first one (and reported).
    const first = node.settings.find(s => s.store !== undefined || s.sources.length > 0 || s.refresh !== undefined
        || s.include || s.exclude || s.title !== undefined || s.description !== undefined);
    return first === undefined || !(first.store !== undefined || first.sources.length > 0 || first.refresh !== undefined);
}

function create(node: AstNode, name: string | undefined, kind: SymbolKind, detail: string, children?: DocumentSymbol[], nameProperty = 'name'): DocumentSymbol | undefined {
    const cst = node.$cstNode;
    if (!cst || !name) return undefined;
    const nameNode: CstNode = GrammarUtils.findNodeForProperty(cst, nameProperty) ?? cst;
    return {
        name,
        kind,
        detail,
        range: cst.range,
        selectionRange: nameNode.range,
        children: children && children.length > 0 ? children : undefined
    };
}
