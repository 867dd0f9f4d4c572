import { effectiveDelivery, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'at-least-once-without-idempotent-consumer',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A consumer receives at-least-once deliveries (or outbox duplicates) but is not idempotent.',
        grounding: {
            seeds: [
                '003 › "## Message Delivery Semantics"',
                '004 › "### 1. Idempotent Consumer" › "#### Approaches to implement an idempotent consumer"',
                '000 › "### Transactional Outbox Pattern" › "#### Addressing Potential Issues"',
                '001 › "## Message Brokers" › "### Exactly once message processing"'
            ],
            catalog: ['R41']
        },
        messages: {
            atLeastOnce: "'{{consumer}}' consumes '{{channel}}' with at-least-once delivery ({{from}}) but is not idempotent: a message redelivered after a lost acknowledgement is processed twice.",
            outbox: "'{{consumer}}' consumes '{{channel}}', which '{{producer}}' publishes through an outbox, but is not idempotent: a relay that crashes before marking an entry sent publishes it again, and '{{consumer}}' processes it twice."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const consume of model.relations) {
            if (consume.kind !== 'consumes' || consume.idempotent || consume.idempotencyKey) continue;
            const consumer = model.component(consume.source);
            const channel = model.component(consume.target);
            if (!consumer || !channel) continue;
            const delivery = effectiveDelivery(model, consume);
            let messageId: 'atLeastOnce' | 'outbox';
            const data: Record<string, string> = { consumer: consumer.name, channel: channel.name };
            if (delivery === 'at-least-once') {
                messageId = 'atLeastOnce';
                data.from = consume.delivery ? 'set on the consume' : channel.props.delivery ? `set on '${channel.name}'` : 'set on its broker';
            } else if (delivery === undefined) {
                const viaOutbox = model.incoming(channel.id, 'publishes').find(p => p.via === 'outbox');
                if (!viaOutbox) continue;
                messageId = 'outbox';
                data.producer = model.component(viaOutbox.source)?.name ?? viaOutbox.source;
            } else {
                continue;
            }
            report({
                messageId,
                data,
                loc: targetLoc(consume),
                elements: [consume.id],
                fixes: () => {
                    const edit = fixer.addMember(consume.loc, 'idempotent');
                    return edit ? [{ title: `Mark '${consumer.name}' as an idempotent consumer of '${channel.name}'`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
