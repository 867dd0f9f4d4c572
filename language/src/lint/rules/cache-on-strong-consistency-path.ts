import { hopKey, isRead, STRONG_CONSISTENCY, strongFlowHops, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';


export default defineRule({
    meta: {
        id: 'cache-on-strong-consistency-path',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A read that requires strong or linearizable consistency is answered by a cache.',
        grounding: {
            seeds: [
                '003 › "## Microservices Best Patterns" › "### Database Per Microservice"',
                '001 › "# Caching"',
                '001 › "### Write-Through Cache"'
            ],
            catalog: ['R89', 'R102']
        },
        messages: {
            cache: "'{{service}}' requires {{level}} reads{{why}} but reads cache '{{cache}}'{{policy}}: a cache holds a copy that can be older than its store, so it cannot promise {{level}} reads.",
            viaCache: "'{{service}}' requires {{level}} reads{{why}} from '{{store}}' but reads it through cache '{{cache}}'{{policy}}: a hit returns the cached copy, which can be older than what '{{store}}' holds."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        // A flow that requires strong reads passes its need to each hop of its path.
        const flowNeeds = strongFlowHops(model);
        for (const read of model.relations) {
            if (!isRead(read)) continue;
            const target = model.component(read.target);
            const cache = target?.kind === 'cache' ? target : model.component(read.viaCache);
            if (!target || cache?.kind !== 'cache') continue;
            const flow = read.requires === undefined ? flowNeeds.get(hopKey(read.source, read.target)) : undefined;
            const level = read.requires ?? flow?.requires;
            if (level === undefined || !STRONG_CONSISTENCY.has(level)) continue;
            const service = model.component(read.source);
            if (!service) continue;
            // Write-through keeps the cache and its store in step only with an atomic commit over both (the notes' caveat).
            const policy = cache.props.cachePolicy === 'write-through' ? ' (write-through, but without an atomic commit over cache and store)' : '';
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                if (target.kind !== 'cache' && read.kind === 'reads') {
                    const edit = fixer.removeMember(read.loc, 'ViaCacheOption');
                    if (edit) fixes.push({ title: `Read '${target.name}' directly, not through '${cache.name}'`, edits: [edit], preferred: true });
                }
                return fixes;
            };
            report({
                messageId: target.kind === 'cache' ? 'cache' : 'viaCache',
                data: { service: service.name, store: target.name, cache: cache.name, level, policy, why: flow ? ` (flow '${flow.name}')` : '' },
                loc: targetLoc(read),
                elements: [read.id, cache.id],
                related: flow ? [{ loc: flow.loc, message: `flow '${flow.name}' requires ${level}` }] : [],
                fixes: buildFixes
            });
        }
    }
});
