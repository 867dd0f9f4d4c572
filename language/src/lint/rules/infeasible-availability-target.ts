import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'infeasible-availability-target',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'An SLO asks for 100% availability (or more).',
        grounding: {
            seeds: [
                '003 › "### Quality Attributes" (100% availability is an infeasible requirement to call out)',
                '002 › "#### 1. Reliability" (faults cannot be prevented entirely)',
                '003 › "## Important Quality Attributes" › "### Availability and Reliability"'
            ],
            catalog: ['R165']
        },
        messages: {
            perfect: "SLO '{{name}}' asks for {{value}}% availability: faults cannot be ruled out, so the first failure breaks the objective and there is no error budget left for deploys or maintenance."
        },
        options: {
            target: { type: 'number', default: 99.9, minimum: 0, maximum: 99.999, description: 'The availability (in percent) the quick fix writes instead.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const slo of model.slos) {
            if (slo.availability === undefined || slo.availability < 100) continue;
            const at = slo.availabilityLoc ?? slo.loc;
            report({
                messageId: 'perfect',
                data: { name: slo.name, value: slo.availability },
                loc: at,
                elements: [slo.id],
                fixes: () => {
                    const edit = slo.availabilityLoc ? fixer.setValue(slo.availabilityLoc, undefined, 'availability', `${options.target}%`) : undefined;
                    return edit ? [{ title: `Aim for ${options.target}%`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
