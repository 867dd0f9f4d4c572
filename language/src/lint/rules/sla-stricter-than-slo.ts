import type { SloModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Whether two SLOs speak about the same thing: the same `target`, or the same `path` step by step. */
function sameSubject(a: SloModel, b: SloModel): boolean {
    if (a.target !== undefined && a.target === b.target) return true;
    return a.path.length > 0 && a.path.length === b.path.length && a.path.every((step, i) => step === b.path[i]);
}

export default defineRule({
    meta: {
        id: 'sla-stricter-than-slo',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'An external SLA promises as much as (or more than) the internal SLO for the same path or target aims for.',
        grounding: {
            seeds: [
                '003 › "## SLA, SLO and SLI" (define a looser external SLO but a stricter internal SLO)'
            ],
            catalog: ['R164']
        },
        messages: {
            availability: "External SLA '{{sla}}' promises {{promised}}% availability and internal SLO '{{slo}}' aims for {{internal}}%: the team is only alerted once the customers' promise is already broken. Keep the internal objective stricter than the SLA.",
            latency: "External SLA '{{sla}}' promises {{percentile}} {{promised}}ms and internal SLO '{{slo}}' aims for {{percentile}} {{internal}}ms: the team is only alerted once the customers' promise is already broken. Keep the internal objective stricter than the SLA."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        const internal = model.slos.filter(s => !s.external);
        for (const sla of model.slos) {
            if (!sla.external) continue;
            for (const slo of internal) {
                if (!sameSubject(sla, slo)) continue;
                if (sla.availability !== undefined && slo.availability !== undefined && sla.availability >= slo.availability) {
                    report({
                        messageId: 'availability',
                        data: { sla: sla.name, slo: slo.name, promised: sla.availability, internal: slo.availability },
                        loc: sla.availabilityLoc ?? sla.loc,
                        elements: [sla.id, slo.id]
                    });
                }
                for (const promised of sla.latencies) {
                    const key = promised.percentile.toLowerCase();
                    const aim = slo.latencies.find(l => l.percentile.toLowerCase() === key);
                    if (!aim || promised.ms > aim.ms) continue;
                    report({
                        messageId: 'latency',
                        data: { sla: sla.name, slo: slo.name, percentile: promised.percentile, promised: promised.ms, internal: aim.ms },
                        loc: sla.loc,
                        elements: [sla.id, slo.id]
                    });
                }
            }
        }
    }
});
