import { isCompute, isRead, isWrite, targetLoc } from '../../model/queries.js';
import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

const FOLLOWER_SOURCES = new Set(['followers', 'any', 'nearest']);

export default defineRule({
    meta: {
        id: 'follower-read-without-read-your-writes',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service reads a store it writes (or needs read-your-writes from) on lagging followers.',
        grounding: {
            seeds: [
                '001 › "# Database Replication" › "## Improving Eventual Consistency"',
                '002 › "#### Problems with Replication Lag" (reading your own writes)',
                '004 › "### 8. Follower Reads" › "#### Challenges of Follower Reads"'
            ],
            catalog: ['R84', 'R85']
        },
        messages: {
            required: "'{{service}}' requires read-your-writes from '{{store}}' but reads it from {{from}} while replication is {{mode}}: right after a write the follower may not have it yet.",
            writesToo: "'{{service}}' writes '{{store}}' and reads it back from {{from}} while replication is {{mode}}: a user can save a change and then not see it."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'single-leader' || replication.mode === 'sync' || replication.followers === 0) continue;
            const incoming = model.incoming(store.id);
            const writes = new Map<string, (typeof incoming)[number]>();
            for (const relation of incoming) if (isWrite(relation) && !writes.has(relation.source)) writes.set(relation.source, relation);
            for (const read of incoming) {
                if (!isRead(read)) continue;
                const source = read.readFrom ?? replication.readFrom;
                if (source === undefined || !FOLLOWER_SOURCES.has(source)) continue;
                const service = model.component(read.source);
                if (!isCompute(service)) continue;
                let messageId: 'required' | 'writesToo';
                let write = undefined as (typeof incoming)[number] | undefined;
                if (read.requires === 'read-your-writes') messageId = 'required';
                else if (read.requires !== undefined) continue; // another stated need: not this rule's call
                else {
                    write = writes.get(read.source);
                    if (!write) continue;
                    messageId = 'writesToo';
                }
                const fixes = (): FixModel[] => {
                    if (read.kind !== 'reads') return [];
                    const edit = read.readFrom !== undefined
                        ? fixer.setValue(read.loc, 'ReadFromSetting', 'source', 'leader')
                        : fixer.addMember(read.loc, 'read from leader');
                    return edit ? [{ title: 'Read from the leader', edits: [edit], preferred: true }] : [];
                };
                report({
                    messageId,
                    data: {
                        service: service!.name, store: store.name,
                        from: source === 'followers' ? 'followers' : `'${source}' replicas (possibly followers)`,
                        mode: replication.mode === undefined ? 'not declared synchronous' : replication.mode
                    },
                    loc: targetLoc(read),
                    elements: [read.id],
                    related: write ? [{ loc: write.loc, message: `'${service!.name}' writes '${store.name}' here` }] : [],
                    fixes
                });
            }
        }
    }
});
