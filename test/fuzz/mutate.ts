/**
 * Seeded mutations of .sysd text: what a user's half-typed, pasted-over or hostile edit can look like.
 * Everything is a pure function of the seed, so a failing mutant is reproduced from (seed, index) alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A small, fast, seedable PRNG (mulberry32): uniform floats in [0, 1). */
export type Random = () => number;

export function mulberry32(seed: number): Random {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Mixes the run's seed with a mutant's index, so each mutant has its own independent stream. */
export function mutantSeed(seed: number, index: number): number {
    let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    return h >>> 0;
}

const int = (random: Random, max: number) => Math.floor(random() * max);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

export interface Token {
    start: number;
    end: number;
    text: string;
}

/** Comments, strings, names (sysd names may contain `-`), numbers with units, `->`, any other character. */
const TOKEN = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w-]*|\d+(?:\.\d+)?[a-z%]*|->|\S/g;

export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    for (const match of text.matchAll(TOKEN)) tokens.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    return tokens;
}

/** One source of mutants: an example file (or the sketch) with its name, for the report. */
export interface CorpusFile {
    name: string;
    text: string;
}

/** The examples under `examples/` (folders included) and the language sketch, sorted by name. */
export function loadCorpus(root: string): CorpusFile[] {
    const files: CorpusFile[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.sysd')) files.push({ name: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
        }
    };
    walk(path.join(root, 'examples'));
    const sketch = path.join(root, 'test/fixtures/sketch.sysd');
    if (fs.existsSync(sketch)) files.push({ name: path.relative(root, sketch), text: fs.readFileSync(sketch, 'utf8') });
    return files;
}

/** Fragments a user types or pastes that unbalance the text: brackets, quotes, comment openers, odd characters. */
const JUNK = ['{', '}', '{', '}', '"', '/*', '*/', '//', '(', ')', '[', ']', '->', ';', ',', '.', ':', '/', '=', '@',
    '#', '\\', '\t', '\n', '\r\n', '\u0000', '\u00a0', '\u200b', 'é', '🙂', '\ud800', '"unterminated', '/** doc',
    '99999999999999999999999', '-1', '0', '1e309', '0.000001ms', '1s', '100/s', '   '];

export interface MutationContext {
    /** Every file of the corpus, for splices. */
    corpus: readonly CorpusFile[];
    /** The grammar's keywords. */
    keywords: readonly string[];
}

type Mutation = (text: string, random: Random, context: MutationContext) => string;

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

function withToken(text: string, random: Random, change: (token: Token, tokens: Token[]) => string): string {
    const tokens = tokenize(text);
    if (tokens.length === 0) return text;
    return change(pick(random, tokens), tokens);
}

const lineOps = (text: string) => text.split('\n');

/** Each mutation, named so a report can say what was done. */
export const MUTATIONS: Record<string, Mutation> = {
    deleteToken: (text, random) => withToken(text, random, t => splice(text, t.start, t.end, '')),
    duplicateToken: (text, random) => withToken(text, random, t => splice(text, t.end, t.end, ' ' + t.text)),
    swapTokens: (text, random) => withToken(text, random, (a, tokens) => {
        const b = pick(random, tokens);
        const [first, second] = a.start <= b.start ? [a, b] : [b, a];
        if (first.end > second.start) return text;
        return text.slice(0, first.start) + second.text + text.slice(first.end, second.start) + first.text + text.slice(second.end);
    }),
    replaceWithFileToken: (text, random) => withToken(text, random, (t, tokens) => splice(text, t.start, t.end, pick(random, tokens).text)),
    replaceWithKeyword: (text, random, context) => withToken(text, random, t => splice(text, t.start, t.end, pick(random, context.keywords))),
    insertKeyword: (text, random, context) => {
        const at = int(random, text.length + 1);
        return splice(text, at, at, ` ${pick(random, context.keywords)} `);
    },
    truncate: (text, random) => text.slice(0, int(random, text.length + 1)),
    truncateToken: (text, random) => withToken(text, random, t => text.slice(0, t.start + int(random, t.text.length + 1))),
    deleteLine: (text, random) => {
        const lines = lineOps(text);
        lines.splice(int(random, lines.length), 1 + int(random, 3));
        return lines.join('\n');
    },
    duplicateLine: (text, random) => {
        const lines = lineOps(text);
        const at = int(random, lines.length);
        lines.splice(at, 0, ...lines.slice(at, at + 1 + int(random, 4)));
        return lines.join('\n');
    },
    swapLines: (text, random) => {
        const lines = lineOps(text);
        const a = int(random, lines.length);
        const b = int(random, lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        return lines.join('\n');
    },
    insertJunk: (text, random) => {
        const at = int(random, text.length + 1);
        return splice(text, at, at, pick(random, JUNK));
    },
    spliceFromOtherFile: (text, random, context) => {
        const other = lineOps(pick(random, context.corpus).text);
        const from = int(random, other.length);
        const taken = other.slice(from, from + 1 + int(random, 12));
        const lines = lineOps(text);
        lines.splice(int(random, lines.length + 1), 0, ...taken);
        return lines.join('\n');
    },
    /** Wraps a run of lines in nested systems: deep structure from one paste. */
    nest: (text, random) => {
        const lines = lineOps(text);
        const depth = 1 + int(random, random() < 0.05 ? 300 : 12);
        const from = int(random, lines.length);
        const to = Math.min(lines.length, from + 1 + int(random, 20));
        const open = Array.from({ length: depth }, (_, i) => `system N${i} {`);
        const close = Array.from({ length: depth }, () => '}');
        lines.splice(from, to - from, ...open, ...lines.slice(from, to), ...close);
        return lines.join('\n');
    },
    /** A long run of one character or token: a key held down, a paste gone wrong. */
    repeat: (text, random) => {
        const at = int(random, text.length + 1);
        const unit = pick(random, ['{', '}', '(', '"', 'a', '->', '/*', ' x ->', 'service S', '.']);
        return splice(text, at, at, unit.repeat(1 + int(random, 400)));
    }
};

const NAMES = Object.keys(MUTATIONS);

export interface Mutant {
    seed: number;
    index: number;
    /** The corpus file it started from. */
    source: string;
    /** The mutations applied, in order. */
    operations: string[];
    text: string;
}

/** The `index`-th mutant of a run: a corpus file with one to four mutations stacked on it. */
export function makeMutant(seed: number, index: number, context: MutationContext): Mutant {
    const random = mulberry32(mutantSeed(seed, index));
    const file = pick(random, context.corpus);
    const count = 1 + int(random, 4);
    let text = file.text;
    const operations: string[] = [];
    for (let i = 0; i < count; i++) {
        const name = pick(random, NAMES);
        text = MUTATIONS[name](text, random, context);
        operations.push(name);
    }
    return { seed, index, source: file.name, operations, text };
}
