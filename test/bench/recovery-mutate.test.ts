// The error-recovery benchmark's mutator (scripts/bench/recovery-mutate.ts): deterministic, and every
// mutant is a different text on the same line. The benchmark's numbers are printed by `npm run bench`,
// never asserted here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    applyMutant, grammarWords, lexTokens, misspell, mulberry32, mutantFor, numberWord, sample, tokenRandom
} from '../../scripts/bench/recovery-mutate.js';
import { exampleWorkspaces, vocabularies } from '../../scripts/bench-recovery.js';
import { createTestServices } from '../helpers.js';

const root = path.resolve(__dirname, '../..');
const services = createTestServices();
const words = grammarWords(services.Grammar, vocabularies());
const files = exampleWorkspaces(root).flatMap(spec => spec.files);

describe('recovery benchmark mutator', () => {
    it('finds the examples, one workspace per folder or top-level file', () => {
        expect(files.length).toBeGreaterThan(5);
        expect(exampleWorkspaces(root).some(spec => spec.files.length > 1)).toBe(true);
    });

    it('classifies tokens: keywords and names, values after a keyword, numbers, punctuation; no comments', () => {
        const text = '// note\ncache C : redis { eviction lru; ttl 30s; replicas 2 } /* end */';
        const tokens = lexTokens(services, text, words);
        const kindOf = (t: string) => tokens.find(token => token.text === t)?.kind;
        expect(tokens.some(token => token.text.startsWith('//') || token.text.startsWith('/*'))).toBe(false);
        expect(kindOf('cache')).toBe('word');
        expect(kindOf('C')).toBe('word');
        expect(kindOf('lru')).toBe('value');
        expect(kindOf('30s')).toBe('number');
        expect(kindOf('{')).toBe('punctuation');
    });

    it('gives every token of every example a different mutant on the same line, the same for the same seed', () => {
        let count = 0;
        for (const file of files) {
            const text = fs.readFileSync(file, 'utf8');
            const name = path.relative(root, file);
            for (const token of lexTokens(services, text, words)) {
                const mutant = mutantFor(token, tokenRandom(7, name, token.index));
                expect(mutant, `${name}:${token.line}:${token.column}`).not.toBe(token.text);
                expect(mutant).not.toMatch(/[\r\n]/);
                expect(mutantFor(token, tokenRandom(7, name, token.index))).toBe(mutant);
                const mutated = applyMutant(text, token, mutant);
                expect(mutated.split('\n').length).toBe(text.split('\n').length);
                count++;
            }
        }
        expect(count).toBeGreaterThan(1000);
    });

    it('misspells a word into another word, numbers into number words', () => {
        const random = mulberry32(1);
        for (const word of ['replicas', 'at-least-once', 'p99', 'Orders', 'ab', 'x']) {
            const mutant = misspell(word, random);
            expect(mutant).not.toBe(word);
            expect(mutant).toMatch(/^[_a-zA-Z]\w*(-[a-zA-Z0-9_]+)*$/);
        }
        expect(numberWord('3', random)).toBe('three');
        expect(numberWord('500ms', random)).toMatch(/^[a-z]+$/);
    });

    it('samples deterministically, in order', () => {
        const items = Array.from({ length: 50 }, (_, i) => i);
        const a = sample(items, 10, mulberry32(3));
        expect(a).toEqual(sample(items, 10, mulberry32(3)));
        expect(a).toHaveLength(10);
        expect([...a].sort((x, y) => x - y)).toEqual(a);
        expect(sample(items, undefined, mulberry32(3))).toEqual(items);
    });
});
