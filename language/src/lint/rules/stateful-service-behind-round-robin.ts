import { instances } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { FixModel, TextEditModel } from '../types.js';

/** Algorithms that send one client's consecutive requests to different instances. */
const SPREADING = ['round-robin', 'weighted-round-robin', 'least-connections', 'least-response-time', 'random'];

export default defineRule({
    meta: {
        id: 'stateful-service-behind-round-robin',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A replicated service keeps sessions in process while its load balancer spreads each client\'s requests over all instances.',
        grounding: {
            seeds: [
                '003 › "## Scalability Patterns" › "### Load Balancing Pattern" (round robin only works for stateless applications)',
                '003 › "### Rest API" (statelessness lets any instance serve a client)',
                '004 › "#### Challenges of Replicated Load-Balanced Services" (sticky sessions or distributed caching)',
                '003 › "## Multi Tier Architecture"'
            ],
            catalog: ['R123']
        },
        messages: {
            spread: "'{{name}}' keeps sessions in process on {{count}} {{count:instance|instances}}, but '{{lb}}' spreads requests {{algorithm}}: a user's next request lands on an instance that has never seen their session."
        },
        options: {
            unsetIsRoundRobin: { type: 'boolean', default: true, description: 'Treat a load balancer without an `algorithm` as round-robin (the usual default).' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.kind !== 'service') continue;
            const inProcess = c.props.session === 'local' || (c.props.stateful && c.props.session === undefined);
            if (!inProcess || instances(c) < 2) continue;
            let router: ComponentModel | undefined;
            for (const r of model.incoming(c.id, 'routes')) {
                const source = model.component(r.source);
                if (!source || (source.kind !== 'loadbalancer' && source.kind !== 'gateway')) continue;
                const algorithm = source.props.algorithm ?? (source.kind === 'loadbalancer' && options.unsetIsRoundRobin ? 'round-robin' : undefined);
                if (algorithm !== undefined && SPREADING.includes(algorithm)) {
                    router = source;
                    break;
                }
            }
            if (!router) continue;
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const add = (title: string, edit: TextEditModel | undefined) => {
                    if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
                };
                add('Keep sessions in an external store', c.props.session === 'local'
                    ? fixer.setValue(c.loc, 'SessionProp', 'where', 'external', s => s.where === 'local')
                    : fixer.addMember(c.loc, 'session external'));
                add(`Pin each client to one instance at '${router.name}'`, router.props.algorithm !== undefined
                    ? fixer.setValue(router.loc, 'AlgorithmProp', 'algorithm', 'sticky-session')
                    : fixer.addMember(router.loc, 'algorithm sticky-session'));
                return fixes;
            };
            const algorithm = router.props.algorithm ?? 'round-robin';
            report({
                messageId: 'spread',
                data: { name: c.name, count: instances(c), lb: router.name, algorithm: `by ${algorithm}${router.props.algorithm ? '' : ' (no algorithm stated)'}` },
                loc: c.loc,
                elements: [c.id],
                related: [{ loc: router.loc, message: `'${router.name}' routes to '${c.name}' by ${algorithm}` }],
                fixes: buildFixes
            });
        }
    }
});
