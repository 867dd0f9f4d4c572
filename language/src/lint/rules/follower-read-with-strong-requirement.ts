import { hopKey, isRead, STRONG_CONSISTENCY, strongFlowHops, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

const FOLLOWER_SOURCES = new Set(['followers', 'any', 'nearest']);

export default defineRule({
    meta: {
        id: 'follower-read-with-strong-requirement',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A read that requires strong or linearizable consistency is served by followers of a store that does not replicate synchronously.',
        grounding: {
            seeds: [
                '001 › "## Linearizable Storage" › "### Single-leader replication setup"',
                '002 › "## Chapter 5 - Replication" › "#### Problems with Replication Lag"',
                '004 › "### 8. Follower Reads" › "#### Challenges of Follower Reads"'
            ],
            catalog: ['R86']
        },
        messages: {
            read: "'{{service}}' requires {{level}} reads{{why}} from '{{store}}' but reads from {{from}} while replication is {{mode}}: a follower answers with whatever it has applied so far, which may be older than a write that already succeeded."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        // A flow that requires strong reads passes its need to each hop of its path.
        const flowNeeds = strongFlowHops(model);
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'single-leader' || replication.mode === 'sync' || replication.followers === 0) continue;
            for (const read of model.incoming(store.id)) {
                if (!isRead(read)) continue;
                const source = read.readFrom ?? replication.readFrom;
                if (source === undefined || !FOLLOWER_SOURCES.has(source)) continue;
                const flow = read.requires === undefined ? flowNeeds.get(hopKey(read.source, store.id)) : undefined;
                const level = read.requires ?? flow?.requires;
                if (level === undefined || !STRONG_CONSISTENCY.has(level)) continue;
                const service = model.component(read.source);
                if (!service) continue;
                const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                    if (read.kind === 'reads') {
                        const edit = read.readFrom !== undefined
                            ? fixer.setValue(read.loc, 'ReadFromSetting', 'source', 'leader')
                            : fixer.addMember(read.loc, 'read from leader');
                        if (edit) fixes.push({ title: 'Read from the leader', edits: [edit], preferred: true });
                    }
    
                return fixes;
            };
            report({
                    messageId: 'read',
                    data: {
                        service: service.name, store: store.name, level,
                        why: flow ? ` (flow '${flow.name}')` : '',
                        from: source === 'followers' ? 'followers' : `'${source}' replicas (possibly followers)`,
                        mode: replication.mode === undefined ? 'not declared synchronous' : replication.mode
                    },
                    loc: targetLoc(read),
                    elements: [read.id],
                    related: flow ? [{ loc: flow.loc, message: `flow '${flow.name}' requires ${level}` }] : [],
                    fixes: buildFixes
                });
            }
        }
    }
});
