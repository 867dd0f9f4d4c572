/**
 * What a component needs while it serves a request: its synchronous outgoing relations, each hard (the
 * request fails without it), soft (the request is answered anyway, degraded) or with alternatives (a
 * `fallback` component, a cache whose store answers when it is gone).
 */
import type { ComponentKind, RelationModel } from '../model/types.js';
import type { ArchModel } from '../model/workspace.js';
import { short } from './numbers.js';
import type { AccessMode } from './components.js';

/**
 * Kinds whose outgoing relations are alternatives per request, not all needed by every request: a
 * load balancer, gateway or CDN sends each request to one of its routes, and a client is the one who
 * asks. On a path only the next step counts for them.
 */
export const FAN_OUT_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['client', 'loadbalancer', 'gateway', 'cdn']);

const BACKING_STORE_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['database', 'search', 'objectstore']);

export interface Dependency {
    relation: RelationModel;
    target: string;
    mode: AccessMode;
    /** Present when losing the target leaves the request answered (degraded): why. */
    soft?: string;
    /** A `fallback` component: either it or the target suffices. */
    fallback?: string;
    /** A cache whose store answers in its place: the store, and the sentence that says so. */
    store?: { id: string; why: string };
}

const cache = new WeakMap<ArchModel, Map<string, Dependency[]>>();

/** The relation is a synchronous request the caller waits on (what timeouts, retries and latency budgets are about). */
export function waitsOn(r: RelationModel): boolean {
    if (r.kind === 'calls') return r.sync;
    if (r.kind === 'publishes') return r.via !== 'outbox';
    return r.kind === 'reads' || r.kind === 'writes' || r.kind === 'uses';
}

function modeOf(r: RelationModel): AccessMode {
    return r.kind === 'reads' ? 'read' : 'write';
}

/** The store behind a cache: one the cache itself reads from, else one the caller also reads or writes. */
function storeBehind(model: ArchModel, cacheId: string, caller: string): string | undefined {
    for (const r of model.outgoing(cacheId)) {
        if ((r.kind === 'reads' || r.kind === 'uses' || r.kind === 'calls') && BACKING_STORE_KINDS.has(model.component(r.target)?.kind as ComponentKind)) return r.target;
    }
    for (const r of model.outgoing(caller)) {
        if ((r.kind === 'reads' || r.kind === 'writes' || r.kind === 'uses') && BACKING_STORE_KINDS.has(model.component(r.target)?.kind as ComponentKind)) return r.target;
    }
    return undefined;
}

/** The dependencies of a component, computed once per model. */
export function dependencies(model: ArchModel, id: string): Dependency[] {
    let byId = cache.get(model);
    if (!byId) {
        byId = new Map();
        cache.set(model, byId);
    }
    const cached = byId.get(id);
    if (cached) return cached;
    const list: Dependency[] = [];
    const source = model.component(id);
    if (source && !FAN_OUT_KINDS.has(source.kind)) {
        for (const r of model.outgoing(id)) {
            const target = model.component(r.target);
            if (!target || target.id === id) continue;
            const name = target.name;
            if (r.kind === 'calls' && !r.sync) {
                list.push({ relation: r, target: target.id, mode: 'write', soft: `${short(id)} calls ${name} asynchronously: the work waits until ${name} is back` });
                continue;
            }
            if (r.kind === 'publishes' && r.via === 'outbox') {
                list.push({ relation: r, target: target.id, mode: 'write', soft: `${short(id)} publishes to ${name} through an outbox: messages wait in the outbox until it is back` });
                continue;
            }
            if (!waitsOn(r)) continue;
            const dependency: Dependency = { relation: r, target: target.id, mode: modeOf(r) };
            if (r.fallback?.target && model.component(r.fallback.target)) dependency.fallback = r.fallback.target;
            else if (r.fallback?.cache) dependency.soft = `${short(id)} answers from its cache when ${name} fails (fallback cache)`;
            else if (r.fallback?.defaultValue) dependency.soft = `${short(id)} answers with a default when ${name} fails (fallback default)`;
            else if (target.kind === 'cache') {
                const store = storeBehind(model, target.id, id);
                if (store) dependency.store = { id: store, why: `cache ${name} is bypassed: reads fall back to ${short(store)} (slower, more load on it)` };
            }
            list.push(dependency);
        }
    }
    byId.set(id, list);
    return list;
}
