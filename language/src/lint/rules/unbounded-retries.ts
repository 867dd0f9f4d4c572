import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';
import type { FixModel } from '../types.js';
import { retriedThing } from './retry-common.js';

export default defineRule({
    meta: {
        id: 'unbounded-retries',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Retries go on forever: no maximum number of attempts (a `max` only caps the delay between them).',
        grounding: {
            seeds: [
                '001 › "## Microservices and Fault Tolerance"',
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### Retry Pattern"'
            ],
            catalog: ['R63']
        },
        messages: {
            unbounded: "'{{source}}' retries {{what}} forever{{capped}}: during an outage the retried requests pile up in '{{source}}' until it runs out of threads, memory or connections and fails as well."
        },
        options: {
            maxRetries: { type: 'number', default: 3, minimum: 1, description: 'The retry count the quick fix writes.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const relation of model.relations) {
            // `max` caps the delay between attempts, not their number: `retry forever ... max 5s` is still unbounded.
            if (!relation.retry?.unbounded) continue;
            const source = model.component(relation.source);
            if (!source) continue;
            report({
                messageId: 'unbounded',
                data: { source: source.name, what: retriedThing(model, relation), capped: relation.retry.maxDelayMs !== undefined ? ' (its max caps only the wait between attempts)' : '' },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: (): FixModel[] => {
                    const bounded = fixer.setValue(relation.loc, 'RetryOption', 'unbounded', String(options.maxRetries));
                    return bounded ? [{ title: `Retry at most ${plural(options.maxRetries, '# time|# times')}`, edits: [bounded], preferred: true }] : [];
                }
            });
        }
    }
});
