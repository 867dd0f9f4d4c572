import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';
import { RETRY_PATTERN, retriedThing } from './retry-common.js';

export default defineRule({
    meta: {
        id: 'unbounded-retries',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Retries go on forever, with neither a maximum count nor a maximum duration.',
        grounding: {
            seeds: [
                '001 › "## Microservices and Fault Tolerance"',
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### Retry Pattern"'
            ],
            catalog: ['R63']
        },
        messages: {
            unbounded: "'{{source}}' retries {{what}} forever: during an outage the retried requests pile up in '{{source}}' until it runs out of threads, memory or connections and fails as well."
        },
        options: {
            maxRetries: { type: 'number', default: 3, minimum: 1, description: 'The retry count the preferred quick fix writes.' },
            maxDuration: { type: 'string', default: '30s', description: 'The time limit the second quick fix adds (`retry forever ... max <d>`).' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const relation of model.relations) {
            if (!relation.retry?.unbounded || relation.retry.maxDurationMs !== undefined) continue;
            const source = model.component(relation.source);
            if (!source) continue;
            const fixes: FixModel[] = [];
            const bounded = fixer.replaceIn(relation.loc, /\bretry\s+forever(?![\w-])/, `retry ${options.maxRetries}`);
            if (bounded) fixes.push({ title: `Retry at most ${options.maxRetries} times`, edits: [bounded], preferred: true });
            const timed = fixer.replaceIn(relation.loc, RETRY_PATTERN, `$& max ${options.maxDuration}`);
            if (timed) fixes.push({ title: `Stop retrying after ${options.maxDuration}`, edits: [timed] });
            report({
                messageId: 'unbounded',
                data: { source: source.name, what: retriedThing(model, relation) },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes
            });
        }
    }
});
