import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'async-replication-lost-writes',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store holding orders, payments or similar data replicates asynchronously and fails over automatically, so a failover drops acknowledged writes.',
        grounding: {
            seeds: [
                '002 › "## Chapter 5 - Replication" › "#### Synchronous vs Asynchronous Replication"',
                '002 › "## Chapter 5 - Replication" › "#### Handling Node Outages"',
                '001 › "## Single Leader Replication" › "### Possible Failure Scenarios"',
                '004 › "#### Challenges of Leader-Follower"'
            ],
            catalog: ['R83']
        },
        messages: {
            lostWrites: "'{{store}}' holds {{kinds}}, replicates asynchronously and fails over automatically: writes the leader acknowledged but had not yet shipped are gone once a follower is promoted, and the old leader's copy is discarded when it returns."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['orders', 'payments', 'financial', 'inventory'],
                description: 'Kinds of data (from `holds`) whose loss on failover is not acceptable; stores holding none of them are not reported.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'single-leader' || replication.mode !== 'async') continue;
            if (replication.followers === 0) continue;
            if ((replication.failover ?? store.props.failover) !== 'automatic') continue;
            const kinds = store.props.holds.filter(k => sensitive.has(k.toLowerCase()));
            if (kinds.length === 0) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const block = fixer.replication(store.loc, 'SingleLeader');
                const edit = block ? fixer.setValue(block, 'SyncModeSetting', 'mode', 'semi-sync') : undefined;
                if (edit) fixes.push({ title: 'Replicate semi-synchronously (one follower confirms each write)', edits: [edit], preferred: true });
                return fixes;
            };
            report({
                messageId: 'lostWrites',
                data: { store: store.name, kinds: kinds.join(', ') },
                loc: store.loc,
                elements: [store.id],
                fixes: buildFixes
            });
        }
    }
});
