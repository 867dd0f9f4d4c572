import { isRead, targetLoc } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'write-back-bypass-reads',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A store is cached by a write-back cache, but some component reads the store without going through the cache and sees values the cache has not flushed yet.',
        grounding: {
            seeds: ['001 › "## Distributed Cache Writes" › "### Write-Back Cache" (reading the database before the write-back happens returns a stale value)'],
            catalog: ['R100']
        },
        messages: {
            bypass: "'{{reader}}' reads '{{store}}' directly, but write-back cache '{{cache}}' holds writes to '{{store}}' that it has not flushed yet: until it does, '{{reader}}' sees the old values. Read through '{{cache}}' (`via {{cache}}`)."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        // The write-back caches of each store, from the reads that go through them (`reads D { via K }`).
        const cachesOf = new Map<string, Map<string, ComponentModel>>();
        for (const relation of model.relations) {
            if (relation.viaCache === undefined || !isRead(relation)) continue;
            const cache = model.component(relation.viaCache);
            if (cache?.props.cachePolicy !== 'write-back' || !model.component(relation.target)) continue;
            let caches = cachesOf.get(relation.target);
            if (!caches) cachesOf.set(relation.target, caches = new Map<string, ComponentModel>());
            caches.set(cache.id, cache);
        }
        if (cachesOf.size === 0) return;
        for (const relation of model.relations) {
            if (!isRead(relation)) continue;
            const caches = cachesOf.get(relation.target);
            if (!caches || caches.has(relation.source) || (relation.viaCache !== undefined && caches.has(relation.viaCache))) continue;
            const reader = model.component(relation.source);
            const store = model.component(relation.target);
            if (!reader || !store) continue;
            const cache = caches.values().next().value!;
            // A relative name where the reader's own scope finds the cache, the qualified name otherwise.
            const cacheName = cache.system === reader.system && cache.parent === undefined ? cache.name : cache.id;
            report({
                messageId: 'bypass',
                data: { reader: reader.name, store: store.name, cache: cache.name },
                loc: targetLoc(relation),
                elements: [relation.id, cache.id],
                related: [{ loc: cache.loc, message: `'${cache.name}' writes back to '${store.name}'` }],
                fixes: () => {
                    // Only `reads` takes `via`: an arrow to a store has no read options.
                    if (relation.kind !== 'reads') return [];
                    const edit = relation.viaCache !== undefined
                        ? fixer.setValue(relation.loc, 'ViaCacheOption', 'cache', cacheName)
                        : fixer.addMember(relation.loc, `via ${cacheName}`);
                    return edit ? [{ title: `Read through '${cache.name}'`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
