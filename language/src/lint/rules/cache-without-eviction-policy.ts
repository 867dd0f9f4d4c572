import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'cache-without-eviction-policy',
        type: 'suggestion',
        defaultSeverity: 'warning',
        description: 'A cache declares no eviction policy (or eviction none).',
        grounding: {
            seeds: ['001 › "## Cache Eviction Policies"', '001 › "### Least Recently Used"'],
            catalog: ['R103']
        },
        messages: {
            missing: "Cache '{{cache}}' declares no eviction policy: memory is finite, and a full cache either refuses new entries or drops ones chosen by accident.",
            none: "Cache '{{cache}}' has eviction none: once memory is full it cannot make room for new keys, and the hit rate decays to whatever was cached first."
        },
        options: {
            policy: { type: 'string', default: 'lru', enum: ['lru', 'lfu', 'fifo'], description: 'The eviction policy the quick fix declares.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const cache of model.components.values()) {
            if (cache.kind !== 'cache') continue;
            const eviction = cache.props.eviction;
            if (eviction !== undefined && eviction !== 'none') continue; // declared or implied by the technology
            report({
                messageId: eviction === 'none' ? 'none' : 'missing',
                data: { cache: cache.name },
                loc: cache.loc,
                elements: [cache.id],
                fixes: () => {
                    const edit = eviction === 'none'
                        ? fixer.setValue(cache.loc, 'EvictionProp', 'policy', options.policy, p => p.policy === 'none')
                        : fixer.addMember(cache.loc, `eviction ${options.policy}`);
                    return edit ? [{ title: `Evict ${options.policy.toUpperCase()}`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
