/**
 * Time and retries along synchronous calls, independent of any failure set: the worst case a caller
 * can wait (attempts × timeout + backoff, nested along the chain), the budget at a percentile from
 * the stated latencies (`latency p99 40ms` on a call or a component), callees slower than their
 * caller's timeout, and the product of attempts along a call chain.
 */
import type { RelationModel, StatedLatency } from '../model/types.js';
import { percentileRank } from '../model/units.js';
import type { ArchModel } from '../model/workspace.js';
import { RETRY_BASE_DELAY_MS } from './defaults.js';
import { dependencies, waitsOn } from './dependencies.js';
import { ms, short } from './numbers.js';
import type { LatencyHop, RetryChain, TimeoutViolation } from './types.js';

/** Chains deeper than this are not followed (each level is a few stack frames). */
export const MAX_DEPTH = 2000;

/** Attempts of a relation: 1 + its retries; Infinity with `retry forever`. */
export function attempts(r: RelationModel | undefined): number {
    if (!r?.retry) return 1;
    if (r.retry.unbounded) return Infinity;
    return 1 + Math.max(0, r.retry.count ?? 0);
}

/**
 * The delays between attempts (003 › "### Retry Pattern"), each capped by `max`; none without a stated
 * backoff. With base d (stated, `retry 3 exponential 200ms`, or RETRY_BASE_DELAY_MS), the k-th delay
 * (k = 1..retries) is d (fixed), k·d (incremental) or d·2^(k−1) (exponential).
 */
export function backoffDelays(r: RelationModel): number[] {
    const retry = r.retry;
    if (!retry || retry.unbounded || !retry.backoff) return [];
    const base = retry.baseDelayMs ?? RETRY_BASE_DELAY_MS;
    const delays: number[] = [];
    for (let i = 1; i <= (retry.count ?? 0); i++) {
        const nominal = retry.backoff === 'fixed' ? base : retry.backoff === 'incremental' ? i * base : base * 2 ** (i - 1);
        delays.push(retry.maxDelayMs === undefined ? nominal : Math.min(nominal, retry.maxDelayMs));
    }
    return delays;
}

/** The stated latency at the highest percentile (the closest a statement comes to a worst case); `avg` only when alone. */
export function highestStated(list: readonly StatedLatency[] | undefined): StatedLatency | undefined {
    let best: StatedLatency | undefined;
    let bestRank = -Infinity;
    for (const l of list ?? []) {
        const rank = percentileRank(l.percentile) ?? -1;
        if (rank > bestRank) {
            best = l;
            bestRank = rank;
        }
    }
    return best;
}

/**
 * The stated latency that answers for percentile `p`: the one stated at `p`, else the one at the
 * nearest higher percentile (an upper bound: p99.9 ≥ p99); `avg` only answers for `avg`.
 */
export function statedAt(list: readonly StatedLatency[] | undefined, p: string): StatedLatency | undefined {
    if (!list || list.length === 0) return undefined;
    const exact = list.find(l => l.percentile === p);
    if (exact) return exact;
    const rank = percentileRank(p);
    if (rank === undefined) return undefined;
    let best: StatedLatency | undefined;
    let bestRank = Infinity;
    for (const l of list) {
        const r = percentileRank(l.percentile);
        if (r !== undefined && r > rank && r < bestRank) {
            best = l;
            bestRank = r;
        }
    }
    return best;
}

export interface Budget {
    /** Worst case in ms; undefined when unbounded. */
    worst?: number;
    working: string;
    /** Why it is unbounded. */
    unbounded?: string;
}

/** Worst case of one hop: attempts × (timeout, or the callee's own worst case without one) + the backoff delays. */
export function hopBudget(r: RelationModel | undefined, inner: Budget, label: string): Budget {
    if (!r) return { ...inner, working: `${label}: no relation declared, waits as long as the callee (${inner.worst === undefined ? 'unbounded' : ms(inner.worst)})` };
    const n = attempts(r);
    if (!Number.isFinite(n)) return { working: `${label}: retry forever, unbounded`, unbounded: `${label} retries forever` };
    const per = r.timeoutMs ?? inner.worst;
    if (per === undefined) return { working: `${label}: no timeout, and the callee is unbounded`, unbounded: inner.unbounded ?? `${label} has no bound` };
    const delays = backoffDelays(r);
    const wait = delays.reduce((a, b) => a + b, 0);
    const worst = n * per + wait;
    const perText = r.timeoutMs !== undefined ? `timeout ${ms(r.timeoutMs)}` : `no timeout: the callee's ${ms(per)}`;
    const attemptsText = n === 1 ? perText : `${n} attempts × ${perText}`;
    const base = r.retry?.baseDelayMs;
    const backoffText = delays.length > 0
        ? ` + backoff ${delays.map(d => `${d}`).join(' + ')} ms (${r.retry?.backoff}, ${base === undefined ? `default base ${RETRY_BASE_DELAY_MS} ms` : `base ${ms(base)}`}${r.retry?.maxDelayMs === undefined ? '' : `, max ${ms(r.retry.maxDelayMs)}`})`
        : '';
    return { worst, working: `${label}: ${attemptsText}${backoffText} = ${ms(worst)}` };
}

/** A time at a percentile, from the stated latencies where there are some and the worst case where not. */
export interface Estimate {
    /** In ms; undefined when a part that nothing states is unbounded in the worst case. */
    ms?: number;
    /** A stated latency is part of it (otherwise it is the worst case alone). */
    stated: boolean;
    /** Some hop's worst case stands in for a latency nothing states. */
    standIn?: boolean;
    /** The call states its own latency, which covers everything behind it. */
    direct?: boolean;
    working: string;
    unbounded?: string;
}

/**
 * One hop at a percentile: the call's stated latency; else, when the callee's time rests on stated
 * latencies, one attempt that takes the callee's time (cut at the call's timeout); else the hop's
 * worst case (attempts × timeout + backoff), which stands in for what nothing states.
 */
export function hopEstimate(r: RelationModel | undefined, callee: Estimate, calleeWorst: Budget, label: string, p: string): Estimate {
    const stated = statedAt(r?.latencies, p);
    if (stated) return { ms: stated.ms, stated: true, direct: true, working: `${label}: latency ${stated.percentile} ${ms(stated.ms)} stated` };
    if (callee.stated && callee.ms !== undefined) {
        const timeout = r?.timeoutMs;
        const cut = timeout !== undefined && timeout < callee.ms;
        return {
            ms: cut ? timeout : callee.ms, stated: true, standIn: callee.standIn,
            working: `${label}: one attempt, the callee's ${p} ${ms(callee.ms)}${cut ? `, cut at the timeout ${ms(timeout)}` : ''}`
        };
    }
    const worst = hopBudget(r, calleeWorst, label);
    return { ms: worst.worst, stated: false, standIn: true, unbounded: worst.unbounded, working: `${worst.working} (no latency stated: the worst case stands in)` };
}

/** Per-model caches of the worst cases and estimates, so every flow, SLO and scenario reads them once. */
export class Timing {
    private readonly processingCache = new Map<string, Budget>();
    private readonly relationCache = new Map<string, Budget>();
    private readonly active = new Set<string>();
    private readonly estimateCache = new Map<string, Estimate>();
    private readonly hopCache = new Map<string, Estimate>();
    private readonly estimating = new Set<string>();
    private percentiles?: string[];

    constructor(private readonly model: ArchModel) {}

    /** The percentiles at which the model states a latency (on a call or a component), in the order first written. */
    statedPercentiles(): string[] {
        if (this.percentiles) return this.percentiles;
        const found = new Set<string>();
        for (const c of this.model.components.values()) for (const l of c.props.latencies ?? []) found.add(l.percentile);
        for (const r of this.model.relations) for (const l of r.latencies ?? []) found.add(l.percentile);
        return this.percentiles = [...found];
    }

    /**
     * The time a component takes at percentile `p`: its own stated latency (0 when not stated) and the
     * calls it waits on, one after another (each by `hopEstimate`).
     */
    expected(id: string, p: string, except?: string): Estimate {
        const key = `${p}\u0000${id}`;
        if (except === undefined) {
            const cached = this.estimateCache.get(key);
            if (cached) return cached;
        }
        if (this.estimating.has(id)) return { ms: 0, stated: false, working: `${short(id)} is already waiting higher up the chain (a cycle)` };
        if (this.estimating.size >= MAX_DEPTH) return { stated: false, working: `call chain deeper than ${MAX_DEPTH} components`, unbounded: `a call chain deeper than ${MAX_DEPTH} components` };
        this.estimating.add(id);
        try {
            const own = statedAt(this.model.component(id)?.props.latencies, p);
            let total: number | undefined = own?.ms ?? 0;
            let stated = own !== undefined;
            let standIn = false;
            let unbounded: string | undefined;
            const parts = own ? [`own ${own.percentile} ${ms(own.ms)} stated`] : [];
            for (const dependency of dependencies(this.model, id)) {
                const r = dependency.relation;
                if (!waitsOn(r) || dependency.soft || r.target === except) continue;
                const hop = this.hopExpected(r, p);
                stated ||= hop.stated;
                standIn ||= hop.standIn === true;
                if (hop.ms === undefined) {
                    total = undefined;
                    unbounded ??= hop.unbounded;
                } else if (total !== undefined) {
                    total += hop.ms;
                }
                if (hop.ms !== 0) parts.push(hop.working);
            }
            const result: Estimate = {
                ms: total, stated, standIn, unbounded,
                working: parts.length === 0 ? `${short(id)}: 0 ms (no latency stated, no timed call it waits on)` : `${short(id)}: ${parts.join('; ')}`
            };
            if (except === undefined) this.estimateCache.set(key, result);
            return result;
        } finally {
            this.estimating.delete(id);
        }
    }

    /** One relation at percentile `p`, its callee's calls included. */
    hopExpected(r: RelationModel, p: string): Estimate {
        const key = `${p}\u0000${r.id}`;
        const cached = this.hopCache.get(key);
        if (cached) return cached;
        const estimate = hopEstimate(r, this.expected(r.target, p), this.processing(r.target), `${short(r.source)} → ${short(r.target)}`, p);
        this.hopCache.set(key, estimate);
        return estimate;
    }

    /** A path's budget at percentile `p`, nested from the end of the path as `pathBudget` does. */
    pathEstimate(steps: readonly string[], hops: readonly (RelationModel | undefined)[], p: string): Estimate & { parts: string[] } {
        if (steps.length === 0) return { ms: 0, stated: false, working: 'empty path', parts: [] };
        const last = steps[steps.length - 1];
        let inner: Estimate = this.expected(last, p);
        let innerWorst: Budget = this.processing(last);
        let parts: string[] = inner.ms === 0 ? [] : [inner.working];
        for (let i = steps.length - 1; i >= 1; i--) {
            const label = `${short(steps[i - 1])} → ${short(steps[i])}`;
            const hop = hopEstimate(hops[i], inner, innerWorst, label, p);
            const own = this.expected(steps[i - 1], p, steps[i]);
            // A call that states its latency covers the rest of the path: what lies behind it is not added.
            if (hop.direct) parts = [];
            parts.unshift(hop.working);
            if (own.ms !== 0) parts.unshift(own.working);
            const total = hop.ms === undefined || own.ms === undefined ? undefined : hop.ms + own.ms;
            inner = { ms: total, stated: hop.stated || own.stated, standIn: hop.standIn === true || own.standIn === true, working: hop.working, unbounded: hop.unbounded ?? own.unbounded };
            const hopWorst = hopBudget(hops[i], innerWorst, label);
            const ownWorst = this.processing(steps[i - 1], steps[i]);
            innerWorst = {
                worst: hopWorst.worst === undefined || ownWorst.worst === undefined ? undefined : hopWorst.worst + ownWorst.worst,
                working: hopWorst.working, unbounded: hopWorst.unbounded ?? ownWorst.unbounded
            };
        }
        return { ...inner, working: parts.join('; ') || 'no timed hop', parts };
    }

    /**
     * The worst time a component takes to answer, from the calls it waits on (one after another: the
     * language does not say which run in parallel, so the sum is the safe bound), plus its own
     * processing time at the highest percentile it states (`latency p99 5ms`; 0 when it states none).
     */
    processing(id: string, except?: string): Budget {
        if (except === undefined) {
            const cached = this.processingCache.get(id);
            if (cached) return cached;
        }
        if (this.active.has(id)) return { worst: 0, working: `${short(id)} is already waiting higher up the chain (a cycle)` };
        if (this.active.size >= MAX_DEPTH) return { working: `call chain deeper than ${MAX_DEPTH} components`, unbounded: `a call chain deeper than ${MAX_DEPTH} components` };
        this.active.add(id);
        try {
            const own = highestStated(this.model.component(id)?.props.latencies);
            let worst: number | undefined = own?.ms ?? 0;
            let unbounded: string | undefined;
            const parts: string[] = own ? [`own ${own.percentile} ${ms(own.ms)} stated`] : [];
            for (const dependency of dependencies(this.model, id)) {
                const r = dependency.relation;
                if (!waitsOn(r) || dependency.soft || r.target === except) continue;
                const budget = this.relation(r);
                if (budget.worst === undefined) {
                    worst = undefined;
                    unbounded ??= budget.unbounded;
                } else if (worst !== undefined && budget.worst > 0) {
                    worst += budget.worst;
                }
                if (budget.worst !== 0) parts.push(budget.working);
            }
            const result: Budget = {
                worst,
                unbounded,
                working: parts.length === 0 ? `${short(id)}: 0 ms (no timed call it waits on)` : `${short(id)}: ${parts.join('; ')}`
            };
            if (except === undefined) this.processingCache.set(id, result);
            return result;
        } finally {
            this.active.delete(id);
        }
    }

    /** The worst case of one relation, its callee's calls included. */
    relation(r: RelationModel): Budget {
        const cached = this.relationCache.get(r.id);
        if (cached) return cached;
        const budget = hopBudget(r, this.processing(r.target), `${short(r.source)} → ${short(r.target)}`);
        this.relationCache.set(r.id, budget);
        return budget;
    }

    /** Calls whose callee may take longer than the caller's timeout (each callee's worst case from `processing`). */
    timeoutViolations(): TimeoutViolation[] {
        const found: TimeoutViolation[] = [];
        for (const r of this.model.relations) {
            if (r.timeoutMs === undefined || !waitsOn(r) || r.target === r.source) continue;
            const callee = this.processing(r.target);
            if (callee.worst === undefined || callee.worst <= r.timeoutMs) continue;
            found.push({
                relation: r.id, caller: r.source, callee: r.target, callerTimeoutMs: r.timeoutMs, calleeWorstMs: callee.worst,
                working: `${short(r.source)} waits ${ms(r.timeoutMs)} for ${short(r.target)}, which may take ${ms(callee.worst)} (${callee.working})`,
                loc: r.loc
            });
        }
        return found;
    }

    /** Synchronous call chains along which retries multiply: two or more hops of the chain retry (3 × 3 × 3 = 27 calls to the last). */
    retryChains(): RetryChain[] {
        const best = new Map<string, { factor: number; previous?: RelationModel }>();
        const active = new Set<string>();
        const amplify = (r: RelationModel): number => {
            const known = best.get(r.id);
            if (known) return known.factor;
            if (active.has(r.id) || active.size >= MAX_DEPTH) return 1;
            active.add(r.id);
            let top = 1;
            let previous: RelationModel | undefined;
            for (const q of this.model.incoming(r.source)) {
                if (!waitsOn(q) || q.source === q.target) continue;
                const factor = amplify(q);
                if (Number.isFinite(factor) && factor > top) {
                    top = factor;
                    previous = q;
                }
            }
            active.delete(r.id);
            const factor = attempts(r) * top;
            best.set(r.id, { factor, previous });
            return factor;
        };
        const chains: RetryChain[] = [];
        for (const r of this.model.relations) {
            if (!waitsOn(r)) continue;
            const factor = amplify(r);
            if (!Number.isFinite(factor) || factor <= attempts(r)) continue;
            const relations: RelationModel[] = [];
            const seen = new Set<string>();
            for (let at: RelationModel | undefined = r; at && !seen.has(at.id); at = best.get(at.id)?.previous) {
                seen.add(at.id);
                relations.unshift(at);
            }
            // Only chains where retries compound: two hops or more that retry.
            if (relations.filter(x => attempts(x) > 1).length < 2) continue;
            const chain = [relations[0].source, ...relations.map(x => x.target)];
            chains.push({
                relation: r.id, factor, chain,
                working: `${relations.map(x => `${attempts(x)}`).join(' × ')} = ${factor} calls to ${short(r.target)} for one call to ${short(chain[0])} (${chain.map(short).join(' → ')})`,
                loc: r.loc
            });
        }
        return chains;
    }

    /** The latency hops of a list of path steps (all synchronous): nested from the end of the path. */
    pathBudget(steps: readonly string[], hops: readonly (RelationModel | undefined)[]): { budget: Budget; hops: LatencyHop[] } {
        const out: LatencyHop[] = [];
        if (steps.length === 0) return { budget: { worst: 0, working: 'empty path' }, hops: out };
        let inner = this.processing(steps[steps.length - 1]);
        if (inner.worst !== 0) out.unshift({ from: steps[steps.length - 1], to: steps[steps.length - 1], worstMs: inner.worst, working: inner.working });
        for (let i = steps.length - 1; i >= 1; i--) {
            const label = `${short(steps[i - 1])} → ${short(steps[i])}`;
            const hop = hopBudget(hops[i], inner, label);
            out.unshift({ from: steps[i - 1], to: steps[i], worstMs: hop.worst, working: hop.working });
            const own = this.processing(steps[i - 1], steps[i]);
            const worst = hop.worst === undefined || own.worst === undefined ? undefined : hop.worst + own.worst;
            if (own.worst !== 0) out.unshift({ from: steps[i - 1], to: steps[i - 1], worstMs: own.worst, working: own.working });
            inner = { worst, working: hop.working, unbounded: hop.unbounded ?? own.unbounded };
        }
        return { budget: inner, hops: out };
    }
}
