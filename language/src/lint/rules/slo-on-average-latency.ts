import { defineRule } from '../define-rule.js';
import { AVERAGE_KEYS, percentileOf } from './slo-percentiles.js';

export default defineRule({
    meta: {
        id: 'slo-on-average-latency',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'An SLO states its latency target only as an average, which says nothing about how slow the slowest requests are.',
        grounding: {
            seeds: [
                '002 › "**Describing Performance**"',
                '003 › "### Performance"'
            ],
            catalog: ['R163']
        },
        messages: {
            average: "SLO '{{name}}' states latency only as {{key}} {{value}}: an average hides the tail, so it can be met while one request in a hundred takes seconds. State percentiles (p50, p99)."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const slo of model.slos) {
            if (slo.latencies.length === 0 || slo.latencies.some(l => percentileOf(l.percentile) !== undefined)) continue;
            const average = slo.latencies.find(l => AVERAGE_KEYS.has(l.percentile.toLowerCase()));
            if (!average) continue;
            report({ messageId: 'average', data: { name: slo.name, key: average.percentile, value: `${average.ms}ms` }, loc: slo.loc, elements: [slo.id] });
        }
    }
});
