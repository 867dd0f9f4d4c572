/**
 * The semantic model: a plain, AST-free graph of the architecture.
 *
 * Everything downstream (lint rules, hover, diagram, Mermaid export, CLI) reads these types and
 * nothing else. Values here are *effective*: technology defaults are applied and every property
 * remembers where its value came from (`origins`). Positions are LSP-style (0-based line/character).
 */

export interface Position {
    line: number;
    character: number;
}

export interface Range {
    start: Position;
    end: Position;
}

/** Where an element was written. `range` covers the whole element, `nameRange` just its name. */
export interface SourceLocation {
    uri: string;
    range: Range;
    nameRange?: Range;
}

export type ComponentKind =
    | 'client'
    | 'service'
    | 'function'
    | 'gateway'
    | 'loadbalancer'
    | 'cdn'
    | 'broker'
    | 'topic'
    | 'queue'
    | 'database'
    | 'cache'
    | 'objectstore'
    | 'search'
    | 'coordinator';

export const COMPONENT_KINDS: readonly ComponentKind[] = [
    'client', 'service', 'function', 'gateway', 'loadbalancer', 'cdn', 'broker', 'topic', 'queue',
    'database', 'cache', 'objectstore', 'search', 'coordinator'
];

/** Kinds that hold data (the targets of reads/writes and of replication settings). */
export const STORE_KINDS: readonly ComponentKind[] = ['database', 'cache', 'objectstore', 'search'];
/** Kinds that run application code. */
export const COMPUTE_KINDS: readonly ComponentKind[] = ['service', 'function'];
/** Message channels (children of a broker). */
export const CHANNEL_KINDS: readonly ComponentKind[] = ['topic', 'queue'];

export type ValueOrigin = 'declared' | 'technology';

export type SyncMode = 'sync' | 'semi-sync' | 'async';
export type FailoverMode = 'manual' | 'automatic' | 'none';
export type ConsistencyLevel =
    | 'linearizable' | 'strong' | 'read-your-writes' | 'monotonic' | 'consistent-prefix' | 'causal' | 'eventual';
export type ConflictStrategy = 'lww' | 'version-vectors' | 'crdt' | 'custom' | 'avoidance' | 'merge' | 'none';

export interface SingleLeaderReplication {
    type: 'single-leader';
    /** Number of followers; undefined when not stated. */
    followers?: number;
    /** Placement ids (regions or zones) the followers are in. */
    followerPlacements: string[];
    mode?: SyncMode;
    failover?: FailoverMode;
    readFrom?: 'leader' | 'followers' | 'any' | 'nearest';
    /** How a new leader is chosen: via a coordinator component, or a method. */
    election?: { coordinator?: string; method?: 'consensus' | 'manual' | 'timeout' };
    fencingTokens: boolean;
}

export interface MultiLeaderReplication {
    type: 'multi-leader';
    leaders?: number;
    leaderPlacements: string[];
    topology?: 'all-to-all' | 'star' | 'circle';
    conflictResolution?: ConflictStrategy;
    mode?: SyncMode;
}

export interface LeaderlessReplication {
    type: 'leaderless';
    n?: number;
    w?: number;
    r?: number;
    sloppyQuorum: boolean;
    readRepair: boolean;
    antiEntropy: boolean;
    hintedHandoff: boolean;
    conflictResolution?: ConflictStrategy;
}

export interface ConsensusReplication {
    type: 'consensus';
    protocol?: 'raft' | 'paxos' | 'zab';
    nodes?: number;
}

export interface NoReplication {
    type: 'none';
}

export type Replication =
    | SingleLeaderReplication | MultiLeaderReplication | LeaderlessReplication | ConsensusReplication | NoReplication;

export interface RateLimit {
    /** Requests allowed per `unit`. */
    count: number;
    unit: string;
    per?: string;
    burst?: number;
}

export interface Partitioning {
    key?: string;
    keyKind?: 'timestamp' | 'monotonic' | 'low-cardinality' | 'random';
    strategy?: 'hash' | 'consistent-hash' | 'range' | 'modulo' | 'geo' | 'functional';
    count?: number;
}

/**
 * Effective properties of a component. A property is undefined when neither the text nor the
 * technology says anything about it; rules must treat undefined as "unknown", not as a default.
 */
export interface ComponentProps {
    /** Running instances / nodes. 1 when not stated (`origins.replicas` is then undefined). */
    replicas: number;
    /** Placement ids of the instances: zones or regions (from `replicas N across ...` or `in ...`). */
    placements: string[];
    managed: boolean;
    stateful: boolean;
    public: boolean;
    /** Explicitly internal (for clients: an internal system, not an external user). */
    internal: boolean;
    /** For clients and third-party systems: outside our control. */
    external: boolean;
    /** Change data capture is enabled on this store. */
    cdc: boolean;
    healthCheck?: { path?: string; kind?: string };
    owns: string[];
    rateLimit?: RateLimit | 'none';
    tls?: 'terminate' | 'passthrough' | 'mutual' | 'none' | 'enabled';
    auth?: string;
    ha?: 'active-active' | 'active-passive' | 'none';
    failover?: FailoverMode;
    algorithm?: string;
    style?: string;
    session?: 'local' | 'external' | 'none';
    scaling?: 'none' | 'vertical' | 'horizontal' | 'auto';
    trigger?: 'http' | 'event' | 'schedule' | 'db-change';
    /** Kinds of data held, e.g. orders, payments, financial. */
    holds: string[];
    /** Stated availability of this component, in percent. */
    availability?: number;
    replication?: Replication;
    partition?: Partitioning;
    consistency?: ConsistencyLevel;
    isolation?: string;
    cachePolicy?: 'write-through' | 'write-around' | 'write-back' | 'cache-aside';
    eviction?: 'lru' | 'lfu' | 'fifo' | 'none';
    ttlMs?: number;
    cachePlacement?: 'local' | 'global';
    invalidation?: 'ttl' | 'explicit' | 'both' | 'none';
    cdnMode?: 'push' | 'pull';
    origins: string[];
    brokerType?: 'log-based' | 'in-memory';
    retention?: { ms: number } | 'until-ack' | 'forever';
    partitions?: number;
    key?: string;
    delivery?: 'at-most-once' | 'at-least-once' | 'exactly-once' | 'best-effort';
    dlq?: string;
    ordering?: 'none' | 'per-key' | 'global';
    pattern?: 'pub-sub' | 'point-to-point' | 'event-streaming';
}

export type PropName = keyof ComponentProps;

export interface ComponentModel {
    /** Qualified name, unique in the workspace: `Tickets.Events.orderEvents`. */
    id: string;
    name: string;
    kind: ComponentKind;
    technology?: string;
    /** The technology is in sysd's catalog (its defaults were applied). */
    technologyKnown: boolean;
    doc?: string;
    /** Id of the enclosing component (a topic's broker), if any. */
    parent?: string;
    /** Id of the innermost enclosing system, if any. */
    system?: string;
    props: ComponentProps;
    /** Where each non-default property value came from. */
    origins: Partial<Record<PropName, ValueOrigin>>;
    loc: SourceLocation;
}

export type RelationKind =
    | 'calls' | 'reads' | 'writes' | 'uses' | 'publishes' | 'consumes' | 'routes' | 'replicates' | 'syncs';

export interface RetryPolicy {
    /** Maximum attempts after the first; undefined with `unbounded`. */
    count?: number;
    unbounded: boolean;
    backoff?: 'fixed' | 'incremental' | 'exponential';
    jitter: boolean;
    maxDurationMs?: number;
}

export interface RelationModel {
    /** Stable id: `source kind target #n` (n counts repeats of the same triple). */
    id: string;
    kind: RelationKind;
    source: string;
    target: string;
    /** The relation was written as `A -> B` and its kind inferred from the endpoints. */
    arrow: boolean;
    protocol?: string;
    /** For calls: true unless declared `async`. */
    sync: boolean;
    timeoutMs?: number;
    retry?: RetryPolicy;
    circuitBreaker: boolean;
    idempotent: boolean;
    idempotencyKey: boolean;
    fallback?: { target?: string; cache?: boolean; defaultValue?: boolean };
    tls?: string;
    readFrom?: 'leader' | 'followers' | 'any' | 'nearest';
    requires?: ConsistencyLevel;
    viaCache?: string;
    via?: 'outbox' | 'cdc' | 'direct' | 'event-sourced' | 'broker' | 'function' | 'batch' | 'db-native';
    relay?: string;
    key?: string;
    delivery?: 'at-most-once' | 'at-least-once' | 'exactly-once' | 'best-effort';
    dlq?: string;
    group?: string;
    replay: boolean;
    ordered: boolean;
    mode?: SyncMode;
    loc: SourceLocation;
    /** Range of the target reference. */
    targetRange?: Range;
}

export interface SagaStepModel {
    service: string;
    action: string;
    compensation?: { service: string; action: string };
    noCompensation: boolean;
    external: boolean;
    loc: SourceLocation;
}

export interface SagaModel {
    id: string;
    name: string;
    mode?: 'orchestration' | 'choreography';
    orchestrator?: string;
    broker?: string;
    steps: SagaStepModel[];
    loc: SourceLocation;
    doc?: string;
}

export interface CqrsModel {
    id: string;
    name: string;
    command?: string;
    commandStore?: string;
    query?: string;
    queryStore?: string;
    syncVia?: 'broker' | 'function' | 'cdc' | 'none';
    syncThrough?: string;
    loc: SourceLocation;
    doc?: string;
}

export interface ViewModel {
    id: string;
    name: string;
    materialized: boolean;
    store?: string;
    sources: string[];
    refresh?: 'on-change' | 'schedule' | 'db-native' | 'none';
    schedule?: string;
    loc: SourceLocation;
    doc?: string;
}

export interface EventSourcingModel {
    id: string;
    name: string;
    store?: string;
    /** Events between snapshots, `none`, or undefined when unstated. */
    snapshots?: number | 'none';
    projections: string[];
    loc: SourceLocation;
    doc?: string;
}

export interface TransactionModel {
    id: string;
    name: string;
    protocol?: '2pc' | 'local';
    coordinator?: string;
    participants: string[];
    loc: SourceLocation;
    doc?: string;
}

export interface SloModel {
    id: string;
    name: string;
    path: string[];
    target?: string;
    /** Percent, e.g. 99.95. */
    availability?: number;
    availabilityLoc?: SourceLocation;
    latencies: { percentile: string; ms: number }[];
    windowMs?: number;
    loc: SourceLocation;
    doc?: string;
}

export interface FlowModel {
    id: string;
    name: string;
    path: string[];
    userFacing: boolean;
    requires?: ConsistencyLevel;
    loc: SourceLocation;
    doc?: string;
}

export interface SystemModel {
    id: string;
    name: string;
    parent?: string;
    doc?: string;
    loc: SourceLocation;
}

export interface RegionModel {
    id: string;
    name: string;
    zones: { id: string; name: string; loc: SourceLocation }[];
    loc: SourceLocation;
}

/** A problem found while resolving the text into the model (not a lint finding). */
export interface ModelProblem {
    severity: 'error' | 'warning';
    code: string;
    message: string;
    loc: SourceLocation;
}

/** The part of the model one document contributes. */
export interface ModelFragment {
    uri: string;
    components: ComponentModel[];
    relations: RelationModel[];
    systems: SystemModel[];
    regions: RegionModel[];
    sagas: SagaModel[];
    cqrs: CqrsModel[];
    views: ViewModel[];
    eventSourcing: EventSourcingModel[];
    transactions: TransactionModel[];
    slos: SloModel[];
    flows: FlowModel[];
    problems: ModelProblem[];
}
