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
            const block = () => fixer.replication(store.loc, 'Leaderless');
            const base = { store: store.name };
            if (n === undefined) {
                if (w === undefined && r === undefined) continue;
                const params = [w !== undefined ? `w ${w}` : undefined, r !== undefined ? `r ${r}` : undefined].filter(Boolean).join(' and ');
                const size = Math.max(options.defaultN, w ?? 0, r ?? 0);
                report({
                    messageId: 'missingN', data: { ...base, params }, loc: store.loc, elements: [store.id],
                    fixes: () => {
                        const at = block();
                        const edit = at ? fixer.addMember(at, `n ${size}`) : undefined;
                        return edit ? [{ title: `Declare n ${size}`, edits: [edit], preferred: true }] : [];
                    }
                });
            }
            if (n !== undefined && n < 1) {
                report({ messageId: 'belowOne', data: { ...base, param: 'n', value: n, action: 'copy of the data' }, loc: store.loc, elements: [store.id] });
            }
            for (const [param, value, action] of [['w', w, 'write'], ['r', r, 'read']] as const) {
                if (value === undefined) continue;
                // The quorum setting of `param` set to `target`, offered as `title`.
                const setTo = (target: number, title: string) => (): FixModel[] => {
                    const at = block();
                    const edit = at ? fixer.setValue(at, 'QuorumSetting', 'value', String(target), q => q.param === param) : undefined;
                    return edit ? [{ title, edits: [edit], preferred: true }] : [];
                };
                if (value < 1) {
                    const target = n !== undefined && n >= 1 ? Math.floor(n / 2) + 1 : 1;
                    const fixes = setTo(target, `Set ${param} to ${target}`);
                    report({ messageId: 'belowOne', data: { ...base, param, value, action }, loc: store.loc, elements: [store.id], fixes });
                } else if (n !== undefined && n >= 1 && value > n) {
                    const fixes = setTo(n, `Lower ${param} to n (${n})`);
                    report({ messageId: 'aboveN', data: { ...base, param, value, n, action }, loc: store.loc, elements: [store.id], fixes });
                }
            }
        }
    }
});
