import { analyze } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';

const ms = (value: number) => `${value.toLocaleString('en-US')} ms`;

export default defineRule({
    meta: {
        id: 'latency-budget-exceeded',
        type: 'problem',
        defaultSeverity: 'warning',
        description: "The worst case a request on an SLO's path can wait (timeouts × attempts + backoff) is above the SLO's latency target.",
        grounding: {
            seeds: [
                '002 › "**Describing Performance**" (response time = service time + network delays + queueing delays)',
                '002 › "#### Percentiles" (SLOs state percentiles of response time)',
                '003 › "### Retry Pattern" (fixed, incremental and exponential delays between attempts)'
            ],
            catalog: ['R29']
        },
        messages: {
            exceeded: "SLO '{{name}}' targets {{what}} {{target}}, but a request on its path can wait {{how}} ({{why}}): every request that waits out these timeouts and retries misses the objective. Shorten the timeouts, retry less, or move the slow hop off the request path."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const path of analyze(model).slos) {
            const exceeded = path.objective?.latencies.filter(l => l.verdict === 'exceeded') ?? [];
            if (exceeded.length === 0 || path.latency.worstMs === undefined) continue;
            const slo = model.slos.find(s => s.id === path.id);
            if (!slo) continue;
            // The strictest target the worst case misses; the deepest hop that alone reaches the largest
            // wait explains it (the hops before it only wait for it: "waits as long as the callee").
            const strictest = exceeded.reduce((a, b) => (b.targetMs < a.targetMs ? b : a));
            const longest = Math.max(...path.latency.hops.map(h => h.worstMs ?? 0));
            const hop = path.latency.hops.filter(h => h.worstMs === longest).at(-1);
            report({
                messageId: 'exceeded',
                data: {
                    name: slo.name, what: strictest.percentile, target: ms(strictest.targetMs), how: ms(path.latency.worstMs),
                    why: hop ? hop.working : path.latency.working
                },
                loc: slo.loc,
                elements: [slo.id, ...path.path]
            });
        }
    }
});
