/**
 * What each view shows (see the table in `types.ts`): keys, the views a workspace offers, and the
 * set of components a view resolves to. Everything here is linear in the size of the model (or of
 * the part a view reaches): the preview resolves a view on every edit, and the picker counts the
 * components of every view of a workspace of thousands of components.
 */
import { resolveViewName } from '@sysd/language/model';
import type { ArchModel, ComponentModel, DiagramViewModel, FlowModel, SagaModel, SourceLocation, ViewPredicateModel } from '@sysd/language/model';
import { closest, didYouMean } from '@sysd/language/model';
import { displayName, usableId } from '../text.js';
import type { ResolvedView, ViewInfo, ViewKind, ViewRef } from './types.js';

/** Neighbourhoods reach at most this many relations away: beyond it, most models are the whole picture. */
export const MAX_HOPS = 5;

const TITLE_ALL = 'Everything';
const TITLE_DEPLOYMENT = 'Deployment (regions and zones)';

// ---------------------------------------------------------------- keys

export function viewKey(ref: ViewRef): string {
    switch (ref.kind) {
        case 'all': return 'all';
        case 'deployment': return 'deployment';
        case 'file': return `file:${ref.id ?? ''}`;
        case 'system': return `system:${ref.id ?? ''}`;
        case 'declared': return `view:${ref.id ?? ''}`;
        case 'flow': return `flow:${ref.id ?? ''}`;
        case 'saga': return `saga:${ref.id ?? ''}`;
        case 'neighbourhood': {
            const hops = clampHops(ref.hops);
            return `neighbourhood:${ref.id ?? ''}${hops === 1 ? '' : `:${hops}`}`;
        }
    }
}

const PREFIXES: ReadonlyArray<[string, ViewKind]> = [
    ['file:', 'file'], ['system:', 'system'], ['view:', 'declared'], ['flow:', 'flow'], ['saga:', 'saga'], ['neighbourhood:', 'neighbourhood']
];

export function parseViewKey(key: string): ViewRef | undefined {
    if (typeof key !== 'string') return undefined;
    const text = key.trim();
    if (text === 'all') return { kind: 'all' };
    if (text === 'deployment') return { kind: 'deployment' };
    for (const [prefix, kind] of PREFIXES) {
        if (!text.startsWith(prefix)) continue;
        let id = text.slice(prefix.length);
        if (kind === 'neighbourhood') {
            // `neighbourhood:Shop.Orders:2`: qualified names hold no colon, so a trailing `:<digits>` is the hops.
            const match = /^(.*):(\d+)$/.exec(id);
            if (match) {
                id = match[1];
                if (id === '') return undefined;
                return { kind, id, hops: clampHops(Number(match[2])) };
            }
        }
        if (id === '') return undefined;
        return kind === 'neighbourhood' ? { kind, id, hops: 1 } : { kind, id };
    }
    return undefined;
}

function clampHops(hops: number | undefined): number {
    if (hops === undefined || !Number.isFinite(hops)) return 1;
    return Math.max(1, Math.min(MAX_HOPS, Math.floor(hops)));
}

// ---------------------------------------------------------------- indexes

/**
 * Lookups every view needs, built once per model (the model is immutable: a new one is built on
 * every change, so a cache keyed by it never goes stale).
 */
interface ModelIndex {
    /** Components that can be drawn (those with an id), in model order. */
    components: ComponentModel[];
    /** Direct components of each system. */
    bySystem: Map<string, ComponentModel[]>;
    /** Direct child systems of each system (by `parent`, and by dotted prefix for split systems). */
    subsystems: Map<string, string[]>;
    /** Components placed in each region and zone (a placement in a zone also counts for its region). */
    byPlacement: Map<string, ComponentModel[]>;
    /** Components and systems declared in each file. */
    byUri: Map<string, { components: ComponentModel[]; systems: Set<string> }>;
}

const indexes = new WeakMap<ArchModel, ModelIndex>();

function indexOf(model: ArchModel): ModelIndex {
    let index = indexes.get(model);
    if (index) return index;
    index = { components: [], bySystem: new Map(), subsystems: new Map(), byPlacement: new Map(), byUri: new Map() };
    const file = (uri: string) => {
        let entry = index.byUri.get(uri);
        if (!entry) index.byUri.set(uri, entry = { components: [], systems: new Set() });
        return entry;
    };
    for (const c of model.components.values()) {
        if (usableId(c.id) === undefined) continue;
        index.components.push(c);
        if (typeof c.system === 'string') push(index.bySystem, c.system, c);
        const placed = new Set<string>();
        for (const p of c.props?.placements ?? []) {
            placed.add(p);
            const region = model.regionOf(p);
            if (region !== undefined) placed.add(region);
        }
        for (const p of placed) push(index.byPlacement, p, c);
        if (typeof c.loc?.uri === 'string') {
            const entry = file(c.loc.uri);
            entry.components.push(c);
            if (typeof c.system === 'string') entry.systems.add(c.system);
        }
    }
    for (const s of model.systems.values()) {
        const parent = parentSystem(model, s.id);
        if (parent !== undefined) push(index.subsystems, parent, s.id);
        if (typeof s.loc?.uri === 'string') file(s.loc.uri).systems.add(s.id);
    }
    indexes.set(model, index);
    return index;
}

const parents = new WeakMap<ArchModel, Map<string, string | undefined>>();

/**
 * The system a system is nested in: its declared parent, else the longest dotted prefix the model
 * knows. Asked for every component by several steps of a build, so it is remembered per model.
 */
export function parentSystem(model: ArchModel, systemId: string): string | undefined {
    let cache = parents.get(model);
    if (!cache) parents.set(model, cache = new Map<string, string | undefined>());
    if (cache.has(systemId)) return cache.get(systemId);
    let found: string | undefined;
    const declared = model.systems.get(systemId)?.parent;
    if (declared !== undefined && declared !== systemId && model.systems.has(declared)) {
        found = declared;
    } else {
        const parts = systemId.split('.');
        for (let n = parts.length - 1; n > 0 && found === undefined; n--) {
            const candidate = parts.slice(0, n).join('.');
            if (model.systems.has(candidate)) found = candidate;
        }
    }
    cache.set(systemId, found);
    return found;
}

/** A system and every system nested in it, each once (a cycle of parents in broken text stops). */
function systemTree(model: ArchModel, systemId: string): string[] {
    const { subsystems } = indexOf(model);
    const result = [systemId];
    const seen = new Set(result);
    for (let i = 0; i < result.length; i++) {
        for (const child of subsystems.get(result[i]) ?? []) {
            if (!seen.has(child)) {
                seen.add(child);
                result.push(child);
            }
        }
    }
    return result;
}

/** Every component of a system, nested systems included. */
function componentsOfSystem(model: ArchModel, systemId: string): ComponentModel[] {
    const { bySystem } = indexOf(model);
    const result: ComponentModel[] = [];
    for (const s of systemTree(model, systemId)) for (const c of bySystem.get(s) ?? []) result.push(c);
    return result;
}

/** A component and what it holds (a broker's channels), at any depth. */
function withDescendants(model: ArchModel, id: string, into: Set<string>): void {
    const stack = [id];
    while (stack.length > 0) {
        const next = stack.pop()!;
        if (into.has(next) || !model.components.has(next)) continue;
        into.add(next);
        for (const child of model.children(next)) if (usableId(child.id) !== undefined) stack.push(child.id);
    }
}

// ---------------------------------------------------------------- the file's view

/** The systems a file declares (outermost only) and its components outside any system. */
function fileContents(model: ArchModel, uri: string): { systems: string[]; loose: ComponentModel[] } {
    const entry = indexOf(model).byUri.get(uri);
    if (!entry) return { systems: [], loose: [] };
    const declared = [...entry.systems].filter(s => model.systems.has(s));
    const set = new Set(declared);
    const outermost = declared.filter(s => {
        const seen = new Set<string>();
        for (let p = parentSystem(model, s); p !== undefined && !seen.has(p); p = parentSystem(model, p)) {
            seen.add(p);
            if (set.has(p)) return false;
        }
        return true;
    });
    const loose = entry.components.filter(c => typeof c.system !== 'string' || !model.systems.has(c.system));
    return { systems: outermost, loose };
}

function fileName(uri: string): string {
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    try {
        return decodeURIComponent(name);
    } catch {
        return name;
    }
}

function fileTitle(model: ArchModel, uri: string, systems: string[]): string {
    return systems.length > 0 ? systems.map(s => displayName(model.systems.get(s)?.name, s)).join(', ') : fileName(uri);
}

/** Whether a file declares anything a picture could show. */
function fileDeclaresSomething(model: ArchModel, uri: string): boolean {
    const entry = indexOf(model).byUri.get(uri);
    return entry !== undefined && (entry.components.length > 0 || entry.systems.size > 0);
}

// ---------------------------------------------------------------- resolving a view

export function resolveView(model: ArchModel, ref: ViewRef): ResolvedView | { error: string } {
    const key = viewKey(ref);
    const base = (title: string, components: Iterable<string>, extra: Partial<ResolvedView> = {}): ResolvedView =>
        ({ ref, key, title, components: new Set(components), grouping: 'systems', stubs: true, ...extra });
    switch (ref.kind) {
        case 'all':
            return base(TITLE_ALL, indexOf(model).components.map(c => c.id), { stubs: false });
        case 'deployment':
            return base(TITLE_DEPLOYMENT, indexOf(model).components.map(c => c.id), {
                stubs: false, grouping: 'deployment', description: 'Every component, grouped by the region and zone it runs in'
            });
        case 'file': {
            const uri = ref.id ?? '';
            const { systems, loose } = fileContents(model, uri);
            const ids = new Set<string>();
            for (const s of systems) for (const c of componentsOfSystem(model, s)) ids.add(c.id);
            for (const c of loose) ids.add(c.id);
            return base(fileTitle(model, uri, systems), ids, { description: `What ${fileName(uri)} declares` });
        }
        case 'system': {
            const id = findSystemId(model, ref.id ?? '');
            if (id === undefined) return { error: unknown('system', ref.id ?? '', [...model.systems.keys()]) };
            const system = model.systems.get(id)!;
            return {
                ...base(displayName(system.name, id), componentsOfSystem(model, id).map(c => c.id), { description: plainDoc(system.doc) }),
                ref: { kind: 'system', id }, key: `system:${id}`
            };
        }
        case 'declared': {
            const view = findByName(model.diagramViews, ref.id ?? '');
            if (!view) return { error: unknown('view', ref.id ?? '', model.diagramViews.map(v => v.id)) };
            return {
                ...base(displayName(view.title ?? view.name, view.id), declaredComponents(model, view), { description: view.description ?? plainDoc(view.doc) }),
                ref: { kind: 'declared', id: view.id }, key: `view:${view.id}`
            };
        }
        case 'neighbourhood': {
            const id = findComponentId(model, ref.id ?? '');
            if (id === undefined) return { error: unknown('component', ref.id ?? '', [...model.components.keys()]) };
            const hops = clampHops(ref.hops);
            const c = model.components.get(id)!;
            const name = displayName(c.name, id);
            const resolvedRef: ViewRef = { kind: 'neighbourhood', id, hops };
            return {
                ...base(hops === 1 ? `${name} and its neighbours` : `${name} within ${hops} relations`, neighbourhood(model, id, hops), {
                    description: hops === 1 ? `${name} and the components one relation away` : `${name} and the components up to ${hops} relations away`
                }),
                ref: resolvedRef, key: viewKey(resolvedRef)
            };
        }
        case 'flow': {
            const flow = findByName(model.flows, ref.id ?? '');
            if (!flow) return { error: unknown('flow', ref.id ?? '', model.flows.map(f => f.id)) };
            const { components, focus } = flowPath(model, flow);
            const name = displayName(flow.name, flow.id);
            const path = flow.path.filter(step => typeof step === 'string').map(step => displayName(model.components.get(step)?.name, step));
            return {
                ...base(`Flow ${name}`, components, { focus, description: path.length > 0 ? path.join(' → ') : plainDoc(flow.doc) }),
                ref: { kind: 'flow', id: flow.id }, key: `flow:${flow.id}`
            };
        }
        case 'saga': {
            const saga = findByName(model.sagas, ref.id ?? '');
            if (!saga) return { error: unknown('saga', ref.id ?? '', model.sagas.map(s => s.id)) };
            const { components, focus } = sagaSteps(model, saga);
            const name = displayName(saga.name, saga.id);
            const how = saga.mode === 'orchestration' && saga.orchestrator ? `orchestrated by ${nameOf(model, saga.orchestrator)}`
                : saga.broker ? `choreographed over ${nameOf(model, saga.broker)}` : 'steps in order';
            return {
                ...base(`Saga ${name}`, components, { focus, description: how }),
                ref: { kind: 'saga', id: saga.id }, key: `saga:${saga.id}`
            };
        }
    }
    return { error: `Unknown view kind '${String((ref as { kind: unknown }).kind)}'.` };
}

function plainDoc(doc: string | undefined): string | undefined {
    const line = typeof doc === 'string' ? doc.trim().split(/\r?\n/)[0]?.trim() : undefined;
    return line ? line : undefined;
}

function nameOf(model: ArchModel, id: string): string {
    return displayName(model.components.get(id)?.name, id);
}

function unknown(what: string, text: string, candidates: string[]): string {
    const suggestion = didYouMean(text, withShortNames(candidates));
    return `There is no ${what} '${text}'${suggestion || '.'}`;
}

/** Qualified names, and their last segment (what a user types), as suggestion candidates. */
function withShortNames(ids: Iterable<string>): string[] {
    const result: string[] = [];
    for (const id of ids) {
        if (typeof id !== 'string') continue;
        result.push(id);
        const short = id.slice(id.lastIndexOf('.') + 1);
        if (short !== id) result.push(short);
    }
    return result;
}

/** An element with this qualified name, or the only one with this (unqualified) name. */
function findByName<T extends { id: string; name: string }>(list: readonly T[], text: string): T | undefined {
    const exact = list.find(item => item.id === text);
    if (exact) return exact;
    const named = list.filter(item => item.name === text);
    return named.length === 1 ? named[0] : undefined;
}

function findSystemId(model: ArchModel, text: string): string | undefined {
    if (model.systems.has(text)) return text;
    let only: string | undefined;
    for (const s of model.systems.values()) {
        if (s.name !== text) continue;
        if (only !== undefined) return undefined;
        only = s.id;
    }
    return only;
}

function findComponentId(model: ArchModel, text: string): string | undefined {
    if (model.components.has(text) && usableId(text) !== undefined) return text;
    let only: string | undefined;
    for (const c of indexOf(model).components) {
        if (c.name !== text) continue;
        if (only !== undefined) return undefined;
        only = c.id;
    }
    return only;
}

/** Components within `hops` relations (either direction) of a component and what it holds. */
function neighbourhood(model: ArchModel, id: string, hops: number): Set<string> {
    const shown = new Set<string>();
    withDescendants(model, id, shown);
    let frontier = [...shown];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const next: string[] = [];
        const reach = (other: string) => {
            if (shown.has(other) || usableId(other) === undefined || !model.components.has(other)) return;
            shown.add(other);
            next.push(other);
        };
        for (const c of frontier) {
            for (const r of model.outgoing(c)) reach(r.target);
            for (const r of model.incoming(c)) reach(r.source);
        }
        frontier = next;
    }
    return shown;
}

/** A relation drawn between two consecutive steps of a path, either way round (a consumer consumes the topic before it). */
function relationBetween(model: ArchModel, from: string, to: string): string | undefined {
    const forward = model.outgoing(from).find(r => r.target === to && usableId(r.id) !== undefined);
    if (forward) return forward.id;
    return model.outgoing(to).find(r => r.target === from && usableId(r.id) !== undefined)?.id;
}

function flowPath(model: ArchModel, flow: FlowModel): { components: string[]; focus: string[] } {
    const steps = (flow.path ?? []).filter((s): s is string => typeof s === 'string' && model.components.has(s) && usableId(s) !== undefined);
    const focus: string[] = [];
    steps.forEach((step, i) => {
        if (i > 0) {
            const relation = relationBetween(model, steps[i - 1], step);
            if (relation !== undefined) focus.push(relation);
        }
        focus.push(step);
    });
    return { components: [...new Set(steps)], focus: [...new Set(focus)] };
}

function sagaSteps(model: ArchModel, saga: SagaModel): { components: string[]; focus: string[] } {
    const known = (id: unknown): id is string => typeof id === 'string' && model.components.has(id) && usableId(id) !== undefined;
    const services = (saga.steps ?? []).map(step => step?.service).filter(known);
    const compensations = (saga.steps ?? []).map(step => step?.compensation?.service).filter(known);
    const orchestrator = saga.mode === 'orchestration' && known(saga.orchestrator) ? saga.orchestrator : undefined;
    const broker = known(saga.broker) ? saga.broker : undefined;
    const components = new Set<string>([...(orchestrator ? [orchestrator] : []), ...services, ...compensations, ...(broker ? [broker] : [])]);
    // The path: the orchestrator and each step it calls, or each step handing over to the next.
    const focus: string[] = [];
    const add = (id: string | undefined) => {
        if (id !== undefined && !focus.includes(id)) focus.push(id);
    };
    if (orchestrator) {
        add(orchestrator);
        for (const service of services) {
            add(relationBetween(model, orchestrator, service));
            add(service);
        }
    } else {
        services.forEach((service, i) => {
            if (i > 0) add(relationBetween(model, services[i - 1], service));
            add(service);
        });
        add(broker);
    }
    return { components: [...components], focus };
}

/**
 * The components a declared view shows: its rules in order, each adding (include) or removing
 * (exclude) what it matches, so the last rule that matches a component decides. A name that resolves
 * to nothing matches nothing (the editor reports it); a half-typed rule matches nothing.
 */
function declaredComponents(model: ArchModel, view: DiagramViewModel): Set<string> {
    const shown = new Set<string>();
    for (const rule of view.rules ?? []) {
        if (!rule) continue;
        const matched = new Set<string>();
        for (const predicate of rule.predicates ?? []) if (predicate) match(model, view, predicate, matched);
        if (rule.include) for (const id of matched) shown.add(id);
        else for (const id of matched) shown.delete(id);
    }
    return shown;
}

/** The components an element name stands for: a component with what it holds, or everything in a system. */
function elementSet(model: ArchModel, view: DiagramViewModel, text: unknown): Set<string> | undefined {
    if (typeof text !== 'string' || text === '') return undefined;
    const target = resolveViewName(model, text, view.scope, 'element');
    if (!target) return undefined;
    const result = new Set<string>();
    if (target.kind === 'component') withDescendants(model, target.id, result);
    else if (target.kind === 'system') for (const c of componentsOfSystem(model, target.id)) result.add(c.id);
    return result;
}

function match(model: ArchModel, view: DiagramViewModel, p: ViewPredicateModel, into: Set<string>): void {
    const usable = (id: string) => usableId(id) !== undefined && model.components.has(id);
    switch (p.kind) {
        case 'all':
            for (const c of indexOf(model).components) into.add(c.id);
            return;
        case 'element': {
            const set = elementSet(model, view, p.name?.text);
            if (set) for (const id of set) into.add(id);
            return;
        }
        case 'neighbours': {
            const set = elementSet(model, view, p.name?.text);
            if (!set) return;
            for (const id of set) {
                into.add(id);
                if (p.direction !== 'in') for (const r of model.outgoing(id)) if (usable(r.target)) into.add(r.target);
                if (p.direction !== 'out') for (const r of model.incoming(id)) if (usable(r.source)) into.add(r.source);
            }
            return;
        }
        case 'relation': {
            const sources = elementSet(model, view, p.source?.text);
            const targets = elementSet(model, view, p.target?.text);
            if (!sources || !targets) return;
            const ends = (from: Set<string>, to: Set<string>) => {
                for (const id of from) {
                    for (const r of model.outgoing(id)) {
                        if (to.has(r.target)) {
                            into.add(id);
                            into.add(r.target);
                        }
                    }
                }
            };
            ends(sources, targets);
            if (p.both) ends(targets, sources);
            return;
        }
        case 'kind':
            for (const c of indexOf(model).components) if (c.kind === p.componentKind) into.add(c.id);
            return;
        case 'placement': {
            const text = p.name?.text;
            if (typeof text !== 'string' || text === '') return;
            const target = resolveViewName(model, text, view.scope, p.placement === 'zone' ? 'zone' : 'region');
            if (!target) return;
            for (const c of indexOf(model).byPlacement.get(target.id) ?? []) into.add(c.id);
            return;
        }
    }
}

// ---------------------------------------------------------------- finding and listing views

export function findView(model: ArchModel, text: string, options: { uri?: string } = {}): ViewRef | { error: string } {
    const wanted = typeof text === 'string' ? text.trim() : '';
    if (wanted === '') return parseViewKey(defaultViewKey(model, options.uri)) ?? { kind: 'all' };
    const ref = parseViewKey(wanted);
    if (ref) {
        // A key names something only if what it names exists; its name may be written unqualified.
        if (ref.kind === 'all' || ref.kind === 'deployment' || ref.kind === 'file') return ref;
        const resolved = resolveView(model, ref);
        return 'error' in resolved ? resolved : resolved.ref;
    }
    const lower = wanted.toLowerCase();
    if (lower === TITLE_ALL.toLowerCase()) return { kind: 'all' };
    const view = findByName(model.diagramViews, wanted) ?? model.diagramViews.find(v => v.title === wanted);
    if (view) return { kind: 'declared', id: view.id };
    const system = findSystemId(model, wanted);
    if (system !== undefined) return { kind: 'system', id: system };
    const flow = findByName(model.flows, wanted);
    if (flow) return { kind: 'flow', id: flow.id };
    const saga = findByName(model.sagas, wanted);
    if (saga) return { kind: 'saga', id: saga.id };
    const component = findComponentId(model, wanted);
    if (component !== undefined) return { kind: 'neighbourhood', id: component, hops: 1 };

    const ambiguous = [
        ...model.diagramViews.filter(v => v.name === wanted).map(v => `view:${v.id}`),
        ...[...model.systems.values()].filter(s => s.name === wanted).map(s => `system:${s.id}`),
        ...model.flows.filter(f => f.name === wanted).map(f => `flow:${f.id}`),
        ...model.sagas.filter(s => s.name === wanted).map(s => `saga:${s.id}`),
        ...indexOf(model).components.filter(c => c.name === wanted).map(c => `neighbourhood:${c.id}`)
    ];
    if (ambiguous.length > 1) return { error: `The name '${wanted}' fits several views (${ambiguous.join(', ')}); give one of these keys.` };
    const candidates = [
        'all', 'deployment',
        ...withShortNames(model.diagramViews.map(v => v.id)),
        ...withShortNames(model.systems.keys()),
        ...withShortNames(model.flows.map(f => f.id)),
        ...withShortNames(model.sagas.map(s => s.id)),
        ...withShortNames(indexOf(model).components.map(c => c.id))
    ];
    const suggestions = closest(wanted, candidates);
    return {
        error: `There is no view, system, flow, saga or component '${wanted}'` +
            (suggestions.length > 0 ? didYouMean(wanted, suggestions) : '. Views: all, deployment, a system, a declared view, a flow, a saga or a component.')
    };
}

export function defaultViewKey(model: ArchModel, uri?: string): string {
    return uri !== undefined && fileDeclaresSomething(model, uri) ? `file:${uri}` : 'all';
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function listViews(model: ArchModel, options: { uri?: string } = {}): ViewInfo[] {
    const result: ViewInfo[] = [];
    const info = (ref: ViewRef, detail: (components: number) => string, loc?: SourceLocation): void => {
        const view = resolveView(model, ref);
        if ('error' in view) return;
        const components = view.components.size;
        result.push({ key: view.key, kind: ref.kind, title: view.title, detail: detail(components), loc, components });
    };
    const total = indexOf(model).components.length;
    if (options.uri !== undefined && fileDeclaresSomething(model, options.uri)) {
        const uri = options.uri;
        info({ kind: 'file', id: uri }, n => `${fileName(uri)} · ${count(n, 'component')}`);
    }
    // Component counts of every system at once: each component counts for its system and the ones around it.
    const perSystem = new Map<string, number>();
    for (const c of indexOf(model).components) {
        if (typeof c.system !== 'string') continue;
        const seen = new Set<string>();
        for (let s: string | undefined = model.systems.has(c.system) ? c.system : parentSystem(model, c.system); s !== undefined && !seen.has(s); s = parentSystem(model, s)) {
            seen.add(s);
            perSystem.set(s, (perSystem.get(s) ?? 0) + 1);
        }
    }
    for (const s of [...model.systems.values()].sort((a, b) => compare(a.id, b.id))) {
        if (usableId(s.id) === undefined) continue;
        const components = perSystem.get(s.id) ?? 0;
        result.push({
            key: `system:${s.id}`, kind: 'system', title: s.id,
            detail: `system · ${count(components, 'component')}`, loc: s.loc, components
        });
    }
    result.push({ key: 'all', kind: 'all', title: TITLE_ALL, detail: `the whole workspace · ${count(total, 'component')}`, components: total });
    result.push({ key: 'deployment', kind: 'deployment', title: TITLE_DEPLOYMENT, detail: `by region and zone · ${count(total, 'component')}`, components: total });
    for (const v of model.diagramViews) {
        if (usableId(v.id) === undefined) continue;
        info({ kind: 'declared', id: v.id }, n => `${v.description ? `${v.description} · ` : 'view · '}${count(n, 'component')}`, v.loc);
    }
    for (const f of model.flows) {
        if (usableId(f.id) === undefined) continue;
        info({ kind: 'flow', id: f.id }, n => `flow · ${count(n, 'component')}`, f.loc);
    }
    for (const s of model.sagas) {
        if (usableId(s.id) === undefined) continue;
        info({ kind: 'saga', id: s.id }, n => `saga · ${count(n, 'component')}`, s.loc);
    }
    // Two declarations of one name would list one key twice; the first wins, as in the model.
    const seen = new Set<string>();
    return result.filter(v => (seen.has(v.key) ? false : (seen.add(v.key), true)));
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
