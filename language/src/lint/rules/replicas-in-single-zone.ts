import { instances } from '../../model/queries.js';
import type { SourceLocation } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import type { Fixer, TextEditModel } from '../types.js';

/** The one zone all `placements` name, or undefined when they name regions, several zones, or nothing. */
function soleZone(model: ArchModel, placements: string[]): string | undefined {
    if (placements.length === 0 || !placements.every(p => model.isZone(p))) return undefined;
    return new Set(placements).size === 1 ? placements[0] : undefined;
}

/** Another zone of the same region, if the region declares one. */
function siblingZone(model: ArchModel, zone: string) {
    const region = model.regions.get(model.regionOf(zone) ?? '');
    return region?.zones.find(z => z.id !== zone);
}

/** `ref` with its last segment swapped for `name` (keeps a qualifier such as `eu.a` -> `eu.b`). */
function sameQualifier(ref: string, name: string): string {
    const dot = ref.lastIndexOf('.');
    return dot < 0 ? name : `${ref.slice(0, dot + 1)}${name}`;
}

export default defineRule({
    meta: {
        id: 'replicas-in-single-zone',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'Every replica of a component is placed in the same availability zone.',
        grounding: {
            seeds: [
                '003 › "## Cloud Computing" (deploy to several regions and zones)',
                '003 › "## Important Quality Attributes" › "### Fault Tolerance"',
                '002 › "#### ACID" (faults in replicated systems can be correlated)'
            ],
            catalog: ['R14']
        },
        messages: {
            instances: "{{count:The only instance|All # instances}} of '{{name}}' {{count:is|are}} in zone '{{zone}}': an outage of that zone takes {{count:it|every one of them}} down{{count:| together}}.",
            copies: "The leader and {{followers:its follower|all # followers}} of '{{name}}' are in zone '{{zone}}': an outage of that zone loses every copy of the data at once."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.props.external) continue;
            const zone = soleZone(model, c.props.placements);
            if (!zone) continue;
            const other = siblingZone(model, zone);
            const r = c.props.replication;
            if (instances(c) >= 2) {
                report({
                    messageId: 'instances',
                    data: { name: c.name, count: instances(c), zone: zone.split('.').pop()! },
                    loc: c.loc, elements: [c.id],
                    fixes: () => {
                        const edit = other ? spreadInstances(fixer, c.loc, other.name) : undefined;
                        return edit ? [{ title: `Spread over zones '${zone.split('.').pop()}' and '${other!.name}'`, edits: [edit], preferred: true }] : [];
                    }
                });
            } else if (r?.type === 'single-leader' && (r.followers ?? 0) >= 1 && soleZone(model, r.followerPlacements) === zone) {
                report({
                    messageId: 'copies',
                    data: { name: c.name, followers: r.followers ?? 0, zone: zone.split('.').pop()! },
                    loc: c.loc, elements: [c.id],
                    fixes: () => {
                        const block = fixer.replication(c.loc, 'SingleLeader');
                        const zoneRef = block && fixer.valueText(block, 'FollowersSetting', 'placements');
                        const edit = other && block && zoneRef !== undefined
                            ? fixer.setValue(block, 'FollowersSetting', 'placements', `${zoneRef}, ${sameQualifier(zoneRef, other.name)}`)
                            : undefined;
                        return edit ? [{ title: `Place followers in zone '${other!.name}' too`, edits: [edit], preferred: true }] : [];
                    }
                });
            }
        }
    }
});

/**
 * Appends a second zone after the zone the instances are placed in: `replicas 3 across a` or `in a`,
 * whichever the component writes last (the one the model takes).
 */
function spreadInstances(fixer: Fixer, loc: SourceLocation, zoneName: string): TextEditModel | undefined {
    const across = fixer.member(loc, 'ReplicasProp', r => r.across.length > 0);
    const placed = fixer.member(loc, 'RegionProp');
    const acrossLast = across !== undefined && (placed === undefined || after(across, placed));
    const ref = acrossLast ? fixer.valueText(loc, 'ReplicasProp', 'across', r => r.across.length > 0) : fixer.valueText(loc, 'RegionProp', 'placements');
    if (ref === undefined) return undefined;
    const spread = `${ref}, ${sameQualifier(ref, zoneName)}`;
    return acrossLast ? fixer.setValue(loc, 'ReplicasProp', 'across', spread, r => r.across.length > 0) : fixer.setValue(loc, 'RegionProp', 'placements', spread);
}

function after(a: SourceLocation, b: SourceLocation): boolean {
    return a.range.start.line > b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character > b.range.start.character);
}
