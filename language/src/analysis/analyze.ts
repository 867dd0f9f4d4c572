/**
 * `analyze(model, { fail })`: the what-if analysis of a workspace model. Everything that does not
 * depend on the failure set (the paths and what they need, latency budgets, timeout ordering, retry
 * chains, the report without failures) is computed once per model and kept while the model lives
 * (a WeakMap keyed by the model, which the model service replaces on every change). A new model takes
 * over from the one planned before it what an edit did not change (`Carry`): the plan and report
 * without failures of each flow and SLO whose path reads nothing the edit changed. A failure set then
 * re-evaluates only the components it touches and the paths they are on.
 */
import { completeModel } from '../lint/complete.js';
import type { ComponentModel, FlowModel, SloModel } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import { Carry, sameSource } from './carry.js';
import { ComponentEvaluator, NO_FAILURE, domainFails, type FailureContext } from './components.js';
import { INSTANCE_AVAILABILITY, LEADER_REPAIR, MANAGED_AVAILABILITY, RETRY_BASE_DELAY_MS } from './defaults.js';
import { failureContext, failureTargets } from './failures.js';
import { evaluatePath, evaluatePathDelta, planPath, type PathEvaluation, type PathPlan } from './paths.js';
import { Timing } from './timing.js';
import type { AnalysisResult, ComponentImpact, FailureSet, PathReport, RetryChain, TimeoutViolation } from './types.js';

export interface AnalyzeOptions {
    /** What fails; nothing when omitted. */
    fail?: FailureSet;
}

interface Plan {
    model: ArchModel;
    /** The percentiles the model states latencies at: every path's latency budgets read them. */
    percentiles: string[];
    /** The flows and SLOs the paths were planned from, by id: the index of the first with that id in `paths`. */
    sources: Map<string, { source: FlowModel | SloModel; index: number }>;
    paths: PathPlan[];
    /** Per path, the evaluation without failures taken over from the previous model's plan. */
    carried: (PathEvaluation | undefined)[];
    /** Component id -> indexes of the paths it is a member of. */
    byMember: Map<string, number[]>;
    timeouts: TimeoutViolation[];
    retries: RetryChain[];
    baseline?: AnalysisResult;
    baselineEvaluations?: PathEvaluation[];
    baselineEvaluator?: ComponentEvaluator;
    assumptions?: string[];
}

const plans = new WeakMap<ArchModel, Plan>();
/**
 * The plan made last: what the next model (usually the same workspace after an edit) takes over from,
 * see `Carry`. It keeps its model alive until the next plan, one model at most.
 */
let last: Plan | undefined;

function plan(model: ArchModel): Plan {
    const cached = plans.get(model);
    if (cached) return cached;
    const complete = completeModel(model);
    const previous = last;
    const carry = previous && previous.model !== complete ? new Carry(previous.model, complete) : undefined;
    const timing = new Timing(complete);
    // A path reads the percentiles stated anywhere in the model (its latency budgets).
    const samePercentiles = previous !== undefined && sameList(previous.percentiles, timing.statedPercentiles());
    const sources = new Map<string, { source: FlowModel | SloModel; index: number }>();
    const carried: (PathEvaluation | undefined)[] = [];
    const pathOf = (kind: 'flow' | 'slo', source: FlowModel | SloModel): PathPlan => {
        const key = `${kind}\u0000${source.id}`;
        if (!sources.has(key)) sources.set(key, { source, index: carried.length });
        const before = samePercentiles && carry?.enabled ? previous.sources.get(key) : undefined;
        if (before && sameSource(before.source, source) && carry!.path(previous!.paths[before.index].path)) {
            carried.push(previous!.baselineEvaluations?.[before.index]);
            return previous!.paths[before.index];
        }
        carried.push(undefined);
        return planPath(complete, timing, kind, source);
    };
    const paths = [...complete.flows.map(f => pathOf('flow', f)), ...complete.slos.map(s => pathOf('slo', s))];
    const byMember = new Map<string, number[]>();
    paths.forEach((p, i) => {
        for (const id of p.members) {
            const list = byMember.get(id);
            if (list) list.push(i);
            else byMember.set(id, [i]);
        }
    });
    const created: Plan = { model: complete, percentiles: timing.statedPercentiles(), sources, paths, carried, byMember, timeouts: timing.timeoutViolations(), retries: timing.retryChains() };
    plans.set(model, created);
    last = created;
    return created;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Zones and regions a component's instances or copies are placed in. */
function domainsOf(c: ComponentModel): string[] {
    const replication = c.props.replication;
    if (replication?.type === 'single-leader') return [...c.props.placements, ...replication.followerPlacements];
    if (replication?.type === 'multi-leader') return [...c.props.placements, ...replication.leaderPlacements];
    return c.props.placements;
}

/** The failure can change this component's state (directly, through its broker or its placement). */
function touches(model: ArchModel, failure: FailureContext, c: ComponentModel): boolean {
    if (failure.components.has(c.id) || failure.instances.has(c.id)) return true;
    if (c.parent && (failure.components.has(c.parent) || failure.instances.has(c.parent))) return true;
    if (failure.zones.size === 0 && failure.regions.size === 0) return false;
    if (domainsOf(c).some(d => domainFails(model, failure, d))) return true;
    const parent = c.parent ? model.component(c.parent) : undefined;
    return parent !== undefined && domainsOf(parent).some(d => domainFails(model, failure, d));
}

interface Uses { instance: boolean; managed: boolean; backoff: boolean; latency: boolean; repair: boolean }

/** Which default figures the reports without failures rest on (under a failure, factors only lose value). */
function uses(evaluations: readonly PathEvaluation[]): Uses {
    const found: Uses = { instance: false, managed: false, backoff: false, latency: false, repair: false };
    for (const { report, terms } of evaluations) {
        found.backoff ||= report.latency.working.includes('default base');
        found.latency ||= report.latency.hops.length > 0;
        for (const term of terms) {
            if (term.value >= 1) continue;
            for (const e of term.evals) {
                found.instance ||= e.assumption === 'instance';
                found.managed ||= e.assumption === 'managed';
                found.repair ||= e.repair === true;
            }
        }
    }
    return found;
}

function assumptions(evaluations: readonly PathEvaluation[]): string[] {
    const all = uses(evaluations);
    const out: string[] = [];
    if (all.instance) {
        out.push(`A self-run instance is up 99.5% of the time (${INSTANCE_AVAILABILITY.basis}); the instances in one zone fail together and count as one unit; zones and regions fail independently.`);
    }
    if (all.managed) out.push(`A managed or external component without a stated figure is up 99.9% of the time (${MANAGED_AVAILABILITY.basis}).`);
    if (all.repair) out.push(`A failed leader is out for ${LEADER_REPAIR.ms / 3_600_000} h (${LEADER_REPAIR.basis}); a stated failover time costs that much of each outage.`);
    if (all.backoff) out.push(`A backoff without a stated base starts at ${RETRY_BASE_DELAY_MS} ms (the first delay of every backoff in 003 › "### Retry Pattern"), doubling (exponential), growing by it (incremental) or staying (fixed), capped by 'max'; 'retry 3 exponential 200ms' states the base.`);
    if (all.latency) out.push('A component without a stated latency (\'latency p99 5ms\') counts 0 ms of its own; worst cases count the waiting that timeouts, retries and backoff allow, calls one after another.');
    return out;
}

/**
 * The what-if analysis. Without `fail`, the report of the model as it is (cached: the same object on
 * every call for the same model; treat it as read-only). Pure and deterministic; never throws on a
 * half-typed model (unresolved names are left out of paths by the model, unknown ids read as unknown).
 */
export function analyze(model: ArchModel, options: AnalyzeOptions = {}): AnalysisResult {
    const p = plan(model);
    const targets = failureTargets(options.fail);
    if (targets.length === 0 && p.baseline) return p.baseline;
    const base = p.baselineEvaluator ??= new ComponentEvaluator(p.model, NO_FAILURE);
    const baseline = p.baselineEvaluations ??= p.paths.map((path, i) => p.carried[i] ?? evaluatePath(p.model, path, base));
    p.carried = [];
    let reports = baseline.map(e => e.report);
    // Under a failure the factors only lose value, never gain a new basis: the baseline's assumptions cover them.
    p.assumptions ??= assumptions(baseline);
    const components: ComponentImpact[] = [];
    if (targets.length > 0) {
        const failure = failureContext(options.fail);
        const hit = new Set<string>();
        for (const c of p.model.components.values()) if (touches(p.model, failure, c)) hit.add(c.id);
        // A store's leader election reads its coordinator only when the store itself lost its leader,
        // so a store is touched exactly when its own instances are.
        const evaluator = new ComponentEvaluator(p.model, failure, base, id => hit.has(id));
        const touched = new Set<number>();
        for (const id of hit) {
            const c = p.model.component(id)!;
            for (const i of p.byMember.get(c.id) ?? []) touched.add(i);
            const e = evaluator.evaluate(c.id, 'write');
            const read = c.props.replication ? evaluator.evaluate(c.id, 'read') : e;
            const status = e.status === 'up' ? read.status : e.status;
            if (status !== 'up') components.push({ id: c.id, status, why: [...new Set([...e.why, ...read.why])] });
        }
        // A failed id the model does not know (a half-typed name) touches nothing.
        reports = p.paths.map((path, i) => touched.has(i) ? evaluatePathDelta(p.model, path, evaluator, baseline[i], hit) : baseline[i].report);
    }
    const result: AnalysisResult = {
        version: 1,
        failures: targets,
        flows: reports.filter(r => r.kind === 'flow'),
        slos: reports.filter(r => r.kind === 'slo'),
        components,
        timeouts: p.timeouts,
        retries: p.retries,
        assumptions: p.assumptions
    };
    if (targets.length === 0) p.baseline = result;
    return result;
}

/** SLOs that miss their objective (an availability `unmet`, or the path down): what `sysd analyze` exits 1 for. */
export function unmetSlos(result: AnalysisResult): PathReport[] {
    return result.slos.filter(s => s.status === 'down' || s.objective?.availability?.verdict === 'unmet');
}
