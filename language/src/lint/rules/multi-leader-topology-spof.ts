import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'multi-leader-topology-spof',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Three or more leaders replicate in a circle or star, so one failed leader cuts the others off from each other\'s writes.',
        grounding: {
            seeds: [
                '001 › "## Multi-Leader Replication" › "#### Circle Topology"',
                '001 › "## Multi-Leader Replication" › "#### Star Topology"',
                '002 › "**Multi-leader Replication Topologies**"'
            ],
            catalog: ['R13']
        },
        messages: {
            circle: "'{{store}}' replicates between {{count}} {{count:leader|leaders}} in a circle: each write travels through every leader in turn, so one failed leader stops replication for all the others until the ring is reconfigured.",
            star: "'{{store}}' replicates between {{count}} {{count:leader|leaders}} in a star: every write passes through the hub, so if the hub fails the other leaders stop seeing each other's writes."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const store of model.components.values()) {
            const replication = store.props.replication;
            if (replication?.type !== 'multi-leader') continue;
            const topology = replication.topology;
            if (topology !== 'circle' && topology !== 'star') continue;
            const leaders = replication.leaders ?? replication.leaderPlacements.length;
            if (leaders < 3) continue; // with two leaders every topology is the same single link
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const block = fixer.replication(store.loc, 'MultiLeader');
                const edit = block ? fixer.setValue(block, 'TopologySetting', 'topology', 'all-to-all') : undefined;
                if (edit) fixes.push({ title: 'Replicate all-to-all', edits: [edit], preferred: true });
                return fixes;
            };
            report({ messageId: topology, data: { store: store.name, count: leaders }, loc: store.loc, elements: [store.id], fixes: buildFixes });
        }
    }
});
