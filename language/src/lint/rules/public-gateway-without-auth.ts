import { fromExternalClients } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'public-gateway-without-auth',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A public API gateway does not authenticate callers.',
        grounding: {
            seeds: [
                '003 › "### API Gateway" (the gateway removes duplicated authentication and authorization)',
                '003 › "### Note - Load Balancers vs API Gateway"'
            ],
            catalog: ['R116']
        },
        messages: {
            missing: "Public gateway '{{name}}' declares no authentication: either every service behind it repeats the credential checks, or requests from anyone reach them unchecked.",
            none: "Public gateway '{{name}}' declares 'auth none': either every service behind it repeats the credential checks, or requests from anyone reach them unchecked."
        },
        options: {
            method: { type: 'string', default: 'jwt', enum: ['jwt', 'oauth2', 'oidc', 'mtls', 'api-key', 'basic'], description: 'The authentication method the quick fix inserts.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.kind !== 'gateway' || c.props.external) continue;
            if (c.props.auth !== undefined && c.props.auth !== 'none') continue;
            if (!c.props.public && fromExternalClients(model, c.id).length === 0) continue;
            report({
                messageId: c.props.auth === 'none' ? 'none' : 'missing',
                data: { name: c.name },
                loc: c.loc,
                elements: [c.id],
                fixes: () => {
                    const edit = c.props.auth === 'none'
                        ? fixer.setValue(c.loc, 'AuthProp', 'method', options.method, a => a.method === 'none')
                        : fixer.addMember(c.loc, `auth ${options.method}`);
                    return edit ? [{ title: `Authenticate with ${options.method}`, edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
