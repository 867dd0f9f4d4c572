import { targetLoc } from '../../model/queries.js';
import type { RelationModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import { syncCallGraph, type SyncGraph } from './sync-call-cycle.js';

/** Longest chain spelled out in full in a message. */
const MAX_NAMES_SHOWN = 12;

/** Components where requests enter: called by a client, declared public, or a flow's first hop. */
function entryPoints(model: ArchModel): string[] {
    const entries = new Set<string>();
    for (const c of model.components.values()) {
        if (c.kind === 'client') {
            for (const r of model.outgoing(c.id, 'calls')) if (model.component(r.target)?.kind !== 'client') entries.add(r.target);
        } else if (c.props.public) {
            entries.add(c.id);
        }
    }
    for (const flow of model.flows) {
        const first = flow.path.find(id => model.component(id)?.kind !== 'client');
        if (first) entries.add(first);
    }
    return [...entries].filter(id => model.components.has(id));
}

export default defineRule({
    meta: {
        id: 'long-sync-call-chain',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A request from an entry point passes through too many synchronous calls in a row.',
        grounding: {
            seeds: [
                '003 › "### Circuit Breaker Pattern" (service a -> b -> c -> d, slowness cascades)',
                '003 › "### Message Brokers" (synchronous communication needs both sides healthy)',
                '003 › "## Microservices Architecture" (latency increases)',
                '004 › "#### Challenges with API Composition"'
            ],
            catalog: ['R29']
        },
        messages: {
            tooDeep: "A request entering at '{{entry}}' can go through {{depth}} synchronous calls in a row ({{chain}}), more than {{max}}: the latencies add up, and one slow or failing hop stalls every caller before it."
        },
        options: {
            maxDepth: { type: 'number', default: 3, minimum: 1, description: 'Most synchronous calls allowed one after another from an entry point (load balancer hops are not counted).' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        // Load balancers forward requests synchronously too; they carry the chain but add no call of their own.
        const graph = syncCallGraph(model, r => r.kind === 'routes');
        if (graph.edges.size === 0) return;
        const weight = (r: RelationModel) => (r.kind === 'routes' ? 0 : 1);
        // Longest path on the DAG of strongly connected components. Calls inside a cycle count for
        // nothing (the cycle is sync-call-cycle's finding), which keeps this linear.
        const sccDepth: number[] = [];
        const bestExit: (RelationModel | undefined)[] = [];
        graph.components.forEach((members, scc) => {
            // Tarjan emits callees first, so every component this one calls already has its depth.
            let best = 0;
            let exit: RelationModel | undefined;
            for (const node of members) {
                for (const r of graph.edges.get(node) ?? []) {
                    const target = graph.componentOf.get(r.target)!;
                    if (target === scc) continue;
                    const d = weight(r) + sccDepth[target];
                    if (d > best) {
                        best = d;
                        exit = r;
                    }
                }
            }
            sccDepth[scc] = best;
            bestExit[scc] = exit;
        });
        for (const entry of entryPoints(model)) {
            const scc = graph.componentOf.get(entry);
            if (scc === undefined || sccDepth[scc] <= options.maxDepth) continue;
            const hops: RelationModel[] = [];
            for (let at: string | undefined = entry; at !== undefined;) {
                const here: number = graph.componentOf.get(at)!;
                const exit: RelationModel | undefined = bestExit[here];
                if (!exit) break;
                if (exit.source !== at) hops.push(...pathWithin(graph, at, exit.source));
                hops.push(exit);
                at = exit.target;
            }
            const d = hops.reduce((sum, r) => sum + weight(r), 0);
            const component = model.component(entry)!;
            const names = [component.name, ...hops.map(r => model.component(r.target)!.name)];
            // Very long chains are shortened in the message; the related information lists every hop.
            const chain = names.length > MAX_NAMES_SHOWN
                ? [...names.slice(0, MAX_NAMES_SHOWN - 3), '...', ...names.slice(-2)].join(' -> ')
                : names.join(' -> ');
            report({
                messageId: 'tooDeep',
                data: { entry: component.name, depth: d, chain, max: options.maxDepth },
                loc: component.loc,
                elements: [entry],
                related: hops.map(r => ({
                    loc: targetLoc(r),
                    message: `'${model.component(r.source)!.name}' ${r.kind === 'routes' ? 'routes to' : 'waits on'} '${model.component(r.target)!.name}'`
                }))
            });
        }
    }
});

/** The shortest run of calls from `from` to `to` inside their strongly connected component (BFS). */
function pathWithin(graph: SyncGraph, from: string, to: string): RelationModel[] {
    const scc = graph.componentOf.get(from);
    const via = new Map<string, RelationModel>();
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
        for (const r of graph.edges.get(queue[head]) ?? []) {
            if (graph.componentOf.get(r.target) !== scc || r.target === from || via.has(r.target)) continue;
            via.set(r.target, r);
            if (r.target === to) {
                const path: RelationModel[] = [];
                for (let at = to; at !== from; at = via.get(at)!.source) path.unshift(via.get(at)!);
                return path;
            }
            queue.push(r.target);
        }
    }
    return [];
}
