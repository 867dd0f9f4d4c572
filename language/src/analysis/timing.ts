/**
 * Time and retries along synchronous calls, independent of any failure set: the worst case a caller
 * can wait (attempts × timeout + backoff, nested along the chain), callees slower than their caller's
 * timeout, and the product of attempts along a call chain.
 */
import type { RelationModel } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import { RETRY_BASE_DELAY_MS } from './defaults.js';
import { dependencies, waitsOn } from './dependencies.js';
import { ms, short } from './numbers.js';
import type { LatencyHop, RetryChain, TimeoutViolation } from './types.js';

/** Chains deeper than this are not followed (each level is a few stack frames). */
const MAX_DEPTH = 2000;

/** Attempts of a relation: 1 + its retries; Infinity with `retry forever`. */
export function attempts(r: RelationModel | undefined): number {
    if (!r?.retry) return 1;
    if (r.retry.unbounded) return Infinity;
    return 1 + Math.max(0, r.retry.count ?? 0);
}

/** The delays between attempts (003 › "### Retry Pattern"), each capped by `max`; none without a stated backoff. */
export function backoffDelays(r: RelationModel): number[] {
    const retry = r.retry;
    if (!retry || retry.unbounded || !retry.backoff) return [];
    const delays: number[] = [];
    for (let i = 1; i <= (retry.count ?? 0); i++) {
        const nominal = retry.backoff === 'fixed' ? RETRY_BASE_DELAY_MS : retry.backoff === 'incremental' ? i * RETRY_BASE_DELAY_MS : RETRY_BASE_DELAY_MS * 2 ** (i - 1);
        delays.push(retry.maxDelayMs === undefined ? nominal : Math.min(nominal, retry.maxDelayMs));
    }
    return delays;
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
    const backoffText = delays.length > 0 ? ` + backoff ${delays.map(d => `${d}`).join(' + ')} ms` : '';
    return { worst, working: `${label}: ${attemptsText}${backoffText} = ${ms(worst)}` };
}

/** Per-model caches of the worst cases, so every flow, SLO and scenario reads them once. */
export class Timing {
    private readonly processingCache = new Map<string, Budget>();
    private readonly relationCache = new Map<string, Budget>();
    private readonly active = new Set<string>();

    constructor(private readonly model: ArchModel) {}

    /**
     * The worst time a component takes to answer, from the calls it waits on (one after another: the
     * language does not say which run in parallel, so the sum is the safe bound). Its own processing
     * time is not stated in the language and counts as 0.
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
            let worst: number | undefined = 0;
            let unbounded: string | undefined;
            const parts: string[] = [];
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
