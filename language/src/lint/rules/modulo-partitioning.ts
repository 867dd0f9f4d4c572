import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'modulo-partitioning',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store assigns keys to partitions by hash modulo the partition count.',
        grounding: {
            seeds: ['001 › "# Database Partitioning" › "## Consistent Hashing"', '001 › "## Fixed Partition Rebalancing"'],
            catalog: ['R92']
        },
        messages: {
            modulo: "'{{store}}' places keys by hash modulo the number of partitions: when a node is added or lost, the divisor changes and nearly every key has to move."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            if (store.props.partition?.strategy !== 'modulo') continue;
            report({
                messageId: 'modulo',
                data: { store: store.name },
                loc: store.loc,
                elements: [store.id],
                fixes: () => {
                    const edit = fixer.setValue(store.loc, 'PartitionProp', 'strategy', 'consistent-hash', p => p.strategy === 'modulo');
                    return edit ? [{ title: 'Use consistent hashing', edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
