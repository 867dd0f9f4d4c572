/**
 * Naming what fails: `zone:euWest.a`, `region:euWest`, `component:Orders` or just `Orders`, and
 * `Orders:2` for two of its instances. Names resolve like the text's own (a simple name, or the end
 * of a qualified name), an unknown name gets a "did you mean", an ambiguous one lists its candidates.
 */
import type { ArchModel } from '../model/workspace.js';
import { closest, quotedAlternatives } from '../suggest.js';
import type { FailureContext } from './components.js';
import type { FailureSet, FailureTarget } from './types.js';

export type FailureParse = { target: FailureTarget } | { error: string; suggestions: string[] };

interface Named { id: string; names: string[] }

/** Every way a zone, region or component can be named: its id and each of its dotted suffixes. */
function suffixes(id: string): string[] {
    const parts = id.split('.');
    return parts.map((_, i) => parts.slice(i).join('.'));
}

function candidates(model: ArchModel, kind: 'zone' | 'region' | 'component'): Named[] {
    if (kind === 'component') return [...model.components.values()].filter(c => c.kind !== 'client').map(c => ({ id: c.id, names: suffixes(c.id) }));
    const out: Named[] = [];
    for (const region of model.regions.values()) {
        if (kind === 'region') out.push({ id: region.id, names: suffixes(region.id) });
        else for (const zone of region.zones) out.push({ id: zone.id, names: [...suffixes(zone.id), zone.name] });
    }
    return out;
}

function lookup(model: ArchModel, kind: 'zone' | 'region' | 'component', name: string): { id: string } | { error: string; suggestions: string[] } {
    const all = candidates(model, kind);
    const exact = all.filter(c => c.id === name);
    const matches = exact.length > 0 ? exact : all.filter(c => c.names.includes(name));
    if (matches.length === 1) return { id: matches[0].id };
    if (matches.length > 1) {
        const ids = matches.map(m => m.id).sort();
        return { error: `'${name}' names ${ids.length} ${kind}s: ${quotedAlternatives(ids.slice(0, 5))}${ids.length > 5 ? ', ...' : ''}; write the qualified name`, suggestions: ids };
    }
    const spellings = all.flatMap(c => c.names.length > 1 ? [c.names[c.names.length - 1], c.names.length > 2 ? c.names[c.names.length - 2] : c.id, c.id] : [c.id]);
    const suggestions = closest(name, spellings, 3);
    const none = all.length === 0 ? `; the model declares no ${kind}s` : '';
    return { error: `unknown ${kind} '${name}'${suggestions.length > 0 ? `; did you mean ${quotedAlternatives(suggestions)}?` : none}`, suggestions };
}

/** Reads one `--fail` value against the model. */
export function parseFailure(model: ArchModel, text: string): FailureParse {
    const value = text.trim();
    if (value.length === 0) return { error: 'an empty failure; write zone:<name>, region:<name>, <component> or <component>:<instances>', suggestions: [] };
    const prefixed = /^(zone|region|component):(.*)$/.exec(value);
    if (prefixed) {
        const kind = prefixed[1] as 'zone' | 'region' | 'component';
        const name = prefixed[2].trim();
        if (name.length === 0) return { error: `'${value}' needs a name after '${kind}:'`, suggestions: [] };
        const found = lookup(model, kind, name);
        return 'id' in found ? { target: { kind, id: found.id } } : found;
    }
    const counted = /^(.+):(-?\d+)$/.exec(value);
    if (counted) {
        const count = Number(counted[2]);
        if (!Number.isSafeInteger(count) || count < 1) return { error: `'${value}': the number of failed instances must be a whole number of at least 1`, suggestions: [] };
        const found = lookup(model, 'component', counted[1]);
        return 'id' in found ? { target: { kind: 'instances', id: found.id, count } } : found;
    }
    const component = lookup(model, 'component', value);
    if ('id' in component) return { target: { kind: 'component', id: component.id } };
    // A bare name that is no component may be a region or a zone.
    for (const kind of ['region', 'zone'] as const) {
        const found = lookup(model, kind, value);
        if ('id' in found) return { target: { kind, id: found.id } };
    }
    return component;
}

/** The failure set of a list of targets (what the CLI and the preview build from their clicks). */
export function failureSet(targets: readonly FailureTarget[]): FailureSet {
    const set: { components: string[]; instances: Record<string, number>; zones: string[]; regions: string[] } = { components: [], instances: {}, zones: [], regions: [] };
    for (const t of targets) {
        if (t.kind === 'component') set.components.push(t.id);
        else if (t.kind === 'instances') set.instances[t.id] = (set.instances[t.id] ?? 0) + t.count;
        else if (t.kind === 'zone') set.zones.push(t.id);
        else set.regions.push(t.id);
    }
    return set;
}

/** The targets of a failure set, in a stable order (components, instances, zones, regions; each sorted). */
export function failureTargets(set: FailureSet | undefined): FailureTarget[] {
    if (!set) return [];
    return [
        ...[...new Set(set.components ?? [])].sort().map(id => ({ kind: 'component' as const, id })),
        ...Object.entries(set.instances ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)).map(([id, count]) => ({ kind: 'instances' as const, id, count })),
        ...[...new Set(set.zones ?? [])].sort().map(id => ({ kind: 'zone' as const, id })),
        ...[...new Set(set.regions ?? [])].sort().map(id => ({ kind: 'region' as const, id }))
    ];
}

export function failureContext(set: FailureSet | undefined): FailureContext {
    return {
        components: new Set(set?.components ?? []),
        instances: new Map(Object.entries(set?.instances ?? {}).filter(([, n]) => Number.isFinite(n) && n > 0)),
        zones: new Set(set?.zones ?? []),
        regions: new Set(set?.regions ?? [])
    };
}

/** Every single failure: each zone, then each component (clients excepted: they are the ones asking). */
export function singleFailures(model: ArchModel): FailureSet[] {
    const out: FailureSet[] = [];
    for (const region of model.regions.values()) for (const zone of region.zones) out.push({ zones: [zone.id] });
    for (const c of model.components.values()) if (c.kind !== 'client') out.push({ components: [c.id] });
    return out;
}
