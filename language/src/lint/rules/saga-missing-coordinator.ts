import type { SagaModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'saga-missing-coordinator',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A saga declares neither an orchestrator nor a message broker that carries its steps.',
        grounding: {
            seeds: [
                '000 › "### Saga Pattern" › "#### Implementation Methods"',
                '003 › "### Execution Orchestrator Pattern"',
                '003 › "### Choreography Pattern"',
                '004 › "### 4. Saga" › "#### Types of Saga"'
            ],
            catalog: ['R25']
        },
        messages: {
            unspecified: "Saga '{{saga}}' says neither who drives it ('orchestrated by <service>') nor that its services react to each other's events ('choreographed over <broker>'): nobody is known to run the next step or trigger compensations.",
            noBroker: "Saga '{{saga}}' is choreographed, but it names no broker and none of its services ({{services}}) consumes events another of them publishes: nothing carries one step's outcome to the next."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const saga of model.sagas) {
            if (saga.steps.length === 0 || saga.mode === 'orchestration') continue;
            if (saga.mode === undefined) {
                report({ messageId: 'unspecified', data: { saga: saga.name }, loc: saga.loc, elements: [saga.id] });
                continue;
            }
            if (saga.broker || linkedByEvents(model, saga)) continue;
            const services = [...new Set(saga.steps.map(s => s.service))];
            report({
                messageId: 'noBroker',
                data: { saga: saga.name, services: services.map(id => model.component(id)?.name ?? id).join(', ') },
                loc: saga.loc,
                elements: [saga.id],
                related: services.flatMap(id => {
                    const c = model.component(id);
                    return c ? [{ loc: c.loc, message: `'${c.name}' runs a step of '${saga.name}'` }] : [];
                })
            });
        }
    }
});

/** Some step service consumes a channel that a different step service publishes to. */
function linkedByEvents(model: ArchModel, saga: SagaModel): boolean {
    const services = new Set(saga.steps.map(s => s.service));
    const publishers = new Map<string, Set<string>>();
    for (const service of services) {
        for (const r of model.outgoing(service, 'publishes')) {
            const set = publishers.get(r.target) ?? new Set<string>();
            set.add(service);
            publishers.set(r.target, set);
        }
    }
    for (const service of services) {
        for (const r of model.outgoing(service, 'consumes')) {
            const from = publishers.get(r.target);
            if (from && [...from].some(p => p !== service)) return true;
        }
    }
    return false;
}
