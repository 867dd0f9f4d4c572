import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'fully-synchronous-replication',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A single-leader store waits for every one of several followers on each write, so any one follower down or slow blocks all writes.',
        grounding: {
            seeds: [
                '002 › "## Chapter 5 - Replication" › "#### Synchronous vs Asynchronous Replication"'
            ],
            catalog: ['R81']
        },
        messages: {
            allSync: "'{{store}}' replicates synchronously to {{followers}} {{followers:follower|followers}}: a write waits for every one of them, so a single slow or failed follower stalls every write to '{{store}}'."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'single-leader' || replication.mode !== 'sync') continue;
            if (replication.followers === undefined || replication.followers < 2) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const block = fixer.replication(store.loc, 'SingleLeader');
                const edit = block ? fixer.setValue(block, 'SyncModeSetting', 'mode', 'semi-sync') : undefined;
                if (edit) fixes.push({ title: 'Replicate semi-synchronously (one follower confirms, the others catch up)', edits: [edit], preferred: true });
                return fixes;
            };
            report({ messageId: 'allSync', data: { store: store.name, followers: replication.followers }, loc: store.loc, elements: [store.id], fixes: buildFixes });
        }
    }
});
