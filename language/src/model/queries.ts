import type { ComponentModel, ConsistencyLevel, FlowModel, RelationModel, SourceLocation } from './types.js';
import type { ArchModel } from './workspace.js';

/** The relation reads its target (plain reads, or an arrow to a store). */
export function isRead(r: RelationModel): boolean {
    return r.kind === 'reads' || r.kind === 'uses';
}

/** The relation writes its target (plain writes, or an arrow to a store). */
export function isWrite(r: RelationModel): boolean {
    return r.kind === 'writes' || r.kind === 'uses';
}

/** A synchronous request/response call. */
export function isSyncCall(r: RelationModel): boolean {
    return r.kind === 'calls' && r.sync;
}

/** A component that runs application code (a service or a function). */
export function isCompute(c: ComponentModel | undefined): boolean {
    return c !== undefined && (c.kind === 'service' || c.kind === 'function');
}

/** Number of running copies, counting an active-passive standby. */
export function instances(c: ComponentModel): number {
    if (c.props.ha === 'active-passive' || c.props.ha === 'active-active') return Math.max(2, c.props.replicas);
    return c.props.replicas;
}

/** The retry policy allows more than one attempt. */
export function retries(r: RelationModel): boolean {
    return r.retry !== undefined && (r.retry.unbounded || (r.retry.count ?? 0) > 0);
}

/** Where a relation's target reference is written (the whole relation when that is unknown): where its findings go. */
export function targetLoc(relation: RelationModel): SourceLocation {
    return { uri: relation.loc.uri, range: relation.targetRange ?? relation.loc.range };
}

/** A message channel and the broker that carries it (a stand-alone topic or queue is its own broker). */
export interface Channel {
    channel: ComponentModel;
    broker: ComponentModel;
}

const CHANNEL_OR_BROKER = new Set(['topic', 'queue', 'broker']);

/** The channel a publish/consume relation (or an event store) points at, or undefined for anything else. */
export function channelOf(model: ArchModel, id: string): Channel | undefined {
    const channel = model.component(id);
    if (!channel || !CHANNEL_OR_BROKER.has(channel.kind)) return undefined;
    const parent = model.component(channel.parent);
    return { channel, broker: parent?.kind === 'broker' ? parent : channel };
}

export type Delivery = NonNullable<RelationModel['delivery']>;

/** A consume's delivery guarantee: its own setting, else its channel's, else its broker's; undefined when none says. */
export function effectiveDelivery(model: ArchModel, consume: RelationModel): Delivery | undefined {
    if (consume.delivery) return consume.delivery;
    const found = channelOf(model, consume.target);
    if (!found) return undefined;
    return found.channel.props.delivery ?? found.broker.props.delivery;
}

/** Relations into `id` whose source is a client outside our control (a browser, a partner system). */
export function fromExternalClients(model: ArchModel, id: string): RelationModel[] {
    return model.incoming(id).filter(r => {
        const source = model.component(r.source);
        return source?.kind === 'client' && source.props.external;
    });
}

/** The consistency levels that promise every read sees the latest successful write. */
export const STRONG_CONSISTENCY: ReadonlySet<ConsistencyLevel> = new Set<ConsistencyLevel>(['strong', 'linearizable']);

/**
 * The flows that require strong (or linearizable) reads, by the hop of their path they pass the need
 * to: `strongFlowHops(model).get(hopKey(a, b))` is the flow whose path steps from `a` to `b`.
 */
export function strongFlowHops(model: ArchModel): Map<string, FlowModel> {
    const hops = new Map<string, FlowModel>();
    for (const flow of model.flows) {
        if (flow.requires === undefined || !STRONG_CONSISTENCY.has(flow.requires)) continue;
        for (let i = 0; i + 1 < flow.path.length; i++) hops.set(hopKey(flow.path[i], flow.path[i + 1]), flow);
    }
    return hops;
}

/** The key of the hop from `source` to `target` in {@link strongFlowHops}. */
export function hopKey(source: string, target: string): string {
    return `${source}\u0000${target}`;
}
