import { channelOf, instances, targetLoc } from '../../model/queries.js';
import type { RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'in-memory-broker-ordering',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Messages that must stay in order are load-balanced over several consumers of an in-memory broker, which delivers them round robin.',
        grounding: {
            seeds: [
                '001 › "### In-memory Message Brokers"',
                '002 › "## Chapter 11 - Stream Processing" (b) › "#### Message Brokers (Message Queue)" (Multiple consumers)',
                '002 › "## Chapter 11 - Stream Processing" (a) › "#### 3. Partitioned Logs"'
            ],
            catalog: ['R46']
        },
        messages: {
            reordered: "'{{channel}}' on in-memory broker '{{broker}}' must keep {{what}} order but is load-balanced over {{count}} {{count:consumer|consumers}} ({{consumers}}): round-robin delivery and redelivery after a failure let a later message be processed before an earlier one."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // Consumers of one channel compete when they share a group (or state none: a queue's consumers compete by default).
        const byChannel = new Map<string, RelationModel[]>();
        for (const r of model.relations) {
            if (r.kind !== 'consumes') continue;
            const list = byChannel.get(r.target) ?? [];
            list.push(r);
            byChannel.set(r.target, list);
        }
        for (const [channelId, consumes] of byChannel) {
            const found = channelOf(model, channelId);
            if (!found || found.broker.props.brokerType !== 'in-memory') continue;
            const { channel, broker } = found;
            const groups = new Map<string, RelationModel[]>();
            for (const c of consumes) {
                const key = c.group ?? '';
                groups.set(key, [...(groups.get(key) ?? []), c]);
            }
            for (const group of groups.values()) {
                const ordered = group.filter(c => c.ordered);
                const declared = channel.props.ordering ?? (channel !== broker ? broker.props.ordering : undefined);
                if (ordered.length === 0 && (declared === undefined || declared === 'none')) continue;
                const members = group.map(c => model.component(c.source)).filter(c => c !== undefined);
                const count = members.reduce((sum, c) => sum + instances(c), 0);
                if (count < 2) continue;
                const at = ordered[0] ?? group[0];
                report({
                    messageId: 'reordered',
                    data: {
                        channel: channel.name, broker: broker.name, count,
                        what: declared === 'global' ? 'a global' : declared === 'per-key' ? 'per-key' : 'their',
                        consumers: members.map(c => (instances(c) > 1 ? `${c.name} ×${instances(c)}` : c.name)).join(', ')
                    },
                    loc: targetLoc(at),
                    elements: [channel.id, ...group.map(c => c.id)]
                });
            }
        }
    }
});
