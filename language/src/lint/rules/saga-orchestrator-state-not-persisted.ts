import { isWrite } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'saga-orchestrator-state-not-persisted',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A saga\'s orchestrator writes no store, so the progress of a running saga lives only in its memory.',
        grounding: {
            seeds: [
                '003 › "### Execution Orchestrator Pattern"',
                '003 › "### Saga Pattern"'
            ],
            catalog: ['R11']
        },
        messages: {
            inMemory: "Saga '{{saga}}' is orchestrated by '{{service}}', which writes no store: if '{{service}}' crashes mid-saga, nobody knows which steps ran, so the saga can neither finish nor compensate them."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        const reported = new Set<string>();
        for (const saga of model.sagas) {
            if (saga.mode !== 'orchestration' || saga.orchestrator === undefined) continue;
            const orchestrator = model.component(saga.orchestrator);
            if (!orchestrator || orchestrator.props.managed) continue;
            const persists = model.outgoing(orchestrator.id).some(r => {
                if (r.kind === 'publishes') return false;
                const target = model.component(r.target);
                return isWrite(r) && target !== undefined && (target.kind === 'database' || target.kind === 'objectstore' || target.kind === 'cache');
            });
            if (persists || reported.has(`${saga.id}\u0000${orchestrator.id}`)) continue;
            reported.add(`${saga.id}\u0000${orchestrator.id}`);
            report({ messageId: 'inMemory', data: { saga: saga.name, service: orchestrator.name }, loc: saga.loc, elements: [saga.id, orchestrator.id] });
        }
    }
});
