/**
 * Component properties (`replicas 3 across a, b`, `tls`, `eviction lru`, `replication ...`): one
 * handler per property type. A declared value replaces the technology's default and is marked
 * `declared` in the component's `origins`.
 */
import * as ast from '../../generated/ast.js';
import type { ComponentModel, ComponentProps, PropName } from '../types.js';
import { STORE_KINDS } from '../types.js';
import * as values from '../values.js';
import { type BuildContext, DATA_STORE, dispatch, type Handlers } from './context.js';
import { REPLICATION, failoverTime } from './replication.js';

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
        // `self-managed` is the way to say a technology that is usually a managed service is run by you.
        if (prop.flag === 'self-managed') {
            set('managed', false);
            return;
        }
        set(prop.flag, true);
        if (prop.flag === 'internal') set('external', false);
    },
    HealthCheckProp: (prop, { ctx, set }) => {
        const kind = prop.kind === undefined ? undefined : ctx.value(prop, 'kind', prop.kind, values.HEALTH_CHECK_KINDS);
        // An unknown kind still declares a health check; the problem says which kinds exist.
        set('healthCheck', kind === 'none' ? undefined : { path: prop.path, kind });
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
    RateLimitProp: (prop, { ctx, set }) => {
        if (prop.none) set('rateLimit', 'none');
        else if (prop.rate) {
            // The grammar reads `10/s`; an incomplete parse can leave only `10`, which says no unit.
            const [count, unit] = prop.rate.split('/');
            if (unit === undefined || Number.isNaN(Number(count))) return;
            set('rateLimit', { count: Number(count), unit: unit.trim(), per: ctx.value(prop, 'per', prop.per, values.RATE_LIMIT_SCOPES), burst: prop.burst });
        }
    },
    TlsProp: (prop, { ctx, set }) => {
        if (prop.mode === undefined) set('tls', 'enabled');
        else {
            const mode = ctx.value(prop, 'mode', prop.mode, values.TLS_MODES);
            if (mode) set('tls', mode);
        }
    },
    AuthProp: (prop, { ctx, set }) => setValue(set, 'auth', ctx.value(prop, 'method', prop.method, values.AUTH_METHODS)),
    HaProp: (prop, { ctx, set }) => setValue(set, 'ha', ctx.value(prop, 'mode', prop.mode, values.HA_MODES)),
    FailoverProp: (prop, { ctx, component, set }) => {
        const mode = ctx.value(prop, 'mode', prop.mode, values.FAILOVER_MODES);
        if (!mode) return;
        set('failover', mode);
        const time = failoverTime(prop, mode, ctx);
        if (time !== undefined) set('failoverTimeMs', time);
        // A single-leader store's failover is its leader's: keep the replication's setting in step.
        const replication = component.props.replication;
        if (replication?.type === 'single-leader') {
            replication.failover = mode;
            replication.failoverTimeMs = time;
        }
    },
    RegionProp: (prop, { ctx, set }) => set('placements', ctx.placementRefs(prop.placements)),
    AlgorithmProp: (prop, { ctx, set }) => setValue(set, 'algorithm', ctx.value(prop, 'algorithm', prop.algorithm, values.LB_ALGORITHMS)),
    StyleProp: (prop, { ctx, set }) => setValue(set, 'style', ctx.value(prop, 'style', prop.style, values.SERVICE_STYLES)),
    SessionProp: (prop, { ctx, set }) => setValue(set, 'session', ctx.value(prop, 'where', prop.where, values.SESSION_STORES)),
    ScalingProp: (prop, { ctx, set }) => setValue(set, 'scaling', ctx.value(prop, 'mode', prop.mode, values.SCALING_MODES)),
    TriggerProp: (prop, { ctx, set }) => setValue(set, 'trigger', ctx.value(prop, 'trigger', prop.trigger, values.TRIGGERS)),
    HoldsProp: (prop, { set }) => set('holds', prop.kinds.filter(k => typeof k === 'string').map(k => k.toLowerCase())),
    AvailabilityProp: (prop, { ctx, set }) => {
        if (prop.value === undefined || Number.isNaN(prop.value)) return;
        if (prop.value <= 0 || prop.value > 100) {
            ctx.problem('error', 'invalid-number', `availability must be a percentage between 0% and 100%, not ${prop.value}%.`, prop, 'value');
        } else set('availability', prop.value);
    },
    LatencyProp: (prop, { ctx, component, set }) => {
        const latency = ctx.latency(prop);
        // `latency p50 2ms` and `latency p99 8ms` add up; the same percentile again replaces it.
        if (latency) set('latencies', [...(component.props.latencies ?? []).filter(l => l.percentile !== latency.percentile), latency]);
    },
    ReplicationProp: (prop, { ctx, component, set }) => {
        set('replication', dispatch(REPLICATION, prop.replication, component.props.replication, component, ctx) ?? { type: 'none' });
    },
    PartitionProp: (prop, { ctx, component, set }) => {
        // A declared partitioning keeps the technology's strategy unless it names its own.
        const inherited = component.origins.partition === 'technology' ? component.props.partition : undefined;
        const count = prop.count !== undefined ? ctx.count(prop, 'count', prop.count, 1, 'partition count') : undefined;
        const keyKind = prop.keyKind === undefined ? undefined : ctx.value(prop, 'keyKind', prop.keyKind, values.KEY_KINDS);
        const strategy = prop.strategy === undefined ? undefined : ctx.value(prop, 'strategy', prop.strategy, values.PARTITION_STRATEGIES);
        set('partition', { key: prop.key, keyKind, strategy: strategy ?? inherited?.strategy, count });
    },
    ConsistencyProp: (prop, { ctx, set }) => setValue(set, 'consistency', ctx.value(prop, 'level', prop.level, values.CONSISTENCY_LEVELS)),
    IsolationProp: (prop, { ctx, set }) => setValue(set, 'isolation', ctx.value(prop, 'level', prop.level, values.ISOLATION_LEVELS)),
    CachePolicyProp: (prop, { set }) => set('cachePolicy', prop.policy),
    EvictionProp: (prop, { ctx, set }) => setValue(set, 'eviction', ctx.value(prop, 'policy', prop.policy, values.EVICTION_POLICIES)),
    TtlProp: (prop, { ctx, set }) => {
        const ms = ctx.duration(prop, 'ttl', prop.ttl);
        if (ms !== undefined) set('ttlMs', ms);
    },
    PlacementProp: (prop, { ctx, set }) => setValue(set, 'cachePlacement', ctx.value(prop, 'placement', prop.placement, values.CACHE_PLACEMENTS)),
    InvalidationProp: (prop, { ctx, set }) => setValue(set, 'invalidation', ctx.value(prop, 'mode', prop.mode, values.INVALIDATION_MODES)),
    CdnModeProp: (prop, { set }) => set('cdnMode', prop.mode),
    OriginProp: (prop, { ctx, component, set }) => {
        const origins = ctx.refs(prop.origins);
        set('origins', origins);
        // A CDN routes to its origins: the diagram and the rules see those as relations.
        for (const target of origins) ctx.addRelation({ kind: 'routes', source: component.id, target, node: prop, arrow: false });
    },
    BrokerTypeProp: (prop, { ctx, set }) => setValue(set, 'brokerType', ctx.value(prop, 'brokerType', prop.brokerType, values.BROKER_TYPES)),
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
    DeliveryProp: (prop, { ctx, set }) => setValue(set, 'delivery', ctx.value(prop, 'delivery', prop.delivery, values.DELIVERY_GUARANTEES)),
    DlqProp: (prop, { ctx, set }) => {
        const target = ctx.ref(prop.target);
        if (target) {
            ctx.checkChannel(prop, 'target', prop.target, 'dlq');
            set('dlq', target);
        }
    },
    OrderingProp: (prop, { ctx, set }) => setValue(set, 'ordering', ctx.value(prop, 'ordering', prop.ordering, values.ORDERINGS)),
    PatternProp: (prop, { ctx, set }) => setValue(set, 'pattern', ctx.value(prop, 'pattern', prop.pattern, values.MESSAGING_PATTERNS)),
    // `conflict resolution lww` among a store's properties: the strategy of its replication (leaderless
    // or multi-leader), as if written inside the replication block. Built after the other properties.
    ConflictSetting: (prop, { ctx, component }) => {
        const strategy = ctx.value(prop, 'strategy', prop.strategy, values.CONFLICT_STRATEGIES);
        if (!strategy) return;
        const replication = component.props.replication;
        if (replication?.type === 'leaderless' || replication?.type === 'multi-leader') {
            replication.conflictResolution = strategy;
        } else {
            ctx.problem('error', 'misplaced-setting',
                `'conflict resolution' applies to multi-leader or leaderless replication, and '${component.name}' ${replication ? `replicates ${replication.type}` : 'declares no replication'}.`,
                prop);
        }
    }
};

/** Sets a property when its value was understood (an unknown value has its own problem). */
function setValue<K extends PropName>(set: PropertyScope['set'], key: K, value: ComponentProps[K] | undefined): void {
    if (value !== undefined) set(key, value);
}

/** The key under which a property counts as "set twice". */
export function propertyKey(prop: ast.Property): string {
    if (ast.isFlagProp(prop)) return prop.flag === 'self-managed' ? 'managed' : prop.flag;
    if (ast.isCachePolicyProp(prop)) return 'write policy';
    if (ast.isCdnModeProp(prop)) return 'push/pull';
    if (ast.isOwnsProp(prop)) return `owns ${prop.$cstNode?.offset ?? ''}`; // several `owns` lines add up
    if (ast.isLatencyProp(prop)) return `latency ${prop.percentile ?? ''}`.trim(); // one line per percentile
    const text = prop.$cstNode?.text ?? prop.$type;
    // `health check ...` and `rate limit ...` are named by their first two words.
    const words = prop.$type === ast.HealthCheckProp.$type || prop.$type === ast.RateLimitProp.$type ? 2 : 1;
    return text.split(/\s+/).slice(0, words).join(' ');
}
