import { retries, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import { plural } from '../../words.js';

export default defineRule({
    meta: {
        id: 'retry-without-idempotency',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A call is retried but is not declared idempotent and carries no idempotency key.',
        grounding: {
            seeds: [
                '003 › "## Reliability, Error Handling and Recovery Patterns" › "### Retry Pattern"',
                '003 › "### Good Practices for API Design"',
                '002 › "#### Dataflow though service calls: REST and RPC" › "**RPC**"',
                '002 › "**Handling errors and aborts**"'
            ],
            catalog: ['R61']
        },
        messages: {
            missing: "'{{source}}' retries its call to '{{target}}' ({{retry}}), but the call is neither idempotent nor keyed: when the response rather than the request was lost, the retry makes '{{target}}' do the work twice."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const relation of model.relations) {
            if (relation.kind !== 'calls' || !retries(relation) || relation.idempotent || relation.idempotencyKey) continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target) continue;
            report({
                messageId: 'missing',
                data: {
                    source: source.name, target: target.name,
                    retry: relation.retry!.unbounded ? 'without limit' : `up to ${plural(relation.retry!.count ?? 0, '# time|# times')}`
                },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: () => {
                    const edit = fixer.addMember(relation.loc, 'idempotency-key');
                    return edit ? [{ title: `Send an idempotency key so '${target.name}' can drop repeated requests`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
