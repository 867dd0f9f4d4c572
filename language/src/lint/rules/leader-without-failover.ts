import { defineRule } from '../define-rule.js';
import type { FixModel, TextEditModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'leader-without-failover',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A single-leader store has followers but no failover to promote one when the leader dies.',
        grounding: {
            seeds: [
                '001 › "## Single Leader Replication"',
                '002 › "## Chapter 5 - Replication" › "#### Handling Node Outages"',
                '004 › "#### Challenges of Leader-Follower"'
            ],
            catalog: ['R08']
        },
        messages: {
            unset: "'{{name}}' has {{followers}} {{followers:follower|followers}} but does not say how {{followers:it|one}} takes over: until a new leader is chosen, every write to '{{name}}' fails.",
            none: "'{{name}}' has {{followers}} {{followers:follower|followers}} but failover is 'none': when the leader dies, writes stop until someone rebuilds the cluster by hand."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            const r = c.props.replication;
            if (r?.type !== 'single-leader' || c.props.managed) continue;
            if (r.followers === undefined || r.followers < 1) continue;
            const failover = r.failover ?? c.props.failover;
            if (failover !== undefined && failover !== 'none') continue;

            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const add = (title: string, edit: TextEditModel | undefined) => {
                    if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
                };
                const block = fixer.replication(c.loc, 'SingleLeader');
                const explicitNone = (f: { mode: string }) => f.mode === 'none';
                for (const mode of ['automatic', 'manual'] as const) {
                    const title = mode === 'automatic' ? 'Fail over automatically' : 'Fail over manually (an operator promotes a follower)';
                    if (failover === 'none') {
                        add(title, (block && fixer.setValue(block, 'FailoverProp', 'mode', mode, explicitNone))
                            ?? fixer.setValue(c.loc, 'FailoverProp', 'mode', mode, explicitNone));
                    } else {
                        add(title, fixer.addToReplication(c.loc, 'SingleLeader', `failover ${mode}`));
                    }
                }
                return fixes;
            };
            report({
                messageId: failover === 'none' ? 'none' : 'unset',
                data: { name: c.name, followers: r.followers },
                loc: c.loc,
                elements: [c.id],
                fixes: buildFixes
            });
        }
    }
});
