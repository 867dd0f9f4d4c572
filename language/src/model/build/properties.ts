/**
 * Component properties (`replicas 3 across a, b`, `tls`, `eviction lru`, `replication ...`): one
 * handler per property type. A declared value replaces the technology's default and is marked
 * `declared` in the component's `origins`.
 */
import * as ast from '../../generated/ast.js';
import type { ComponentModel, ComponentProps, PropName } from '../types.js';
import { STORE_KINDS } from '../types.js';
import { type BuildContext, DATA_STORE, dispatch, type Handlers } from './context.js';
import { REPLICATION } from './replication.js';

/** What a property handler works on. */
export interface PropertyScope {
    ctx: BuildContext;
    component: ComponentModel;
    /** Sets a property to a value the text declares. */
    set: <K extends PropName>(key: K, value: ComponentProps[K]) => void;
}

export const PROPERTIES: Handlers<ast.Property, [PropertyScope]> = {
    ReplicasProp: (prop, { ctx, set }) => {
        const n = ctx.count(prop, 'count', prop.count, 1, 'replicas');
        if (n !== undefined) set('replicas', n);
        if (prop.across.length > 0) set('placements', ctx.placementRefs(prop.across));
    },
    FlagProp: (prop, { set }) => {
        if (!prop.flag) return;
        set(prop.flag, true);
        if (prop.flag === 'internal') set('external', false);
    },
    HealthCheckProp: (prop, { set }) => {
        set('healthCheck', prop.kind === 'none' ? undefined : { path: prop.path, kind: prop.kind });
    },
    OwnsProp: (prop, { ctx, component, set }) => {
        const stores: string[] = [];
        prop.stores.forEach((store, index) => {
            const target = ctx.ref(store);
            if (!target) return;
            const targetKind = ctx.refKind(store);
            if (targetKind && !STORE_KINDS.includes(targetKind)) {
                ctx.problem('error', 'invalid-target', `'owns' expects ${DATA_STORE}, but '${store.$refText}' is a ${targetKind}.`, prop, 'stores', index);
            }
            stores.push(target);
        });
        // Several `owns` lines add up.
        set('owns', [...component.props.owns, ...stores]);
    },
    RateLimitProp: (prop, { set }) => {
        if (prop.none) set('rateLimit', 'none');
        else if (prop.rate) {
            // The grammar reads `10/s`; an incomplete parse can leave only `10`, which says no unit.
            const [count, unit] = prop.rate.split('/');
            if (unit === undefined || Number.isNaN(Number(count))) return;
            set('rateLimit', { count: Number(count), unit: unit.trim(), per: prop.per, burst: prop.burst });
        }
    },
    TlsProp: (prop, { set }) => set('tls', prop.mode ?? 'enabled'),
    AuthProp: (prop, { set }) => set('auth', prop.method),
    HaProp: (prop, { set }) => set('ha', prop.mode),
    FailoverProp: (prop, { component, set }) => {
        set('failover', prop.mode);
        // A single-leader store's failover is its leader's: keep the replication's setting in step.
        const replication = component.props.replication;
        if (replication?.type === 'single-leader') replication.failover = prop.mode;
    },
    RegionProp: (prop, { ctx, set }) => set('placements', ctx.placementRefs(prop.placements)),
    AlgorithmProp: (prop, { set }) => set('algorithm', prop.algorithm),
    StyleProp: (prop, { set }) => set('style', prop.style),
    SessionProp: (prop, { set }) => set('session', prop.where),
    ScalingProp: (prop, { set }) => set('scaling', prop.mode),
    TriggerProp: (prop, { set }) => set('trigger', prop.trigger),
    HoldsProp: (prop, { set }) => set('holds', prop.kinds.filter(k => typeof k === 'string').map(k => k.toLowerCase())),
    AvailabilityProp: (prop, { ctx, set }) => {
        if (prop.value === undefined || Number.isNaN(prop.value)) return;
        if (prop.value <= 0 || prop.value > 100) {
            ctx.problem('error', 'invalid-number', `availability must be a percentage between 0% and 100%, not ${prop.value}%.`, prop, 'value');
        } else set('availability', prop.value);
    },
    ReplicationProp: (prop, { ctx, component, set }) => {
        set('replication', dispatch(REPLICATION, prop.replication, component.props.replication, component, ctx) ?? { type: 'none' });
    },
    PartitionProp: (prop, { ctx, component, set }) => {
        // A declared partitioning keeps the technology's strategy unless it names its own.
        const inherited = component.origins.partition === 'technology' ? component.props.partition : undefined;
        const count = prop.count !== undefined ? ctx.count(prop, 'count', prop.count, 1, 'partition count') : undefined;
        set('partition', { key: prop.key, keyKind: prop.keyKind, strategy: prop.strategy ?? inherited?.strategy, count });
    },
    ConsistencyProp: (prop, { set }) => set('consistency', prop.level),
    IsolationProp: (prop, { set }) => set('isolation', prop.level),
    CachePolicyProp: (prop, { set }) => set('cachePolicy', prop.policy),
    EvictionProp: (prop, { set }) => set('eviction', prop.policy),
    TtlProp: (prop, { ctx, set }) => {
        const ms = ctx.duration(prop, 'ttl', prop.ttl);
        if (ms !== undefined) set('ttlMs', ms);
    },
    PlacementProp: (prop, { set }) => set('cachePlacement', prop.placement),
    InvalidationProp: (prop, { set }) => set('invalidation', prop.mode),
    CdnModeProp: (prop, { set }) => set('cdnMode', prop.mode),
    OriginProp: (prop, { ctx, component, set }) => {
        const origins = ctx.refs(prop.origins);
        set('origins', origins);
        // A CDN routes to its origins: the diagram and the rules see those as relations.
        for (const target of origins) ctx.addRelation({ kind: 'routes', source: component.id, target, node: prop, arrow: false });
    },
    BrokerTypeProp: (prop, { set }) => set('brokerType', prop.brokerType),
    RetentionProp: (prop, { ctx, set }) => {
        if (prop.untilAck) set('retention', 'until-ack');
        else if (prop.forever) set('retention', 'forever');
        else {
            const ms = ctx.duration(prop, 'duration', prop.duration);
            if (ms !== undefined) set('retention', { ms });
        }
    },
    PartitionsProp: (prop, { ctx, set }) => {
        const n = ctx.count(prop, 'count', prop.count, 1, 'partitions');
        if (n !== undefined) set('partitions', n);
    },
    KeyProp: (prop, { set }) => set('key', prop.key),
    DeliveryProp: (prop, { set }) => set('delivery', prop.delivery),
    DlqProp: (prop, { ctx, set }) => {
        const target = ctx.ref(prop.target);
        if (target) {
            ctx.checkChannel(prop, 'target', prop.target, 'dlq');
            set('dlq', target);
        }
    },
    OrderingProp: (prop, { set }) => set('ordering', prop.ordering),
    PatternProp: (prop, { set }) => set('pattern', prop.pattern)
};

/** The key under which a property counts as "set twice". */
export function propertyKey(prop: ast.Property): string {
    if (ast.isFlagProp(prop)) return prop.flag;
    if (ast.isCachePolicyProp(prop)) return 'write policy';
    if (ast.isCdnModeProp(prop)) return 'push/pull';
    if (ast.isOwnsProp(prop)) return `owns ${prop.$cstNode?.offset ?? ''}`; // several `owns` lines add up
    const text = prop.$cstNode?.text ?? prop.$type;
    // `health check ...` and `rate limit ...` are named by their first two words.
    const words = prop.$type === ast.HealthCheckProp.$type || prop.$type === ast.RateLimitProp.$type ? 2 : 1;
    return text.split(/\s+/).slice(0, words).join(' ');
}
