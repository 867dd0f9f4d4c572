/**
 * The semantic model: a plain, AST-free graph of the architecture.
 *
 * Everything downstream (lint rules, hover, diagram, Mermaid export, CLI) reads these types and
 * nothing else. Values here are *effective*: technology defaults are applied and every property
 * remembers where its value came from (`origins`). Positions are LSP-style (0-based line/character).
 *
 * Where a value is written exactly as the grammar spells it (component kinds, consistency levels,
 * delivery guarantees...), its type is the generated AST's type, so the model and the grammar cannot
 * disagree. The import is type-only: it is erased, and this module stays free of Langium at run time.
 */
import type * as ast from '../generated/ast.js';
import type * as values from './values.js';
import type { ValueOf } from './values.js';

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

export type ComponentKind = ValueOf<typeof values.COMPONENT_KINDS>;

/**
 * Returns the list it is given, and fails to compile when the list leaves out a member of the union
 * `U`: the error names the missing members. Used for run-time lists of a grammar union, so a kind
 * added to the grammar cannot be forgotten here.
 */
function everyMember<U extends string>() {
    return <const L extends readonly U[]>(list: L & ([Exclude<U, L[number]>] extends [never] ? unknown : { missing: Exclude<U, L[number]> })): readonly U[] => list;
}

/** Every component kind, in the order the documentation lists them. */
export const COMPONENT_KINDS: readonly ComponentKind[] = everyMember<ComponentKind>()([
    'client', 'service', 'function', 'gateway', 'loadbalancer', 'cdn', 'broker', 'topic', 'queue',
    'database', 'cache', 'objectstore', 'search', 'coordinator'
]);

/** Kinds that hold data (the targets of reads/writes and of replication settings). */
export const STORE_KINDS: readonly ComponentKind[] = ['database', 'cache', 'objectstore', 'search'];
/** Kinds that run application code. */
export const COMPUTE_KINDS: readonly ComponentKind[] = ['service', 'function'];
/** Message channels (children of a broker). */
export const CHANNEL_KINDS: readonly ComponentKind[] = ['topic', 'queue'];

export type ValueOrigin = 'declared' | 'technology';

export type SyncMode = ValueOf<typeof values.SYNC_MODES>;
export type FailoverMode = ValueOf<typeof values.FAILOVER_MODES>;
export type ConsistencyLevel = ValueOf<typeof values.CONSISTENCY_LEVELS>;
export type ConflictStrategy = ValueOf<typeof values.CONFLICT_STRATEGIES>;

export interface SingleLeaderReplication {
    type: 'single-leader';
    /** Number of followers; undefined when not stated. */
    followers?: number;
    /** Placement ids (regions or zones) the followers are in. */
    followerPlacements: string[];
    mode?: SyncMode;
    failover?: FailoverMode;
    /** `failover manual 5m`: the stated time until writes resume at a new leader, in ms. */
    failoverTimeMs?: number;
    readFrom?: ValueOf<typeof values.READ_SOURCES>;
    /** How a new leader is chosen: via a coordinator component, or a method. */
    election?: { coordinator?: string; method?: ValueOf<typeof values.ELECTION_METHODS> };
    fencingTokens: boolean;
}

export interface MultiLeaderReplication {
    type: 'multi-leader';
    leaders?: number;
    leaderPlacements: string[];
    topology?: ValueOf<typeof values.TOPOLOGIES>;
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
    protocol?: ValueOf<typeof values.CONSENSUS_PROTOCOLS>;
    nodes?: number;
    /**
     * `election timeout 150ms to 300ms`: the follower's wait before it stands for leader. `minMs` equal
     * to `maxMs` is a fixed timeout (one value written); a range is randomized per node.
     */
    electionTimeout?: { minMs: number; maxMs: number; loc: SourceLocation };
}

export interface NoReplication {
    type: 'none';
}

export type Replication =
    | SingleLeaderReplication | MultiLeaderReplication | LeaderlessReplication | ConsensusReplication | NoReplication;

/** A latency stated at a percentile: `latency p99 40ms` (`avg` for a mean). */
export interface StatedLatency {
    /** As written, lower case: `p99`, `p99.9`; `avg` for `avg`, `mean` and `average`. */
    percentile: string;
    ms: number;
}

export interface RateLimit {
    /** Requests allowed per `unit`. */
    count: number;
    unit: string;
    per?: string;
    burst?: number;
}

export interface Partitioning {
    key?: string;
    keyKind?: ValueOf<typeof values.KEY_KINDS>;
    strategy?: ValueOf<typeof values.PARTITION_STRATEGIES>;
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
    /** A mode as written, or `enabled` for a bare `tls`. */
    tls?: ValueOf<typeof values.TLS_MODES> | 'enabled';
    auth?: string;
    ha?: ValueOf<typeof values.HA_MODES>;
    failover?: FailoverMode;
    /** `failover manual 5m`: the stated time until the component serves again after its leader or primary fails, in ms. */
    failoverTimeMs?: number;
    /** `latency p99 5ms`: its own processing time at each stated percentile (the calls it makes not included). */
    latencies?: StatedLatency[];
    algorithm?: string;
    style?: string;
    session?: ValueOf<typeof values.SESSION_STORES>;
    scaling?: ValueOf<typeof values.SCALING_MODES>;
    trigger?: ValueOf<typeof values.TRIGGERS>;
    /** Kinds of data held, e.g. orders, payments, financial. */
    holds: string[];
    /** Stated availability of this component, in percent. */
    availability?: number;
    replication?: Replication;
    partition?: Partitioning;
    consistency?: ConsistencyLevel;
    isolation?: string;
    cachePolicy?: ast.CachePolicyProp['policy'];
    eviction?: ValueOf<typeof values.EVICTION_POLICIES>;
    ttlMs?: number;
    cachePlacement?: ValueOf<typeof values.CACHE_PLACEMENTS>;
    invalidation?: ValueOf<typeof values.INVALIDATION_MODES>;
    cdnMode?: ast.CdnModeProp['mode'];
    origins: string[];
    brokerType?: ValueOf<typeof values.BROKER_TYPES>;
    retention?: { ms: number } | 'until-ack' | 'forever';
    partitions?: number;
    key?: string;
    delivery?: ValueOf<typeof values.DELIVERY_GUARANTEES>;
    dlq?: string;
    ordering?: ValueOf<typeof values.ORDERINGS>;
    pattern?: ValueOf<typeof values.MESSAGING_PATTERNS>;
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
    backoff?: ValueOf<typeof values.BACKOFFS>;
    /** `retry 3 exponential 200ms`: the first delay of the backoff, in ms (unstated: the analysis' default). */
    baseDelayMs?: number;
    jitter: boolean;
    /**
     * `max <duration>`: the cap on the delay between two attempts (capped exponential backoff,
     * delay = min(max, base · 2^attempt)). It does not limit the number of attempts or their total
     * time: `retry forever exponential max 5s` still retries forever, waiting at most 5 s each time.
     */
    maxDelayMs?: number;
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
    /** `latency p99 40ms` in a call's block: how long the caller waits for an answer at each stated percentile. */
    latencies?: StatedLatency[];
    retry?: RetryPolicy;
    circuitBreaker: boolean;
    idempotent: boolean;
    idempotencyKey: boolean;
    fallback?: { target?: string; cache?: boolean; defaultValue?: boolean };
    tls?: string;
    readFrom?: ValueOf<typeof values.READ_SOURCES>;
    requires?: ConsistencyLevel;
    viaCache?: string;
    /** How a publish leaves its service (`publishes ... via outbox`) or how a `syncs` copies data. */
    via?: ValueOf<typeof values.PUBLISH_VIAS> | ValueOf<typeof values.SYNC_VIAS>;
    relay?: string;
    key?: string;
    delivery?: ValueOf<typeof values.DELIVERY_GUARANTEES>;
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
    syncVia?: ValueOf<typeof values.CQRS_SYNC_VIAS>;
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
    refresh?: ValueOf<typeof values.VIEW_REFRESHES>;
    schedule?: string;
    loc: SourceLocation;
    doc?: string;
}

/**
 * A diagram view declared in the text: `view Name { include ...; exclude ...; }`. It says what the
 * preview, `sysd export --view` and the Mermaid and Markdown exports draw. Its names are kept as
 * written (with the system the view is declared in) and resolved against the whole workspace by
 * `resolveViewName` (model/views.ts): a view may show elements of any file.
 */
export interface DiagramViewModel {
    id: string;
    name: string;
    title?: string;
    description?: string;
    /** In order: an element is shown when the last rule that matches it includes it. */
    rules: ViewRuleModel[];
    /** The system the view is declared in: names are looked up from there outwards. */
    scope?: string;
    loc: SourceLocation;
    doc?: string;
}

export interface ViewRuleModel {
    include: boolean;
    predicates: ViewPredicateModel[];
    loc: SourceLocation;
}

/** A name in a view as written, with where it was written (for errors and fixes). */
export interface ViewName {
    text: string;
    loc: SourceLocation;
}

export type ViewPredicateModel =
    /** `*`: every component. */
    | { kind: 'all'; loc: SourceLocation }
    /** A component (with the channels or components it holds) or a system (with everything in it). */
    | { kind: 'element'; name: ViewName; loc: SourceLocation }
    /** `X -> *` (out), `* -> X` (in), `X <-> *` (both): X and the components it is related to. */
    | { kind: 'neighbours'; name: ViewName; direction: 'out' | 'in' | 'both'; loc: SourceLocation }
    /** `X -> Y`: both ends of the relations from X (or inside it) to Y (or inside it). */
    | { kind: 'relation'; source: ViewName; target: ViewName; both: boolean; loc: SourceLocation }
    /** `kind database`. */
    | { kind: 'kind'; componentKind: ComponentKind; loc: SourceLocation }
    /** `region usWest`, `zone usWest.a`: the components placed there. */
    | { kind: 'placement'; placement: 'region' | 'zone'; name: ViewName; loc: SourceLocation };

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
    protocol?: ValueOf<typeof values.TRANSACTION_PROTOCOLS>;
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
    /** `external`: an SLA promised to customers rather than an internal objective. */
    external?: boolean;
    /** `indicator "..."`: the SLI, what is measured to tell whether the objective is met. */
    indicator?: string;
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
    /** Edits that resolve the problem (the same shape as a lint fix): replacing an unknown value by the one it probably meant. */
    fixes?: ModelFix[];
}

/** A text edit that resolves a model problem; `preferred` fixes are the ones "fix all" applies. */
export interface ModelFix {
    title: string;
    edits: Array<{ uri: string; range: Range; newText: string }>;
    preferred?: boolean;
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
    /** Diagram views (`view Name { include ... }`); `views` are the materialized read models. */
    diagramViews: DiagramViewModel[];
    eventSourcing: EventSourcingModel[];
    transactions: TransactionModel[];
    slos: SloModel[];
    flows: FlowModel[];
    problems: ModelProblem[];
}
