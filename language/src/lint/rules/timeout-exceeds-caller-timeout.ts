import { analyze } from '../../analysis/index.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'timeout-exceeds-caller-timeout',
        type: 'problem',
        defaultSeverity: 'warning',
        description: "A callee's worst case (its own timeouts × attempts + backoff) is longer than its caller's timeout.",
        grounding: {
            seeds: [
                '002 › "#### Unreliable networks" (timeouts must follow the response time distribution)',
                '003 › "### Retry Pattern" (retrying adds load to a struggling service)',
                '003 › "### Circuit Breaker Pattern" (a slow callee slows every caller up the chain)'
            ],
            catalog: ['R57']
        },
        messages: {
            exceeds: "'{{source}}' stops waiting for '{{target}}' before '{{target}}' can finish: {{why}}. The caller gives up while '{{target}}' keeps working, and each retry adds load to a callee that is already slow."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        const violations = analyze(model).timeouts;
        if (violations.length === 0) return;
        const relations = new Map(model.relations.map(r => [r.id, r]));
        for (const violation of violations) {
            const relation = relations.get(violation.relation);
            if (!relation) continue;
            const source = model.component(violation.caller)?.name ?? violation.caller;
            const target = model.component(violation.callee)?.name ?? violation.callee;
            report({
                messageId: 'exceeds',
                data: { source, target, why: violation.working },
                loc: violation.loc,
                elements: [relation.id],
                fixes: () => {
                    const edit = fixer.setValue(relation.loc, 'TimeoutOption', 'value', `${violation.calleeWorstMs}ms`);
                    return edit ? [{ title: `Wait ${violation.calleeWorstMs}ms, the worst case of '${target}'`, edits: [edit] }] : [];
                }
            });
        }
    }
});
