import { channelOf, targetLoc, type Channel } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** Why the channel keeps no history to replay, or undefined when it does (or nobody says). */
function whyNotReplayable({ channel, broker }: Channel): string | undefined {
    const brokerType = channel.props.brokerType ?? broker.props.brokerType;
    const retention = channel.props.retention ?? broker.props.retention;
    const pattern = channel.props.pattern ?? broker.props.pattern;
    // A declared retention that keeps messages (`retention 7d`, `forever`) is history, whatever the technology says.
    const retentionOrigin = channel.props.retention !== undefined ? channel.origins.retention : broker.origins.retention;
    if (retentionOrigin === 'declared' && retention !== undefined && retention !== 'until-ack') return undefined;
    if (brokerType === 'in-memory') return `'${broker.name}' is an in-memory broker that deletes messages once they are acknowledged`;
    if (retention === 'until-ack') return `'${channel.name}' keeps messages only until they are acknowledged`;
    if (pattern === 'pub-sub') return `'${channel.name}' is publish/subscribe, which only delivers messages published after a subscriber joins`;
    return undefined;
}

export default defineRule({
    meta: {
        id: 'replay-on-non-replayable-broker',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A consumer replays, or an event store lives, on a channel that keeps no history.',
        grounding: {
            seeds: [
                '001 › "## Stream Processing Use Cases" › "**Event Sourcing**"',
                '003 › "## Event Driven Architecture"',
                '002 › "## Chapter 11 - Stream Processing" (b) › "#### Log Based Message Brokers + Partitioned Logs"',
                '001 › "## Message Brokers" › "### In-memory Message Brokers"'
            ],
            catalog: ['R47']
        },
        messages: {
            replay: "'{{consumer}}' expects to replay '{{channel}}', but {{reason}}: there is no history to replay.",
            eventStore: "Event-sourcing '{{name}}' keeps its events in '{{channel}}', but {{reason}}: the events that state is rebuilt from are gone once read."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const consume of model.relations) {
            if (consume.kind !== 'consumes' || !consume.replay) continue;
            const found = channelOf(model, consume.target);
            const consumer = model.component(consume.source);
            if (!found || !consumer) continue;
            const reason = whyNotReplayable(found);
            if (!reason) continue;
            report({
                messageId: 'replay',
                data: { consumer: consumer.name, channel: found.channel.name, reason },
                loc: targetLoc(consume),
                elements: [consume.id],
                related: [related(found.broker)]
            });
        }
        for (const es of model.eventSourcing) {
            const found = es.store ? channelOf(model, es.store) : undefined;
            if (!found) continue;
            const reason = whyNotReplayable(found);
            if (!reason) continue;
            report({
                messageId: 'eventStore',
                data: { name: es.name, channel: found.channel.name, reason },
                loc: es.loc,
                elements: [es.id],
                related: [related(found.broker)]
            });
        }
    }
});

function related(broker: ComponentModel) {
    return { loc: broker.loc, message: `'${broker.name}' is the broker carrying the channel` };
}
