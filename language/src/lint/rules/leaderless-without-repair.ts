import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'leaderless-without-repair',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A leaderless store has no read repair and no anti-entropy, so a replica that missed a write never catches up.',
        grounding: {
            seeds: [
                '002 › "**Catching up when node is back online: Read repair and anti-entropy**"',
                '001 › "## Leaderless Replication" › "### Anti-Entropy"'
            ],
            catalog: ['R79']
        },
        messages: {
            none: "'{{store}}' uses leaderless replication without read repair or anti-entropy: a replica that was down during a write keeps the old value for good, and reads that reach it can return stale data indefinitely.",
            readRepairOnly: "'{{store}}' repairs replicas only when values are read: a value that is rarely read stays missing on the replicas that missed its write (add anti-entropy)."
        },
        options: {
            requireAntiEntropy: {
                type: 'boolean', default: false,
                description: 'Also report a store that has read repair but no anti-entropy process (rarely read values may stay missing).'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'leaderless' || replication.antiEntropy) continue;
            if (replication.readRepair && !options.requireAntiEntropy) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const text = replication.readRepair ? 'anti-entropy' : 'read repair; anti-entropy';
                const edit = fixer.addToReplication(store.loc, 'Leaderless', text);
                if (edit) fixes.push({ title: replication.readRepair ? 'Add anti-entropy' : 'Add read repair and anti-entropy', edits: [edit], preferred: true });
                return fixes;
            };
            report({
                messageId: replication.readRepair ? 'readRepairOnly' : 'none',
                data: { store: store.name },
                loc: store.loc,
                elements: [store.id],
                fixes: buildFixes
            });
        }
    }
});
