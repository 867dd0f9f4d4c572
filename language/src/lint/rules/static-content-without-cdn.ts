import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { FORWARDING_KINDS, reachedByOutsideClients, reachedThrough } from './ingress-reach.js';

export default defineRule({
    meta: {
        id: 'static-content-without-cdn',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A component serves static assets to outside clients with no CDN in front of it.',
        grounding: {
            seeds: ['001 › "## Content Delivery Networks"', '003 › "### CDN" › "#### Problems"', '003 › "### CDN" › "#### Solution"'],
            catalog: ['R107']
        },
        messages: {
            noCdn: "'{{origin}}' serves {{kinds}} to outside clients with no CDN in front of it: every user, however far away, pays the full round trips to '{{origin}}' for the same files, and '{{origin}}' carries all of that traffic. Put a CDN in front of it (`cdn ... { origin {{origin}} }`)."
        },
        options: {
            staticKinds: {
                type: 'string[]', default: ['static-assets'],
                description: 'Kinds of data (from `holds`) that are static content a CDN can serve.'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const staticKinds = new Set(options.staticKinds.map(k => k.toLowerCase()));
        const servers: Array<{ origin: ComponentModel; kinds: string[] }> = [];
        for (const c of model.components.values()) {
            if (c.kind === 'client' || c.kind === 'cdn' || c.props.external) continue;
            const kinds = c.props.holds.filter(k => staticKinds.has(k));
            if (kinds.length > 0) servers.push({ origin: c, kinds });
        }
        if (servers.length === 0) return;
        const outside = reachedByOutsideClients(model);
        // What a CDN fetches from: its origins and routes, and what load balancers and gateways behind it forward to.
        const cdns: Array<readonly [ComponentModel, string]> = [];
        for (const c of model.components.values()) if (c.kind === 'cdn') cdns.push([c, 'cdn']);
        const fronted = reachedThrough(model, cdns, FORWARDING_KINDS);
        for (const { origin, kinds } of servers) {
            if (!origin.props.public && !outside.has(origin.id)) continue;
            if (fronted.has(origin.id)) continue;
            report({
                messageId: 'noCdn',
                data: { origin: origin.name, kinds: kinds.join(', ') },
                loc: origin.loc,
                elements: [origin.id]
            });
        }
    }
});
