import { targetLoc } from '../../model/queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'udp-for-reliable-traffic',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Orders, payments or similar data that must not be lost travel over UDP, which neither acknowledges nor resends a packet.',
        grounding: {
            seeds: [
                '001 › "## UDP: User Datagram Protocol" (for low-latency traffic where dropped data is acceptable)',
                '001 › "## TCP: Transmission Control Protocol"'
            ],
            catalog: ['R55']
        },
        messages: {
            udp: "'{{source}}' talks to '{{target}}' over UDP, but the traffic carries {{kinds}}: UDP sends each packet once and never learns whether it arrived, so a dropped or corrupted packet is silently lost. Use TCP or a protocol built on it (https, grpc)."
        },
        options: {
            sensitiveKinds: {
                type: 'string[]', default: ['orders', 'payments', 'financial', 'inventory'],
                description: 'Kinds of data (from `holds` on either end) that must not be lost; UDP between components holding none of them is not reported.'
            }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        const sensitive = new Set(options.sensitiveKinds.map(k => k.toLowerCase()));
        for (const relation of model.relations) {
            if (relation.protocol !== 'udp') continue;
            const source = model.component(relation.source);
            const target = model.component(relation.target);
            if (!source || !target) continue;
            const kinds = [...new Set([...source.props.holds, ...target.props.holds])].filter(k => sensitive.has(k));
            if (kinds.length === 0) continue;
            report({
                messageId: 'udp',
                data: { source: source.name, target: target.name, kinds: kinds.join(', ') },
                loc: targetLoc(relation),
                elements: [relation.id],
                fixes: () => {
                    const edit = fixer.setValue(relation.loc, undefined, 'protocol', 'tcp');
                    return edit ? [{ title: 'Use TCP', edits: [edit], preferred: true }] : [];
                }
            });
        }
    }
});
