import { isCompute, isWrite, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Components whose job is to copy data into derived stores: they may write a source and a derived store. */
const EXEMPT_STYLES = new Set(['message-relay', 'cdc-connector', 'projector']);
const PRIMARY_KINDS = new Set(['database', 'objectstore']);

export default defineRule({
    meta: {
        id: 'dual-write-to-derived-store',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service writes both a database and a store derived from it (a search index or a read model), so the two diverge when one of the writes fails.',
        grounding: {
            seeds: [
                '001 › "## Stream Processing Use Cases" (Change Data Capture)',
                '002 › "## Chapter 11 - Stream Processing" (a) › "#### Databases and Streams"'
            ],
            catalog: ['R37']
        },
        messages: {
            dualWrite: "'{{service}}' writes both '{{source}}' and '{{derived}}', {{why}}: when one write succeeds and the other fails (or two requests interleave), the two disagree and nothing repairs it. Let '{{derived}}' follow '{{source}}' through change data capture."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // Stores that are read models: view stores, CQRS query stores, and what a `syncs` fills.
        const readModels = new Map<string, string>();
        for (const view of model.views) if (view.store) readModels.set(view.store, `the store of view '${view.name}'`);
        for (const q of model.cqrs) if (q.queryStore) readModels.set(q.queryStore, `the query store of '${q.name}'`);
        const projectors = new Set<string>();
        for (const q of model.cqrs) if (q.syncThrough) projectors.add(q.syncThrough);
        // Stores written together inside a two-phase commit are kept consistent by it.
        const atomic = new Set<string>();
        for (const t of model.transactions) {
            if (t.protocol !== '2pc') continue;
            for (const a of t.participants) for (const b of t.participants) atomic.add(`${a}\u0000${b}`);
        }
        const derivedWhy = (store: ComponentModel): string | undefined => {
            const readModel = readModels.get(store.id);
            if (readModel) return `which is ${readModel}`;
            if (store.kind === 'search') return 'a search index derived from it';
            return undefined;
        };
        for (const service of model.components.values()) {
            if (!isCompute(service) || EXEMPT_STYLES.has(service.props.style ?? '') || projectors.has(service.id)) continue;
            const writes = model.outgoing(service.id).filter(r => isWrite(r) && r.kind !== 'publishes');
            const primaries: [RelationModel, ComponentModel][] = [];
            const derived: [RelationModel, ComponentModel, string][] = [];
            for (const write of writes) {
                const store = model.component(write.target);
                if (!store) continue;
                const why = derivedWhy(store);
                if (why) derived.push([write, store, why]);
                else if (PRIMARY_KINDS.has(store.kind)) primaries.push([write, store]);
            }
            if (primaries.length === 0) continue;
            for (const [write, store, why] of derived) {
                const source = primaries.find(([, p]) => !atomic.has(`${p.id}\u0000${store.id}`));
                if (!source) continue;
                report({
                    messageId: 'dualWrite',
                    data: { service: service.name, source: source[1].name, derived: store.name, why },
                    loc: targetLoc(write),
                    elements: [write.id, source[0].id],
                    related: [{ loc: source[0].loc, message: `'${service.name}' writes '${source[1].name}' here` }]
                });
            }
        }
    }
});
