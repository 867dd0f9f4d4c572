import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Why a store is eventually consistent, or undefined when it is not (or nothing says). */
function eventualBecause(store: ComponentModel): string | undefined {
    const replication = store.props.replication;
    if (replication?.type === 'leaderless') return 'it replicates leaderless';
    if (replication?.type === 'multi-leader' && replication.leaders !== 1) return 'it accepts writes on several leaders';
    if (store.props.consistency === 'eventual') return 'it declares consistency eventual';
    if (replication?.type === 'single-leader' && replication.mode === 'async'
        && replication.readFrom !== undefined && replication.readFrom !== 'leader') {
        return 'it replicates asynchronously and serves reads from followers';
    }
    return undefined;
}

export default defineRule({
    meta: {
        id: 'financial-data-on-eventual-store',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store holding money or stock counts is eventually consistent.',
        grounding: {
            seeds: [
                '002 › "#### Relational model vs NoSQL model"',
                '002 › "#### Polyglot Persistance"',
                '004 › "### 4. Consistent Core"'
            ],
            catalog: ['R90']
        },
        messages: {
            eventual: "'{{store}}' holds {{kinds}} but is eventually consistent ({{reason}}): two readers can see different balances or stock levels, and decisions taken on the stale one (a double spend, an oversold item) cannot be undone by the store."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['financial', 'payments', 'inventory'],
                description: 'Kinds of data (from `holds`) that need a consistent store; stores holding none of them are not reported.'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const store of model.components.values()) {
            if (store.kind !== 'database' && store.kind !== 'objectstore' && store.kind !== 'search') continue;
            const kinds = store.props.holds.filter(k => sensitive.has(k.toLowerCase()));
            if (kinds.length === 0) continue;
            const reason = eventualBecause(store);
            if (!reason) continue;
            report({ messageId: 'eventual', data: { store: store.name, kinds: kinds.join(', '), reason }, loc: store.loc, elements: [store.id] });
        }
    }
});
