import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'multi-leader-single-datacenter',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A store replicates multi-leader although all its leaders are in one region, where a single leader gives the same availability without write conflicts.',
        grounding: {
            seeds: [
                '002 › "## Chapter 5 - Replication" › "#### Multi-Leader Replication"',
                '001 › "## Multi-Leader Replication"'
            ],
            catalog: ['R73']
        },
        messages: {
            oneRegion: "'{{store}}' has {{count}} {{count:leader|leaders}}, all in region '{{region}}': within one datacenter multi-leader replication buys little latency or availability over a single leader, and costs resolving every concurrent write conflict."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader' || replication.leaderPlacements.length === 0) continue;
            const count = replication.leaders ?? replication.leaderPlacements.length;
            if (count < 2) continue;
            const regions = new Set(replication.leaderPlacements.map(p => model.regionOf(p)));
            if (regions.size !== 1) continue;
            const [region] = regions;
            if (region === undefined) continue; // a placement that resolves to no region: unknown
            report({ messageId: 'oneRegion', data: { store: store.name, count, region: model.regions.get(region)?.name ?? region }, loc: store.loc, elements: [store.id] });
        }
    }
});
