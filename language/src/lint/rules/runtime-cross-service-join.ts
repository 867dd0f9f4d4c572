import { isCompute, isSyncCall, targetLoc } from '../../model/queries.js';
import type { RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'runtime-cross-service-join',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A composition service joins data by calling several services synchronously on every request.',
        grounding: {
            seeds: [
                '000 › "### Combining CQRS and Materialized View Patterns in Microservices" › "#### Key Concepts"',
                '004 › "#### Challenges with API Composition"',
                '003 › "### Database Per Microservice" (joins solved by CQRS)'
            ],
            catalog: ['R30']
        },
        messages: {
            join: "'{{service}}' assembles its answers by calling {{count}} {{count:service|services}} synchronously ({{targets}}) with no cached fallback: every request pays for {{count:it|all of them}} and fails when {{count:it|any of them}} does. A read model fed by their events answers with one lookup."
        },
        options: {
            minServices: { type: 'number', default: 3, minimum: 2, description: 'Distinct services a composition must call synchronously before the rule reports it.' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        for (const service of model.components.values()) {
            if (!isCompute(service) || service.props.style !== 'composition') continue;
            const calls = new Map<string, RelationModel>();
            for (const r of model.outgoing(service.id, 'calls')) {
                if (!isSyncCall(r) || !isCompute(model.component(r.target))) continue;
                if (!calls.has(r.target)) calls.set(r.target, r);
            }
            if (calls.size < options.minServices) continue;
            // Falling back to a cache means someone already accepted stale joined data: that is the trade-off the rule suggests.
            if ([...calls.values()].some(r => r.fallback?.cache)) continue;
            const targets = [...calls.keys()].map(id => model.component(id)!.name);
            report({
                messageId: 'join',
                data: { service: service.name, count: calls.size, targets: targets.join(', ') },
                loc: service.loc,
                elements: [service.id],
                related: [...calls.values()].map(r => ({
                    loc: targetLoc(r),
                    message: `'${service.name}' waits on '${model.component(r.target)!.name}' for each request`
                }))
            });
        }
    }
});
