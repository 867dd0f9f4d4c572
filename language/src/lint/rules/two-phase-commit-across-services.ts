import { isCompute } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'two-phase-commit-across-services',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A two-phase commit spans the data of two or more services.',
        grounding: {
            seeds: [
                '001 › "# Consistency and Consensus" › "## Two-Phase Commit"',
                '004 › "### 3. Two-Phase Commit (2PC)" › "#### Challenges of 2PC"',
                '004 › "### 4. Saga" › "#### Benefits of Saga"',
                '003 › "## Microservices Best Patterns" › "### Database Per Microservice"'
            ],
            catalog: ['R22']
        },
        messages: {
            crossService: "Transaction '{{transaction}}' runs two-phase commit across {{count}} {{count:service|services}} ({{services}}): every one of them holds its locks until the coordinator decides, and a lost coordinator blocks them all. Coordinate the services with a saga instead."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        const transactions = model.transactions.filter(t => t.protocol === '2pc' && t.participants.length > 1);
        if (transactions.length === 0) return;
        const ownersOf = new Map<string, ComponentModel[]>();
        for (const c of model.components.values()) {
            if (!isCompute(c)) continue;
            for (const store of c.props.owns) ownersOf.set(store, [...(ownersOf.get(store) ?? []), c]);
        }
        for (const transaction of transactions) {
            // The services behind each participant: a service itself, or the owners of a store.
            const services = new Map<string, { service: ComponentModel; via: string }>();
            for (const participantId of transaction.participants) {
                const participant = model.component(participantId);
                if (!participant) continue;
                const behind = isCompute(participant) ? [participant] : ownersOf.get(participant.id) ?? [];
                for (const service of behind) if (!services.has(service.id)) services.set(service.id, { service, via: participant.name });
            }
            if (services.size < 2) continue;
            const list = [...services.values()];
            report({
                messageId: 'crossService',
                data: { transaction: transaction.name, count: list.length, services: list.map(s => s.service.name).join(', ') },
                loc: transaction.loc,
                elements: [transaction.id],
                related: list.map(({ service, via }) => ({
                    loc: service.loc,
                    message: via === service.name ? `'${service.name}' takes part in the commit` : `'${service.name}' owns participant '${via}'`
                }))
            });
        }
    }
});
