/**
 * The model builder: one walk over one document's AST into its `ModelFragment`.
 *
 * The walk visits the top-level elements and the insides of systems; each construct has its own
 * handler, chosen by the node's generated AST type through a table (`Handlers`), so a construct
 * added to the grammar does not compile until the builder handles it:
 *
 * - `build/components.ts`: components, technology defaults, nesting in brokers, members in order
 * - `build/properties.ts`: one handler per component property; `build/replication.ts` for replication
 * - `build/relations.ts`: relations inside components and at the top level (arrows included)
 * - `build/blocks.ts`: sagas, CQRS, views, event sourcing, transactions, SLOs and flows
 * - `build/context.ts`: the fragment being filled and the helpers every handler shares
 *
 * Cost is linear in the size of the document. Unresolved references are skipped (the linker has
 * already reported them); impossible values become `problems`. Each element is built in isolation
 * (`BuildContext.isolate`): an unexpected exception becomes an error on that element, never a lost
 * fragment. Systems nest at most `MAX_SYSTEM_DEPTH` deep, so the walk's recursion is bounded.
 */
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { qualifiedName } from '../names.js';
import { cqrs, eventSourcing, flow, saga, slo, transaction, view } from './build/blocks.js';
import { component } from './build/components.js';
import { BuildContext, dispatch, docComment, type Handlers } from './build/context.js';
import { topRelation } from './build/relations.js';
import type { ModelFragment } from './types.js';

export { docComment };

/** How deep systems may nest; a deeper one is an error and its contents are not modelled. */
export const MAX_SYSTEM_DEPTH = 32;

/** Resolves one parsed and linked document into its model fragment. */
export function buildFragment(document: LangiumDocument): ModelFragment {
    const ctx = new BuildContext(document);
    const root = document.parseResult.value;
    if (ast.isModel(root)) {
        for (const element of root.elements) buildElement(element, undefined, ctx);
    }
    return ctx.fragment;
}

/** Builds one element in isolation from the others. */
function buildElement(element: ast.Element | undefined, system: string | undefined, ctx: BuildContext): void {
    if (element) ctx.isolate(element, () => dispatch(ELEMENTS, element, system, ctx));
}

/** The handler of each element that may stand at the top level or in a system; `system` is the enclosing system's id. */
const ELEMENTS: Handlers<ast.Element, [system: string | undefined, ctx: BuildContext]> = {
    System: (node, system, ctx) => {
        if (ctx.systemDepth >= MAX_SYSTEM_DEPTH) {
            ctx.problem('error', 'nesting-too-deep',
                `Systems nest at most ${MAX_SYSTEM_DEPTH} deep; '${node.name}' is nested one level deeper, so it and what it contains are not part of the model.`,
                node, 'name');
            return;
        }
        const id = qualifiedName(node);
        ctx.fragment.systems.push({ id, name: node.name, parent: system, doc: docComment(node), loc: ctx.loc(node) });
        ctx.systemDepth++;
        try {
            for (const child of node.elements) buildElement(child, id, ctx);
        } finally {
            ctx.systemDepth--;
        }
    },
    Region: (node, _system, ctx) => {
        for (const list of node.zones) {
            if (list?.misspelt !== undefined) {
                const range = ctx.propertyRange(list, 'misspelt') ?? list.$cstNode?.range;
                if (range) {
                    ctx.fragment.problems.push({
                        severity: 'error', code: 'unknown-keyword',
                        message: `'${list.misspelt}' does not start a zone list; did you mean 'zones'? Its zones are declared anyway.`,
                        loc: { uri: ctx.uri, range },
                        fixes: [{ title: `Change '${list.misspelt}' to 'zones'`, edits: [{ uri: ctx.uri, range, newText: 'zones' }], preferred: true }]
                    });
                }
            }
        }
        const zones = node.zones.flatMap(list => list.zones).filter(zone => zone !== undefined).map(zone => ({
            id: qualifiedName(zone), name: zone.name, loc: ctx.loc(zone)
        }));
        ctx.fragment.regions.push({ id: qualifiedName(node), name: node.name, zones, loc: ctx.loc(node) });
    },
    Component: (node, system, ctx) => component(node, system, undefined, ctx),
    TopRelation: (node, _system, ctx) => topRelation(node, ctx),
    Saga: (node, _system, ctx) => saga(node, ctx),
    Cqrs: (node, _system, ctx) => cqrs(node, ctx),
    View: (node, _system, ctx) => view(node, ctx),
    EventSourcing: (node, _system, ctx) => eventSourcing(node, ctx),
    Transaction: (node, _system, ctx) => transaction(node, ctx),
    Slo: (node, _system, ctx) => slo(node, ctx),
    Flow: (node, _system, ctx) => flow(node, ctx)
};
