import { defineRule } from '../define-rule.js';

/** Joins the ids of a path into one key (no id contains it). */
const SEPARATOR = '\u0000';

function pathKey(path: readonly string[]): string {
    return path.join(SEPARATOR);
}

export default defineRule({
    meta: {
        id: 'missing-slo',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A user-facing flow or a public component has no SLO, so nothing states how available or how fast it must be.',
        grounding: {
            seeds: [
                '003 › "## SLA, SLO and SLI" (even without an SLA, we should have SLOs)',
                '003 › "### Quality Attributes" (measurable and testable)',
                '002 › "#### Percentiles"'
            ],
            catalog: ['R162']
        },
        messages: {
            flow: "User-facing flow '{{name}}' has no SLO: nothing says how available or how fast it must be, so no one can tell when it is failing its users, and the availability and latency checks have no target to check it against. Add an `slo` with the same path.",
            component: "Public '{{name}}' is on no SLO's path and is no SLO's target: nothing says how available or how fast it must be for the outside callers that depend on it. Add an `slo` whose path (or target) includes it."
        },
        options: {
            publicComponents: {
                type: 'boolean', default: true,
                description: 'Also report components marked `public` that no SLO covers (user-facing flows are always checked).'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const flows = model.flows.filter(flow => flow.userFacing && flow.path.length > 0);
        // Every run of consecutive components of an SLO's path, up to the longest flow: a flow is covered
        // when its whole path is one of them (one lookup per flow, however many SLOs there are).
        const longest = flows.reduce((max, flow) => Math.max(max, flow.path.length), 0);
        const runs = new Set<string>();
        const onSlo = new Set<string>();
        for (const slo of model.slos) {
            if (slo.target !== undefined) onSlo.add(slo.target);
            for (let from = 0; from < slo.path.length; from++) {
                onSlo.add(slo.path[from]);
                let run = slo.path[from];
                runs.add(run);
                for (let to = from + 1; to < Math.min(slo.path.length, from + longest); to++) runs.add(run = `${run}${SEPARATOR}${slo.path[to]}`);
            }
        }
        for (const flow of flows) {
            if (runs.has(pathKey(flow.path))) continue;
            report({ messageId: 'flow', data: { name: flow.name }, loc: flow.loc, elements: [flow.id] });
        }
        if (!options.publicComponents) return;
        for (const c of model.components.values()) {
            if (!c.props.public || c.kind === 'client' || c.props.external || onSlo.has(c.id)) continue;
            report({ messageId: 'component', data: { name: c.name }, loc: c.loc, elements: [c.id] });
        }
    }
});
