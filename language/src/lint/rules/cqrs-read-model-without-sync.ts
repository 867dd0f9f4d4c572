import { isWrite } from '../../model/queries.js';
import type { CqrsModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'cqrs-read-model-without-sync',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'The query side of a CQRS block has no way to learn about writes on the command side.',
        grounding: {
            seeds: [
                '000 › "### CQRS (Command and Query Responsibility Segregation)" › "#### Synchronization"',
                '003 › "### CQRS Pattern"',
                '004 › "#### Challenges of CQRS"'
            ],
            catalog: ['R130']
        },
        messages: {
            missing: "CQRS '{{cqrs}}' declares no synchronization and nothing carries changes from '{{command}}' to '{{query}}': the read model never sees a write.",
            none: "CQRS '{{cqrs}}' says 'sync via none' and nothing else carries changes from '{{command}}' to '{{query}}': the read model never sees a write."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const cqrs of model.cqrs) {
            if (cqrs.syncVia !== undefined && cqrs.syncVia !== 'none') continue;
            const commandSide = cqrs.command ?? cqrs.commandStore;
            const querySide = cqrs.queryStore ?? cqrs.query;
            if (!commandSide || !querySide) continue; // half a CQRS block: nothing to judge
            if (syncedOutsideTheBlock(model, cqrs)) continue;
            report({
                messageId: cqrs.syncVia === 'none' ? 'none' : 'missing',
                data: { cqrs: cqrs.name, command: nameOf(model, commandSide), query: nameOf(model, querySide) },
                loc: cqrs.loc,
                elements: [cqrs.id]
            });
        }
    }
});

function nameOf(model: ArchModel, id: string): string {
    return model.component(id)?.name ?? id;
}

/**
 * Evidence in the relations that the read side is fed anyway: a `syncs` into the query store, or
 * the query service (or a writer of the query store) consuming a channel the command side publishes to.
 */
function syncedOutsideTheBlock(model: ArchModel, cqrs: CqrsModel): boolean {
    if (cqrs.queryStore && model.incoming(cqrs.queryStore, 'syncs').length > 0) return true;
    if (cqrs.query && model.incoming(cqrs.query, 'syncs').length > 0) return true;
    const published = new Set<string>();
    for (const source of [cqrs.command, cqrs.commandStore]) {
        if (!source) continue;
        for (const r of model.outgoing(source, 'publishes')) published.add(r.target);
    }
    if (published.size === 0) return false;
    const feeders = new Set<string>();
    if (cqrs.query) feeders.add(cqrs.query);
    if (cqrs.queryStore) for (const r of model.incoming(cqrs.queryStore)) if (isWrite(r)) feeders.add(r.source);
    for (const feeder of feeders) {
        if (model.outgoing(feeder, 'consumes').some(r => published.has(r.target))) return true;
    }
    return false;
}
