import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { FixModel, TextEditModel } from '../types.js';

/** A health check is declared and not `none`. */
const checks = (c: ComponentModel) => c.props.healthCheck !== undefined;

export default defineRule({
    meta: {
        id: 'missing-health-check',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A load balancer or gateway routes to a service and neither of them declares a health check.',
        grounding: {
            seeds: [
                '003 › "## Important Quality Attributes" › "### Fault Tolerance" (health checks and heartbeats)',
                '003 › "### Load Balancers" (health checks keep traffic away from unhealthy instances)',
                '004 › "#### Challenges of Replicated Load-Balanced Services"',
                '004 › "### Metrics" (introspection with /healthz)'
            ],
            catalog: ['R158']
        },
        messages: {
            missing: "'{{name}}' receives traffic from '{{router}}' but neither declares a health check: a crashed or hung instance keeps getting its share of requests, and those requests fail."
        },
        options: {
            path: { type: 'string', default: '/healthz', description: 'The health endpoint the quick fix declares.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.kind !== 'service' || c.props.managed || c.props.external || checks(c)) continue;
            const routers: ComponentModel[] = [];
            let covered = false;
            for (const r of model.incoming(c.id, 'routes')) {
                const source = model.component(r.source);
                if (!source || (source.kind !== 'loadbalancer' && source.kind !== 'gateway')) continue;
                if (checks(source)) covered = true;
                else routers.push(source);
            }
            if (covered || routers.length === 0) continue;
            const router = routers[0];
            const declared = `health check "${options.path}"`;
            const explicitNone = (h: { kind?: string }) => h.kind === 'none';
            const buildFixes = (): FixModel[] => {
                const fixes: FixModel[] = [];
                const add = (title: string, edit: TextEditModel | undefined) => {
                    if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
                };
                add(`Declare a health endpoint on '${c.name}'`, c.origins.healthCheck === 'declared'
                    ? fixer.replaceMember(c.loc, 'HealthCheckProp', declared, explicitNone)
                    : fixer.addMember(c.loc, declared));
                add(`Health-check targets at '${router.name}'`, router.origins.healthCheck === 'declared'
                    ? fixer.replaceMember(router.loc, 'HealthCheckProp', declared, explicitNone)
                    : fixer.addMember(router.loc, declared));
                return fixes;
            };
            report({
                messageId: 'missing',
                data: { name: c.name, router: router.name },
                loc: c.loc,
                elements: [c.id],
                related: routers.map(r => ({ loc: r.loc, message: `'${r.name}' routes to '${c.name}' without checking its health` })),
                fixes: buildFixes
            });
        }
    }
});
