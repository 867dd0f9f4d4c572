import { instances, isCompute, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';

export default defineRule({
    meta: {
        id: 'clients-call-backends-directly',
        type: 'suggestion',
        defaultSeverity: 'warning',
        description: 'An outside client calls several backend services, or a replicated one, with no gateway or load balancer in between.',
        grounding: {
            seeds: [
                '003 › "### Load Balancers" (clients that know instance addresses are tightly coupled)',
                '003 › "### API Gateway" (API composition and request routing)',
                '004 › "### 1. API Composition"'
            ],
            catalog: ['R117', 'R122']
        },
        messages: {
            many: "Client '{{client}}' calls {{count}} backend {{count:service|services}} directly ({{services}}): it must know where each one lives, makes one round trip over the internet per service, and breaks when they move or split.",
            replicated: "Client '{{client}}' calls '{{service}}' directly although it runs {{count}} {{count:instance|instances}}: the client must know every instance's address and spread its own requests."
        },
        options: {
            maxServices: { type: 'number', default: 1, minimum: 1, description: 'How many backend services one client may call directly before the rule reports.' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        for (const client of model.components.values()) {
            if (client.kind !== 'client' || !client.props.external) continue;
            const direct = new Map<string, { service: ComponentModel; relation: RelationModel }>();
            for (const relation of model.outgoing(client.id, 'calls')) {
                const target = model.component(relation.target);
                if (!target || !isCompute(target) || target.props.external) continue;
                if (!direct.has(target.id)) direct.set(target.id, { service: target, relation });
            }
            const calls = [...direct.values()];
            if (calls.length > options.maxServices) {
                report({
                    messageId: 'many',
                    data: { client: client.name, count: calls.length, services: calls.map(c => `'${c.service.name}'`).join(', ') },
                    loc: client.loc,
                    elements: [client.id],
                    related: calls.map(c => ({ loc: targetLoc(c.relation), message: `'${client.name}' calls '${c.service.name}'` }))
                });
                continue;
            }
            for (const { service, relation } of calls) {
                if (service.kind !== 'service' || instances(service) < 2) continue;
                report({
                    messageId: 'replicated',
                    data: { client: client.name, service: service.name, count: instances(service) },
                    loc: targetLoc(relation),
                    elements: [relation.id],
                    related: [{ loc: service.loc, message: `'${service.name}' runs ${plural(instances(service), '# instance|# instances')}` }]
                });
            }
        }
    }
});
