import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'ordering-without-partition-key',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A topic with several partitions must keep messages in order but has no partition key.',
        grounding: {
            seeds: [
                '002 › "## Chapter 11 - Stream Processing" (b) › "#### Log Based Message Brokers + Partitioned Logs"',
                '002 › "#### Problems with Replication Lag" (consistent prefix reads)',
                '004 › "### 9. Message Sequence"',
                '001 › "## Message Brokers" › "### Log-based Message Brokers"'
            ],
            catalog: ['R50']
        },
        messages: {
            perKey: "'{{topic}}' has {{partitions}} {{partitions:partition|partitions}} and {{needs}}, but neither the topic nor its publishers name a key: related messages land in different partitions and are consumed out of order.",
            global: "'{{topic}}' has {{partitions}} {{partitions:partition|partitions}} and {{needs}}, but order only holds within one partition: with no key related messages are spread across partitions, and total order needs a single partition."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const topic of model.components.values()) {
            const partitions = topic.props.partitions;
            if (topic.kind !== 'topic' && topic.kind !== 'queue') continue;
            if (partitions === undefined || partitions <= 1 || topic.props.key !== undefined) continue;
            const publishes = model.incoming(topic.id, 'publishes');
            if (publishes.some(p => p.key !== undefined)) continue;
            const ordered = model.incoming(topic.id, 'consumes').filter(c => c.ordered);
            const ordering = topic.props.ordering;
            let needs: string;
            if (ordering === 'per-key' || ordering === 'global') needs = `requires ${ordering} ordering`;
            else if (ordered.length > 0) needs = `'${model.component(ordered[0].source)?.name ?? ordered[0].source}' consumes it in order`;
            else continue;
            const fixes = (): FixModel[] => {
                if (ordering !== 'global' || topic.origins.partitions !== 'declared') return [];
                const edit = fixer.setValue(topic.loc, 'PartitionsProp', 'count', '1');
                return edit ? [{ title: `Use a single partition for '${topic.name}' (total order, one consumer at a time)`, edits: [edit], preferred: true }] : [];
            };
            report({
                messageId: ordering === 'global' ? 'global' : 'perKey',
                data: { topic: topic.name, partitions, needs },
                loc: topic.loc,
                elements: [topic.id],
                related: [
                    ...ordered.map(c => ({ loc: targetLoc(c), message: `'${model.component(c.source)?.name ?? c.source}' consumes '${topic.name}' in order` })),
                    ...publishes.map(p => ({ loc: targetLoc(p), message: `'${model.component(p.source)?.name ?? p.source}' publishes without a key` }))
                ],
                fixes
            });
        }
    }
});
