import { retries, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import { retriedThing } from './retry-common.js';

export default defineRule({
    meta: {
        id: 'retry-without-backoff',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Retries wait a fixed time (or no time) between attempts, or have no jitter.',
        grounding: {
            seeds: [
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### Retry Pattern"',
                '001 › "## Microservices and Fault Tolerance"',
                '001 › "## TCP: Transmission Control Protocol"'
            ],
            catalog: ['R62']
        },
        messages: {
            noBackoff: "'{{source}}' retries {{what}} {{how}}: the retries keep hammering a dependency that is already struggling, and callers that failed together retry together — a retry storm.",
            noJitter: "'{{source}}' retries {{what}} with {{backoff}} backoff but no jitter: callers that failed at the same moment retry at the same moments, in waves that can overload the instances still standing."
        },
        options: {
            requireJitter: { type: 'boolean', default: true, description: 'Also report retries that back off but add no random jitter.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const relation of model.relations) {
            if (!relation.retry || !retries(relation)) continue;
            const source = model.component(relation.source);
            if (!source) continue;
            const { backoff, jitter, count, unbounded } = relation.retry;
            const growing = backoff === 'exponential' || backoff === 'incremental';
            if (growing && (jitter || !options.requireJitter)) continue;
            const newBackoff = growing ? backoff : 'exponential';
            const rewritten = `retry ${unbounded ? 'forever' : count} ${newBackoff} jitter`;
            report({
                messageId: growing ? 'noJitter' : 'noBackoff',
                data: {
                    source: source.name, what: retriedThing(model, relation), backoff: backoff ?? '',
                    how: backoff === 'fixed' ? `at a fixed interval${jitter ? '' : ' and without jitter'}` : `with no backoff${jitter ? '' : ' or jitter'}`
                },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: () => {
                    // A `max <duration>` (the cap on the delay between attempts) stays as written: backoff grows up to it.
                    const max = fixer.valueText(relation.loc, 'RetryOption', 'maxDuration');
                    const edit = fixer.replaceMember(relation.loc, 'RetryOption', max === undefined ? rewritten : `${rewritten} max ${max}`);
                    return edit ? [{ title: `Retry with ${newBackoff} backoff and jitter (${rewritten})`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
