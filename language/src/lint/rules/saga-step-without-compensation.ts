import type { SagaStepModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { Fixer, TextEditModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'saga-step-without-compensation',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A saga step other than the last one has no compensating action.',
        grounding: {
            seeds: [
                '000 › "### Saga Pattern" › "#### Solution: Saga Pattern"',
                '000 › "### Saga Pattern" › "#### Example Scenario: Ticket Reservation System"',
                '003 › "## Patterns for Data Intensive Applications" › "### Saga Pattern"',
                '004 › "### 4. Saga"',
                '002 › "#### Single-Object and Multi-Object Operations" › "**Handling errors and aborts**" (side effects outside the database happen even if the work is abandoned)'
            ],
            catalog: ['R24']
        },
        messages: {
            missing: "Step '{{service}}.{{action}}' of saga '{{saga}}' has no compensating action: when a later step ({{next}}) fails, the work already done by '{{service}}' cannot be undone and the saga leaves the data half-changed."
        },
        options: {
            compensationPrefix: {
                type: 'string',
                default: 'cancel',
                description: "Verb the quick fix puts in front of the step's action to name the compensating action (reserve -> cancelReserve)."
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const saga of model.sagas) {
            const last = saga.steps.length - 1;
            saga.steps.forEach((step, index) => {
                if (index === last || step.compensation || step.noCompensation) return;
                const service = model.component(step.service);
                if (!service) return;
                const next = saga.steps[index + 1];
                const nextService = model.component(next.service)?.name ?? next.service;
                const undo = compensationName(options.compensationPrefix, step.action);
                report({
                    messageId: 'missing',
                    data: { service: service.name, action: step.action, saga: saga.name, next: `${nextService}.${next.action}` },
                    loc: step.loc,
                    elements: [saga.id],
                    related: [{ loc: next.loc, message: `a failure of '${nextService}.${next.action}' would need '${service.name}.${step.action}' undone` }],
                    fixes: () => {
                        const edit = undo === undefined ? undefined : addCompensation(step, `compensate ${service.name}.${undo}`, fixer);
                        return edit && undo !== undefined ? [{ title: `Compensate with '${service.name}.${undo}'`, edits: [edit], preferred: true }] : [];
                    }
                });
            });
        }
    }
});

/**
 * `reserve-seat` with `cancel` -> `cancelReserveSeat`. Undefined when the action has no word to build
 * a name from (only dashes or underscores, as while it is being typed) and there is no prefix either.
 */
export function compensationName(prefix: string, action: string): string | undefined {
    const words = action.split(/[-_]+/).filter(w => w.length > 0);
    const capitalised = words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
    if (prefix.length > 0) return words.length > 0 ? `${prefix}${capitalised}` : undefined;
    return capitalised.length > 0 ? capitalised[0].toLowerCase() + capitalised.slice(1) : undefined;
}

/** The compensation goes right after `step S.action`, before a trailing `external`. */
function addCompensation(step: SagaStepModel, clause: string, fixer: Fixer): TextEditModel | undefined {
    const action = fixer.valueText(step.loc, undefined, 'action');
    return action === undefined ? undefined : fixer.setValue(step.loc, undefined, 'action', `${action} ${clause}`);
}
