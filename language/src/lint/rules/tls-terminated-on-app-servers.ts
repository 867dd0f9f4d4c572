import { isCompute } from '../../model/queries.js';
import type { ComponentKind } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

/** What can end TLS in front of a service. */
const PROXY_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['gateway', 'loadbalancer', 'cdn']);

export default defineRule({
    meta: {
        id: 'tls-terminated-on-app-servers',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A service that outside clients reach terminates TLS itself, with no load balancer, gateway or CDN in front of it to do so.',
        grounding: {
            seeds: [
                '001 › "## TLS: Transport Layer Security" › "### TLS Termination" (handshakes are CPU-intensive on application servers)',
                '003 › "### CDN" › "#### Solution" (TLS termination at the CDN)',
                '004 › "#### Ambassador"'
            ],
            catalog: ['R115']
        },
        messages: {
            onApp: "'{{service}}' terminates TLS for outside clients itself: every handshake and every encrypted byte costs CPU on the servers that run your code, and each instance holds the certificate and key. Terminate TLS at a load balancer, gateway or CDN in front of '{{service}}'."
        },
        options: {},
        fixable: false
    },
    check({ model, report }) {
        // A CDN that fetches from a service ends the outside clients' TLS before it.
        const cdnOrigins = new Set<string>();
        for (const c of model.components.values()) if (c.kind === 'cdn') for (const origin of c.props.origins) cdnOrigins.add(origin);
        for (const service of model.components.values()) {
            if (!isCompute(service) || service.props.tls !== 'terminate' || service.props.external) continue;
            let outside = service.props.public;
            let proxied = cdnOrigins.has(service.id);
            for (const relation of model.incoming(service.id)) {
                const source = model.component(relation.source);
                if (!source) continue;
                if (source.kind === 'client' && source.props.external) outside = true;
                if (PROXY_KINDS.has(source.kind) && (relation.kind === 'calls' || relation.kind === 'routes')) proxied = true;
            }
            if (!outside || proxied) continue;
            report({
                messageId: 'onApp',
                data: { service: service.name },
                loc: service.loc,
                elements: [service.id]
            });
        }
    }
});
