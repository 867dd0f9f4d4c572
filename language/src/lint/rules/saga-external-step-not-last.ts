import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'saga-external-step-not-last',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'An external step that cannot be compensated runs before other saga steps that may still fail.',
        grounding: {
            seeds: [
                '002 › "#### Single-Object and Multi-Object Operations" › "**Handling errors and aborts**"',
                '000 › "### Saga Pattern" › "#### Example Scenario: Ticket Reservation System"',
                '004 › "### 4. Saga"'
            ],
            catalog: ['R24']
        },
        messages: {
            irreversible: "Step '{{service}}.{{action}}' of saga '{{saga}}' has an effect outside our systems and no compensation, yet {{later}} {{later:step|steps}} still {{later:follows|follow}}: if {{later:it|one of them}} fails, the saga rolls back everything else while that effect stays done."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const saga of model.sagas) {
            const last = saga.steps.length - 1;
            saga.steps.forEach((step, index) => {
                if (index === last || !step.external || !step.noCompensation) return;
                const later = last - index;
                const service = model.component(step.service)?.name ?? step.service;
                report({
                    messageId: 'irreversible',
                    data: { service, action: step.action, saga: saga.name, later },
                    loc: step.loc,
                    elements: [saga.id],
                    related: saga.steps.slice(index + 1).map(s => ({
                        loc: s.loc,
                        message: `'${model.component(s.service)?.name ?? s.service}.${s.action}' runs after the external step`
                    }))
                });
            });
        }
    }
});
