import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'quorum-no-overlap',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A leaderless store has w + r <= n, so a read quorum can miss every replica that took the latest write.',
        grounding: {
            seeds: [
                '001 › "## Leaderless Replication" › "### Quorums"',
                '002 › "#### Multi-Leader Replication" › "**Quorums for reading and writing**"'
            ],
            catalog: ['R74']
        },
        messages: {
            noOverlap: "'{{store}}' writes to {{w}} and reads from {{r}} of its {{n}} {{n:replica|replicas}}: w + r = {{sum}} is not more than n = {{n}}, so a read can ask only replicas that missed the latest write and return an old value."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'leaderless') continue;
            const { n, w, r } = replication;
            if (n === undefined || w === undefined || r === undefined) continue;
            if (n < 1 || w < 1 || r < 1 || w > n || r > n) continue; // quorum-invalid reports those
            if (w + r > n) continue;
            const fixes = (): FixModel[] => {
                const result: FixModel[] = [];
                const block = fixer.replication(store.loc, 'Leaderless');
                if (!block) return result;
                const raiseR = fixer.setValue(block, 'QuorumSetting', 'value', String(n + 1 - w), q => q.param === 'r');
                if (raiseR) result.push({ title: `Raise r to ${n + 1 - w} (w + r = n + 1)`, edits: [raiseR], preferred: true });
                const raiseW = fixer.setValue(block, 'QuorumSetting', 'value', String(n + 1 - r), q => q.param === 'w');
                if (raiseW) result.push({ title: `Raise w to ${n + 1 - r} (w + r = n + 1)`, edits: [raiseW] });
                return result;
            };
            report({
                messageId: 'noOverlap',
                data: { store: store.name, n, w, r, sum: w + r },
                loc: store.loc,
                elements: [store.id],
                fixes
            });
        }
    }
});
