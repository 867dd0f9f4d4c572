import { instances, isCompute, isRead, targetLoc } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import type { FixModel } from '../types.js';
import { defineRule } from '../define-rule.js';

/** Instances that take traffic at the same time: an active-passive standby serves nothing until failover. */
function serving(service: ComponentModel): number {
    return service.props.ha === 'active-passive' ? service.props.replicas : instances(service);
}

/** Algorithms that send the same key (or client) to the same instance. */
const AFFINE = new Set(['hash', 'consistent-hash', 'ip-hash', 'sticky-session']);

export default defineRule({
    meta: {
        id: 'local-cache-without-affinity',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A service with several instances keeps a local cache, but its load balancer spreads requests without affinity.',
        grounding: {
            seeds: ['001 › "# Caching" › "### Where does our cache live?"', '001 › "## Routing Policies" (hashing)'],
            catalog: ['R106']
        },
        messages: {
            scattered: "'{{service}}' keeps local cache {{caches}} on each of its {{count}} {{count:instance|instances}}, but '{{lb}}' routes with {{algorithm}}: requests for the same key land on different instances, so each builds its own copy and most lookups miss."
        },
        options: {
            algorithm: {
                type: 'string', default: 'consistent-hash', enum: ['consistent-hash', 'hash', 'ip-hash', 'sticky-session'],
                description: 'The routing algorithm the quick fix sets on the load balancer.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        // Services and the local caches they read (directly or through `reads X { via K }`), in one pass.
        const localCaches = new Map<string, Map<string, ComponentModel>>();
        const isLocal = (id: string | undefined) => {
            const c = model.component(id);
            return c && c.kind === 'cache' && c.props.cachePlacement === 'local' ? c : undefined;
        };
        for (const relation of model.relations) {
            if (!isRead(relation)) continue;
            const cache = isLocal(relation.target) ?? isLocal(relation.viaCache);
            if (!cache) continue;
            let caches = localCaches.get(relation.source);
            if (!caches) localCaches.set(relation.source, caches = new Map<string, ComponentModel>());
            caches.set(cache.id, cache);
        }
        for (const [serviceId, caches] of localCaches) {
            const service = model.component(serviceId);
            if (!isCompute(service) || serving(service!) < 2) continue;
            for (const route of model.incoming(serviceId, 'routes')) {
                const lb = model.component(route.source);
                if (!lb || lb.kind !== 'loadbalancer') continue;
                const algorithm = lb.props.algorithm;
                if (algorithm === undefined || AFFINE.has(algorithm)) continue; // unknown routing: stay silent
                const fixes = (): FixModel[] => {
                    const edit = lb.origins.algorithm === 'declared'
                        ? fixer.setValue(lb.loc, 'AlgorithmProp', 'algorithm', options.algorithm)
                        : undefined;
                    return edit ? [{ title: `Route by ${options.algorithm} on '${lb.name}'`, edits: [edit], preferred: true }] : [];
                };
                const list = [...caches.values()];
                report({
                    messageId: 'scattered',
                    data: {
                        service: service!.name, count: serving(service!), lb: lb.name, algorithm,
                        caches: list.map(c => `'${c.name}'`).join(', ')
                    },
                    loc: targetLoc(route),
                    elements: [route.id],
                    related: list.map(c => ({ loc: c.loc, message: `'${c.name}' is placed locally on each instance` })),
                    fixes
                });
            }
        }
    }
});
