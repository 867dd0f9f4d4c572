import { isSyncCall, targetLoc } from '../../model/queries.js';
import type { RelationModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';

/** The graph of synchronous calls and its strongly connected components (Tarjan, iterative, linear). */
export interface SyncGraph {
    /** Outgoing sync calls per component id (only components with at least one edge appear). */
    edges: Map<string, RelationModel[]>;
    /** Strongly connected components in reverse topological order (callees before callers). */
    components: string[][];
    /** Index into `components` per node id. */
    componentOf: Map<string, number>;
}

export function syncCallGraph(model: ArchModel, extraEdge?: (r: RelationModel) => boolean): SyncGraph {
    const edges = new Map<string, RelationModel[]>();
    const nodes: string[] = [];
    const seen = new Set<string>();
    const addNode = (id: string) => {
        if (!seen.has(id)) {
            seen.add(id);
            nodes.push(id);
        }
    };
    for (const r of model.relations) {
        if (!isSyncCall(r) && !(extraEdge?.(r) ?? false)) continue;
        if (!model.components.has(r.source) || !model.components.has(r.target)) continue;
        addNode(r.source);
        addNode(r.target);
        const list = edges.get(r.source);
        if (list) list.push(r);
        else edges.set(r.source, [r]);
    }
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    const componentOf = new Map<string, number>();
    let counter = 0;
    for (const root of nodes) {
        if (index.has(root)) continue;
        const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
        index.set(root, counter);
        low.set(root, counter++);
        stack.push(root);
        onStack.add(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const out = edges.get(frame.node) ?? [];
            if (frame.next < out.length) {
                const target = out[frame.next++].target;
                if (!index.has(target)) {
                    index.set(target, counter);
                    low.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ node: target, next: 0 });
                } else if (onStack.has(target)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const members: string[] = [];
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    componentOf.set(member, components.length);
                    members.push(member);
                } while (member !== frame.node);
                components.push(members);
            }
        }
    }
    return { edges, components, componentOf };
}

/** The shortest cycle through `start` that stays inside its strongly connected component (BFS). */
function cycleThrough(graph: SyncGraph, start: string): RelationModel[] | undefined {
    const scc = graph.componentOf.get(start);
    const via = new Map<string, RelationModel>();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
        const node = queue[head];
        for (const r of graph.edges.get(node) ?? []) {
            if (graph.componentOf.get(r.target) !== scc || r.target === node && node !== start) continue;
            if (r.target === start) {
                // Walked back from the end and reversed once: prepending each hop would be quadratic.
                const path = [r];
                for (let hop = via.get(node); hop; hop = via.get(hop.source)) path.push(hop);
                return path.reverse();
            }
            if (via.has(r.target)) continue;
            via.set(r.target, r);
            queue.push(r.target);
        }
    }
    return undefined;
}

export default defineRule({
    meta: {
        id: 'sync-call-cycle',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Services call each other synchronously in a cycle.',
        grounding: {
            seeds: [
                '003 › "## Migration to Microservices" ("loosely coupled")',
                '003 › "### Circuit Breaker Pattern" (cascading failures)',
                '003 › "### Message Brokers" (synchronous communication needs both sides healthy)',
                '001 › "### Issues with Two-Phase Locking" (a circular wait is a deadlock)'
            ],
            catalog: ['R28']
        },
        messages: {
            cycle: 'Synchronous call cycle {{path}}: each of these components waits on the others, so none can fail, scale or deploy on its own, and a slow one can tie up the threads of all of them.{{more}}'
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        const graph = syncCallGraph(model);
        // Report in declaration order so results do not depend on traversal details.
        const order = new Map<string, number>();
        let position = 0;
        for (const id of model.components.keys()) order.set(id, position++);
        for (const members of graph.components) {
            if (members.length < 2) continue;
            const start = members.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
            const cycle = cycleThrough(graph, start);
            if (!cycle) continue;
            const names = [...cycle.map(r => model.component(r.source)!.name), model.component(start)!.name];
            const extra = members.length - cycle.length;
            const first = cycle[0];
            report({
                messageId: 'cycle',
                data: {
                    path: names.join(' -> '),
                    more: extra > 0 ? ` ${extra} more component${extra === 1 ? ' is' : 's are'} caught in the same loop of calls.` : ''
                },
                loc: targetLoc(first),
                // The whole loop: each call of it and each component waiting in it.
                elements: [...cycle.map(r => r.id), ...cycle.map(r => r.source)],
                related: cycle.map(r => ({
                    loc: targetLoc(r),
                    message: `'${model.component(r.source)!.name}' calls '${model.component(r.target)!.name}' synchronously`
                }))
            });
        }
    }
});
