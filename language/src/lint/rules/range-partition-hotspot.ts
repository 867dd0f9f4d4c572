import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'range-partition-hotspot',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store is range-partitioned on an ever-increasing key, or partitioned on a key with few distinct values.',
        grounding: {
            seeds: ['001 › "# Database Partitioning"', '002 › "**Handling Skew**"'],
            catalog: ['R93']
        },
        messages: {
            increasing: "'{{store}}' is range-partitioned on '{{key}}' ({{kind}}): new records all have the newest values, so every write lands on the last partition while the others sit idle.",
            lowCardinality: "'{{store}}' is partitioned on '{{key}}', which has few distinct values: however many partitions there are, data and load can only spread over that many."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const partition = store.props.partition;
            if (!partition?.key || !partition.keyKind) continue;
            if (partition.keyKind === 'low-cardinality') {
                report({ messageId: 'lowCardinality', data: { store: store.name, key: partition.key }, loc: store.loc, elements: [store.id] });
                continue;
            }
            if (partition.strategy !== 'range' || (partition.keyKind !== 'timestamp' && partition.keyKind !== 'monotonic')) continue;
            report({
                messageId: 'increasing',
                data: { store: store.name, key: partition.key, kind: partition.keyKind === 'timestamp' ? 'a timestamp' : 'a monotonically increasing value' },
                loc: store.loc,
                elements: [store.id],
                fixes: () => {
                    const edit = fixer.setValue(store.loc, 'PartitionProp', 'strategy', 'hash', p => p.strategy === 'range');
                    return edit ? [{ title: 'Partition by hash of the key', edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
