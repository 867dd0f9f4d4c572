import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workspace } from './helpers.js';

/** Every ```sysd block of the user docs must at least parse (fragments may name undeclared things). */
const pages = ['README.md', 'docs/language.md'];

describe('code samples in the docs', () => {
    for (const page of pages) {
        const text = readFileSync(new URL(`../${page}`, import.meta.url), 'utf8');
        const blocks = [...text.matchAll(/```sysd\n([\s\S]*?)```/g)].map(m => m[1]);
        it(`${page} has sysd samples that parse`, async () => {
            expect(blocks.length).toBeGreaterThan(0);
            for (const block of blocks) {
                const { documents } = await workspace({ 'sample.sysd': block });
                const errors = [...documents[0].parseResult.lexerErrors, ...documents[0].parseResult.parserErrors].map(e => e.message);
                expect(errors, block).toEqual([]);
            }
        });
    }
});
