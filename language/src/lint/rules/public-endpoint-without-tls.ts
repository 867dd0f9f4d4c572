import { fromExternalClients, targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

/** What each plaintext protocol becomes with TLS. */
const SECURE: Record<string, string> = { http: 'https', websocket: 'wss' };

export default defineRule({
    meta: {
        id: 'public-endpoint-without-tls',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'Traffic from an outside client reaches an endpoint unencrypted.',
        grounding: {
            seeds: [
                '001 › "## TLS: Transport Layer Security"',
                '001 › "## TLS: Transport Layer Security" › "### TLS Termination"',
                '001 › "### Websockets" (wss is WebSocket over TLS)',
                '003 › "### API Gateway" (SSL termination at the gateway)'
            ],
            catalog: ['R113']
        },
        messages: {
            plaintext: "'{{client}}' reaches '{{target}}' over {{protocol}}: requests and responses cross networks we do not control unencrypted, where they can be read or changed.",
            disabled: "'{{client}}' reaches '{{target}}' with 'tls none': requests and responses cross networks we do not control unencrypted, where they can be read or changed."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.kind === 'client' || c.props.external) continue;
            if (c.props.tls !== undefined && c.props.tls !== 'none') continue; // the endpoint accepts TLS
            for (const relation of fromExternalClients(model, c.id)) {
                const client = model.component(relation.source)!;
                const disabled = relation.tls === 'none';
                const secure = relation.protocol ? SECURE[relation.protocol] : undefined;
                if (!disabled && (secure === undefined || relation.tls !== undefined)) continue;
                report({
                    messageId: disabled ? 'disabled' : 'plaintext',
                    data: { client: client.name, target: c.name, protocol: relation.protocol ?? '' },
                    loc: targetLoc(relation),
                    elements: [relation.id],
                    related: [{ loc: client.loc, message: `'${client.name}' is outside the system` }],
                    fixes: () => {
                        const edit = disabled
                            ? fixer.replaceMember(relation.loc, 'TlsProp', 'tls', t => t.mode === 'none')
                            : fixer.setValue(relation.loc, undefined, 'protocol', secure!);
                        return edit ? [{ title: disabled ? 'Turn TLS on' : `Use ${secure}`, edits: [edit], preferred: true }] : [];
                    }
                });
            }
        }
    }
});
