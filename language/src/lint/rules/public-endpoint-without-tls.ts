import { defineRule } from '../types.js';
import { fromExternalClients, relationTargetLoc, replaceMember } from './resilience-text.js';

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
    check({ model, report, text }) {
        for (const c of model.components.values()) {
            if (c.kind === 'client' || c.props.external) continue;
            if (c.props.tls !== undefined && c.props.tls !== 'none') continue; // the endpoint accepts TLS
            for (const relation of fromExternalClients(model, c.id)) {
                const client = model.component(relation.source)!;
                const disabled = relation.tls === 'none';
                const secure = relation.protocol ? SECURE[relation.protocol] : undefined;
                if (!disabled && (secure === undefined || relation.tls !== undefined)) continue;
                const edit = disabled
                    ? replaceMember(text, { uri: relation.loc.uri, range: relation.loc.range }, /\btls\s+none\b/, 'tls')
                    : replaceRelationProtocol(text, relation.loc, relation.protocol!, secure!);
                report({
                    messageId: disabled ? 'disabled' : 'plaintext',
                    data: { client: client.name, target: c.name, protocol: relation.protocol ?? '' },
                    loc: relationTargetLoc(relation),
                    element: relation.id,
                    related: [{ loc: client.loc, message: `'${client.name}' is outside the system` }],
                    fixes: edit ? [{ title: disabled ? 'Turn TLS on' : `Use ${secure}`, edits: [edit], preferred: true }] : []
                });
            }
        }
    }
});

/** Rewrites the protocol of a relation: `: http` or `over http`. */
function replaceRelationProtocol(text: (uri: string) => string | undefined, loc: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }, from: string, to: string) {
    const source = text(loc.uri);
    if (source === undefined) return undefined;
    // The relation's own text starts at its source reference (top level) or at `calls` (inside a component).
    const lines = source.split('\n');
    const startLine = loc.range.start.line;
    const endLine = loc.range.end.line;
    for (let line = startLine; line <= endLine; line++) {
        const from0 = line === startLine ? loc.range.start.character : 0;
        const to0 = line === endLine ? loc.range.end.character : lines[line].length;
        const segment = lines[line].slice(from0, to0);
        const match = new RegExp(`(:\\s*|\\bover\\s+)${from}(?![\\w-])`).exec(segment);
        if (match) {
            const at = from0 + match.index + match[1].length;
            return { uri: loc.uri, range: { start: { line, character: at }, end: { line, character: at + from.length } }, newText: to };
        }
    }
    return undefined;
}
