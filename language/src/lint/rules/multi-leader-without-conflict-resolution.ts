import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';

export default defineRule({
    meta: {
        id: 'multi-leader-without-conflict-resolution',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A multi-leader store declares no way to resolve conflicting concurrent writes.',
        grounding: {
            seeds: [
                '001 › "## Multi-Leader Replication" › "#### Solutions for Write Conflicts"',
                '002 › "#### Multi-Leader Replication" › "**Handling Write Conflicts**"'
            ],
            catalog: ['R68']
        },
        messages: {
            missing: "'{{store}}' accepts writes on {{leaders}} but declares no conflict resolution: two leaders can change the same record at once, and the copies then disagree for good.",
            none: "'{{store}}' accepts writes on {{leaders}} with conflict resolution 'none': concurrent changes to the same record leave the leaders holding different values."
        },
        options: {
            strategy: {
                type: 'string', default: 'version-vectors', enum: ['version-vectors', 'crdt', 'custom', 'avoidance', 'merge'],
                description: 'The conflict resolution the preferred quick fix declares.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader') continue;
            if (replication.leaders === 1) continue; // one leader cannot conflict with itself
            const resolution = replication.conflictResolution;
            if (resolution !== undefined && resolution !== 'none') continue;
            const fixes = (): FixModel[] => {
                const block = fixer.replication(store.loc, 'MultiLeader');
                const result: FixModel[] = [];
                if (!block) return result;
                const alternatives = [options.strategy, ...['version-vectors', 'crdt'].filter(s => s !== options.strategy)];
                alternatives.forEach((strategy, index) => {
                    const edit = resolution === 'none'
                        ? fixer.setValue(block, 'ConflictSetting', 'strategy', strategy, s => s.strategy === 'none')
                        : fixer.addMember(block, `conflict resolution ${strategy}`);
                    if (edit) result.push({ title: `Resolve conflicts with ${strategy}`, edits: [edit], preferred: index === 0 });
                });
                return result;
            };
            report({
                messageId: resolution === 'none' ? 'none' : 'missing',
                data: { store: store.name, leaders: replication.leaders !== undefined ? plural(replication.leaders, '# leader|# leaders') : 'several leaders' },
                loc: store.loc,
                elements: [store.id],
                fixes
            });
        }
    }
});
