import { channelOf, targetLoc } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

/** Normalised names that mark a channel as a dead-letter channel. */
function normal(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function looksLikeDlq(name: string): boolean {
    return /(dlq|deadletters?|deadletterqueue|deadletterchannel)$/.test(normal(name));
}

export default defineRule({
    meta: {
        id: 'consumer-without-dlq',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A consumer has no dead-letter queue, and neither has the channel it reads.',
        grounding: {
            seeds: [
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### DLQ (Dead Letter Queue) Pattern"',
                '004 › "### 11. Dead Letter Channel"'
            ],
            catalog: ['R44']
        },
        messages: {
            missing: "'{{consumer}}' consumes '{{channel}}' with no dead-letter queue: a message it cannot process is retried forever, blocking the messages behind it, or dropped without a trace."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        const dlqTargets = new Set<string>();
        for (const c of model.components.values()) if (c.props.dlq) dlqTargets.add(c.props.dlq);
        for (const r of model.relations) if (r.dlq) dlqTargets.add(r.dlq);
        const dlqNames = new Map<string, Map<string, ComponentModel>>();
        const siblings = (broker: ComponentModel): Map<string, ComponentModel> => {
            let byName = dlqNames.get(broker.id);
            if (!byName) {
                byName = new Map(model.children(broker.id).map(c => [normal(c.name), c]));
                dlqNames.set(broker.id, byName);
            }
            return byName;
        };

        for (const consume of model.relations) {
            if (consume.kind !== 'consumes' || consume.dlq !== undefined) continue;
            const found = channelOf(model, consume.target);
            const consumer = model.component(consume.source);
            if (!found || !consumer) continue;
            const { channel, broker } = found;
            if (channel.props.dlq || broker.props.dlq) continue;
            // Reading the dead-letter channel itself (to alert or reprocess) needs no DLQ of its own.
            if (dlqTargets.has(channel.id) || looksLikeDlq(channel.name)) continue;

            const dlq = channel !== broker ? deadLetterSibling(siblings(broker), channel) : undefined;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const written = fixer.referenceText(targetLoc(consume));
                if (!dlq || !written) return fixes;
                const qualifier = written.includes('.') ? written.slice(0, written.lastIndexOf('.') + 1) : '';
                const onConsume = fixer.addMember(consume.loc, `dlq ${qualifier}${dlq.name}`);
                if (onConsume) fixes.push({ title: `Send messages '${consumer.name}' cannot process to '${dlq.name}'`, edits: [onConsume], preferred: true });
                const onChannel = fixer.addMember(channel.loc, `dlq ${dlq.name}`);
                if (onChannel) fixes.push({ title: `Give '${channel.name}' the dead-letter queue '${dlq.name}' (for every consumer)`, edits: [onChannel] });
                return fixes;
            };
            report({
                messageId: 'missing',
                data: { consumer: consumer.name, channel: channel.name },
                loc: targetLoc(consume),
                elements: [consume.id],
                fixes: buildFixes
            });
        }
    }
});

/** A channel of the same broker named after this one as its dead-letter queue (`ordersDlq`, `orders-dlq`, `ordersDeadLetter`). */
function deadLetterSibling(byName: Map<string, ComponentModel>, channel: ComponentModel): ComponentModel | undefined {
    const base = normal(channel.name);
    for (const suffix of ['dlq', 'deadletter', 'deadletters', 'deadletterqueue']) {
        const found = byName.get(`${base}${suffix}`);
        if (found && found.id !== channel.id) return found;
    }
    return undefined;
}
