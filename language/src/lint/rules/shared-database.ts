import { isCompute, isWrite } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Styles that may touch a store they do not own: projections, relays, CDC connectors, monoliths. */
const EXEMPT_STYLES = new Set(['monolith', 'message-relay', 'cdc-connector', 'projector']);

export default defineRule({
    meta: {
        id: 'shared-database',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Two or more services own or write the same database.',
        grounding: {
            seeds: [
                '004 › "#### What exactly is a monolithic application?" (a distributed monolith shares its database)',
                '003 › "## Microservices Architecture" (database per service)'
            ],
            catalog: ['R20']
        },
        messages: {
            shared: "'{{store}}' is written by {{count}} {{count:service|services}} ({{services}}): they are coupled through its schema and cannot change or deploy alone."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        const projectors = new Set<string>();
        for (const q of model.cqrs) if (q.syncThrough) projectors.add(q.syncThrough);
        const owners = new Map<string, ComponentModel[]>();
        for (const candidate of model.components.values()) {
            if (!isCompute(candidate) || EXEMPT_STYLES.has(candidate.props.style ?? '')) continue;
            for (const owned of candidate.props.owns) owners.set(owned, [...(owners.get(owned) ?? []), candidate]);
        }
        for (const store of model.components.values()) {
            if (store.kind !== 'database') continue;
            const writers = new Map<string, ComponentModel>();
            for (const relation of model.incoming(store.id)) {
                if (!isWrite(relation)) continue;
                const source = model.component(relation.source);
                if (source && isCompute(source) && !EXEMPT_STYLES.has(source.props.style ?? '') && !projectors.has(source.id)) {
                    writers.set(source.id, source);
                }
            }
            for (const owner of owners.get(store.id) ?? []) writers.set(owner.id, owner);
            if (writers.size < 2) continue;
            const services = [...writers.values()];
            report({
                messageId: 'shared',
                data: { store: store.name, count: services.length, services: services.map(s => s.name).join(', ') },
                loc: store.loc,
                elements: [store.id],
                related: services.map(s => ({ loc: s.loc, message: `'${s.name}' writes or owns '${store.name}'` }))
            });
        }
    }
});
