import { findTechnology } from '../../model/technologies.js';
import type { SourceLocation } from '../../model/types.js';
import type { Fixer, FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'last-write-wins-data-loss',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store holding orders, payments or similar data resolves write conflicts by last-write-wins.',
        grounding: {
            seeds: [
                '001 › "## Multi-Leader Replication" › "#### Last Write Wins"',
                '002 › "#### Multi-Leader Replication" › "**Handling Write Conflicts**"',
                '002 › "**Limitations of Quorum Consistency**"'
            ],
            catalog: ['R69']
        },
        messages: {
            declared: "'{{store}}' holds {{kinds}} and resolves concurrent writes by last-write-wins: the write with the older timestamp is dropped without an error, and skewed clocks decide which one that is.",
            implied: "'{{store}}' holds {{kinds}} on {{technology}}, which resolves concurrent writes by last-write-wins: one of two concurrent writes is silently discarded, chosen by clock timestamps."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['orders', 'payments', 'financial', 'inventory'],
                description: 'Kinds of data (from `holds`) whose silent loss is not acceptable; stores holding none of them are not reported.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader' && replication?.type !== 'leaderless') continue;
            if (replication.conflictResolution !== 'lww') continue;
            if (replication.type === 'multi-leader' && replication.leaders === 1) continue;
            const kinds = store.props.holds.filter(k => sensitive.has(k));
            if (kinds.length === 0) continue;
            const techDefault = findTechnology(store.technology)?.defaults.replication;
            // A declared `conflict resolution lww` is the author's choice: switching the strategy is a real option.
            const fixes = (): FixModel[] => {
                const result: FixModel[] = [];
                const block = fixer.replication(store.loc);
                if (!block) return result;
                for (const [index, strategy] of ['version-vectors', 'crdt'].entries()) {
                    const edit = fixer.setValue(block, 'ConflictSetting', 'strategy', strategy, s => s.strategy === 'lww');
                    if (edit) result.push({ title: `Resolve conflicts with ${strategy} instead of last-write-wins`, edits: [edit], preferred: index === 0 });
                }
                return result;
            };
            // The technology's LWW only when the text states none: a declared replication of another type, or a declared lww, is the author's.
            // Whether the text states one (the strategy a fix would switch) is read only when the technology's default is LWW.
            const implied = store.technologyKnown && techDefault !== undefined && techDefault.type === replication.type
                && 'conflictResolution' in techDefault && techDefault.conflictResolution === 'lww'
                && !statesLww(fixer, store.loc);
            report({
                messageId: implied ? 'implied' : 'declared',
                data: { store: store.name, kinds: kinds.join(', '), technology: store.technology ?? '' },
                loc: store.loc,
                elements: [store.id],
                fixes
            });
        }
    }
});

/**
 * Whether the component's replication block writes `conflict resolution lww`: exactly when the quick
 * fixes can switch the strategy (`setValue` edits the strategy written there), found without building them.
 */
function statesLww(fixer: Fixer, loc: SourceLocation): boolean {
    const block = fixer.replication(loc);
    return block !== undefined && fixer.valueText(block, 'ConflictSetting', 'strategy', s => s.strategy === 'lww') !== undefined;
}
