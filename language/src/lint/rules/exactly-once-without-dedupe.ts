import { effectiveDelivery, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'exactly-once-without-dedupe',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A consumer relies on exactly-once delivery but is not idempotent: the guarantee ends at the broker, and side effects outside it can still happen twice.',
        grounding: {
            seeds: [
                '003 › "## Message Delivery Semantics"',
                '001 › "### Apache Flink"',
                '002 › "## Chapter 11 - Stream Processing" (b) › "#### Fault Tolerance"'
            ],
            catalog: ['R42']
        },
        messages: {
            noDedupe: "'{{consumer}}' consumes '{{channel}}' with exactly-once delivery but is not idempotent: the broker's exactly-once covers only what stays inside it, so after a crash between processing and commit '{{consumer}}' sees the message again and repeats its effects."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const consume of model.relations) {
            if (consume.kind !== 'consumes' || consume.idempotent) continue;
            if (effectiveDelivery(model, consume) !== 'exactly-once') continue;
            const consumer = model.component(consume.source);
            const channel = model.component(consume.target);
            if (!consumer || !channel) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const edit = fixer.addMember(consume.loc, 'idempotent');
                if (edit) fixes.push({ title: 'Declare the consumer idempotent (it records processed message ids)', edits: [edit], preferred: true });
                return fixes;
            };
            report({
                messageId: 'noDedupe',
                data: { consumer: consumer.name, channel: channel.name },
                loc: targetLoc(consume),
                elements: [consume.id],
                fixes: buildFixes
            });
        }
    }
});
