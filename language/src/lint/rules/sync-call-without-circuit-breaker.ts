import { isCompute, isSyncCall, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'sync-call-without-circuit-breaker',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A synchronous call from a service to another service or an external system has no circuit breaker.',
        grounding: {
            seeds: [
                '001 › "## Microservices and Fault Tolerance" › "### Circuit Breakers" › "#### Circuit Breaker States"',
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### Circuit Breaker Pattern"',
                '004 › "### 8. Circuit Breaker"'
            ],
            catalog: ['R58']
        },
        messages: {
            missing: "'{{source}}' calls '{{target}}' synchronously with no circuit breaker: while '{{target}}' is failing or slow, every request still waits on it, and the failure spreads to '{{source}}' and its callers."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const relation of model.relations) {
            if (!isSyncCall(relation) || relation.circuitBreaker || relation.source === relation.target) continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target || !isCompute(source)) continue;
            if (!isCompute(target) && !target.props.external) continue;
            report({
                messageId: 'missing',
                data: { source: source.name, target: target.name },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: () => {
                    const edit = fixer.addMember(relation.loc, 'circuit-breaker');
                    return edit ? [{ title: `Guard the call to '${target.name}' with a circuit breaker`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
