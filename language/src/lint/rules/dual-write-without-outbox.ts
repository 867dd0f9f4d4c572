import { channelOf, isCompute, isWrite, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { Fixer, FixModel } from '../types.js';

/** Styles whose job is to move data between a store and a broker (a relay, a CDC connector). */
const RELAY_STYLES = new Set(['message-relay', 'cdc-connector']);

export default defineRule({
    meta: {
        id: 'dual-write-without-outbox',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service writes a database and publishes events directly, as two steps that can half-fail.',
        grounding: {
            seeds: [
                '000 › "### Transactional Outbox Pattern" › "#### Overview"',
                '000 › "### Transactional Outbox Pattern" › "#### Solution: Transactional Outbox Pattern"',
                '003 › "### Transactional Outbox Pattern"',
                '004 › "### 3. Transactional Outbox"',
                '001 › "## Stream Processing Use Cases" › "**Change Data Capture**"'
            ],
            catalog: ['R36']
        },
        messages: {
            dualWrite: "'{{source}}' writes {{stores}} and publishes to '{{channel}}' directly: the commit and the publish are separate steps, so a crash between them loses the event or announces a write that never committed."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const source of model.components.values()) {
            if (!isCompute(source) || RELAY_STYLES.has(source.props.style ?? '')) continue;
            const outgoing = model.outgoing(source.id);
            const stores = new Map<string, ComponentModel>();
            const writes: RelationModel[] = [];
            for (const relation of outgoing) {
                if (!isWrite(relation)) continue;
                const store = model.component(relation.target);
                if (store?.kind !== 'database') continue;
                stores.set(store.id, store);
                writes.push(relation);
            }
            if (stores.size === 0) continue;
            for (const publish of outgoing) {
                if (publish.kind !== 'publishes' || (publish.via !== undefined && publish.via !== 'direct')) continue;
                const channel = channelOf(model, publish.target)?.channel;
                if (!channel) continue;
                report({
                    messageId: 'dualWrite',
                    data: {
                        source: source.name, channel: channel.name,
                        stores: [...stores.values()].map(s => `'${s.name}'`).join(', ')
                    },
                    loc: targetLoc(publish),
                    elements: [publish.id],
                    related: writes.map(w => ({ loc: targetLoc(w), message: `'${source.name}' writes '${model.component(w.target)!.name}' here` })),
                    fixes: () => publish.arrow ? [] : viaFixes(publish, fixer)
                });
            }
        }
    }
});

function viaFixes(publish: RelationModel, fixer: Fixer): FixModel[] {
    const edit = (via: string) => publish.via === 'direct'
        ? fixer.setValue(publish.loc, undefined, 'via', via)
        : fixer.insertAfter(targetLoc(publish), ` via ${via}`);
    const outbox = edit('outbox');
    const cdc = edit('cdc');
    return [
        ...(outbox ? [{ title: 'Publish through a transactional outbox (via outbox)', edits: [outbox], preferred: true }] : []),
        ...(cdc ? [{ title: "Publish from the database's change log (via cdc)", edits: [cdc] }] : [])
    ];
}
