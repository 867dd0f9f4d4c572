import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'blobs-in-database-or-hdfs',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A database holds blobs or static files, which belong in an object store.',
        grounding: {
            seeds: ['001 › "## Object Stores"'],
            catalog: ['R110']
        },
        messages: {
            blobs: "Database '{{store}}'{{technology}} holds {{kinds}}: large files bloat its storage, backups and replicas, and every read of one goes through the servers that run your queries. Keep them in an object store (`objectstore ... : s3`) and store only their keys here."
        },
        options: {
            blobKinds: {
                type: 'string[]', default: ['blobs', 'static-assets'],
                description: 'Kinds of data (from `holds`) that are files or blobs rather than records.'
            }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const blobKinds = new Set(options.blobKinds.map(k => k.toLowerCase()));
        for (const store of model.components.values()) {
            if (store.kind !== 'database') continue;
            const kinds = store.props.holds.filter(k => blobKinds.has(k));
            if (kinds.length === 0) continue;
            report({
                messageId: 'blobs',
                data: { store: store.name, technology: store.technology ? ` (${store.technology})` : '', kinds: kinds.join(', ') },
                loc: store.loc,
                elements: [store.id]
            });
        }
    }
});
