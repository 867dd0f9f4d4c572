/**
 * What one component does under a failure set: its status (up, degraded, down, and why) and its
 * availability with the working. Instances are spread over failure domains (zones or regions); the
 * instances inside one domain are correlated (they count as one unit), domains are independent.
 */
import type { ComponentModel, LeaderlessReplication, SingleLeaderReplication } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import { instances } from '../model/queries.js';
import { findTechnology } from '../model/technologies.js';
import {
    INSTANCE_AVAILABILITY, LEADER_REPAIR, LEADERLESS_DEFAULT_N, MANAGED_AVAILABILITY, leaderlessQuorum, majority, technologyAvailability, type Figure
} from './defaults.js';
import { duration, percent, prob, short } from './numbers.js';
import type { FigureSource, Status } from './types.js';

/** How a dependency uses a store: reads may survive where writes do not (followers, `r` < `w`). */
export type AccessMode = 'read' | 'write';

/** The failure set, resolved into sets for lookups. */
export interface FailureContext {
    components: ReadonlySet<string>;
    instances: ReadonlyMap<string, number>;
    zones: ReadonlySet<string>;
    regions: ReadonlySet<string>;
}

export const NO_FAILURE: FailureContext = { components: new Set(), instances: new Map(), zones: new Set(), regions: new Set() };

export interface ComponentEval {
    status: Status;
    why: string[];
    /** Availability under the failure set, 0..1. */
    value: number;
    source: FigureSource;
    working: string;
    /** The default figure the value rests on, if any (for the result's `assumptions`). */
    assumption?: 'instance' | 'managed';
    /** The value uses a stated failover time against the default time to repair a leader (LEADER_REPAIR). */
    repair?: boolean;
    /** Degraded or down for this long, then serves again: a stated failover time, in ms. */
    outageMs?: number;
}

/**
 * Availability of a single-leader store whose failover takes `failoverMs`: the leader alone serves
 * (`leader`), and while it is out a follower takes over after the failover time, so of each leader
 * outage (which lasts LEADER_REPAIR) the first min(1, F / MTTR) is lost:
 * A = A_leader + (A_any − A_leader) × (1 − min(1, F / MTTR)). F = 0 gives any copy, F ≥ MTTR the leader alone.
 */
export function failoverAvailability(leader: number, anyCopy: number, failoverMs: number): number {
    const lost = Math.min(1, Math.max(0, failoverMs) / LEADER_REPAIR.ms);
    return leader + Math.max(0, anyCopy - leader) * (1 - lost);
}

/** Instances of a component (or copies of its data) in one failure domain. */
interface Unit {
    /** Zone or region id; undefined when the placement is not stated. */
    domain?: string;
    count: number;
}

const UP_ONE: ComponentEval = { status: 'up', why: [], value: 1, source: 'declared', working: '1' };

/**
 * Spreads `count` instances round-robin over the placements (the first placements get one more when
 * the count does not divide); without placements, all in one unplaced unit.
 */
export function spread(count: number, placements: readonly string[]): Unit[] {
    const n = Math.max(0, Math.floor(count));
    if (placements.length === 0) return n > 0 ? [{ count: n }] : [];
    const k = placements.length;
    const units: Unit[] = [];
    for (let i = 0; i < k; i++) {
        const c = Math.floor(n / k) + (i < n % k ? 1 : 0);
        if (c > 0) units.push({ domain: placements[i], count: c });
    }
    return units;
}

/** A zone or region as people write it: `euWest.a`, `euWest`. */
export function placementLabel(model: ArchModel, id: string): string {
    const region = model.regionOf(id);
    if (region && region !== id && model.isZone(id)) return `${short(region)}.${short(id)}`;
    return short(id);
}

/** The domain fails: a failed zone, a failed region, or a zone of a failed region. Unplaced units never fail with a zone. */
export function domainFails(model: ArchModel, failure: FailureContext, domain: string | undefined): boolean {
    if (domain === undefined) return false;
    if (failure.zones.has(domain) || failure.regions.has(domain)) return true;
    if (failure.regions.size === 0) return false;
    const region = model.regionOf(domain);
    return region !== undefined && failure.regions.has(region);
}

/** Units after the failure: failed domains removed, then `lost` instances taken from the last units. */
function survivors(model: ArchModel, failure: FailureContext, units: readonly Unit[], lost = 0): Unit[] {
    const alive = units.map(u => ({ ...u, count: domainFails(model, failure, u.domain) ? 0 : u.count }));
    let remove = lost;
    for (let i = alive.length - 1; i >= 0 && remove > 0; i--) {
        const taken = Math.min(remove, alive[i].count);
        alive[i].count -= taken;
        remove -= taken;
    }
    return alive;
}

/** Units of the same domain merged (a leader and a follower in one zone fail together; so do all unplaced copies). */
function merge(units: readonly Unit[]): Unit[] {
    const byDomain = new Map<string | undefined, Unit>();
    for (const u of units) {
        const known = byDomain.get(u.domain);
        if (known) known.count += u.count;
        else byDomain.set(u.domain, { ...u });
    }
    return [...byDomain.values()];
}

const total = (units: readonly Unit[]) => units.reduce((sum, u) => sum + u.count, 0);

/**
 * P(at least `q` copies are up) when each unit is up with probability `p` (its copies together) and
 * units are independent: the distribution of copies up, unit by unit (exact, no sampling).
 */
export function atLeast(units: ReadonlyArray<{ count: number; p: number }>, q: number): number {
    if (q <= 0) return 1;
    let dist = [1];
    for (const u of units) {
        if (u.count <= 0) continue;
        const next = new Array<number>(dist.length + u.count).fill(0);
        for (let k = 0; k < dist.length; k++) {
            if (dist[k] === 0) continue;
            next[k] += dist[k] * (1 - u.p);
            next[k + u.count] += dist[k] * u.p;
        }
        dist = next;
    }
    let sum = 0;
    for (let k = q; k < dist.length; k++) sum += dist[k];
    return Math.min(1, sum);
}

function describeUnits(model: ArchModel, units: readonly Unit[]): string {
    const placed = units.filter(u => u.count > 0);
    if (placed.length === 0) return 'none left';
    if (placed.length === 1 && placed[0].domain === undefined) return `${placed[0].count}, placement not stated (one unit)`;
    return placed.map(u => `${u.domain === undefined ? 'unplaced' : placementLabel(model, u.domain)}: ${u.count}`).join(', ');
}

/**
 * The working of "at least q of the copies in these units": the closed form 1 − (1 − p)^k when one
 * copy suffices and every unit has the same p, otherwise the exact sum written as P(≥ q of n).
 */
function unitWorking(model: ArchModel, units: readonly Unit[], q: number, unit: Figure, what: string): { value: number; working: string } {
    const alive = units.filter(u => u.count > 0);
    const value = atLeast(alive.map(u => ({ count: u.count, p: unit.value })), q);
    const per = `${percent(unit.value)} per zone unit: ${unit.basis}; a zone's ${what} count as one unit`;
    if (alive.length === 0) return { value: 0, working: `no ${what} left = 0` };
    if (q === 1) {
        if (alive.length === 1) return { value, working: `${prob(value)} (${what} ${describeUnits(model, alive)}; ${per})` };
        return { value, working: `1 − (1 − ${prob(unit.value)})^${alive.length} = ${prob(value)} (${what} ${describeUnits(model, alive)}; ${per})` };
    }
    const n = total(alive);
    return { value, working: `P(at least ${q} of ${n} ${what} up) = ${prob(value)} (${what} ${describeUnits(model, alive)}; ${per})` };
}

/** The figure a component's availability rests on when it is not decomposed into instances. */
function wholeFigure(c: ComponentModel): Figure | undefined {
    if (c.props.availability !== undefined) {
        return { value: c.props.availability / 100, source: 'declared', basis: `availability ${c.props.availability}% stated` };
    }
    if (c.props.managed) return technologyAvailability(c, findTechnology(c.technology)?.id) ?? MANAGED_AVAILABILITY;
    if (c.props.external && c.kind !== 'client') return MANAGED_AVAILABILITY;
    return undefined;
}

function down(why: string[]): ComponentEval {
    // A failure the user asked for is a stated fact: nothing below it depends on a default.
    return { status: 'down', why, value: 0, source: 'declared', working: `0 (${why[why.length - 1] ?? 'down'})` };
}

/**
 * Evaluates components under one failure set, each (component, mode) once. `coordinator` lookups for
 * leader election go through the same cache; a cycle of coordinators reads as up.
 */
export class ComponentEvaluator {
    private readonly cache = new Map<string, ComponentEval>();
    private readonly active = new Set<string>();

    /**
     * `base` and `touched`: an evaluator of the same model without failures, and which components the
     * failure can change; every other component is answered by `base` (its cached result, the same
     * object), so a scenario costs what it touches.
     */
    constructor(
        private readonly model: ArchModel,
        readonly failure: FailureContext,
        private readonly base?: ComponentEvaluator,
        readonly touched?: (id: string) => boolean
    ) {}

    evaluate(id: string, mode: AccessMode): ComponentEval {
        if (this.base && this.touched && !this.touched(id)) return this.base.evaluate(id, mode);
        const key = `${mode}\u0000${id}`;
        const cached = this.cache.get(key);
        if (cached) return cached;
        if (this.active.has(key)) return UP_ONE;
        this.active.add(key);
        let result: ComponentEval;
        try {
            result = this.compute(id, mode);
        } finally {
            this.active.delete(key);
        }
        this.cache.set(key, result);
        return result;
    }

    private compute(id: string, mode: AccessMode): ComponentEval {
        const { model, failure } = this;
        const c = model.component(id);
        if (!c) return { status: 'up', why: [`'${id}' is not in the model`], value: 1, source: 'default', working: `1 ('${id}' is not in the model)` };
        if (failure.components.has(c.id)) return down([`${c.name} fails (in the failure set)`]);
        if (c.kind === 'client') return UP_ONE;
        const parent = model.component(c.parent);
        if (parent && parent.id !== c.id && (c.kind === 'topic' || c.kind === 'queue')) {
            const broker = this.evaluate(parent.id, mode);
            if (broker.status === 'up') return broker;
            return { ...broker, why: broker.why.map(w => `broker ${parent.name}: ${w}`) };
        }
        const whole = wholeFigure(c);
        if (whole && (c.props.managed || c.props.external)) return this.managed(c, whole);
        const replication = c.props.replication;
        switch (replication?.type) {
            case 'consensus': return this.consensus(c, replication.nodes ?? instances(c), whole);
            case 'leaderless': return this.leaderless(c, replication, mode, whole);
            case 'single-leader': return this.singleLeader(c, replication, mode, whole);
            case 'multi-leader': {
                const count = replication.leaders ?? Math.max(instances(c), replication.leaderPlacements.length);
                return this.anyOf(c, spread(count, replication.leaderPlacements.length > 0 ? replication.leaderPlacements : c.props.placements), 'leaders', whole);
            }
            default: return this.anyOf(c, spread(instances(c), c.props.placements), 'instances', whole);
        }
    }

    /** A managed or external component: one figure; zone failures are the provider's to absorb, a region failure is not. */
    private managed(c: ComponentModel, figure: Figure): ComponentEval {
        const placements = c.props.placements;
        const hit = placements.filter(p => domainFails(this.model, this.failure, p) && !this.model.isZone(p));
        const zonesOnly = placements.length > 0 && placements.every(p => domainFails(this.model, this.failure, p));
        if ((hit.length > 0 && hit.length === placements.filter(p => !this.model.isZone(p)).length) || zonesOnly) {
            return down([`${c.name} runs only in ${placements.map(p => placementLabel(this.model, p)).join(', ')}, which fails`]);
        }
        const lost = this.failure.instances.get(c.id);
        const why = lost ? [`${lost} instance${lost === 1 ? '' : 's'} of managed ${c.name} lost: the provider replaces them`] : [];
        return {
            status: lost ? 'degraded' : 'up', why, value: figure.value, source: figure.source, working: `${prob(figure.value)} (${figure.basis})`,
            ...(figure === MANAGED_AVAILABILITY ? { assumption: 'managed' as const } : {})
        };
    }

    private scaled(c: ComponentModel, whole: Figure | undefined, computed: { value: number; working: string }, source: FigureSource): Pick<ComponentEval, 'value' | 'source' | 'working' | 'assumption'> {
        if (whole) return { value: whole.value, source: whole.source, working: `${prob(whole.value)} (${whole.basis})`, ...(whole === MANAGED_AVAILABILITY ? { assumption: 'managed' as const } : {}) };
        return { value: computed.value, source, working: computed.working, assumption: 'instance' };
    }

    /** Up while one unit has an instance: plain replicas, multi-leader leaders. */
    private anyOf(c: ComponentModel, units: Unit[], what: string, whole: Figure | undefined): ComponentEval {
        const before = total(units);
        const alive = survivors(this.model, this.failure, units, this.failure.instances.get(c.id));
        const left = total(alive);
        if (before > 0 && left === 0) return down([`all ${before} ${what} of ${c.name} are lost`]);
        const why = left < before ? [`${left} of ${before} ${what} of ${c.name} left (${describeUnits(this.model, alive)}): less capacity${left === 1 ? ', no redundancy' : ''}`] : [];
        return { status: left < before ? 'degraded' : 'up', why, ...this.scaled(c, whole, unitWorking(this.model, alive, 1, INSTANCE_AVAILABILITY, what), 'default') };
    }

    private consensus(c: ComponentModel, nodes: number, whole: Figure | undefined): ComponentEval {
        const units = spread(nodes, c.props.placements);
        const alive = survivors(this.model, this.failure, units, this.failure.instances.get(c.id));
        const left = total(alive);
        const need = majority(nodes);
        if (left < need) {
            return down([`${c.name} keeps ${left} of ${nodes} nodes; consensus needs a majority of ${need} (⌊${nodes}/2⌋ + 1), so it stops accepting writes and electing leaders`]);
        }
        const why = left < nodes ? [`${c.name} keeps ${left} of ${nodes} nodes (${describeUnits(this.model, alive)}); the majority of ${need} holds${left === need ? ', and one more lost node stops it' : `, ${left - need} more node${left - need === 1 ? '' : 's'} may fail`}`] : [];
        return { status: left < nodes ? 'degraded' : 'up', why, ...this.scaled(c, whole, unitWorking(this.model, alive, need, INSTANCE_AVAILABILITY, 'nodes'), 'default') };
    }

    private leaderless(c: ComponentModel, rep: LeaderlessReplication, mode: AccessMode, whole: Figure | undefined): ComponentEval {
        const nodes = instances(c);
        const n = rep.n ?? Math.max(1, Math.min(LEADERLESS_DEFAULT_N, nodes));
        const q = mode === 'write' ? rep.w ?? leaderlessQuorum(n) : rep.r ?? leaderlessQuorum(n);
        const letter = mode === 'write' ? 'w' : 'r';
        // Each key's n copies sit in distinct zones where it can (rack-aware placement, as Cassandra's NetworkTopologyStrategy does).
        const copies = spread(n, c.props.placements);
        const alive = survivors(this.model, this.failure, copies, Math.min(n, this.failure.instances.get(c.id) ?? 0));
        const left = total(alive);
        const verb = mode === 'write' ? 'writes' : 'reads';
        if (left < q) {
            const nodesLeft = total(survivors(this.model, this.failure, spread(nodes, c.props.placements), this.failure.instances.get(c.id)));
            if (mode === 'write' && rep.sloppyQuorum && nodesLeft >= q) {
                return {
                    status: 'degraded', why: [`${c.name}: ${left} of n=${n} copies left, below w=${q}; the sloppy quorum takes the writes on other nodes (hinted handoff), so a read may miss them until the copies return`],
                    ...this.scaled(c, whole, unitWorking(this.model, alive, q, INSTANCE_AVAILABILITY, 'copies'), 'default')
                };
            }
            return down([`${c.name}: ${left} of n=${n} copies of each key left, ${verb} need ${letter}=${q}`]);
        }
        const why = left < n ? [`${c.name}: ${left} of n=${n} copies left, ${verb} still reach ${letter}=${q}`] : [];
        return { status: left < n ? 'degraded' : 'up', why, ...this.scaled(c, whole, unitWorking(this.model, alive, q, INSTANCE_AVAILABILITY, 'copies'), 'default') };
    }

    private singleLeader(c: ComponentModel, rep: SingleLeaderReplication, mode: AccessMode, whole: Figure | undefined): ComponentEval {
        const { model, failure } = this;
        const placements = c.props.placements;
        const followerCount = rep.followers ?? (rep.followerPlacements.length > 0 ? rep.followerPlacements.length : Math.max(0, instances(c) - 1));
        const leaderPlacement = placements.find(p => !rep.followerPlacements.includes(p)) ?? placements[0];
        const followerPlaces = rep.followerPlacements.length > 0 ? rep.followerPlacements : placements.filter(p => p !== leaderPlacement);
        const leaderUnit: Unit[] = [{ domain: leaderPlacement, count: 1 }];
        const followerUnits = spread(followerCount, followerPlaces);
        const lost = failure.instances.get(c.id) ?? 0;
        // Instances lost by count: followers first, the leader last.
        const followersAlive = survivors(model, failure, followerUnits, lost);
        const leaderAlive = !domainFails(model, failure, leaderPlacement) && lost <= followerCount;
        const followersLeft = total(followersAlive);
        const failover = rep.failover ?? c.props.failover;
        const failoverMs = rep.failover !== undefined ? rep.failoverTimeMs : c.props.failoverTimeMs;
        const readsFromFollowers = mode === 'read' && (rep.readFrom === 'followers' || rep.readFrom === 'any');
        const where = leaderPlacement ? ` in ${placementLabel(model, leaderPlacement)}` : '';
        const anyCopy = unitWorking(model, merge([...(leaderAlive ? leaderUnit : []), ...followersAlive]), 1, INSTANCE_AVAILABILITY, 'copies');
        const leaderOnly = unitWorking(model, leaderAlive ? leaderUnit : [], 1, INSTANCE_AVAILABILITY, 'leader');
        const served = mode === 'read' ? 'reads' : 'writes';
        const value = (automatic: boolean): Pick<ComponentEval, 'value' | 'source' | 'working' | 'assumption' | 'repair'> => {
            if (readsFromFollowers || (automatic && failoverMs === undefined)) return this.scaled(c, whole, anyCopy, 'default');
            if ((failover === 'automatic' || failover === 'manual') && failoverMs !== undefined && followersLeft > 0) {
                const timed = failoverAvailability(leaderOnly.value, anyCopy.value, failoverMs);
                const scaled = this.scaled(c, whole, {
                    value: timed,
                    working: `${prob(leaderOnly.value)} + (${prob(anyCopy.value)} − ${prob(leaderOnly.value)}) × (1 − min(1, ${duration(failoverMs)} / ${duration(LEADER_REPAIR.ms)})) = ${prob(timed)}` +
                        ` (leader alone ${prob(leaderOnly.value)}, any copy ${prob(anyCopy.value)}; while the leader is out, ${served} wait the stated ${failover} failover time ${duration(failoverMs)} of each ${duration(LEADER_REPAIR.ms)} repair: ${LEADER_REPAIR.basis})`
                }, 'default');
                return whole ? scaled : { ...scaled, repair: true };
            }
            return this.scaled(c, whole, automatic ? anyCopy : {
                value: leaderOnly.value,
                working: `${leaderOnly.working}; without automatic failover only the leader serves ${served}`
            }, 'default');
        };
        if (!leaderAlive) {
            if (followersLeft === 0) return down([`${c.name} loses its leader${where} and every follower`]);
            if (readsFromFollowers) {
                return { status: 'degraded', why: [`${c.name}'s leader${where} is lost; reads go on at the ${followersLeft} follower${followersLeft === 1 ? '' : 's'} left`], ...value(true) };
            }
            const left = `${followersLeft} follower${followersLeft === 1 ? '' : 's'} left (${describeUnits(model, followersAlive)})`;
            const outage = failoverMs === undefined ? {} : { outageMs: failoverMs };
            if (failover === 'automatic') {
                const coordinator = rep.election?.coordinator;
                if (coordinator) {
                    const elector = this.evaluate(coordinator, 'write');
                    if (elector.status === 'down') {
                        return down([`${c.name}'s leader${where} is lost and no new one can be elected: ${elector.why[0] ?? `${coordinator} is down`}`]);
                    }
                }
                const pause = failoverMs === undefined ? `${served} pause during the election` : `${served} stop for ${duration(failoverMs)} (the stated failover time) and then resume`;
                return {
                    status: 'degraded',
                    why: [`${c.name}'s leader${where} is lost; automatic failover promotes one of the ${left}; ${pause}, and asynchronously replicated writes not yet copied may be lost`],
                    ...this.scaled(c, whole, anyCopy, 'default'), ...outage
                };
            }
            if (failover === 'manual' && failoverMs !== undefined) {
                // After the stated time an operator has promoted a follower: the store serves again from the copies left.
                return {
                    status: 'degraded',
                    why: [`${c.name}'s leader${where} is lost; failover is manual: ${served} stop for ${duration(failoverMs)} (the stated time for an operator to promote one of the ${left}) and then resume`],
                    ...this.scaled(c, whole, anyCopy, 'default'), ...outage
                };
            }
            const how = failover === 'manual'
                ? `failover is manual and states no time: ${served} stop until an operator promotes a follower`
                : 'no failover is stated, so nothing promotes a follower';
            return down([`${c.name}'s leader${where} is lost; ${how}`]);
        }
        const why: string[] = [];
        let status: Status = 'up';
        if (followersLeft < followerCount) {
            status = 'degraded';
            const rest = `${followersLeft} of ${followerCount} follower${followerCount === 1 ? '' : 's'} of ${c.name} left`;
            if (mode === 'write' && followersLeft === 0 && rep.mode === 'sync') {
                return down([`${rest}: with synchronous replication every commit waits for a follower's acknowledgement, so writes block (PostgreSQL synchronous_commit behaviour)`]);
            }
            if (mode === 'write' && followersLeft === 0 && rep.mode === 'semi-sync') {
                why.push(`${rest}: semi-synchronous replication falls back to asynchronous after its timeout (MySQL rpl_semi_sync behaviour), so a leader failure now loses writes`);
            } else {
                why.push(`${rest}: fewer copies, ${followersLeft === 0 ? 'no failover target' : 'less redundancy'}`);
            }
        }
        return { status, why, ...value(failover === 'automatic') };
    }
}
