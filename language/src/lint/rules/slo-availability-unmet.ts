import { analyze } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';

/** The highest target, in hundredths of a percent, that `value` (0..1) still meets. */
function reachable(value: number): string {
    return String(Math.floor(value * 10_000 + 1e-7) / 100);
}

export default defineRule({
    meta: {
        id: 'slo-availability-unmet',
        type: 'problem',
        defaultSeverity: 'warning',
        description: "An SLO's availability target is above what its path's components compose to.",
        grounding: {
            seeds: [
                '003 › "## Important Quality Attributes" › "### Availability and Reliability" (availability = uptime / (uptime + downtime))',
                '003 › "### Fault Tolerance" (redundancy keeps a system available)',
                '003 › "### Circuit Breaker Pattern" (a failure deep in a synchronous chain fails the whole chain)'
            ],
            catalog: ['R167']
        },
        messages: {
            unmet: "SLO '{{name}}' asks for {{target}} availability, but its path composes to {{how}}: {{why}}. Add redundancy to the weakest component, make a hop asynchronous or lower the target.",
            atRisk: "SLO '{{name}}' asks for {{target}} availability, and its path composes to {{how}} with sysd's default figures: {{why}}."
        },
        options: {
            atRisk: {
                type: 'boolean', default: false,
                description: "Also report SLOs that miss the target only because of sysd's default figures (99.5% per self-run zone, 99.9% per managed component)."
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const path of analyze(model).slos) {
            const verdict = path.objective?.availability;
            // 100% and more is infeasible-availability-target's finding: no path composes to it.
            if (!verdict || verdict.target >= 100) continue;
            if (verdict.verdict === 'met' || (verdict.verdict === 'at-risk' && !options.atRisk)) continue;
            const slo = model.slos.find(s => s.id === path.id);
            if (!slo) continue;
            const lower = reachable(path.availability.value);
            report({
                messageId: verdict.verdict === 'unmet' ? 'unmet' : 'atRisk',
                data: { name: slo.name, target: `${verdict.target}%`, how: `${path.availability.percent} (${path.availability.formula})`, why: verdict.why },
                loc: slo.availabilityLoc ?? slo.loc,
                elements: [slo.id, ...path.path],
                fixes: () => {
                    const edit = slo.availabilityLoc && path.availability.value > 0
                        ? fixer.setValue(slo.availabilityLoc, undefined, 'availability', `${lower}%`)
                        : undefined;
                    return edit ? [{ title: `Aim for ${lower}%, what the path reaches`, edits: [edit] }] : [];
                }
            });
        }
    }
});
