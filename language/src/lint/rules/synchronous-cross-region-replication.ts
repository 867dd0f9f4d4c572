import { targetLoc } from '../../model/queries.js';
import type { ArchModel } from '../../model/workspace.js';
import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

/** Regions of a list of placements; undefined when any placement has no known region. */
function regionsOf(model: ArchModel, placements: readonly string[]): Set<string> | undefined {
    const regions = new Set<string>();
    for (const placement of placements) {
        const region = model.regionOf(placement);
        if (region === undefined) return undefined;
        regions.add(region);
    }
    return regions;
}

export default defineRule({
    meta: {
        id: 'synchronous-cross-region-replication',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Writes wait for a synchronous (or semi-synchronous) replica in another region.',
        grounding: {
            seeds: [
                '002 › "#### Multi-Leader Replication" (single-leader vs multi-leader across datacenters)',
                '002 › "#### Synchronous vs Asynchronous Replication"'
            ],
            catalog: ['R82']
        },
        messages: {
            relation: "'{{source}}' ({{from}}) replicates {{mode}} to '{{target}}' ({{to}}): every write waits for a round trip between regions and stalls whenever that link is slow or down.",
            followers: "'{{store}}' has its leader in {{from}} and replicates {{mode}} to followers in {{to}}: every write waits for a round trip between regions and stalls whenever that link is slow or down."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const relation of model.relations) {
            if (relation.kind !== 'replicates' || (relation.mode !== 'sync' && relation.mode !== 'semi-sync')) continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target) continue;
            const from = regionsOf(model, source.props.placements);
            const to = regionsOf(model, target.props.placements);
            if (!from || !to || from.size === 0 || to.size === 0) continue;
            if ([...to].some(region => from.has(region))) continue;
            report({
                messageId: 'relation',
                data: { source: source.name, target: target.name, mode: relation.mode === 'sync' ? 'synchronously' : 'semi-synchronously', from: [...from].join(', '), to: [...to].join(', ') },
                loc: targetLoc(relation),
                elements: [relation.id],
                related: [{ loc: target.loc, message: `'${target.name}' is placed in ${[...to].join(', ')}` }],
                fixes: () => {
                    const edit = fixer.setValue(relation.loc, undefined, 'mode', 'async');
                    return edit ? [{ title: 'Replicate asynchronously across regions', edits: [edit], preferred: true }] : [];
                }
            });
        }
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'single-leader' || (replication.mode !== 'sync' && replication.mode !== 'semi-sync')) continue;
            if (replication.followers === 0 || replication.followerPlacements.length === 0) continue;
            const leader = regionsOf(model, store.props.placements);
            const followers = regionsOf(model, replication.followerPlacements);
            if (!leader || !followers || leader.size !== 1) continue; // the leader's region must be certain
            const leaderRegion = [...leader][0];
            const remote = [...followers].filter(region => region !== leaderRegion);
            // sync: every follower is waited for; semi-sync: one of them is, and we only know it is remote when all are.
            const crosses = replication.mode === 'sync' ? remote.length > 0 : remote.length === followers.size;
            if (!crosses) continue;
            const fixes = (): FixModel[] => {
                const block = fixer.replication(store.loc, 'SingleLeader');
                const edit = block ? fixer.setValue(block, 'SyncModeSetting', 'mode', 'async', m => m.mode !== 'async') : undefined;
                return edit ? [{ title: 'Replicate asynchronously to the remote followers', edits: [edit], preferred: true }] : [];
            };
            report({
                messageId: 'followers',
                data: { store: store.name, mode: replication.mode === 'sync' ? 'synchronously' : 'semi-synchronously', from: leaderRegion, to: remote.join(', ') },
                loc: store.loc,
                elements: [store.id],
                fixes
            });
        }
    }
});
