import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

/** Protocols that speak to a broker: a call over one of them is queued by something in between. */
const BROKER_PROTOCOLS: ReadonlySet<string> = new Set(['amqp', 'mqtt', 'stomp', 'kafka', 'nats']);

export default defineRule({
    meta: {
        id: 'direct-async-without-broker',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service sends fire-and-forget messages carrying orders, payments or similar data straight to another component, with no broker to keep them.',
        grounding: {
            seeds: [
                '002 › "#### Messaging Systems" › "**Direct messaging from producers to consumers**"',
                '002 › "#### Dataflow through asynchronous message passing: Message brokers"',
                '003 › "### Message Brokers"'
            ],
            catalog: ['R53']
        },
        messages: {
            direct: "'{{source}}' sends {{kinds}} to '{{target}}' asynchronously {{how}}, with no broker in between: while '{{target}}' is down the messages have nowhere to wait, and if '{{source}}' crashes its unsent buffer is gone. Publish them to a topic or queue that '{{target}}' consumes."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['orders', 'payments', 'financial', 'inventory'],
                description: 'Kinds of data (from `holds` on either end of the call) that must not be lost; calls between components holding none of them are not reported.'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const relation of model.relations) {
            if (relation.kind !== 'calls' || relation.sync || relation.source === relation.target) continue;
            if (relation.protocol !== undefined && BROKER_PROTOCOLS.has(relation.protocol)) continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target) continue;
            // A managed function invoked asynchronously is queued by its platform (and retried there).
            if (target.kind === 'function' && target.props.managed) continue;
            const kinds = [...new Set([...source.props.holds, ...target.props.holds])].filter(k => sensitive.has(k));
            if (kinds.length === 0) continue;
            report({
                messageId: 'direct',
                data: {
                    source: source.name, target: target.name, kinds: kinds.join(', '),
                    how: relation.protocol === undefined ? 'in a direct call' : `over ${relation.protocol}`
                },
                loc: targetLoc(relation),
                elements: [relation.id]
            });
        }
    }
});
