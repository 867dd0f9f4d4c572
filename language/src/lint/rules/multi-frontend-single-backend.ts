import { isCompute } from '../../model/queries.js';
import { findTechnology } from '../../model/technologies.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { FORWARDING_KINDS, reachedThrough } from './ingress-reach.js';

export default defineRule({
    meta: {
        id: 'multi-frontend-single-backend',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'One backend service serves several kinds of frontend (browser, mobile, desktop...) that reach it directly or through a gateway.',
        grounding: {
            seeds: [
                '003 › "### Backends for Frontends Pattern"',
                '003 › "### API Gateway" (routing to a backend per device by the user agent)'
            ],
            catalog: ['R35']
        },
        messages: {
            shared: "'{{service}}' serves {{kinds}} clients from one backend: each kind wants different data and features, so one service grows into a monolith that every frontend team changes. Consider a backend for each frontend (`style bff`), with the shared logic in its own service."
        },
        options: {
            frontends: {
                type: 'string[]', default: ['browser', 'mobile', 'desktop', 'iot'],
                description: 'Client technologies that count as kinds of frontend (clients whose technology is not listed, or not stated, are not counted).'
            },
            minKinds: { type: 'number', default: 2, minimum: 2, description: 'How many kinds of frontend one backend may serve before the rule reports.' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const frontends = new Set(options.frontends.map(f => f.toLowerCase()));
        const starts: Array<readonly [ComponentModel, string]> = [];
        for (const c of model.components.values()) {
            if (c.kind !== 'client' || !c.technologyKnown) continue;
            // The technology's own id: `: ios` is a mobile client, `: spa` a browser.
            const technology = findTechnology(c.technology)?.id;
            if (technology !== undefined && frontends.has(technology)) starts.push([c, technology]);
        }
        if (starts.length === 0) return;
        const reached = reachedThrough(model, starts, FORWARDING_KINDS);
        for (const [id, kinds] of reached) {
            if (kinds.size < options.minKinds) continue;
            const service = model.component(id);
            if (!service || !isCompute(service) || service.props.external || service.props.style === 'bff') continue;
            report({
                messageId: 'shared',
                data: { service: service.name, kinds: [...kinds].sort().join(', ').replace(/, ([^,]*)$/, ' and $1') },
                loc: service.loc,
                elements: [service.id]
            });
        }
    }
});
