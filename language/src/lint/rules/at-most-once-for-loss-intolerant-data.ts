import { channelOf, effectiveDelivery, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'at-most-once-for-loss-intolerant-data',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Messages carrying orders, payments or similar data are delivered at most once, so a crash loses them.',
        grounding: {
            seeds: ['003 › "## Message Delivery Semantics"'],
            catalog: ['R43']
        },
        messages: {
            lossy: "'{{consumer}}' consumes '{{channel}}' at most once, but '{{channel}}' carries {{kinds}}: a message is acknowledged before it is processed, so a crash or a lost packet drops it for good. At-most-once is for data that may be lost, such as location updates."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['orders', 'payments', 'financial'],
                description: 'Kinds of data (from `holds` on the channel or its broker) that must not be lost; channels carrying none of them are not reported.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const consume of model.relations) {
            if (consume.kind !== 'consumes' || effectiveDelivery(model, consume) !== 'at-most-once') continue;
            const found = channelOf(model, consume.target);
            const consumer = model.component(consume.source);
            if (!found || !consumer) continue;
            const held = new Set([...found.channel.props.holds, ...(found.broker !== found.channel ? found.broker.props.holds : [])]);
            const kinds = [...held].filter(k => sensitive.has(k.toLowerCase()));
            if (kinds.length === 0) continue;
            const buildFixes = (): FixModel[] => {
                const edit = consume.delivery !== undefined
                    ? fixer.setValue(consume.loc, 'DeliveryProp', 'delivery', 'at-least-once')
                    : fixer.addMember(consume.loc, 'delivery at-least-once');
                return edit ? [{ title: 'Consume at least once (acknowledge after processing)', edits: [edit], preferred: true }] : [];
            };
            report({
                messageId: 'lossy',
                data: { consumer: consumer.name, channel: found.channel.name, kinds: kinds.join(', ') },
                loc: targetLoc(consume),
                elements: [consume.id],
                fixes: buildFixes
            });
        }
    }
});
