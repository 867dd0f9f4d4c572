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
            tooDeep: "A request entering at '{{entry}}' can go through {{depth}} synchronous {{depth:call|calls}} in a row ({{chain}}), more than {{max}}: the latencies add up, and one slow or failing hop stalls every caller before it."
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
        const chains = longestChains(graph, bestExit, weight);
        for (const entry of entryPoints(model)) {
            const scc = graph.componentOf.get(entry);
            if (scc === undefined || sccDepth[scc] <= options.maxDepth) continue;
            const component = model.component(entry);
            const { depth, hops, last } = chains.summary(entry);
            if (!component || !last) continue;
            // Only the hops the message names are listed: the start of the chain and its last call, so a
            // chain of thousands of calls costs as much as a short one (every entry point is reported).
            const shown = hops + 1 > MAX_NAMES_SHOWN ? chains.first(entry, MAX_NAMES_SHOWN - 4) : chains.first(entry, hops);
            const names = shown.map(r => model.component(r.target)?.name ?? r.target);
            const chain = hops + 1 > MAX_NAMES_SHOWN
                ? [component.name, ...names, '...', nameOf(model, last.source), nameOf(model, last.target)].join(' -> ')
                : [component.name, ...names].join(' -> ');
            const listed = shown.includes(last) ? shown : [...shown, last];
            report({
                messageId: 'tooDeep',
                data: { entry: component.name, depth, chain, max: options.maxDepth },
                loc: component.loc,
                elements: [entry],
                related: listed.map(r => ({
                    loc: targetLoc(r),
                    message: `'${nameOf(model, r.source)}' ${r.kind === 'routes' ? 'routes to' : 'waits on'} '${nameOf(model, r.target)}'`
                }))
            });
        }
    }
});

function nameOf(model: ArchModel, id: string): string {
    return model.component(id)?.name ?? id;
}

/** What the longest chain from a component adds up to: its weighted depth, its number of hops and its last hop. */
interface ChainSummary {
    depth: number;
    hops: number;
    last: RelationModel | undefined;
}

/**
 * The longest chain from every component, as one next hop per component: inside a strongly connected
 * component, one step closer (breadth-first, on the reversed calls) to the call that leaves it for the
 * deepest callee; at that call's source, the call itself. The hops form a forest, so each component's
 * summary is computed once from its next hop's, without recursion: linear in the calls.
 */
function longestChains(graph: SyncGraph, bestExit: readonly (RelationModel | undefined)[], weight: (r: RelationModel) => number) {
    const next = new Map<string, RelationModel>();
    let incoming: Map<string, RelationModel[]> | undefined;
    graph.components.forEach((members, scc) => {
        const exit = bestExit[scc];
        if (!exit) return;
        next.set(exit.source, exit);
        if (members.length === 1) return;
        incoming ??= reversed(graph);
        const queue = [exit.source];
        const reached = new Set(queue);
        for (let head = 0; head < queue.length; head++) {
            for (const r of incoming.get(queue[head]) ?? []) {
                if (graph.componentOf.get(r.source) !== scc || reached.has(r.source)) continue;
                reached.add(r.source);
                next.set(r.source, r);
                queue.push(r.source);
            }
        }
    });
    const summaries = new Map<string, ChainSummary>();
    const summary = (start: string): ChainSummary => {
        const known = summaries.get(start);
        if (known) return known;
        // Follow the hops to a component already summed up (or the end), then sum up on the way back.
        const pending: string[] = [];
        const onPath = new Set<string>();
        for (let at: string | undefined = start; at !== undefined && !summaries.has(at) && !onPath.has(at); at = next.get(at)?.target) {
            pending.push(at);
            onPath.add(at);
        }
        for (let i = pending.length - 1; i >= 0; i--) {
            const hop = next.get(pending[i]);
            const after = hop && summaries.get(hop.target);
            summaries.set(pending[i], hop && after
                ? { depth: weight(hop) + after.depth, hops: 1 + after.hops, last: after.last ?? hop }
                : { depth: hop ? weight(hop) : 0, hops: hop ? 1 : 0, last: hop });
        }
        return summaries.get(start) ?? { depth: 0, hops: 0, last: undefined };
    };
    /** The first `count` hops of the longest chain from `start`. */
    const first = (start: string, count: number): RelationModel[] => {
        const hops: RelationModel[] = [];
        for (let hop = next.get(start); hop && hops.length < count; hop = next.get(hop.target)) hops.push(hop);
        return hops;
    };
    return { summary, first };
}

function reversed(graph: SyncGraph): Map<string, RelationModel[]> {
    const incoming = new Map<string, RelationModel[]>();
    for (const list of graph.edges.values()) {
        for (const r of list) {
            const into = incoming.get(r.target);
            if (into) into.push(r);
            else incoming.set(r.target, [r]);
        }
    }
    return incoming;
}
