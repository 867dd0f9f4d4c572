import { analyze, type RetryChain } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';

/** The chains that no longer chain of the list starts with (that one already reports what they multiply). */
function longest(chains: readonly RetryChain[]): RetryChain[] {
    const key = (ids: readonly string[]) => ids.join('\u0000');
    const prefixes = new Set<string>();
    for (const c of chains) for (let n = 1; n < c.chain.length; n++) prefixes.add(key(c.chain.slice(0, n)));
    return chains.filter(c => !prefixes.has(key(c.chain)));
}

export default defineRule({
    meta: {
        id: 'retry-amplification',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Retries at several hops of a synchronous call chain multiply into too many calls to its last hop.',
        grounding: {
            seeds: [
                '003 › "### Retry Pattern" (retrying an overloaded service compounds the problem)',
                '001 › "## Microservices and Fault Tolerance" (retried requests pile up and exhaust resources)',
                '002 › "**Handling errors and aborts**" (retrying after overload only compounds the problem)'
            ],
            catalog: ['R63']
        },
        messages: {
            amplified: "Retries multiply along {{chain}}: one call to '{{source}}' can become {{count}} {{count:call|calls}} to '{{target}}' ({{why}}). When '{{target}}' slows down, every layer retries at once and the storm keeps it down; retry at one layer only."
        },
        options: {
            maxFactor: {
                type: 'number', default: 10, minimum: 1,
                description: 'Most calls to the last hop one request may cause. 10 lets two layers of 3 attempts through (9) and stops a third (27).'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const over = analyze(model).retries.filter(r => r.factor > options.maxFactor);
        const maximal = longest(over);
        const ids = new Set(model.relations.map(r => r.id));
        for (const retry of maximal) {
            const known = ids.has(retry.relation);
            const names = retry.chain.map(id => model.component(id)?.name ?? id);
            report({
                messageId: 'amplified',
                data: { chain: names.join(' → '), source: names[0], target: names[names.length - 1], count: retry.factor, why: retry.working.replace(/ \(.*\)$/, '') },
                loc: retry.loc,
                elements: known ? [retry.relation] : []
            });
        }
    }
});
