import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';

export default defineRule({
    meta: {
        id: 'event-sourcing-without-snapshots',
        type: 'suggestion',
        defaultSeverity: 'warning',
        description: 'An event-sourced store says nothing about snapshots, so state is rebuilt from the first event.',
        grounding: {
            seeds: [
                '000 › "### Event Sourcing Pattern" › "#### Challenges and Optimizations"',
                '003 › "### Event Sourcing Pattern"',
                '004 › "#### Challenges of Event Sourcing"'
            ],
            catalog: ['R133']
        },
        messages: {
            missing: "Event sourcing '{{name}}'{{store}} declares no snapshots: loading an entity replays its whole history, which gets slower with every event appended."
        },
        options: {
            snapshotEvery: { type: 'number', default: 1000, minimum: 1, description: 'Events between snapshots that the quick fix proposes.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const es of model.eventSourcing) {
            // `snapshots none` is a decision (short-lived entities); only an unstated policy is reported.
            if (es.snapshots !== undefined) continue;
            const store = model.component(es.store);
            report({
                messageId: 'missing',
                data: { name: es.name, store: store ? ` (store '${store.name}')` : '' },
                loc: es.loc,
                elements: [es.id],
                related: store ? [{ loc: store.loc, message: `'${store.name}' holds the events of '${es.name}'` }] : [],
                fixes: () => {
                    const edit = fixer.addMember(es.loc, `snapshots every ${options.snapshotEvery}`);
                    return edit ? [{ title: `Take a snapshot every ${plural(options.snapshotEvery, 'event|# events')}`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
