import { isCompute, isRead, isWrite, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel, SourceLocation } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

const RELAY_STYLES = new Set(['message-relay', 'cdc-connector']);

export default defineRule({
    meta: {
        id: 'outbox-without-relay',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service publishes through an outbox, but nothing moves the outbox entries to the broker.',
        grounding: {
            seeds: [
                '000 › "### Transactional Outbox Pattern" › "#### Implementation Steps"',
                '003 › "### Transactional Outbox Pattern"',
                '004 › "### 3. Transactional Outbox" › "#### How Transactional Outbox  works"'
            ],
            catalog: ['R38']
        },
        messages: {
            noRelay: "'{{source}}' publishes to '{{channel}}' via an outbox, but no relay is named and {{stores}}: the events are committed to the outbox and never reach '{{channel}}'.",
            noStore: "'{{source}}' publishes to '{{channel}}' via an outbox, but writes no database to hold it and names no relay: nothing is shown delivering those events to '{{channel}}'."
        },
        options: {
            relaySuffix: { type: 'string', default: 'OutboxRelay', description: "Appended to the publisher's name to name the relay service the quick fix adds." }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const publish of model.relations) {
            if (publish.kind !== 'publishes' || publish.via !== 'outbox' || publish.relay !== undefined) continue;
            const source = model.component(publish.source);
            const channel = model.component(publish.target);
            if (!source || !channel) continue;
            const writes = model.outgoing(source.id).filter(r => isWrite(r) && model.component(r.target)?.kind === 'database');
            const stores = unique(writes.map(w => model.component(w.target)!));
            if (stores.some(store => capturesChanges(model, store) || hasPollingRelay(model, store, source))) continue;

            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                if (stores.length !== 1 || writes.length === 0) return fixes;
                const store = stores[0];
                const storeRef = fixer.referenceText(targetLoc(writes[0]));
                const channelRef = fixer.referenceText(targetLoc(publish));
                const relayName = `${source.name}${options.relaySuffix}`;
                const relayId = source.id.slice(0, source.id.length - source.name.length) + relayName;
                const relayTaken = model.components.has(relayId);
                if (storeRef && channelRef && !relayTaken && within(publish.loc, source.loc) && within(writes[0].loc, source.loc) && /^[A-Za-z_][\w]*$/.test(relayName)) {
                    const indent = fixer.indentAt(source.loc);
                    const relayService = fixer.insertAfter(source.loc,
                        `\n${indent}service ${relayName} { style message-relay; reads ${storeRef}; publishes ${channelRef} }`);
                    const relayOption = fixer.setValue(publish.loc, undefined, 'via', `outbox relay ${relayName}`);
                    if (relayService && relayOption) {
                        fixes.push({ title: `Add a relay service '${relayName}' that polls '${store.name}' and publishes to '${channel.name}'`, edits: [relayOption, relayService], preferred: true });
                    }
                }
                const cdc = fixer.addMember(store.loc, 'cdc');
                if (cdc) fixes.push({ title: `Enable change data capture on '${store.name}' to relay the outbox`, edits: [cdc] });
                return fixes;
            };
            report({
                messageId: stores.length > 0 ? 'noRelay' : 'noStore',
                data: {
                    source: source.name, channel: channel.name,
                    stores: stores.length === 1
                        ? `'${stores[0].name}' has no change data capture (cdc)`
                        : `none of ${stores.map(s => `'${s.name}'`).join(', ')} has change data capture (cdc)`
                },
                loc: targetLoc(publish),
                elements: [publish.id],
                related: stores.map(s => ({ loc: s.loc, message: `'${s.name}' would hold the outbox of '${source.name}'` })),
                fixes: buildFixes
            });
        }
    }
});

/** `inner` is written inside `outer` (references in it resolve from the same place). */
function within(inner: SourceLocation, outer: SourceLocation): boolean {
    const before = (a: SourceLocation['range']['start'], b: SourceLocation['range']['start']) =>
        a.line < b.line || (a.line === b.line && a.character <= b.character);
    return inner.uri === outer.uri && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}

function unique(components: ComponentModel[]): ComponentModel[] {
    return [...new Map(components.map(c => [c.id, c])).values()];
}

/** The store streams its changes: `cdc` is declared, or it `syncs ... via cdc`. */
function capturesChanges(model: ArchModel, store: ComponentModel): boolean {
    return store.props.cdc || model.outgoing(store.id, 'syncs').some(r => r.via === 'cdc');
}

/** Another component reads the store and publishes (or is a relay by style): a polling relay. */
function hasPollingRelay(model: ArchModel, store: ComponentModel, publisher: ComponentModel): boolean {
    return model.incoming(store.id).some((r: RelationModel) => {
        if (!isRead(r) || r.source === publisher.id) return false;
        const reader = model.component(r.source);
        if (!reader || !isCompute(reader)) return false;
        return RELAY_STYLES.has(reader.props.style ?? '') || model.outgoing(reader.id, 'publishes').length > 0;
    });
}
