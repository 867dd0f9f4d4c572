import type { ComponentKind, ComponentModel, RelationKind } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';

/** Load balancers and API gateways: what forwards a request to a backend without being the backend. */
export const FORWARDING_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['gateway', 'loadbalancer']);

/** Relations that carry a request to their target (an arrow to a store is a `uses`). */
const REQUESTS: ReadonlySet<RelationKind> = new Set<RelationKind>(['calls', 'routes', 'reads', 'writes', 'uses']);

/**
 * What each component is reached from: starting at each `[start, label]`, follows the requests (and a
 * CDN's `origin`) on through the components of a kind in `through`, and returns, for every component
 * reached, the labels of the starts that reach it. Each (component, label) pair is visited
 * once, so the walk is linear in the size of the model times the number of distinct labels (a handful:
 * client technologies, or a single label).
 */
export function reachedThrough(model: ArchModel, starts: Iterable<readonly [ComponentModel, string]>, through: ReadonlySet<ComponentKind>): Map<string, Set<string>> {
    const reached = new Map<string, Set<string>>();
    const queue: Array<readonly [ComponentModel, string]> = [];
    const next = (from: ComponentModel, label: string): void => {
        for (const relation of model.outgoing(from.id)) {
            if (REQUESTS.has(relation.kind)) add(relation.target, label);
        }
        if (from.kind === 'cdn') for (const origin of from.props.origins) add(origin, label);
    };
    const add = (id: string, label: string): void => {
        let labels = reached.get(id);
        if (!labels) reached.set(id, labels = new Set());
        if (labels.has(label)) return;
        labels.add(label);
        const component = model.component(id);
        if (component && through.has(component.kind)) queue.push([component, label]);
    };
    for (const [start, label] of starts) next(start, label);
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) next(item[0], item[1]);
    return reached;
}

/** The components outside clients reach, directly or through load balancers and gateways (not through a CDN). */
export function reachedByOutsideClients(model: ArchModel): Map<string, Set<string>> {
    const clients: Array<readonly [ComponentModel, string]> = [];
    for (const c of model.components.values()) if (c.kind === 'client' && c.props.external) clients.push([c, 'outside']);
    return reachedThrough(model, clients, FORWARDING_KINDS);
}
