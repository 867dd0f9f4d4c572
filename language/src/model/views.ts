/**
 * Names in diagram views (`view Name { include Shop.Orders -> *; zone usWest.a }`), resolved against
 * the whole workspace model. A view may name elements of any file, so its names are kept as written
 * by the builder and looked up here, from the system the view is declared in outwards, like the
 * names of relations. Pure: no Langium, no Node, no DOM.
 *
 * Every lookup is a few map reads: the names of a model are indexed once (by their last segment, for
 * the suffix rule and for suggestions), so checking every view of a workspace is linear in the number
 * of names its views hold, whatever the number of components.
 */
import { closest } from '../suggest.js';
import type { DiagramViewModel, ViewName, ViewPredicateModel } from './types.js';
import type { ArchModel } from './workspace.js';

/** What a name in a view stands for. */
export type ViewTarget =
    | { kind: 'component'; id: string }
    | { kind: 'system'; id: string }
    | { kind: 'region'; id: string }
    | { kind: 'zone'; id: string };

/** The names a view name can stand for, as `what` it must be. */
export type ViewNameRole = 'element' | 'region' | 'zone';

const ROLES: readonly ViewNameRole[] = ['element', 'region', 'zone'];

/** The qualified names of a model that a role can name, and the same grouped by their last segment. */
interface RoleIndex {
    ids: string[];
    bySimpleName: Map<string, string[]>;
}

const indexes = new WeakMap<ArchModel, Record<ViewNameRole, RoleIndex>>();

function simpleName(id: string): string {
    return id.slice(id.lastIndexOf('.') + 1);
}

function index(model: ArchModel, role: ViewNameRole): RoleIndex {
    let byRole = indexes.get(model);
    if (!byRole) {
        const make = (ids: string[]): RoleIndex => {
            const bySimpleName = new Map<string, string[]>();
            for (const id of ids) {
                const simple = simpleName(id);
                const list = bySimpleName.get(simple);
                if (list) list.push(id);
                else bySimpleName.set(simple, [id]);
            }
            return { ids, bySimpleName };
        };
        byRole = {
            element: make([...model.components.keys(), ...model.systems.keys()]),
            region: make([...model.regions.keys()]),
            zone: make([...model.regions.values()].flatMap(r => r.zones.map(z => z.id)))
        };
        indexes.set(model, byRole);
    }
    return byRole[role];
}

/** The systems around `scope` (itself first, then its parents), then the top level (`''`). */
function prefixes(model: ArchModel, scope: string | undefined): string[] {
    const result: string[] = [];
    const seen = new Set<string>();
    for (let s = scope; s !== undefined && !seen.has(s); s = model.systems.get(s)?.parent) {
        seen.add(s);
        result.push(`${s}.`);
    }
    // A split system may be declared without its parent being known: also try each dotted prefix.
    if (scope) {
        const parts = scope.split('.');
        for (let i = parts.length - 1; i > 0; i--) {
            const prefix = `${parts.slice(0, i).join('.')}.`;
            if (!result.includes(prefix)) result.push(prefix);
        }
    }
    result.push('');
    return result;
}

function lookupExact(model: ArchModel, id: string, role: ViewNameRole): ViewTarget | undefined {
    if (role === 'element') {
        if (model.components.has(id)) return { kind: 'component', id };
        if (model.systems.has(id)) return { kind: 'system', id };
        return undefined;
    }
    if (role === 'region') return model.regions.has(id) ? { kind: 'region', id } : undefined;
    if (model.isZone(id)) return { kind: 'zone', id };
    // `Rides.a` for `Rides.usWest.a`: a zone is also known without its region.
    const dot = id.lastIndexOf('.');
    const owner = dot < 0 ? '' : id.slice(0, dot + 1);
    for (const zoneId of index(model, 'zone').bySimpleName.get(id.slice(dot + 1)) ?? []) {
        const region = zoneId.slice(0, zoneId.lastIndexOf('.'));
        if (region.startsWith(owner) && !region.slice(owner.length).includes('.')) return { kind: 'zone', id: zoneId };
    }
    return undefined;
}

/** The ids whose qualified name ends with `.text` (the suffix rule), in the order of the model. */
function suffixMatches(model: ArchModel, text: string, role: ViewNameRole): string[] {
    const suffix = `.${text}`;
    return (index(model, role).bySimpleName.get(simpleName(text)) ?? []).filter(id => id.endsWith(suffix));
}

/**
 * The element, region or zone a view's name stands for: the name qualified by the view's system or
 * one of its parents (innermost first), else the name as a qualified name, else the only element
 * whose qualified name ends with it (`Orders` for `Shop.Orders` when no other `Orders` exists).
 */
export function resolveViewName(model: ArchModel, text: string, scope: string | undefined, role: ViewNameRole = 'element'): ViewTarget | undefined {
    if (!text) return undefined;
    for (const prefix of prefixes(model, scope)) {
        const found = lookupExact(model, `${prefix}${text}`, role);
        if (found) return found;
    }
    const matches = suffixMatches(model, text, role);
    return matches.length === 1 ? lookupExact(model, matches[0], role) : undefined;
}

/** How `id` is written in a view of `scope`: relative to the view's system when inside it, else qualified. */
function written(id: string, scope: string | undefined): string {
    return scope && id.startsWith(`${scope}.`) ? id.slice(scope.length + 1) : id;
}

/**
 * The shortest text that resolves to `id` in a view of `scope`: its simple name when that is
 * unambiguous from there, else its name relative to the view's system, else its qualified name.
 */
export function viewNameFor(model: ArchModel, id: string, scope: string | undefined, role: ViewNameRole = 'element'): string {
    for (const text of [simpleName(id), written(id, scope)]) {
        if (resolveViewName(model, text, scope, role)?.id === id) return text;
    }
    return id;
}

/**
 * Names close to an unknown view name, to suggest: the elements (or regions, zones) whose simple or
 * relative name is spelt nearly so, each as the shortest text that resolves to it from the view.
 */
export function viewNameSuggestions(model: ArchModel, text: string, scope: string | undefined, role: ViewNameRole = 'element'): string[] {
    const { ids, bySimpleName } = index(model, role);
    const near: string[] = [];
    // A typo in the last segment (the common case) is compared with simple names only; a dotted name
    // also with the names as written from the view (`Shop.Ordrs` for `Shop.Orders`).
    for (const simple of closest(simpleName(text), bySimpleName.keys(), 6)) near.push(...bySimpleName.get(simple)!);
    if (text.includes('.')) {
        const relative = new Map<string, string>();
        for (const id of ids) relative.set(written(id, scope), id);
        for (const close of closest(text, relative.keys(), 6)) near.push(relative.get(close)!);
    }
    const result: string[] = [];
    for (const id of near) {
        // A dotted name is replaced by a dotted one (`Billing.Invoicez` by `Billing.Invoices`), as written from the view.
        const relative = written(id, scope);
        const shown = text.includes('.') && relative.includes('.') && resolveViewName(model, relative, scope, role)?.id === id
            ? relative
            : viewNameFor(model, id, scope, role);
        if (!result.includes(shown)) result.push(shown);
    }
    return result.slice(0, 3);
}

/** One name of a view that resolves to nothing, with what it could have meant. */
export interface UnresolvedViewName {
    view: DiagramViewModel;
    /** The predicate the name is part of. */
    predicate: ViewPredicateModel;
    name: ViewName;
    role: ViewNameRole;
    /** Names close to it, as they would be written in the view. */
    suggestions: string[];
    /** When the name ends several qualified names (the suffix rule found more than one): each, as written. */
    ambiguous: string[];
    /** What the name stands for in another role: `zone usWest` when `usWest` is a region. */
    otherRole?: ViewTarget;
}

/** The names of a predicate, each with the role it must resolve in. */
export function predicateNames(p: ViewPredicateModel): Array<{ name: ViewName; role: ViewNameRole }> {
    switch (p.kind) {
        case 'element':
        case 'neighbours':
            return [{ name: p.name, role: 'element' }];
        case 'relation':
            return [{ name: p.source, role: 'element' }, { name: p.target, role: 'element' }];
        case 'placement':
            return [{ name: p.name, role: p.placement }];
        default:
            return [];
    }
}

/**
 * How many unresolved names of a workspace get suggestions. Looking for close names reads every name
 * of the workspace; a view pasted with hundreds of wrong names (or one typed into a workspace of
 * thousands of components) would make each check take seconds. Past this many, a name is only
 * reported, as unresolved references are (scope.ts).
 */
export const MAX_SUGGESTED_VIEW_NAMES = 50;

/** Every name of every declared view that resolves to nothing. */
export function unresolvedViewNames(model: ArchModel): UnresolvedViewName[] {
    const result: UnresolvedViewName[] = [];
    let suggested = 0;
    for (const view of model.diagramViews) {
        for (const rule of view.rules) {
            for (const predicate of rule.predicates) {
                for (const { name, role } of predicateNames(predicate)) {
                    if (resolveViewName(model, name.text, view.scope, role)) continue;
                    let otherRole: ViewTarget | undefined;
                    for (const other of ROLES) {
                        if (other !== role) otherRole ??= resolveViewName(model, name.text, view.scope, other);
                    }
                    const matches = otherRole ? [] : suffixMatches(model, name.text, role);
                    const ambiguous = matches.length > 1 ? matches.map(id => viewNameFor(model, id, view.scope, role)) : [];
                    const suggest = !otherRole && ambiguous.length === 0 && suggested++ < MAX_SUGGESTED_VIEW_NAMES;
                    const suggestions = suggest ? viewNameSuggestions(model, name.text, view.scope, role) : [];
                    result.push({ view, predicate, name, role, suggestions, ambiguous, ...(otherRole ? { otherRole } : {}) });
                }
            }
        }
    }
    return result;
}
