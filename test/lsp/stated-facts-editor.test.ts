// The editor side of the stated facts (`failover manual 5m`, `latency p99 40ms`, `retry 3 exponential
// 200ms`): percentiles offered after `latency`, keyword gists that name the new forms, and formatting.
import { describe, expect, it } from 'vitest';
import { expectCompletion, expectFormatting } from 'langium/test';
import { keywordDoc } from '../../language/src/lsp/keyword-docs.js';
import { createTestServices } from '../helpers.js';

describe('stated facts in the editor', () => {
    for (const text of ['service A { latency <|>', 'service A { calls B { timeout 1s; latency <|> } }\nservice B', 'slo S { latency <|> }']) {
        it(`offers the percentiles after latency in ${JSON.stringify(text.split('<|>')[0])}`, async () => {
            await expectCompletion(createTestServices())({
                text,
                index: 0,
                assert: list => {
                    const labels = list.items.map(i => i.label);
                    expect(labels.slice(0, 7)).toEqual(['p50', 'p90', 'p95', 'p99', 'p99.9', 'p99.99', 'avg']);
                    expect(list.items.find(i => i.label === 'p99')?.detail).toBe('percentile');
                }
            });
        });
    }

    it('names the new forms in the keyword gists', () => {
        expect(keywordDoc('failover')?.gist).toContain('failover manual 5m');
        expect(keywordDoc('latency')?.gist).toContain("a call's block");
        expect(keywordDoc('retry')?.gist).toContain('retry 3 exponential 200ms');
    });

    it('formats the new forms with single spaces, one-line blocks on one line', async () => {
        await expectFormatting(createTestServices())({
            before: 'database Db {failover manual 5m;latency p99 5ms}\nservice B { calls Db {retry 3 exponential 200ms jitter max 2s;latency p99.9 40ms} }',
            after: 'database Db { failover manual 5m; latency p99 5ms }\nservice B { calls Db { retry 3 exponential 200ms jitter max 2s; latency p99.9 40ms } }'
        });
    });
});
