import { isRead, targetLoc } from '../../model/queries.js';
import type { ConsistencyLevel, CqrsModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Levels a read model fed asynchronously cannot give. */
const STRICT = new Set<ConsistencyLevel>(['linearizable', 'strong', 'read-your-writes']);

export default defineRule({
    meta: {
        id: 'cqrs-with-strict-consistency',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A read that requires strong or read-your-writes consistency is served by a CQRS read model.',
        grounding: {
            seeds: [
                '000 › "### CQRS (Command and Query Responsibility Segregation)" › "#### Considerations"',
                '003 › "### CQRS Pattern" (cqrs drawbacks)',
                '004 › "#### Challenges of CQRS"'
            ],
            catalog: ['R131']
        },
        messages: {
            read: "'{{reader}}' requires {{level}} reads from '{{store}}', the read model of CQRS '{{cqrs}}': it is updated after the command side commits, so a read can miss a write that already succeeded.",
            flow: "Flow '{{flow}}' requires {{level}} consistency but goes through '{{store}}', the read side of CQRS '{{cqrs}}', which lags behind the command side."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const cqrs of model.cqrs) {
            if (cqrs.queryStore) {
                const store = model.component(cqrs.queryStore);
                for (const r of model.incoming(cqrs.queryStore)) {
                    if (!isRead(r) || !r.requires || !STRICT.has(r.requires)) continue;
                    const reader = model.component(r.source);
                    if (!reader || !store) continue;
                    report({
                        messageId: 'read',
                        data: { reader: reader.name, level: r.requires, store: store.name, cqrs: cqrs.name },
                        loc: targetLoc(r),
                        elements: [r.id],
                        related: [{ loc: cqrs.loc, message: `'${store.name}' is the query store of '${cqrs.name}'` }]
                    });
                }
            }
        }
        // Flows: one pass over each path, looking components up in an index of CQRS read sides.
        const readSides = new Map<string, CqrsModel>();
        for (const cqrs of model.cqrs) {
            for (const id of [cqrs.query, cqrs.queryStore]) if (id && !readSides.has(id)) readSides.set(id, cqrs);
        }
        if (readSides.size === 0) return;
        for (const flow of model.flows) {
            if (!flow.requires || !STRICT.has(flow.requires)) continue;
            const hit = flow.path.find(id => readSides.has(id));
            if (!hit) continue;
            const cqrs = readSides.get(hit)!;
            const name = model.component(hit)?.name ?? hit;
            report({
                messageId: 'flow',
                data: { flow: flow.name, level: flow.requires, store: name, cqrs: cqrs.name },
                loc: flow.loc,
                elements: [flow.id],
                related: [{ loc: cqrs.loc, message: `'${name}' is on the query side of '${cqrs.name}'` }]
            });
        }
    }
});
