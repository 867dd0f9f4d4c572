import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'sloppy-quorum-without-hinted-handoff',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A leaderless store accepts writes on stand-in nodes (sloppy quorum) but never hands them back to their home nodes.',
        grounding: {
            seeds: [
                '002 › "**Sloppy quorums and hinted handoff**"',
                '001 › "## Leaderless Replication" › "#### Sloppy Quorums"'
            ],
            catalog: ['R78']
        },
        messages: {
            noHandoff: "'{{store}}' uses a sloppy quorum without hinted handoff: writes accepted by stand-in nodes during an outage never reach the replicas that own the key, so reads from those replicas miss them."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'leaderless' || !replication.sloppyQuorum || replication.hintedHandoff) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const edit = fixer.addToReplication(store.loc, 'Leaderless', 'hinted-handoff');
                if (edit) fixes.push({ title: 'Add hinted handoff', edits: [edit], preferred: true });
                return fixes;
            };
            report({ messageId: 'noHandoff', data: { store: store.name }, loc: store.loc, elements: [store.id], fixes: buildFixes });
        }
    }
});
