import { analyze } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';
import { eitherOf, zoneFailures } from './zone-failures.js';

export default defineRule({
    meta: {
        id: 'zone-failure-breaks-flow',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A user-facing flow goes down when a single availability zone fails.',
        grounding: {
            seeds: [
                '003 › "## Cloud Computing" (deploy to multiple regions and zones for reliability)',
                '003 › "### Fault Tolerance" (redundancy keeps a system available)',
                '002 › "#### ACID" (faults can be correlated)'
            ],
            catalog: ['R14']
        },
        messages: {
            down: "User-facing flow '{{flow}}' goes down when zone {{zone}} fails: {{why}}. Run what it needs in more than one zone, or give the call a fallback."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // Each zone failure costs an analysis: a model without user-facing flows needs none.
        if (!model.flows.some(f => f.userFacing)) return;
        const declared = new Map(analyze(model).flows.map(f => [f.id, f.status]));
        const found = new Map<string, { zones: string[]; why: string; components: string[] }>();
        for (const failure of zoneFailures(model)) {
            for (const flow of failure.result.flows) {
                // A flow that is down with nothing failed is not the zone's doing.
                if (!flow.userFacing || flow.status !== 'down' || declared.get(flow.id) === 'down') continue;
                const first = flow.consequences.find(c => c.status === 'down');
                const entry = found.get(flow.id);
                if (entry) {
                    entry.zones.push(failure.label);
                    continue;
                }
                const why = first ? `${first.chain.map(id => model.component(id)?.name ?? id).join(' → ')}: ${first.why}` : 'a step of its path is down';
                found.set(flow.id, { zones: [failure.label], why, components: first ? [first.component] : [] });
            }
        }
        for (const [id, { zones, why, components }] of found) {
            const flow = model.flows.find(f => f.id === id);
            if (!flow) continue;
            report({ messageId: 'down', data: { flow: flow.name, zone: eitherOf(zones), why }, loc: flow.loc, elements: [id, ...components] });
        }
    }
});
