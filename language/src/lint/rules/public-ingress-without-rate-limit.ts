import { fromExternalClients } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'public-ingress-without-rate-limit',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A public entry point takes outside traffic with no rate limit in front of it.',
        grounding: {
            seeds: [
                '001 › "## Microservices and Fault Tolerance" › "### Rate Limiting"',
                '003 › "### API Gateway" (rate limiting against denial of service)',
                '003 › "### Throttling and Rate Limiting Pattern"'
            ],
            catalog: ['R111']
        },
        messages: {
            missing: "'{{name}}' takes traffic from {{from}} with no rate limit: one misbehaving client, or a flood of requests, can use up all of its capacity and the capacity of everything behind it.",
            none: "'{{name}}' takes traffic from {{from}} and declares 'rate limit none': one misbehaving client, or a flood of requests, can use up all of its capacity and the capacity of everything behind it."
        },
        options: {
            kinds: { type: 'string[]', default: ['gateway', 'loadbalancer', 'service', 'function'], description: 'Kinds of entry point to check.' },
            defaultLimit: { type: 'string', default: '100/s per client', description: 'The limit the quick fix inserts (after `rate limit`).' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const kinds = new Set(options.kinds);
        for (const c of model.components.values()) {
            if (!kinds.has(c.kind) || c.props.external) continue;
            const limit = c.props.rateLimit;
            if (limit !== undefined && limit !== 'none') continue;
            const clients = fromExternalClients(model, c.id);
            if (clients.length === 0 && !c.props.public) continue;
            // A rate-limited component that calls or routes to this one already throttles the traffic.
            const throttledUpstream = model.incoming(c.id, 'calls', 'routes').some(r => {
                const source = model.component(r.source);
                return source !== undefined && source.kind !== 'client' && source.props.rateLimit !== undefined && source.props.rateLimit !== 'none';
            });
            if (throttledUpstream) continue;
            const names = [...new Set(clients.map(r => model.component(r.source)!.name))];
            const from = names.length > 0 ? names.map(n => `'${n}'`).join(', ') : 'the internet';
            const inserted = `rate limit ${options.defaultLimit}`;
            report({
                messageId: limit === 'none' ? 'none' : 'missing',
                data: { name: c.name, from },
                loc: c.loc,
                elements: [c.id],
                related: clients.map(r => ({ loc: model.component(r.source)!.loc, message: `'${model.component(r.source)!.name}' is outside the system` })),
                fixes: () => {
                    const edit = limit === 'none'
                        ? fixer.replaceMember(c.loc, 'RateLimitProp', inserted, l => l.none)
                        : fixer.addMember(c.loc, inserted);
                    return edit ? [{ title: `Limit to ${options.defaultLimit}`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
