import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';

export default defineRule({
    meta: {
        id: 'partitioned-without-key',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A database is partitioned by a strategy but declares no partition key.',
        grounding: {
            seeds: [
                '004 › "### 2. Sharded Services"',
                '001 › "# Database Partitioning"'
            ],
            catalog: ['R95']
        },
        messages: {
            missing: "'{{store}}' is split into {{parts}} by {{strategy}} but names no key: the key decides which partition a record lives on, whether related records stay together and where the hot spots are."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            if (store.kind !== 'database') continue;
            const partition = store.props.partition;
            // Only a partitioning the text declares: a technology's default partitions by the table's own primary key.
            if (!partition || store.origins.partition !== 'declared') continue;
            if (partition.strategy === undefined || partition.strategy === 'functional' || partition.key !== undefined) continue;
            report({
                messageId: 'missing',
                data: {
                    store: store.name,
                    strategy: partition.strategy,
                    parts: partition.count !== undefined ? plural(partition.count, '# partition|# partitions') : 'partitions'
                },
                loc: store.loc,
                elements: [store.id]
            });
        }
    }
});
