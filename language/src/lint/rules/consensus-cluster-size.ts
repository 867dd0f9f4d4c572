import { instances } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'consensus-cluster-size',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A consensus group (a coordinator or consensus replication) has too few nodes, or an even number of them.',
        grounding: {
            seeds: [
                '004 › "#### Phases of Raft"',
                '004 › "##### Failure Handling"',
                '004 › "### 1. Paxos"',
                '002 › "#### Unreliable networks" (a quorum is an absolute majority)',
                '002 › "**Quorums for reading and writing**" (an odd n, typically 3 or 5)'
            ],
            catalog: ['R15', 'R16']
        },
        messages: {
            tooSmall: "'{{name}}' runs consensus on {{nodes}} {{nodes:node|nodes}}: every decision needs {{majority}} {{majority:node|nodes}}, so losing a single node stops elections and commits.",
            even: "'{{name}}' runs consensus on {{nodes}} {{nodes:node|nodes}}: a majority is {{majority}}, so it survives {{tolerated}} {{tolerated:failure|failures}}, no more than {{smaller}} {{smaller:node|nodes}} would, and a network split in half leaves neither side able to decide."
        },
        options: {
            minNodes: { type: 'number', default: 3, minimum: 2, description: 'The smallest acceptable group size.' },
            checkEven: { type: 'boolean', default: true, description: 'Also report groups with an even number of nodes.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const c of model.components.values()) {
            const r = c.props.replication;
            const consensus = r?.type === 'consensus';
            if (!consensus && c.kind !== 'coordinator') continue;
            if (c.props.managed || c.props.external) continue;
            const statedNodes = consensus ? r.nodes : undefined;
            // The size must be written down (nodes or replicas); otherwise single-point-of-failure speaks.
            if (statedNodes === undefined && c.origins.replicas !== 'declared' && c.props.ha === undefined) continue;
            const nodes = statedNodes ?? instances(c);
            const majority = Math.floor(nodes / 2) + 1;
            let messageId: 'tooSmall' | 'even';
            let target: number;
            if (nodes < options.minNodes) {
                messageId = 'tooSmall';
                target = options.minNodes % 2 === 1 ? options.minNodes : options.minNodes + 1;
            } else if (options.checkEven && nodes % 2 === 0) {
                messageId = 'even';
                target = nodes + 1;
            } else continue;

            report({
                messageId,
                data: { name: c.name, nodes, majority, tolerated: nodes - majority, smaller: nodes - 1 },
                loc: c.loc,
                elements: [c.id],
                fixes: () => {
                    const block = fixer.replication(c.loc, 'Consensus');
                    const edit = statedNodes !== undefined
                        ? block && fixer.setValue(block, 'ConsensusSetting', 'nodes', String(target))
                        : fixer.setValue(c.loc, 'ReplicasProp', 'count', String(target));
                    return edit ? [{ title: `Run ${target} nodes`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
