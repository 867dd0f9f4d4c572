import { isWrite, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'query-side-mutation',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'The query service of a CQRS block writes to a store other than its read model.',
        grounding: {
            seeds: [
                '000 › "### Combining CQRS and Materialized View Patterns in Microservices" › "#### Solution: Combining Patterns"',
                '000 › "### CQRS (Command and Query Responsibility Segregation)" › "#### Key Concepts"',
                '003 › "### CQRS Pattern"'
            ],
            catalog: ['R132']
        },
        messages: {
            mutation: "'{{service}}' is the query side of CQRS '{{cqrs}}' but writes '{{store}}': changes made there bypass '{{command}}' and its rules, and the read model no longer follows from the commands."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const cqrs of model.cqrs) {
            if (!cqrs.query || !cqrs.queryStore || cqrs.query === cqrs.command || cqrs.query === cqrs.syncThrough) continue;
            const service = model.component(cqrs.query);
            if (!service) continue;
            for (const r of model.outgoing(cqrs.query)) {
                if (!isWrite(r) || r.target === cqrs.queryStore) continue;
                const store = model.component(r.target);
                // Caches hold copies of answers; filling one is part of serving reads.
                if (!store || store.kind === 'cache') continue;
                report({
                    messageId: 'mutation',
                    data: { service: service.name, cqrs: cqrs.name, store: store.name, command: model.component(cqrs.command)?.name ?? 'the command side' },
                    loc: targetLoc(r),
                    elements: [r.id],
                    related: [{ loc: cqrs.loc, message: `'${service.name}' is the query service of '${cqrs.name}'` }]
                });
            }
        }
    }
});
