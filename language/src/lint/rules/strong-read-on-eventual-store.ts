import { hopKey, isRead, STRONG_CONSISTENCY, strongFlowHops, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';


export default defineRule({
    meta: {
        id: 'strong-read-on-eventual-store',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A read requires strong or linearizable consistency from a multi-leader or leaderless store.',
        grounding: {
            seeds: [
                '001 › "# Consistency and Consensus" › "### Multi-leader or leaderless replication setup"',
                '002 › "**Limitations of Quorum Consistency**"'
            ],
            catalog: ['R80', 'R77']
        },
        messages: {
            read: "'{{service}}' requires {{level}} reads{{why}} from '{{store}}', but '{{store}}' uses {{replication}} replication: writes land on different replicas concurrently, so no read can be sure to see the latest one.",
            store: "'{{store}}' declares consistency {{level}} but uses {{replication}} replication, which cannot provide it: concurrent writes on different replicas have no single order."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // A flow that requires strong reads passes its need to each hop of its path.
        const flowNeeds = strongFlowHops(model);
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader' && replication?.type !== 'leaderless') continue;
            if (replication.type === 'multi-leader' && replication.leaders === 1) continue;
            if (store.props.consistency !== undefined && STRONG_CONSISTENCY.has(store.props.consistency)) {
                report({
                    messageId: 'store',
                    data: { store: store.name, level: store.props.consistency, replication: replication.type },
                    loc: store.loc,
                    elements: [store.id]
                });
                continue; // one finding per store: every reader inherits the same impossible promise
            }
            for (const read of model.incoming(store.id)) {
                if (!isRead(read)) continue;
                const flow = read.requires === undefined ? flowNeeds.get(hopKey(read.source, store.id)) : undefined;
                const level = read.requires ?? flow?.requires;
                if (level === undefined || !STRONG_CONSISTENCY.has(level)) continue;
                const service = model.component(read.source);
                if (!service) continue;
                report({
                    messageId: 'read',
                    data: { service: service.name, store: store.name, level, replication: replication.type, why: flow ? ` (flow '${flow.name}')` : '' },
                    loc: targetLoc(read),
                    elements: [read.id],
                    related: flow ? [{ loc: flow.loc, message: `flow '${flow.name}' requires ${level}` }] : []
                });
            }
        }
    }
});
