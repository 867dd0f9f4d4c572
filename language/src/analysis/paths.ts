/**
 * Flows and SLOs: a path of components, read as a request that enters at the first step. Each hop is
 * synchronous (the caller waits), asynchronous (a message or an async call: the rest of the path runs
 * later) or undeclared (no relation between the two steps: assumed synchronous). The request needs the
 * synchronous steps and, transitively, what each of them waits on; the steps after the first
 * asynchronous hop only delay work when they fail.
 */
import type { FlowModel, RelationModel, SloModel } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import type { AccessMode, ComponentEval, ComponentEvaluator } from './components.js';
import { dependencies, waitsOn } from './dependencies.js';
import { percent, prob, ms, short } from './numbers.js';
import { attempts, type Timing } from './timing.js';
import type {
    PathIdentity, LatencyBudget,
    AvailabilityReport, AvailabilityTerm, FigureSource, LatencyReport, ObjectiveReport, PathConsequence, PathReport, Status, StepReport
} from './types.js';

/** A component the path needs, with every way it is used (a store both read and written must serve both). */
interface Alternative { id: string; modes: AccessMode[] }

/** A component (or a group of alternatives) the synchronous part of the path cannot do without. */
interface Requirement {
    alternatives: Alternative[];
    step: number;
    /** The requirement that needs this one (undefined for a path step): the chain is read back through it. */
    parent?: Requirement;
    /** For a store that stands in for a cache: the sentence that says so. */
    note?: string;
    /** What the factor depends on (alternatives, modes, note), set once planning is done: equal keys give equal factors. */
    key?: string;
}

interface SoftDependency { component: string; step: number; parent: Requirement; why: string }

/** Longer dependency chains keep their first and last names around a '…'. */
const MAX_CHAIN = 8;
const chains = new WeakMap<Requirement, string[]>();

/**
 * The chain of dependencies from the path step to `last`: read back through the parents (kept as
 * links, so planning stays linear), at most MAX_CHAIN names (the first four, '…', the last three),
 * computed once per requirement.
 */
function chainOf(requirement: Requirement | undefined, last?: string): string[] {
    let base = requirement ? chains.get(requirement) : [];
    if (!base) {
        const full: string[] = [];
        for (let at = requirement; at; at = at.parent) full.push(at.alternatives[0].id);
        full.reverse();
        base = full.length > MAX_CHAIN ? [...full.slice(0, 4), '…', ...full.slice(-3)] : full;
        chains.set(requirement!, base);
    }
    if (last === undefined) return base;
    const chain = [...base, last];
    return chain.length > MAX_CHAIN && base.includes('…') ? [...chain.slice(0, 5), ...chain.slice(-3)] : chain;
}

interface StepPlan {
    index: number;
    component: string;
    known: boolean;
    hop?: { kind: 'sync' | 'async' | 'undeclared'; relation?: RelationModel; via?: string };
    async: boolean;
    mode: AccessMode;
    /** The hop as the report shows it (built once). */
    hopReport?: StepReport['hop'];
}

export interface PathPlan extends PathIdentity {
    slo?: SloModel;
    steps: StepPlan[];
    requirements: Requirement[];
    soft: SoftDependency[];
    /** Every component whose state can change the report: for reusing a report a failure does not touch. */
    members: string[];
    /** Component id -> indexes of the requirements it is an alternative of. */
    requirementsOf: Map<string, number[]>;
    /** Component id -> indexes of the soft dependencies on it. */
    softOf: Map<string, number[]>;
    latency: LatencyReport;
    retryAmplification: PathReport['retryAmplification'];
}

const RANK: Record<Status, number> = { up: 0, degraded: 1, down: 2 };
const SOURCE_RANK: Record<FigureSource, number> = { declared: 2, technology: 1, default: 0 };

function worse(a: Status, b: Status): Status {
    return RANK[a] >= RANK[b] ? a : b;
}

function related(model: ArchModel, a: string, b: string): boolean {
    if (a === b) return true;
    const ca = model.component(a);
    const cb = model.component(b);
    return (ca?.parent !== undefined && ca.parent === b) || (cb?.parent !== undefined && cb.parent === a);
}

/** How the request gets from step `a` to step `b`. */
function hopBetween(model: ArchModel, a: string, b: string): NonNullable<StepPlan['hop']> {
    const forward = model.outgoing(a).filter(r => related(model, r.target, b));
    const sync = forward.find(r => waitsOn(r) || r.kind === 'routes');
    if (sync) return { kind: 'sync', relation: sync, via: sync.kind };
    if (forward.length > 0) return { kind: 'async', relation: forward[0], via: forward[0].kind === 'publishes' ? 'outbox' : forward[0].kind === 'calls' ? 'async call' : forward[0].kind };
    const consume = model.outgoing(b).find(r => r.kind === 'consumes' && related(model, r.target, a));
    if (consume) return { kind: 'async', relation: consume, via: 'consumes' };
    return { kind: 'undeclared' };
}

function indexInto(map: Map<string, number[]>, key: string, index: number): void {
    const list = map.get(key);
    if (!list) map.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
}

export function planPath(model: ArchModel, timing: Timing, kind: 'flow' | 'slo', source: FlowModel | SloModel): PathPlan {
    const slo = kind === 'slo' ? source as SloModel : undefined;
    const path = source.path.length === 0 && slo?.target ? [slo.target] : [...source.path];
    const steps: StepPlan[] = [];
    let async = false;
    for (let i = 0; i < path.length; i++) {
        const hop = i === 0 ? undefined : hopBetween(model, path[i - 1], path[i]);
        if (hop?.kind === 'async') async = true;
        const mode: AccessMode = hop?.relation?.kind === 'reads' ? 'read' : 'write';
        const hopReport: StepReport['hop'] = hop && { kind: hop.kind, ...(hop.relation ? { relation: hop.relation.id } : {}), ...(hop.via ? { via: hop.via } : {}) };
        steps.push({ index: i, component: path[i], known: model.component(path[i]) !== undefined, hop, async, mode, hopReport });
    }
    const syncSteps = steps.filter(s => !s.async);
    const onPath = new Set(syncSteps.map(s => s.component));
    const requirements: Requirement[] = [];
    const soft: SoftDependency[] = [];
    const seenFallbacks = new Set<string>();
    const members = new Set<string>(path);

    const byId = new Map<string, Requirement>();
    // Breadth first from the path's steps (a queue, not recursion: a chain of thousands of calls is fine).
    const queue: { id: string; mode: AccessMode; step: number; parent?: Requirement; note?: string }[] = [];
    for (const step of syncSteps) {
        if (step.known) queue.push({ id: step.component, mode: step.mode, step: step.index });
    }
    for (let head = 0; head < queue.length; head++) {
        const { id, mode, step, parent, note } = queue[head];
        const existing = byId.get(id);
        if (existing) {
            // The same component reached again (another mode, another chain): one factor, never two,
            // since the two uses fail together; it must serve the stricter of its uses.
            const modes = existing.alternatives[0].modes;
            if (!modes.includes(mode)) modes.push(mode);
            continue;
        }
        members.add(id);
        const requirement: Requirement = { alternatives: [{ id, modes: [mode] }], step, parent, note };
        byId.set(id, requirement);
        requirements.push(requirement);
        const c = model.component(id);
        const replication = c?.props.replication;
        if (replication?.type === 'single-leader' && replication.election?.coordinator) members.add(replication.election.coordinator);
        if (c?.parent) members.add(c.parent);
        for (const dependency of dependencies(model, id)) {
            if (onPath.has(dependency.target)) continue;
            members.add(dependency.target);
            if (dependency.soft) {
                soft.push({ component: dependency.target, step, parent: requirement, why: dependency.soft });
            } else if (dependency.fallback) {
                members.add(dependency.fallback);
                const key = `${dependency.target}\u0000${dependency.fallback}`;
                if (!seenFallbacks.has(key)) {
                    seenFallbacks.add(key);
                    requirements.push({ alternatives: [{ id: dependency.target, modes: [dependency.mode] }, { id: dependency.fallback, modes: [dependency.mode] }], step, parent: requirement });
                }
            } else if (dependency.store) {
                soft.push({ component: dependency.target, step, parent: requirement, why: dependency.store.why });
                const cacheLink: Requirement = { alternatives: [{ id: dependency.target, modes: ['read'] }], step, parent: requirement };
                queue.push({ id: dependency.store.id, mode: 'read', step, parent: cacheLink, note: `stands in for cache ${short(dependency.target)}` });
            } else {
                queue.push({ id: dependency.target, mode: dependency.mode, step, parent: requirement });
            }
        }
    }

    for (const r of requirements) r.key = `${r.alternatives.map(a => `${a.id}\u0001${a.modes.join(',')}`).join('\u0002')}\u0003${r.note ?? ''}`;

    const syncIds = syncSteps.map(s => s.component);
    const syncHops = syncSteps.map(s => s.hop?.relation);
    const { budget, hops } = timing.pathBudget(syncIds, syncHops);
    const latency: LatencyReport = {
        worstMs: budget.worst,
        unbounded: budget.worst === undefined ? budget.unbounded ?? 'a hop has no bound' : undefined,
        working: budget.worst === undefined
            ? `unbounded: ${budget.unbounded ?? 'a hop has no bound'}`
            : `${hops.map(h => h.working).join('; ') || 'no timed hop'} → worst case ${ms(budget.worst)}${timing.statedPercentiles().length === 0 ? ' (no processing time is stated: each counts as 0)' : ''}`,
        hops,
        budgets: budgets(timing, syncIds, syncHops, slo)
    };
    const syncRelations = syncSteps.slice(1).map(s => s.hop?.relation);
    const factors = syncRelations.map(r => attempts(r));
    const factor = factors.reduce((a, b) => a * b, 1);
    const retryAmplification = {
        factor: Number.isFinite(factor) ? factor : null,
        chain: syncSteps.map(s => s.component),
        working: factors.length === 0 ? 'no hop' : !Number.isFinite(factor)
            ? 'unbounded: a hop retries forever'
            : `${factors.join(' × ')} = ${factor} attempt${factor === 1 ? '' : 's'} at ${short(syncSteps[syncSteps.length - 1].component)} per request`
    };
    const requirementsOf = new Map<string, number[]>();
    requirements.forEach((r, i) => {
        for (const a of r.alternatives) indexInto(requirementsOf, a.id, i);
        // A channel's state follows its broker: failing the broker touches the channel's factor.
        for (const a of r.alternatives) {
            const parent = model.component(a.id)?.parent;
            if (parent) indexInto(requirementsOf, parent, i);
        }
    });
    const softOf = new Map<string, number[]>();
    soft.forEach((d, i) => {
        indexInto(softOf, d.component, i);
        const parent = model.component(d.component)?.parent;
        if (parent) indexInto(softOf, parent, i);
    });
    return {
        kind, id: source.id, name: source.name, loc: source.loc, path, userFacing: kind === 'flow' ? (source as FlowModel).userFacing : false,
        slo, steps, requirements, soft, members: [...members], requirementsOf, softOf, latency, retryAmplification
    };
}

/**
 * The budgets at the percentiles that matter to the path: an SLO's targets, then every other
 * percentile the model states a latency at; each only when a stated latency is part of it.
 */
function budgets(timing: Timing, steps: readonly string[], hops: readonly (RelationModel | undefined)[], slo: SloModel | undefined): LatencyBudget[] {
    const stated = timing.statedPercentiles();
    if (stated.length === 0 || steps.length === 0) return [];
    const percentiles = [...new Set([...(slo?.latencies.map(l => l.percentile.toLowerCase()) ?? []), ...stated])];
    const out: LatencyBudget[] = [];
    for (const p of percentiles) {
        const e = timing.pathEstimate(steps, hops, p);
        if (!e.stated) continue;
        const complete = e.standIn !== true;
        out.push({
            percentile: p, ...(e.ms === undefined ? {} : { ms: e.ms }), complete,
            working: e.ms === undefined ? `unbounded: ${e.unbounded ?? 'a hop has no bound'}` : `${e.working} → ${p} budget ${ms(e.ms)}`
        });
    }
    return out;
}

/**
 * An availability factor as the evaluation keeps it: the numbers, and what its working is written
 * from (the text is written only when a report's factors are read, see `publicTerm`).
 */
export interface Term {
    components: string[];
    value: number;
    source: FigureSource;
    statedOnly: number;
    status: Status;
    evals: ComponentEval[];
    requirement: Requirement;
    modesLabel: string;
}

function termOf(model: ArchModel, requirement: Requirement, evals: ComponentEval[]): Term {
    const ids = requirement.alternatives.map(a => a.id);
    const source = evals.reduce<FigureSource>((s, e) => SOURCE_RANK[e.source] < SOURCE_RANK[s] ? e.source : s, 'declared');
    if (evals.length === 1) {
        const e = evals[0];
        const modes = requirement.alternatives[0].modes;
        const modesLabel = model.component(ids[0])?.props.replication ? modes.length > 1 ? ' (reads and writes)' : modes[0] === 'read' ? ' (reads)' : '' : '';
        return { components: ids, value: e.value, source, status: e.status, statedOnly: e.source === 'default' ? 1 : e.value, evals, requirement, modesLabel };
    }
    const value = 1 - evals.reduce((p, e) => p * (1 - e.value), 1);
    const statedOnly = 1 - evals.reduce((p, e) => p * (1 - (e.source === 'default' ? 1 : e.value)), 1);
    const status: Status = evals.every(e => e.status === 'down') ? 'down' : evals.some(e => e.status !== 'up') ? 'degraded' : 'up';
    return { components: ids, value, source, status, statedOnly, evals, requirement, modesLabel: '' };
}

const termCaches = new WeakMap<ComponentEvaluator, Map<string, Term>>();

/**
 * The factor of a requirement under the evaluator's failure set: computed once per evaluator for all
 * the paths that need the same component the same way (a zone failure touches it on every path).
 */
function termFor(model: ArchModel, requirement: Requirement, evaluator: ComponentEvaluator): Term {
    let cache = termCaches.get(evaluator);
    if (!cache) {
        cache = new Map();
        termCaches.set(evaluator, cache);
    }
    const key = requirement.key ?? '';
    let term = cache.get(key);
    if (!term) {
        const evals = requirement.alternatives.map(a => strictest(a.modes.map(m => evaluator.evaluate(a.id, m))));
        term = termOf(model, requirement, evals);
        cache.set(key, term);
    }
    return term;
}

function termWorking(term: Term): string {
    const ids = term.components;
    if (term.evals.length === 1) return `${short(ids[0])}${term.modesLabel} = ${term.evals[0].working}${term.requirement.note ? `; ${term.requirement.note}` : ''}`;
    return `${short(ids[0])} or its fallback ${short(ids[1])}: 1 − (1 − ${prob(term.evals[0].value)}) × (1 − ${prob(term.evals[1].value)}) = ${prob(term.value)}`;
}

function objective(slo: SloModel, availability: AvailabilityReport, latency: LatencyReport): ObjectiveReport {
    let availabilityVerdict: ObjectiveReport['availability'];
    const latencies: ObjectiveReport['latencies'] = [];
    if (slo.availability !== undefined) {
        const target = slo.availability;
        const reached = availability.value * 100;
        const bound = availability.statedOnly * 100;
        // Compared in percent with a tolerance far below any displayed digit, so 99.95 written equals 99.95 computed.
        const eps = 1e-9;
        const verdict = reached + eps >= target ? 'met' : bound + eps < target ? 'unmet' : 'at-risk';
        const why = verdict === 'met'
            ? `${availability.percent} ≥ ${target}%`
            : verdict === 'unmet'
                ? `${availability.percent} < ${target}%, and even with every default figure taken as 100% the stated figures reach only ${percent(availability.statedOnly)}`
                : `${availability.percent} < ${target}% with sysd's default figures; the stated figures alone allow ${percent(availability.statedOnly)}: state the availability of the components marked 'default' to decide`;
        availabilityVerdict = { target, verdict, why };
    }
    for (const l of slo.latencies) {
        const stated = latency.budgets.find(b => b.percentile === l.percentile.toLowerCase());
        const worstText = latency.worstMs === undefined ? `the worst case is unbounded (${latency.unbounded ?? 'a hop has no bound'})` : `the worst case is ${ms(latency.worstMs)} when every timeout and retry is waited out`;
        if (stated) {
            // A stated latency beats the worst case: the target is about what requests take, not what they may wait at most.
            const base = { percentile: l.percentile, targetMs: l.ms, basis: 'stated' as const, ...(stated.ms === undefined ? {} : { budgetMs: stated.ms }) };
            const from = `${stated.complete ? 'from the stated latencies' : 'from the stated latencies, the worst case standing in for hops that state none'}`;
            if (stated.ms === undefined) latencies.push({ ...base, verdict: 'unknown', why: `${l.percentile} budget unbounded (${stated.working})` });
            else if (stated.ms > l.ms) latencies.push({ ...base, verdict: 'exceeded', why: `${l.percentile} budget ${ms(stated.ms)} ${from} > ${l.percentile} ${ms(l.ms)}; ${worstText}` });
            else latencies.push({ ...base, verdict: 'within', why: `${l.percentile} budget ${ms(stated.ms)} ${from} ≤ ${l.percentile} ${ms(l.ms)}; ${worstText}` });
            continue;
        }
        const base = { percentile: l.percentile, targetMs: l.ms, basis: 'worst-case' as const, ...(latency.worstMs === undefined ? {} : { budgetMs: latency.worstMs }) };
        if (latency.worstMs === undefined) {
            latencies.push({ ...base, verdict: 'unknown', why: `worst case unbounded (${latency.unbounded ?? 'a hop has no bound'})` });
        } else if (latency.worstMs > l.ms) {
            latencies.push({ ...base, verdict: 'exceeded', why: `worst case ${ms(latency.worstMs)} > ${l.percentile} ${ms(l.ms)}: a request that waits out its timeouts and retries misses the objective (no latency is stated on the path)` });
        } else {
            latencies.push({ ...base, verdict: 'within', why: `worst case ${ms(latency.worstMs)} ≤ ${l.percentile} ${ms(l.ms)}` });
        }
    }
    return { ...(availabilityVerdict ? { availability: availabilityVerdict } : {}), latencies };
}

/** Of the evaluations of one component's uses, the one it is least likely to serve. */
function strictest(evals: ComponentEval[]): ComponentEval {
    let pick = evals[0];
    for (const e of evals) if (RANK[e.status] > RANK[pick.status] || (RANK[e.status] === RANK[pick.status] && e.value < pick.value)) pick = e;
    return pick;
}

function consequenceOf(plan: PathPlan, requirement: Requirement, evals: ComponentEval[], term: Term): PathConsequence {
    const failing = evals.findIndex(e => e.status !== 'up');
    const why = requirement.alternatives.length > 1 && term.status === 'degraded' && evals[0].status === 'down'
        ? `${evals[0].why[0] ?? `${short(requirement.alternatives[0].id)} is down`}; the fallback ${short(requirement.alternatives[1].id)} answers`
        : evals[failing]?.why[0] ?? `${short(requirement.alternatives[failing]?.id ?? '')} is ${term.status}`;
    const outageMs = evals[Math.max(0, failing)]?.outageMs;
    return {
        status: term.status as Exclude<Status, 'up'>, step: requirement.step, stepComponent: plan.path[requirement.step],
        component: requirement.alternatives[Math.max(0, failing)].id, chain: chainOf(requirement), why,
        ...(outageMs === undefined ? {} : { outageMs })
    };
}

function softConsequence(plan: PathPlan, dependency: SoftDependency, e: ComponentEval): PathConsequence {
    return {
        status: 'degraded', step: dependency.step, stepComponent: plan.path[dependency.step], component: dependency.component,
        chain: chainOf(dependency.parent, dependency.component), why: `${e.why[0] ?? `${short(dependency.component)} is down`}; ${dependency.why}`
    };
}

function stepReports(plan: PathPlan, evaluator: ComponentEvaluator): StepReport[] {
    return plan.steps.map(step => {
        const e = step.known ? evaluator.evaluate(step.component, step.mode) : undefined;
        let stepStatus: Status = e?.status ?? 'up';
        const why = e ? [...e.why] : [`'${step.component}' is not in the model`];
        if (step.async && stepStatus === 'down') {
            stepStatus = 'degraded';
            why.push(`after the asynchronous hop, so its work waits${step.hop?.kind === 'async' && step.hop.via === 'consumes' ? ' in the channel it consumes' : ''} until it is back`);
        }
        const report: StepReport = { index: step.index, component: step.component, known: step.known, status: stepStatus, async: step.async, why };
        if (step.hopReport) report.hop = step.hopReport;
        return report;
    });
}

/**
 * The factors of the report: every term below 1, as JSON. A path that needs a thousand components has
 * a thousand factors, and a failure scenario changes a few: the list is built when it is first read
 * (an enumerable getter, so JSON.stringify and structured cloning see a plain array), not per scenario.
 */
function lazyTerms(availability: Omit<AvailabilityReport, 'terms'>, terms: () => Term[]): AvailabilityReport {
    let built: AvailabilityTerm[] | undefined;
    Object.defineProperty(availability, 'terms', {
        enumerable: true,
        configurable: true,
        get: () => built ??= terms().filter(t => t.value < 1).map(publicTerm)
    });
    return availability as AvailabilityReport;
}

function formula(shown: number, value: number, small: () => Term[]): string {
    if (shown === 0) return 'no factor below 1 = 1';
    const list = shown <= 8 ? `${small().filter(t => t.value < 1).map(t => prob(t.value)).join(' × ')} = ` : '';
    return `Π over ${shown} component${shown === 1 ? '' : 's'}: ${list}${prob(value)}`;
}

function finish(plan: PathPlan, status: Status, collected: Consequences, steps: StepReport[], value: number, statedOnly: number, shown: number, terms: () => Term[]): PathReport {
    for (const step of steps) {
        if (!step.async || step.status === 'up') continue;
        status = worse(status, 'degraded');
        collected.add('degraded', () => ({ status: 'degraded', step: step.index, stepComponent: step.component, component: step.component, chain: [step.component], why: step.why.join('; ') }));
    }
    const { consequences, more } = collected.result();
    const availability = lazyTerms({ value, percent: percent(value), formula: formula(shown, value, terms), statedOnly }, terms);
    return {
        kind: plan.kind, id: plan.id, name: plan.name, loc: plan.loc, path: plan.path, userFacing: plan.userFacing,
        status, consequences, moreConsequences: more, steps, availability, latency: plan.latency, retryAmplification: plan.retryAmplification,
        ...(plan.slo ? { objective: objective(plan.slo, availability, plan.latency) } : {})
    };
}

/** A report lists at most this many consequences: the `down` ones first, then the `degraded`, each in path order. */
export const MAX_CONSEQUENCES = 20;

/** Collects consequences, building only those that will be listed (a zone failure can degrade a thousand factors of one path). */
class Consequences {
    private readonly down: PathConsequence[] = [];
    private readonly degraded: PathConsequence[] = [];
    private total = 0;

    add(status: Exclude<Status, 'up'>, make: () => PathConsequence): void {
        this.total++;
        const list = status === 'down' ? this.down : this.degraded;
        if (list.length < MAX_CONSEQUENCES) list.push(make());
    }

    result(): { consequences: PathConsequence[]; more: number } {
        const consequences = [...this.down, ...this.degraded].slice(0, MAX_CONSEQUENCES);
        return { consequences, more: this.total - consequences.length };
    }
}

export interface PathEvaluation {
    report: PathReport;
    terms: Term[];
    /** Factors below 1. */
    shown: number;
}

/** The report of one path under the evaluator's failure set, every factor evaluated. */
export function evaluatePath(model: ArchModel, plan: PathPlan, evaluator: ComponentEvaluator): PathEvaluation {
    let status: Status = 'up';
    const collected = new Consequences();
    const terms: Term[] = [];
    let value = 1;
    let statedOnly = 1;
    let shown = 0;
    for (const requirement of plan.requirements) {
        const term = termFor(model, requirement, evaluator);
        terms.push(term);
        value *= term.value;
        statedOnly *= term.statedOnly;
        if (term.value < 1) shown++;
        if (term.status === 'up') continue;
        status = worse(status, term.status);
        collected.add(term.status, () => consequenceOf(plan, requirement, term.evals, term));
    }
    for (const dependency of plan.soft) {
        const e = evaluator.evaluate(dependency.component, 'write');
        if (e.status !== 'down') continue;
        status = worse(status, 'degraded');
        collected.add('degraded', () => softConsequence(plan, dependency, e));
    }
    return { report: finish(plan, status, collected, stepReports(plan, evaluator), value, statedOnly, shown, () => terms), terms, shown };
}

/**
 * The report of one path under a failure set, from its baseline (the evaluation without failures):
 * only the factors and soft dependencies of the components in `hit` are evaluated again, and the
 * product is corrected by their ratio. Falls back to the full evaluation when the baseline is not up
 * or a corrected factor was 0.
 */
export function evaluatePathDelta(model: ArchModel, plan: PathPlan, evaluator: ComponentEvaluator, baseline: PathEvaluation, hit: ReadonlySet<string>): PathReport {
    if (baseline.report.status !== 'up') return evaluatePath(model, plan, evaluator).report;
    const requirementIndexes: number[] = [];
    const softIndexes: number[] = [];
    const visit = (id: string) => {
        const r = plan.requirementsOf.get(id);
        if (r) for (const i of r) requirementIndexes.push(i);
        const d = plan.softOf.get(id);
        if (d) for (const i of d) softIndexes.push(i);
    };
    if (hit.size < plan.members.length) {
        for (const id of hit) visit(id);
    } else {
        for (const id of plan.members) if (hit.has(id)) visit(id);
    }
    let status: Status = 'up';
    const collected = new Consequences();
    let value = baseline.report.availability.value;
    let statedOnly = baseline.report.availability.statedOnly;
    let shown = baseline.shown;
    const changed = new Map<number, Term>();
    for (const i of unique(requirementIndexes)) {
        const requirement = plan.requirements[i];
        const old = baseline.terms[i];
        if (old.value === 0 || old.statedOnly === 0) return evaluatePath(model, plan, evaluator).report;
        const term = termFor(model, requirement, evaluator);
        changed.set(i, term);
        value = value / old.value * term.value;
        statedOnly = statedOnly / old.statedOnly * term.statedOnly;
        shown += (term.value < 1 ? 1 : 0) - (old.value < 1 ? 1 : 0);
        if (term.status === 'up') continue;
        status = worse(status, term.status);
        collected.add(term.status, () => consequenceOf(plan, requirement, term.evals, term));
    }
    for (const i of unique(softIndexes)) {
        const dependency = plan.soft[i];
        const e = evaluator.evaluate(dependency.component, 'write');
        if (e.status !== 'down') continue;
        status = worse(status, 'degraded');
        collected.add('degraded', () => softConsequence(plan, dependency, e));
    }
    const terms = () => changed.size === 0 ? baseline.terms : baseline.terms.map((t, i) => changed.get(i) ?? t);
    return finish(plan, status, collected, stepReports(plan, evaluator), value, statedOnly, shown, terms);
}

/** Sorted, without repeats (in place). */
function unique(list: number[]): number[] {
    if (list.length <= 1) return list;
    list.sort((a, b) => a - b);
    let n = 1;
    for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i];
    list.length = n;
    return list;
}

const publicTerms = new WeakMap<Term, AvailabilityTerm>();

/** The JSON shape of a factor (without the report's bookkeeping), one object per factor however many reports share it. */
function publicTerm(term: Term): AvailabilityTerm {
    let shown = publicTerms.get(term);
    if (!shown) {
        shown = { components: term.components, value: term.value, source: term.source, working: termWorking(term) };
        publicTerms.set(term, shown);
    }
    return shown;
}
