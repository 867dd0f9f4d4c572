/**
 * The result of a what-if analysis: plain, JSON-able data (no classes, no functions, no cycles), so the
 * CLI can print it as JSON, the language server can send it, and a rule, a CodeLens or the preview can
 * read it without knowing how it was computed. `sysd analyze --format json` prints exactly this shape;
 * docs/analysis.md documents it as a contract (`version` changes when a field changes meaning).
 */
import type { SourceLocation } from '../model/types.js';

/** Up: works as declared. Degraded: works, with less redundancy, slower or with stale data. Down: fails. */
export type Status = 'up' | 'degraded' | 'down';

/** Where a number came from: written in the text, a technology's documented figure, or sysd's default for a kind. */
export type FigureSource = 'declared' | 'technology' | 'default';

/** Something that fails: a whole component, some of its instances, a zone or a region. */
export type FailureTarget =
    | { kind: 'component'; id: string }
    | { kind: 'instances'; id: string; count: number }
    | { kind: 'zone'; id: string }
    | { kind: 'region'; id: string };

export interface FailureSet {
    /** Components that fail whole (brokers and coordinators are components too). */
    components?: readonly string[];
    /** Some instances of a component: id -> how many of its instances fail. */
    instances?: Readonly<Record<string, number>>;
    /** Zone ids (qualified, as in the model: `Shop.euWest.a`). */
    zones?: readonly string[];
    /** Region ids; a region takes its zones with it. */
    regions?: readonly string[];
}

/** One factor of an availability product: a component (or a group of alternatives) and how its figure was reached. */
export interface AvailabilityTerm {
    /** The component ids the term stands for: one, or the alternatives of a fallback (either suffices). */
    components: string[];
    /** Probability, 0..1. */
    value: number;
    /** The weakest source among the figures the term uses. */
    source: FigureSource;
    /** The arithmetic, e.g. `1 − (1 − 0.995)^3 = 0.999999875 (6 replicas in 3 zones; ...)`. */
    working: string;
}

export interface AvailabilityReport {
    /** Probability, 0..1, that the synchronous part of the path is up (under the failure set). */
    value: number;
    /** `value` as a percentage with enough digits to compare against a target (`99.9875%`). */
    percent: string;
    /** The product in one line: `Π over 5 components = 0.99975`. Each factor is in `terms`. */
    formula: string;
    /** Every factor that is not exactly 1, in path order then dependency order. */
    terms: AvailabilityTerm[];
    /** The same product with every `default` figure taken as 1: what the path reaches if only the stated figures can fail. */
    statedOnly: number;
}

export interface LatencyHop {
    from: string;
    to: string;
    /** Worst case of this hop, callee chain included; undefined when unbounded or unknown. */
    worstMs?: number;
    working: string;
}

/**
 * The path's time at one percentile from the stated latencies (`latency p99 40ms` on a call, its
 * callee's work included; on a component, its own work): where nothing is stated, a hop's worst case
 * stands in. Listed only when some stated latency is part of it.
 */
export interface LatencyBudget {
    /** `p99`, `p99.9`, `avg`. */
    percentile: string;
    /** In ms; undefined when a hop that stands in with its worst case is unbounded. */
    ms?: number;
    /** Every part stated (false: some hop's worst case stands in). */
    complete: boolean;
    working: string;
}

export interface LatencyReport {
    /** Worst-case time the first caller can wait, in ms; undefined when some hop has no bound. */
    worstMs?: number;
    /** Why the worst case is unbounded or unknown (a hop without timeout at the end of the chain, `retry forever`). */
    unbounded?: string;
    working: string;
    hops: LatencyHop[];
    /** The budget at each percentile the path's stated latencies (or the SLO's targets) name: the "expected" beside the worst case. */
    budgets: LatencyBudget[];
}

export interface StepReport {
    /** Index in the path. */
    index: number;
    component: string;
    /** The component exists in the model. */
    known: boolean;
    status: Status;
    /** How this step is reached from the previous one. */
    hop?: { kind: 'sync' | 'async' | 'undeclared'; relation?: string; via?: string };
    /** The step is after an asynchronous hop: its failure delays work instead of failing the request. */
    async: boolean;
    why: string[];
}

/** A reason a path is degraded or down: the step, the component that caused it, and the chain of dependencies in between. */
export interface PathConsequence {
    status: Exclude<Status, 'up'>;
    step: number;
    stepComponent: string;
    component: string;
    /** Dependency chain from the step to the component, both included; longer than 8 names, the middle is one '…'. */
    chain: string[];
    why: string;
    /** The path is down or degraded this long and then recovers: a stated failover time (`failover manual 5m`), in ms. */
    outageMs?: number;
}

export interface ObjectiveReport {
    availability?: { target: number; verdict: 'met' | 'unmet' | 'at-risk'; why: string };
    latencies: {
        percentile: string;
        targetMs: number;
        verdict: 'within' | 'exceeded' | 'unknown';
        /** What the target was compared with: the budget from stated latencies, or the worst case when the path states none. */
        basis: 'stated' | 'worst-case';
        /** The figure compared, in ms (undefined when unbounded). */
        budgetMs?: number;
        why: string;
    }[];
}

/** What a flow or an SLO is, as the analysis reads it: the part of a report that no failure changes. */
export interface PathIdentity {
    kind: 'flow' | 'slo';
    id: string;
    name: string;
    loc: SourceLocation;
    path: string[];
    userFacing: boolean;
}

export interface PathReport extends PathIdentity {
    status: Status;
    /** Why the path is degraded or down: the `down` ones first, then the `degraded`, at most 20. */
    consequences: PathConsequence[];
    /** How many more consequences there are than `consequences` lists. */
    moreConsequences: number;
    steps: StepReport[];
    availability: AvailabilityReport;
    latency: LatencyReport;
    /** Attempts that reach the last synchronous step per request: the product of attempts along the hops; null with `retry forever`. */
    retryAmplification: { factor: number | null; chain: string[]; working: string };
    /** SLOs only: the objective against the computed figures. */
    objective?: ObjectiveReport;
}

export interface ComponentImpact {
    id: string;
    status: Exclude<Status, 'up'>;
    why: string[];
}

export interface TimeoutViolation {
    /** The caller's relation id. */
    relation: string;
    caller: string;
    callee: string;
    callerTimeoutMs: number;
    calleeWorstMs: number;
    working: string;
    loc: SourceLocation;
}

export interface RetryChain {
    /** The last relation of the chain. */
    relation: string;
    factor: number;
    chain: string[];
    working: string;
    loc: SourceLocation;
}

export interface AnalysisResult {
    /** Version of this JSON shape. */
    version: 1;
    failures: FailureTarget[];
    flows: PathReport[];
    slos: PathReport[];
    /** Components that are degraded or down under the failure set (empty without failures). */
    components: ComponentImpact[];
    /** Calls whose callee can take longer than the caller waits (model-wide, independent of failures). */
    timeouts: TimeoutViolation[];
    /** Synchronous call chains where retries multiply (factor above the last hop's own attempts). */
    retries: RetryChain[];
    /** The default figures the numbers rest on, one line each (`instance availability 99.5%: ...`). */
    assumptions: string[];
}
