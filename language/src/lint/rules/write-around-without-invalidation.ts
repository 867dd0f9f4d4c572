import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'write-around-without-invalidation',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A write-around cache has neither a TTL nor invalidation, so entries stay stale after writes.',
        grounding: {
            seeds: ['001 › "## Distributed Cache Writes" › "### Write-Around Cache"', '001 › "### Pros and Cons of Write-Around"'],
            catalog: ['R101']
        },
        messages: {
            stale: "Write-around cache '{{cache}}' has no ttl and {{invalidation}}: writes go straight to the database, so a cached entry keeps serving the old value until it happens to be evicted."
        },
        options: {
            ttl: { type: 'string', default: '5m', description: 'The time-to-live the quick fix adds.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const cache of model.components.values()) {
            if (cache.props.cachePolicy !== 'write-around' || cache.props.ttlMs !== undefined) continue;
            const invalidation = cache.props.invalidation;
            if (invalidation !== undefined && invalidation !== 'none') continue;
            const fixes = (): FixModel[] => {
                const result: FixModel[] = [];
                const ttl = fixer.addMember(cache.loc, `ttl ${options.ttl}`);
                if (ttl) result.push({ title: `Expire entries after ${options.ttl}`, edits: [ttl], preferred: true });
                const explicit = invalidation === 'none'
                    ? fixer.setValue(cache.loc, 'InvalidationProp', 'mode', 'explicit', i => i.mode === 'none')
                    : fixer.addMember(cache.loc, 'invalidation explicit');
                if (explicit) result.push({ title: 'Invalidate entries on write', edits: [explicit] });
                return result;
            };
            report({
                messageId: 'stale',
                data: { cache: cache.name, invalidation: invalidation === 'none' ? 'invalidation none' : 'no invalidation' },
                loc: cache.loc,
                elements: [cache.id],
                fixes
            });
        }
    }
});
