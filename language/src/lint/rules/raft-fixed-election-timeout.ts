import { defineRule } from '../define-rule.js';

/** `150ms` -> `150ms to 300ms`: the range the Raft paper recommends starts at the timeout and doubles it. */
function randomized(written: string): string | undefined {
    const match = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(written);
    return match ? `${written} to ${Number(match[1]) * 2}${match[2]}` : undefined;
}

export default defineRule({
    meta: {
        id: 'raft-fixed-election-timeout',
        type: 'problem',
        defaultSeverity: 'info',
        description: 'A consensus group waits a fixed election timeout, so followers that lose the leader stand for election together and split the vote.',
        grounding: {
            seeds: [
                '001 › "### Proposing a new leader in RAFT" (a randomized number of seconds prevents simultaneous complaints)',
                '004 › "##### Leadership in Raft" (a random timer ensures nodes do not start elections simultaneously)'
            ],
            catalog: ['R173']
        },
        messages: {
            fixed: "'{{name}}' waits a fixed {{timeout}}ms election timeout: when the leader fails, every follower times out at the same moment, stands for election and votes for itself, so no one gets a majority and the group stays without a leader round after round. Randomize it (a range, e.g. `election timeout {{suggested}}`)."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            const r = c.props.replication;
            if (r?.type !== 'consensus' || !r.electionTimeout) continue;
            const timeout = r.electionTimeout;
            if (timeout.maxMs > timeout.minMs) continue;
            const suggested = `${timeout.minMs}ms to ${timeout.minMs * 2}ms`;
            report({
                messageId: 'fixed',
                data: { name: c.name, timeout: timeout.minMs, suggested },
                loc: timeout.loc,
                elements: [c.id],
                fixes: () => {
                    const written = fixer.valueText(timeout.loc, undefined, 'electionTimeout');
                    const range = written === undefined ? undefined : randomized(written);
                    const edit = range && fixer.replaceMember(timeout.loc, undefined, `election timeout ${range}`);
                    return edit ? [{ title: `Randomize the election timeout (${range})`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
