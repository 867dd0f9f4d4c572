import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

/** Strategies that order or merge concurrent writes without knowing which one happened before the other. */
const CAUSALITY_BLIND = new Set(['lww', 'custom', 'merge']);

export default defineRule({
    meta: {
        id: 'all-to-all-without-causality-tracking',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Leaders replicate all-to-all without version vectors or CRDTs, so a write can arrive before the write it depends on.',
        grounding: {
            seeds: [
                '001 › "## Multi-Leader Replication" › "#### All-to-all Topology"',
                '002 › "**Multi-leader Replication Topologies**"'
            ],
            catalog: ['R71']
        },
        messages: {
            blind: "'{{store}}' replicates all-to-all between {{leaders}} and resolves conflicts by {{strategy}}: replication messages can overtake each other on different paths, so an update may reach a leader before the insert it modifies, and nothing tells the two apart from concurrent writes."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader' || replication.topology !== 'all-to-all') continue;
            const strategy = replication.conflictResolution;
            if (strategy === undefined || !CAUSALITY_BLIND.has(strategy)) continue; // unset or none: multi-leader-without-conflict-resolution
            const leaders = replication.leaders ?? replication.leaderPlacements.length;
            if (leaders > 0 && leaders < 3) continue; // two leaders have one path between them: nothing can overtake
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const lookup = fixer.replication(store.loc, 'MultiLeader');
                const edit = (lookup && fixer.setValue(lookup, 'ConflictSetting', 'strategy', 'version-vectors'))
                    ?? fixer.setValue(store.loc, 'ConflictSetting', 'strategy', 'version-vectors');
                if (edit) fixes.push({ title: 'Track causality with version vectors', edits: [edit], preferred: true });
                return fixes;
            };
            report({
                messageId: 'blind',
                data: {
                    store: store.name,
                    leaders: leaders > 0 ? `${leaders} leaders` : 'its leaders',
                    strategy: strategy === 'lww' ? 'last-write-wins' : `'${strategy}'`
                },
                loc: store.loc,
                elements: [store.id],
                fixes: buildFixes
            });
        }
    }
});
