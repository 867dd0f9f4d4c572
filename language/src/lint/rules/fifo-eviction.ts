import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

/** Words read as `fifo` that name policies which do keep popular keys (S3-FIFO promotes keys read again). */
const SCAN_RESISTANT_FIFO: ReadonlySet<string> = new Set(['s3-fifo']);
const SCAN_RESISTANT_PATTERN = /s3-fifo/i;

export default defineRule({
    meta: {
        id: 'fifo-eviction',
        type: 'suggestion',
        defaultSeverity: 'info',
        description: 'A cache evicts first-in first-out, so its most popular keys are evicted as soon as they are the oldest.',
        grounding: {
            seeds: ['001 › "### First-in First-out"', '001 › "### Least Recently Used"'],
            catalog: ['R104']
        },
        messages: {
            fifo: "'{{cache}}' evicts first-in first-out: a key is dropped when it becomes the oldest, however often it is read, so the keys everyone asks for keep falling out and every reader pays a miss to bring them back. LRU or LFU keep the keys that are in use."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer, text }) {
        /** Whether a document writes a scan-resistant FIFO policy anywhere (read once per document). */
        const mentions = new Map<string, boolean>();
        const mentionsScanResistant = (uri: string): boolean => {
            let found = mentions.get(uri);
            if (found === undefined) mentions.set(uri, found = SCAN_RESISTANT_PATTERN.test(text(uri) ?? ''));
            return found;
        };
        for (const cache of model.components.values()) {
            if (cache.props.eviction !== 'fifo') continue;
            const declared = cache.origins.eviction === 'declared';
            if (declared && mentionsScanResistant(cache.loc.uri)) {
                // The model keeps only the canonical policy; the written word tells S3-FIFO from plain FIFO.
                const written = fixer.valueText(cache.loc, 'EvictionProp', 'policy');
                if (written !== undefined && SCAN_RESISTANT_FIFO.has(written.toLowerCase())) continue;
            }
            const buildFixes = (): FixModel[] => {
                const edit = declared ? fixer.setValue(cache.loc, 'EvictionProp', 'policy', 'lru') : fixer.addMember(cache.loc, 'eviction lru');
                return edit ? [{ title: 'Evict the least recently used key (LRU)', edits: [edit], preferred: true }] : [];
            };
            report({
                messageId: 'fifo',
                data: { cache: cache.name },
                loc: cache.loc,
                elements: [cache.id],
                fixes: buildFixes
            });
        }
    }
});
