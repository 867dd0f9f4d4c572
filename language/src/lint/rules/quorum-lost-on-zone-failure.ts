import { defineRule } from '../define-rule.js';
import { eitherOf, zoneFailures } from './zone-failures.js';

export default defineRule({
    meta: {
        id: 'quorum-lost-on-zone-failure',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A consensus group or quorum store loses its majority (or its read or write quorum) when a single zone fails.',
        grounding: {
            seeds: [
                '003 › "## Cloud Computing" (deploy to multiple regions and zones for reliability)',
                '002 › "#### Unreliable networks" (decisions need a quorum of nodes)',
                '002 › "#### ACID" (faults can be correlated)'
            ],
            catalog: ['R14']
        },
        messages: {
            lost: "'{{name}}' loses its quorum when zone {{zone}} fails: {{why}}. Place its nodes so that no single zone holds enough of them to break the quorum (for example 3 or 5 nodes across 3 zones)."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // Only the zones a quorum has nodes in can break it (a zone failure does not reach a component placed
        // in a region or not placed at all); a model without quorums costs nothing.
        const zones = new Set<string>();
        for (const c of model.components.values()) {
            const type = c.props.replication?.type;
            if (type !== 'consensus' && type !== 'leaderless') continue;
            for (const p of c.props.placements) if (model.isZone(p)) zones.add(p);
        }
        if (zones.size === 0) return;
        const found = new Map<string, { zones: string[]; why: string }>();
        for (const failure of zoneFailures(model, zones)) {
            for (const impact of failure.result.components) {
                if (impact.status !== 'down') continue;
                const type = model.component(impact.id)?.props.replication?.type;
                if (type !== 'consensus' && type !== 'leaderless') continue;
                const entry = found.get(impact.id);
                if (entry) entry.zones.push(failure.label);
                else found.set(impact.id, { zones: [failure.label], why: impact.why.join('; ') });
            }
        }
        for (const [id, { zones, why }] of found) {
            const component = model.component(id)!;
            report({ messageId: 'lost', data: { name: component.name, zone: eitherOf(zones), why }, loc: component.loc, elements: [id] });
        }
    }
});
