import { isCompute, isSyncCall, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'sync-call-without-timeout',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A synchronous call to a service, gateway or load balancer has no timeout.',
        grounding: {
            seeds: [
                '001 › "## Fault Tolerance" › "### Microservice Fault Tolerance"',
                '003 › "## Reliability Patterns" › "### Circuit Breaker Pattern"'
            ],
            catalog: ['R57']
        },
        messages: {
            missing: "'{{source}}' calls '{{target}}' synchronously with no timeout: a slow '{{target}}' holds the caller's threads until it fails too."
        },
        options: {
            defaultTimeout: { type: 'string', default: '1s', description: 'The timeout the quick fix inserts.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const relation of model.relations) {
            if (!isSyncCall(relation) || relation.timeoutMs !== undefined) continue;
            const target = model.component(relation.target);
            if (!target) continue;
            const reachesRemote = isCompute(target) || target.kind === 'gateway' || target.kind === 'loadbalancer' || target.props.external;
            if (!reachesRemote) continue;
            const source = model.component(relation.source);
            if (!source || source.kind === 'client') continue; // people and browsers have their own patience
            report({
                messageId: 'missing',
                data: { source: source.name, target: target.name },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: () => {
                    const edit = fixer.addMember(relation.loc, `timeout ${options.defaultTimeout}`);
                    return edit ? [{ title: `Add a ${options.defaultTimeout} timeout`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
