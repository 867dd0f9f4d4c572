import { instances } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';
import type { TextEditModel } from '../types.js';

export default defineRule({
    meta: {
        id: '2pc-coordinator-spof',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'The coordinator of a two-phase commit runs as a single instance.',
        grounding: {
            seeds: [
                '001 › "# Consistency and Consensus" › "## Two-Phase Commit"',
                '004 › "### 3. Two-Phase Commit (2PC)" › "#### Challenges of 2PC"'
            ],
            catalog: ['R23']
        },
        messages: {
            single: "'{{coordinator}}' coordinates two-phase commit '{{transaction}}' with a single instance: if it dies between the phases, {{participants}} keep their locks and block other writes until it is back."
        },
        options: {
            replicas: { type: 'number', default: 2, minimum: 2, description: 'Instance count the quick fix gives the coordinator.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const transaction of model.transactions) {
            if (transaction.protocol !== '2pc') continue;
            const coordinator = model.component(transaction.coordinator);
            if (!coordinator || coordinator.props.managed || instances(coordinator) >= 2) continue;
            const participants = transaction.participants.map(id => model.component(id)?.name ?? id);
            report({
                messageId: 'single',
                data: {
                    coordinator: coordinator.name,
                    transaction: transaction.name,
                    participants: participants.length > 0 ? `its participants (${participants.join(', ')})` : 'its participants'
                },
                loc: transaction.loc,
                elements: [transaction.id],
                related: [{ loc: coordinator.loc, message: `'${coordinator.name}' runs ${plural(instances(coordinator), '# instance|# instances')}` }],
                fixes: () => {
                    let edit: TextEditModel | undefined;
                    if (coordinator.origins.replicas === 'declared') edit = fixer.setValue(coordinator.loc, 'ReplicasProp', 'count', String(options.replicas));
                    else if (coordinator.origins.replicas === undefined) edit = fixer.addMember(coordinator.loc, `replicas ${options.replicas}`);
                    return edit ? [{ title: `Run ${options.replicas} instances of '${coordinator.name}'`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
