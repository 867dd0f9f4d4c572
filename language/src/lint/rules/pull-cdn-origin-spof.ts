import { instances } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'pull-cdn-origin-spof',
        type: 'problem',
        defaultSeverity: 'info',
        description: 'A pull CDN fetches from an origin that runs a single instance, so every cache miss fails while the origin is down.',
        grounding: {
            seeds: ['003 › "### CDN" › "#### Solution"'],
            catalog: ['R109']
        },
        messages: {
            origin: "Pull CDN '{{cdn}}' fetches from origin '{{origin}}', which runs a single instance: while it is down, every first request and every request after a TTL expiry fails, although the CDN itself is up."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const cdn of model.components.values()) {
            if (cdn.kind !== 'cdn' || cdn.props.cdnMode !== 'pull') continue;
            for (const originId of cdn.props.origins) {
                const origin = model.component(originId);
                if (!origin || origin.props.managed || instances(origin) >= 2) continue;
                const buildFixes = (): FixModel[] => {
                    const edit = origin.origins.replicas === 'declared'
                        ? fixer.setValue(origin.loc, 'ReplicasProp', 'count', '2')
                        : fixer.addMember(origin.loc, 'replicas 2');
                    return edit ? [{ title: `Run two instances of '${origin.name}'`, edits: [edit], preferred: true }] : [];
                };
                report({
                    messageId: 'origin',
                    data: { cdn: cdn.name, origin: origin.name },
                    loc: cdn.loc,
                    elements: [cdn.id, origin.id],
                    related: [{ loc: origin.loc, message: `'${origin.name}' runs one instance` }],
                    fixes: buildFixes
                });
            }
        }
    }
});
