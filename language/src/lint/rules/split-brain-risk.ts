import { defineRule } from '../define-rule.js';
import type { FixModel, TextEditModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'split-brain-risk',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A single-leader store fails over automatically without consensus election or fencing tokens.',
        grounding: {
            seeds: [
                '001 › "## Single Leader Replication" › "### Possible Failure Scenarios"',
                '002 › "## Chapter 5 - Replication" › "#### Handling Node Outages"',
                '004 › "#### Challenges with Master Election"',
                '002 › "#### Unreliable networks" (fencing tokens)'
            ],
            catalog: ['R17']
        },
        messages: {
            risk: "'{{name}}' promotes a follower automatically, {{election}}, and without fencing tokens: a leader that was only cut off can come back and accept writes next to its replacement (split brain)."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            const r = c.props.replication;
            if (r?.type !== 'single-leader' || c.props.managed) continue;
            if ((r.failover ?? c.props.failover) !== 'automatic') continue;
            if (r.followers !== undefined && r.followers < 1) continue; // nothing to promote
            if (r.fencingTokens || r.election?.coordinator !== undefined || r.election?.method === 'consensus') continue;

            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const add = (title: string, edit: TextEditModel | undefined) => {
                    if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
                };
                const block = fixer.replication(c.loc, 'SingleLeader');
                const stated = block && fixer.setValue(block, 'ElectionSetting', 'method', 'consensus', e => e.method === 'timeout' || e.method === 'manual');
                add('Elect the new leader by consensus', stated ?? fixer.addToReplication(c.loc, 'SingleLeader', 'election consensus'));
                add('Reject writes from a deposed leader with fencing tokens', fixer.addToReplication(c.loc, 'SingleLeader', 'fencing tokens'));
                return fixes;
            };
            const method = r.election?.method;
            report({
                messageId: 'risk',
                data: {
                    name: c.name,
                    election: method === 'timeout' ? 'on a timeout alone' : method === 'manual' ? 'with a manual election' : 'with no stated election'
                },
                loc: c.loc,
                elements: [c.id],
                fixes: buildFixes
            });
        }
    }
});
