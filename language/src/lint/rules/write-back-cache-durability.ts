import { instances } from '../../model/queries.js';
import type { FixModel, TextEditModel } from '../types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'write-back-cache-durability',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A write-back cache keeps unflushed writes on a single node or without replication.',
        grounding: {
            seeds: ['001 › "## Distributed Cache Writes" › "### Write-Back Cache"', '001 › "### Pros and Cons of Write-Back"'],
            catalog: ['R99']
        },
        messages: {
            single: "Write-back cache '{{cache}}' runs a single instance and acknowledges writes before they reach the database: if that node dies, the writes it was holding are gone.",
            unreplicated: "Write-back cache '{{cache}}' acknowledges writes before they reach the database but {{why}}: a failed node takes its unflushed writes with it."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const cache of model.components.values()) {
            if (cache.props.cachePolicy !== 'write-back' || cache.props.managed) continue;
            const replication = cache.props.replication;
            const replicated = replication !== undefined && replication.type !== 'none'
                && !(replication.type === 'single-leader' && replication.followers === 0);
            const count = instances(cache);
            if (count >= 2 && replicated) continue;
            const fixes = (): FixModel[] => {
                const result: FixModel[] = [];
                let scale: TextEditModel | undefined;
                if (count < 2 && replicated) {
                    scale = cache.origins.replicas === 'declared'
                        ? fixer.setValue(cache.loc, 'ReplicasProp', 'count', '2')
                        : fixer.addMember(cache.loc, 'replicas 2');
                } else if (count >= 2 && replication === undefined) {
                    scale = fixer.addMember(cache.loc, 'replication single-leader');
                }
                if (scale) result.push({ title: count < 2 ? 'Run two replicated instances' : 'Replicate the cache (single-leader)', edits: [scale], preferred: true });
                const through = fixer.replaceMember(cache.loc, 'CachePolicyProp', 'write-through', p => p.policy === 'write-back');
                if (through) result.push({ title: 'Write through to the database instead', edits: [through], preferred: result.length === 0 });
                return result;
            };
            report({
                messageId: count < 2 ? 'single' : 'unreplicated',
                data: {
                    cache: cache.name,
                    why: replication === undefined ? 'declares no replication'
                        : replication.type === 'none' ? 'is not replicated' : 'has no followers'
                },
                loc: cache.loc,
                elements: [cache.id],
                fixes
            });
        }
    }
});
