import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'slo-without-sli',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'An SLO does not say what is measured (its indicator, the SLI) to tell whether it is met.',
        grounding: {
            seeds: [
                '003 › "## SLA, SLO and SLI" (an SLI is a quantitative measure achieved with monitoring; define the SLO, then find the matching SLI)'
            ],
            catalog: ['R168']
        },
        messages: {
            missing: "SLO '{{name}}' does not say what is measured: without an indicator (`indicator \"...\"`, the SLI) nobody can tell whether the objective is met."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const slo of model.slos) {
            if (slo.indicator !== undefined) continue;
            report({ messageId: 'missing', data: { name: slo.name }, loc: slo.loc, elements: [slo.id] });
        }
    }
});
