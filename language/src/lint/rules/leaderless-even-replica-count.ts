import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'leaderless-even-replica-count',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A leaderless store keeps an even number of replicas, which tolerates no more failures than one replica fewer.',
        grounding: {
            seeds: ['002 › "**Quorums for reading and writing**"'],
            catalog: ['R76']
        },
        messages: {
            even: "'{{store}}' keeps n = {{n}} {{n:replica|replicas}}: a majority of {{n}} {{n:replica|replicas}} tolerates no more failures than a majority of {{smaller}} {{smaller:replica|replicas}}, so the extra replica adds cost and write load but no availability (an odd n, typically 3 or 5, is the usual choice)."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'leaderless') continue;
            const { n, w, r } = replication;
            if (n === undefined || n < 2 || n % 2 !== 0) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const block = fixer.replication(store.loc, 'Leaderless');
                if (!block) return fixes;
                // Only sizes that keep the stated quorums valid and overlapping.
                const keeps = (size: number) => (w === undefined || w <= size) && (r === undefined || r <= size)
                    && (w === undefined || r === undefined || w + r > size);
                for (const size of [n + 1, n - 1]) {
                    if (!keeps(size)) continue;
                    const edit = fixer.setValue(block, 'QuorumSetting', 'value', String(size), q => q.param === 'n');
                    if (edit) fixes.push({ title: `Keep ${size} replicas`, edits: [edit], preferred: fixes.length === 0 });
                }
                return fixes;
            };
            report({ messageId: 'even', data: { store: store.name, n, smaller: n - 1 }, loc: store.loc, elements: [store.id], fixes: buildFixes });
        }
    }
});
