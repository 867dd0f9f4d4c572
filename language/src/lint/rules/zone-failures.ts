import { analyze, type AnalysisResult } from '../../analysis/index.js';
import type { ArchModel } from '../../model/workspace.js';

/** One zone of the model and what the analysis says when it fails alone. */
export interface ZoneFailure {
    zone: string;
    /** How a message names it: `region.zone`. */
    label: string;
    result: AnalysisResult;
}

const cache = new WeakMap<ArchModel, Map<string, ZoneFailure>>();

/**
 * The analysis of single-zone failures, each computed once per model and shared by the rules that ask
 * what one zone takes down (`quorum-lost-on-zone-failure`, `zone-failure-breaks-flow`). `only` limits
 * the zones to those a rule can learn something from (each failure costs an `analyze` call).
 */
export function zoneFailures(model: ArchModel, only?: ReadonlySet<string>): ZoneFailure[] {
    let known = cache.get(model);
    if (!known) {
        known = new Map();
        cache.set(model, known);
    }
    const out: ZoneFailure[] = [];
    for (const region of model.regions.values()) {
        for (const zone of region.zones) {
            if (only && !only.has(zone.id)) continue;
            let failure = known.get(zone.id);
            if (!failure) {
                failure = { zone: zone.id, label: `${region.name}.${zone.name}`, result: analyze(model, { fail: { zones: [zone.id] } }) };
                known.set(zone.id, failure);
            }
            out.push(failure);
        }
    }
    return out;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function eitherOf(labels: readonly string[]): string {
    const quoted = labels.map(l => `'${l}'`);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
