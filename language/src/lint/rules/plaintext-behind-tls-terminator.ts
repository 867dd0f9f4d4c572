import { isRead, isWrite, targetLoc } from '../../model/queries.js';
import type { ComponentModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

/** Protocols that are always encrypted. */
const ENCRYPTED: ReadonlySet<string> = new Set(['https', 'wss', 'tls', 'quic', 'http3', 'sftp', 'ssh']);
/** What each plaintext protocol becomes with TLS. */
const SECURE: Readonly<Record<string, string>> = { http: 'https', websocket: 'wss' };

export default defineRule({
    meta: {
        id: 'plaintext-behind-tls-terminator',
        type: 'problem',
        defaultSeverity: 'info',
        description: 'A proxy terminates TLS and forwards requests unencrypted to a component that handles payments, personal data or similar.',
        grounding: {
            seeds: ['001 › "## TLS: Transport Layer Security" › "### TLS Termination" (if the proxy is compromised, all data behind it is readable)'],
            catalog: ['R114']
        },
        messages: {
            plaintext: "TLS ends at '{{proxy}}', and '{{proxy}}' → '{{target}}' is unencrypted although '{{target}}' handles {{kinds}}: anyone who gets into the internal network, or into '{{proxy}}', reads that data in transit. Encrypt this hop too (TLS from the proxy to '{{target}}')."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['payments', 'financial', 'user-profile', 'pii', 'credentials', 'health'],
                description: 'Kinds of data (from `holds` on the target, or on the stores it reads and writes) that must stay encrypted inside the system.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        const handled = new Map<string, string[]>();
        /** The sensitive kinds a component holds, or reads and writes in the stores it uses (once per component). */
        const kindsOf = (c: ComponentModel): string[] => {
            let kinds = handled.get(c.id);
            if (kinds) return kinds;
            const all = new Set(c.props.holds);
            for (const relation of model.outgoing(c.id)) {
                if (!isRead(relation) && !isWrite(relation)) continue;
                for (const k of model.component(relation.target)?.props.holds ?? []) all.add(k);
            }
            kinds = [...all].filter(k => sensitive.has(k));
            handled.set(c.id, kinds);
            return kinds;
        };
        for (const proxy of model.components.values()) {
            if (proxy.props.tls !== 'terminate') continue;
            for (const relation of model.outgoing(proxy.id)) {
                if (relation.kind !== 'calls' && relation.kind !== 'routes') continue;
                const target = model.component(relation.target);
                if (!target || target.props.external) continue;
                if (relation.tls !== 'none') {
                    if (relation.tls !== undefined) continue;
                    if (relation.protocol !== undefined && ENCRYPTED.has(relation.protocol)) continue;
                    if (target.props.tls !== undefined && target.props.tls !== 'none') continue; // the target accepts TLS
                }
                const kinds = kindsOf(target);
                if (kinds.length === 0) continue;
                const buildFixes = (): FixModel[] => {
                    if (relation.kind === 'routes') {
                        // A route takes no options: the target accepts TLS instead.
                        const accept = target.origins.tls === 'declared'
                            ? fixer.replaceMember(target.loc, 'TlsProp', 'tls')
                            : fixer.addMember(target.loc, 'tls');
                        return accept ? [{ title: `'${target.name}' accepts TLS`, edits: [accept], preferred: true }] : [];
                    }
                    const secure = relation.protocol !== undefined ? SECURE[relation.protocol] : undefined;
                    const edit = relation.tls === 'none'
                        ? fixer.replaceMember(relation.loc, 'TlsProp', 'tls', t => t.mode !== undefined)
                        : secure !== undefined ? fixer.setValue(relation.loc, undefined, 'protocol', secure) : fixer.addMember(relation.loc, 'tls');
                    return edit ? [{ title: secure !== undefined && relation.tls !== 'none' ? `Use ${secure}` : 'Encrypt the hop (tls)', edits: [edit], preferred: true }] : [];
                };
                report({
                    messageId: 'plaintext',
                    data: { proxy: proxy.name, target: target.name, kinds: kinds.join(', ') },
                    loc: targetLoc(relation),
                    elements: [relation.id],
                    related: [{ loc: proxy.loc, message: `'${proxy.name}' terminates TLS` }],
                    fixes: buildFixes
                });
            }
        }
    }
});
