import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'quorum-invalid',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A leaderless store has quorum numbers that cannot work: w or r without n, a value below 1, or w or r above n.',
        grounding: {
            seeds: [
                '002 › "#### Multi-Leader Replication" › "**Quorums for reading and writing**"',
                '001 › "## Leaderless Replication" › "### Quorums"'
            ],
            catalog: ['R75']
        },
        messages: {
            missingN: "'{{store}}' sets {{params}} but not n: without the number of replicas nobody can tell whether reads and writes overlap.",
            belowOne: "'{{store}}' has {{param}} {{value}}: every {{action}} must be confirmed by at least one replica.",
            aboveN: "'{{store}}' has {{param}} {{value}} but only n = {{n}} {{n:replica|replicas}}: a {{action}} can never collect {{value}} {{value:answer|answers}}, so every {{action}} fails."
        },
        options: {
            defaultN: { type: 'number', default: 3, minimum: 1, description: 'The replica count the quick fix adds when n is missing (raised to cover w and r).' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'leaderless') continue;
            const { n, w, r } = replication;
            if (w === undefined && r === undefined && n === undefined) continue;
            const block = fixer.replication(store.loc, 'Leaderless');
            const base = { store: store.name };
            if (n === undefined) {
                if (w === undefined && r === undefined) continue;
                const params = [w !== undefined ? `w ${w}` : undefined, r !== undefined ? `r ${r}` : undefined].filter(Boolean).join(' and ');
                const size = Math.max(options.defaultN, w ?? 0, r ?? 0);
                const edit = block ? fixer.addMember(block, `n ${size}`) : undefined;
                report({
                    messageId: 'missingN', data: { ...base, params }, loc: store.loc, elements: [store.id],
                    fixes: edit ? [{ title: `Declare n ${size}`, edits: [edit], preferred: true }] : []
                });
            }
            if (n !== undefined && n < 1) {
                report({ messageId: 'belowOne', data: { ...base, param: 'n', value: n, action: 'copy of the data' }, loc: store.loc, elements: [store.id] });
            }
            for (const [param, value, action] of [['w', w, 'write'], ['r', r, 'read']] as const) {
                if (value === undefined) continue;
                const fixes: FixModel[] = [];
                const written = (q: { param: string }) => q.param === param;
                if (value < 1) {
                    const target = n !== undefined && n >= 1 ? Math.floor(n / 2) + 1 : 1;
                    const edit = block ? fixer.setValue(block, 'QuorumSetting', 'value', String(target), written) : undefined;
                    if (edit) fixes.push({ title: `Set ${param} to ${target}`, edits: [edit], preferred: true });
                    report({ messageId: 'belowOne', data: { ...base, param, value, action }, loc: store.loc, elements: [store.id], fixes });
                } else if (n !== undefined && n >= 1 && value > n) {
                    const edit = block ? fixer.setValue(block, 'QuorumSetting', 'value', String(n), written) : undefined;
                    if (edit) fixes.push({ title: `Lower ${param} to n (${n})`, edits: [edit], preferred: true });
                    report({ messageId: 'aboveN', data: { ...base, param, value, n, action }, loc: store.loc, elements: [store.id], fixes });
                }
            }
        }
    }
});
