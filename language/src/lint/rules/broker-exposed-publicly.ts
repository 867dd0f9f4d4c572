import { fromExternalClients, targetLoc } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'broker-exposed-publicly',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A message broker or one of its channels is public or reached by an external client.',
        grounding: {
            seeds: [
                '003 › "### Message Brokers"',
                '003 › "### Load Balancing Pattern"',
                '004 › "### 16. Endpoints"'
            ],
            catalog: ['R52']
        },
        messages: {
            public: "'{{name}}' is marked public, but a message broker is internal infrastructure: put a service in front that accepts the traffic and publishes on the caller's behalf.",
            client: "External client '{{client}}' talks to '{{name}}' directly, but a message broker is internal infrastructure: put a service in front that accepts the traffic and publishes on the client's behalf."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const component of model.components.values()) {
            const isBroker = component.kind === 'broker';
            const standaloneChannel = (component.kind === 'topic' || component.kind === 'queue') && model.component(component.parent)?.kind !== 'broker';
            if (!isBroker && !standaloneChannel) continue;
            const members: ComponentModel[] = [component, ...(isBroker ? model.children(component.id) : [])];
            for (const member of members) {
                if (!member.props.public || member.origins.public !== 'declared') continue;
                const fixes = (): FixModel[] => {
                    const edit = fixer.removeMember(member.loc, 'FlagProp', p => p.flag === 'public');
                    return edit ? [{ title: `Make '${member.name}' internal (remove 'public')`, edits: [edit], preferred: true }] : [];
                };
                report({ messageId: 'public', data: { name: member.name }, loc: member.loc, elements: [member.id], fixes });
            }
            for (const member of members) {
                for (const relation of fromExternalClients(model, member.id)) {
                    const client = model.component(relation.source)!;
                    report({
                        messageId: 'client',
                        data: { client: client.name, name: member.name },
                        loc: targetLoc(relation),
                        elements: [relation.id],
                        related: [{ loc: member.loc, message: `'${member.name}' is declared here` }]
                    });
                }
            }
        }
    }
});
