import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'circuit-breaker-without-fallback',
        type: 'suggestion',
        defaultSeverity: 'off',
        description: 'A call guarded by a circuit breaker has no fallback, so every request fails while the breaker is open.',
        grounding: {
            seeds: [
                '001 › "## Microservices and Fault Tolerance" › "### Circuit Breakers" › "#### Circuit Breaker States" (a fallback policy: a backup service or a cache)',
                '004 › "### 8. Circuit Breaker" (the inventory example returns a fallback response)',
                '004 › "#### Solutions with API Composition"'
            ],
            catalog: ['R59']
        },
        messages: {
            noFallback: "The circuit breaker on '{{source}}' → '{{target}}' has no fallback: while it is open, every request that needs '{{target}}' fails at once. If a stale or default answer is better than an error, add `fallback cache`, `fallback default` or `fallback <component>`."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const relation of model.relations) {
            if (relation.kind !== 'calls' || !relation.circuitBreaker || relation.fallback !== undefined) continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target) continue;
            // Which answer is acceptable while the breaker is open is the author's choice: neither fix is preferred, so fix-all applies none.
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const cached = fixer.addMember(relation.loc, 'fallback cache');
                if (cached) fixes.push({ title: `Answer from a cache while '${target.name}' is cut off`, edits: [cached] });
                const fallbackDefault = fixer.addMember(relation.loc, 'fallback default');
                if (fallbackDefault) fixes.push({ title: `Answer a default while '${target.name}' is cut off`, edits: [fallbackDefault] });
                return fixes;
            };
            report({
                messageId: 'noFallback',
                data: { source: source.name, target: target.name },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: buildFixes
            });
        }
    }
});
