import { isCompute, isRead, targetLoc } from '../../model/queries.js';
import type { ComponentModel, RelationModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import type { Fixer, TextEditModel } from '../types.js';

/** Styles whose job is to read other services' data: projections, relays, CDC connectors, monoliths. */
const EXEMPT_STYLES = new Set(['monolith', 'message-relay', 'cdc-connector', 'projector']);

/** Components allowed to read stores they do not own: CQRS sync components and event-sourcing projections. */
function projectors(model: ArchModel): Set<string> {
    const found = new Set<string>();
    for (const q of model.cqrs) if (q.syncThrough) found.add(q.syncThrough);
    for (const e of model.eventSourcing) for (const p of e.projections) found.add(p);
    return found;
}

export default defineRule({
    meta: {
        id: 'foreign-database-access',
        type: 'problem',
        defaultSeverity: 'warning',
        description: "A service reads a data store that another service owns instead of asking the owner's API.",
        grounding: {
            seeds: [
                '003 › "## Microservices Best Patterns" › "### Database Per Microservice"',
                '004 › "#### What exactly is a monolithic application?" (the database as the shared component)'
            ],
            catalog: ['R21']
        },
        messages: {
            foreign: "'{{source}}' reads '{{store}}', which belongs to {{owners}}: its schema becomes a contract the owner cannot change alone; ask the owner's API or keep a read model."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        const owners = new Map<string, ComponentModel[]>();
        for (const candidate of model.components.values()) {
            if (!isCompute(candidate) || EXEMPT_STYLES.has(candidate.props.style ?? '')) continue;
            for (const store of candidate.props.owns) {
                const list = owners.get(store);
                if (list) list.push(candidate);
                else owners.set(store, [candidate]);
            }
        }
        if (owners.size === 0) return;
        const exempt = projectors(model);
        for (const [storeId, storeOwners] of owners) {
            const store = model.component(storeId);
            if (!store) continue;
            for (const relation of model.incoming(storeId)) {
                if (!isRead(relation)) continue;
                // A write to someone else's database is `shared-database`'s finding; do not report it twice.
                if (relation.kind === 'uses' && store.kind === 'database') continue;
                const source = model.component(relation.source);
                if (!source || !isCompute(source) || EXEMPT_STYLES.has(source.props.style ?? '') || exempt.has(source.id)) continue;
                if (storeOwners.some(o => o.id === source.id)) continue;
                report({
                    messageId: 'foreign',
                    data: { source: source.name, store: store.name, owners: storeOwners.map(o => `'${o.name}'`).join(' and ') },
                    loc: targetLoc(relation),
                    elements: [relation.id],
                    related: storeOwners.map(o => ({ loc: o.loc, message: `'${o.name}' owns '${store.name}'` })),
                    fixes: () => {
                        const fix = storeOwners.length === 1 ? callOwnerFix(model, relation, source, storeOwners[0], fixer) : undefined;
                        return fix ? [{ title: `Call '${storeOwners[0].name}' instead of reading '${store.name}'`, edits: [fix], preferred: true }] : [];
                    }
                });
            }
        }
    }
});

/**
 * `reads Db` -> `calls Owner`, offered only for a plain `reads X` written inside the reader (read
 * options such as `requires` have no meaning on a call) and when the reader does not call the owner yet.
 */
function callOwnerFix(
    model: ArchModel, relation: RelationModel, source: ComponentModel, owner: ComponentModel, fixer: Fixer
): TextEditModel | undefined {
    if (relation.kind !== 'reads' || relation.arrow) return undefined;
    if (model.outgoing(source.id, 'calls').some(r => r.target === owner.id)) return undefined;
    if (relation.loc.range.start.line !== relation.loc.range.end.line) return undefined;
    if (fixer.member(relation.loc, 'ReadFromSetting') || fixer.member(relation.loc, 'RequiresOption') || fixer.member(relation.loc, 'ViaCacheOption')) return undefined;
    const ownerRef = owner.system === source.system ? owner.name : owner.id;
    return fixer.replaceMember(relation.loc, undefined, `calls ${ownerRef}`);
}
