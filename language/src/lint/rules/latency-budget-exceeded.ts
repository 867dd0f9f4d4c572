import { analyze } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';

const ms = (value: number) => `${value.toLocaleString('en-US')} ms`;

export default defineRule({
    meta: {
        id: 'latency-budget-exceeded',
        type: 'problem',
        defaultSeverity: 'warning',
        description: "The budget of an SLO's path is above the SLO's latency target: the sum of the stated latencies (`latency p99 40ms`) where the path states them, else the worst case a request can wait (timeouts × attempts + backoff).",
        grounding: {
            seeds: [
                '002 › "**Describing Performance**" (response time = service time + network delays + queueing delays)',
                '002 › "#### Percentiles" (SLOs state percentiles of response time)',
                '003 › "### Retry Pattern" (fixed, incremental and exponential delays between attempts)'
            ],
            catalog: ['R29']
        },
        messages: {
            exceeded: "SLO '{{name}}' targets {{what}} {{target}}, but a request on its path can wait {{how}} ({{why}}): every request that waits out these timeouts and retries misses the objective. Shorten the timeouts, retry less, or move the slow hop off the request path.",
            stated: "SLO '{{name}}' targets {{what}} {{target}}, but the latencies stated along its path add up to {{how}} ({{why}}). Make a hop faster, call less in sequence, or move the slow hop off the request path."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const path of analyze(model).slos) {
            const exceeded = path.objective?.latencies.filter(l => l.verdict === 'exceeded') ?? [];
            if (exceeded.length === 0) continue;
            const slo = model.slos.find(s => s.id === path.id);
            if (!slo) continue;
            const stated = exceeded.filter(l => l.basis === 'stated' && l.budgetMs !== undefined);
            if (stated.length > 0) {
                // A stated budget over its target: the sum of what the path says it takes.
                const strictest = stated.reduce((a, b) => (b.targetMs < a.targetMs ? b : a));
                const budget = path.latency.budgets.find(b => b.percentile === strictest.percentile.toLowerCase());
                report({
                    messageId: 'stated',
                    data: { name: slo.name, what: strictest.percentile, target: ms(strictest.targetMs), how: ms(strictest.budgetMs!), why: budget?.working ?? strictest.why },
                    loc: slo.loc,
                    elements: [slo.id, ...path.path]
                });
                continue;
            }
            if (path.latency.worstMs === undefined) continue;
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
