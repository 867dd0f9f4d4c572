import { defineRule } from '../define-rule.js';
import { percentileOf } from './slo-percentiles.js';

export default defineRule({
    meta: {
        id: 'extreme-tail-latency-target',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'An SLO sets a latency target at p99.99 or beyond, where the slowest requests are dominated by effects no design controls.',
        grounding: {
            seeds: ['002 › "#### Percentiles"'],
            catalog: ['R166']
        },
        messages: {
            extreme: "SLO '{{name}}' targets {{key}} latency: that far into the tail, random events (a garbage-collection pause, a lost packet, a slow disk) set the response time, and optimizing for them is too expensive to be worth it; p99 or p99.9 is the usual target."
        },
        options: {
            maxPercentile: { type: 'number', default: 99.9, minimum: 50, maximum: 100, description: 'The highest percentile a latency target may use without being reported.' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        for (const slo of model.slos) {
            for (const latency of slo.latencies) {
                const percentile = percentileOf(latency.percentile);
                if (percentile === undefined || percentile <= options.maxPercentile) continue;
                report({ messageId: 'extreme', data: { name: slo.name, key: latency.percentile }, loc: slo.loc, elements: [slo.id] });
            }
        }
    }
});
