import { channelOf, instances, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';
import type { FixModel } from '../types.js';

interface Group {
    name?: string;
    consumes: RelationModel[];
    consumers: ComponentModel[];
    instances: number;
}

export default defineRule({
    meta: {
        id: 'consumers-exceed-partitions',
        type: 'suggestion',
        defaultSeverity: 'warning',
        description: 'A consumer group on a log-based topic has more instances than the topic has partitions.',
        grounding: {
            seeds: [
                '002 › "## Chapter 11 - Stream Processing" (b) › "#### Log Based Message Brokers + Partitioned Logs"',
                '001 › "## Message Brokers" › "### Log-based Message Brokers"'
            ],
            catalog: ['R49']
        },
        messages: {
            group: "Consumer group '{{group}}' runs {{instances}} {{instances:instance|instances}} ({{consumers}}) on '{{topic}}', which has {{partitions}} {{partitions:partition|partitions}}: each partition goes to one member of the group, so {{idle}} of them {{idle:sits|sit}} idle.",
            single: "'{{consumer}}' runs {{instances}} {{instances:instance|instances}} on '{{topic}}', which has {{partitions}} {{partitions:partition|partitions}}: each partition goes to one instance, so {{idle}} of them {{idle:sits|sit}} idle."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const topic of model.components.values()) {
            const partitions = topic.props.partitions;
            if (partitions === undefined || partitions < 1 || (topic.kind !== 'topic' && topic.kind !== 'queue')) continue;
            const found = channelOf(model, topic.id);
            if (!found || (topic.props.brokerType ?? found.broker.props.brokerType) !== 'log-based') continue;
            const groups = new Map<string, Group>();
            for (const consume of model.incoming(topic.id, 'consumes')) {
                const consumer = model.component(consume.source);
                if (!consumer) continue;
                // Without a group name every consumer is a group of its own (it reads every partition).
                const key = consume.group !== undefined ? `group:${consume.group}` : `solo:${consume.id}`;
                const group = groups.get(key) ?? { name: consume.group, consumes: [], consumers: [], instances: 0 };
                group.consumes.push(consume);
                if (!group.consumers.includes(consumer)) {
                    group.consumers.push(consumer);
                    group.instances += instances(consumer);
                }
                groups.set(key, group);
            }
            for (const group of groups.values()) {
                if (group.instances <= partitions) continue;
                const wanted = group.instances;
                const fixes = (): FixModel[] => {
                    if (topic.origins.partitions !== 'declared') return [];
                    const edit = fixer.setValue(topic.loc, 'PartitionsProp', 'count', String(wanted));
                    return edit ? [{ title: `Give '${topic.name}' ${wanted} partitions`, edits: [edit], preferred: true }] : [];
                };
                const [first, ...rest] = group.consumes;
                const data = {
                    topic: topic.name, partitions, instances: group.instances, idle: group.instances - partitions,
                    group: group.name ?? '', consumer: group.consumers[0].name, consumers: group.consumers.map(c => c.name).join(', ')
                };
                report({
                    messageId: group.name !== undefined ? 'group' : 'single',
                    data,
                    loc: targetLoc(first),
                    elements: [first.id],
                    related: [
                        { loc: topic.loc, message: `'${topic.name}' has ${plural(partitions, '# partition|# partitions')}` },
                        ...rest.map(r => ({ loc: targetLoc(r), message: `'${model.component(r.source)?.name ?? r.source}' is in the same group` }))
                    ],
                    fixes
                });
            }
        }
    }
});
