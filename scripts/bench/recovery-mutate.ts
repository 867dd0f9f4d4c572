/**
 * The error-recovery benchmark's mutator: the tokens of a .sysd text (from sysd's own lexer) and, for
 * one token, a plausible wrong word to put in its place. Everything is a pure function of the seed and
 * the token, so a mutation in a report is reproduced from (seed, file, token index) alone.
 *
 * What "plausible wrong word" means, by kind of token:
 * - `word` (a keyword or a name): a misspelling: one letter dropped, two adjacent letters swapped, or a
 *   letter doubled (each a third of the time; the result is still a word the lexer reads as one token).
 *   A word of 1–2 letters gets another short word instead (`SHORT_WORDS`).
 * - `value` (a word where the grammar reads a value after a keyword on the same line: `lru` in
 *   `eviction lru`, `semi-sync` in `mode semi-sync`, `grpc` in `over grpc`): half the time a real value
 *   word that is wrong there (`WRONG_VALUES`, minus the words the same choice or vocabulary allows),
 *   half the time a misspelling.
 * - `number` (`3`, `500ms`, `99.9%`): a number word (`three`; `many`, `several`... for large values).
 * - `punctuation` (`{ } ; , . -> : ( ) / % ...`) and `string` (`"/healthz"`): not words; skipped by
 *   default. With `--recovery-punctuation` they form a row of their own: a punctuation token becomes its
 *   neighbour on the keyboard or in meaning (`{`→`[`, `;`→`:`, `,`→`.`, `->`→`-`...), a string gets its
 *   content misspelled.
 */
import { AstUtils, GrammarAST, type Grammar } from 'langium';
import type { SysdServices } from '../../language/src/sysd-module.js';
import { mulberry32, mutantSeed, type Random } from '../../test/fuzz/mutate.js';

export { mulberry32, mutantSeed };

export type TokenKind = 'word' | 'value' | 'number' | 'punctuation' | 'string';

export interface LexedToken {
    /** Index among the file's non-hidden tokens. */
    index: number;
    start: number;
    end: number;
    /** 1-based, as the lexer reports them. */
    line: number;
    column: number;
    text: string;
    kind: TokenKind;
    /** For a `value`: the other words the grammar allows in its place (including itself). */
    choice?: readonly string[];
}

/** Real value words of sysd that are wrong almost everywhere they are put. */
export const WRONG_VALUES = ['volatile-ttl', 'random', 'circular', 'device'] as const;
/** What a 1–2 letter word becomes. */
export const SHORT_WORDS = ['ab', 'x', 'io', 'zz', 'qq', 'to'] as const;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const LARGE_NUMBER_WORDS = ['many', 'several', 'dozens', 'hundreds', 'thousands'];
const PUNCTUATION_SWAP: Record<string, string> = {
    '{': '[', '}': ']', ';': ':', ':': ';', ',': '.', '.': ',', '->': '-', '(': '[', ')': ']', '/': '\\', '%': '$', '=': '-', '|': '/'
};
/** sysd's ID terminal: what a misspelt word must still be, so that it stays one word token. */
const ID = /^[_a-zA-Z]\w*(-[a-zA-Z0-9_]+)*$/;
const LETTER = /[a-zA-Z]/;

/**
 * What the grammar says about words: its keywords; the keywords after which a value word stands
 * (`eviction` in `'eviction' policy=Value`, or before a choice of keywords, `'eviction' policy=('lru' | 'lfu')`);
 * and, for a value word, the other words allowed in its place (from a choice of keywords in the grammar, or
 * from the vocabularies the model builder checks values against).
 */
export interface GrammarWords {
    keywords: ReadonlySet<string>;
    valueKeywords: ReadonlySet<string>;
    choices: ReadonlyMap<string, readonly string[]>;
}

/** A rule call or choice that reads a value word: the `Value` rule, or a choice of keywords (inline or a datatype rule). */
function readsValue(terminal: GrammarAST.AbstractElement | undefined): boolean {
    if (!terminal) return false;
    if (GrammarAST.isRuleCall(terminal)) {
        const rule = terminal.rule.ref;
        if (!rule || !GrammarAST.isParserRule(rule)) return false;
        return rule.name === 'Value' || keywordChoice(rule.definition) !== undefined;
    }
    return keywordChoice(terminal) !== undefined;
}

function keywordChoice(element: GrammarAST.AbstractElement): string[] | undefined {
    if (!GrammarAST.isAlternatives(element) || element.elements.length < 2 || !element.elements.every(GrammarAST.isKeyword)) return undefined;
    const words = element.elements.map(keyword => keyword.value);
    return words.every(word => ID.test(word)) ? words : undefined;
}

/** The keyword just before `node` in the group that holds it (climbing out of choices and optional parts). */
function keywordBefore(node: GrammarAST.AbstractElement): string | undefined {
    let current: GrammarAST.AbstractElement = node;
    for (let depth = 0; depth < 8; depth++) {
        const container = current.$container;
        if (GrammarAST.isGroup(container)) {
            const index = container.elements.indexOf(current);
            if (index > 0) {
                const before = container.elements[index - 1];
                return GrammarAST.isKeyword(before) && ID.test(before.value) ? before.value : undefined;
            }
        }
        if (!container || GrammarAST.isParserRule(container)) return undefined;
        current = container as GrammarAST.AbstractElement;
    }
    return undefined;
}

/** `vocabularies`: the value lists the model builder accepts (canonical values and aliases), if any. */
export function grammarWords(grammar: Grammar, vocabularies: readonly (readonly string[])[] = []): GrammarWords {
    const keywords = new Set<string>();
    const valueKeywords = new Set<string>();
    const choices = new Map<string, Set<string>>();
    const addChoice = (words: readonly string[]) => {
        for (const word of words) {
            const set = choices.get(word) ?? new Set<string>();
            for (const other of words) set.add(other);
            choices.set(word, set);
        }
    };
    for (const node of AstUtils.streamAllContents(grammar)) {
        if (GrammarAST.isKeyword(node)) keywords.add(node.value);
        if (GrammarAST.isAlternatives(node)) {
            const words = keywordChoice(node);
            if (words) addChoice(words);
        }
        if (GrammarAST.isAssignment(node) && readsValue(node.terminal)) {
            const keyword = keywordBefore(node);
            if (keyword) valueKeywords.add(keyword);
        }
    }
    for (const vocabulary of vocabularies) addChoice(vocabulary);
    return { keywords, valueKeywords, choices: new Map([...choices].map(([word, set]) => [word, [...set].sort()])) };
}

/** The non-hidden tokens of `text` (comments and whitespace left out), classified. */
export function lexTokens(services: SysdServices, text: string, words: GrammarWords): LexedToken[] {
    const result = services.parser.Lexer.tokenize(text);
    const tokens: LexedToken[] = [];
    let previous: { text: string; keyword: boolean; line: number } | undefined;
    for (const token of result.tokens) {
        const image = token.image;
        const keyword = words.keywords.has(image) && token.tokenType.name === image;
        let kind: TokenKind;
        let choice: readonly string[] | undefined;
        if (/^\d/.test(image)) kind = 'number';
        else if (/^["']/.test(image)) kind = 'string';
        else if (/^[_a-zA-Z]/.test(image)) {
            const before = previous?.keyword && previous.line === token.startLine ? previous.text : undefined;
            // A keyword that is no value (`via` in `election via Zk`) is a word of the statement.
            const isValue = before !== undefined && (keyword ? words.choices.has(image) && (words.valueKeywords.has(before) || /^[_a-zA-Z]/.test(before))
                : words.valueKeywords.has(before));
            kind = isValue ? 'value' : 'word';
            choice = isValue ? words.choices.get(image) : undefined;
        } else kind = 'punctuation';
        tokens.push({
            index: tokens.length, start: token.startOffset, end: token.startOffset + image.length,
            line: token.startLine ?? 0, column: token.startColumn ?? 0, text: image, kind, choice
        });
        previous = { text: image, keyword, line: token.startLine ?? 0 };
    }
    return tokens;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A misspelling of `word`: a letter dropped, two adjacent letters swapped or a letter doubled; still an ID. */
export function misspell(word: string, random: Random): string {
    if (word.length <= 2) return pick(random, SHORT_WORDS.filter(w => w !== word));
    const letters = [...word].map((c, i) => (LETTER.test(c) ? i : -1)).filter(i => i >= 0);
    const drop = letters.map(i => word.slice(0, i) + word.slice(i + 1));
    const swap = letters.filter(i => i + 1 < word.length && LETTER.test(word[i + 1]) && word[i] !== word[i + 1])
        .map(i => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    const double = letters.map(i => word.slice(0, i + 1) + word[i] + word.slice(i + 1));
    const valid = (list: string[]) => list.filter(w => w !== word && ID.test(w));
    const operations = [valid(drop), valid(swap), valid(double)].filter(list => list.length > 0);
    if (operations.length === 0) return word + 'x';
    return pick(random, pick(random, operations));
}

/** A number as a word: `3` → `three`, `500ms` → one of `many`, `several`... */
export function numberWord(text: string, random: Random): string {
    const value = Number.parseFloat(text);
    if (Number.isInteger(value) && value >= 0 && value < NUMBER_WORDS.length) return NUMBER_WORDS[value];
    return pick(random, LARGE_NUMBER_WORDS);
}

/** The plausible wrong word for `token` (see the file's comment); never equal to the token, never a line break. */
export function mutantFor(token: LexedToken, random: Random): string {
    switch (token.kind) {
        case 'number':
            return numberWord(token.text, random);
        case 'value': {
            if (random() < 0.5) {
                const wrong = WRONG_VALUES.filter(value => value !== token.text && !token.choice?.includes(value));
                if (wrong.length > 0) return pick(random, wrong);
            }
            return misspell(token.text, random);
        }
        case 'word':
            return misspell(token.text, random);
        case 'string': {
            const quote = token.text[0];
            const content = token.text.slice(1, -1);
            const letters = [...content].map((c, i) => (LETTER.test(c) ? i : -1)).filter(i => i >= 0);
            if (letters.length === 0) return `${quote}x${content}${quote}`;
            const at = pick(random, letters);
            return quote + content.slice(0, at) + content[at] + content.slice(at) + quote;
        }
        case 'punctuation':
            return PUNCTUATION_SWAP[token.text] ?? (token.text === ';' ? ',' : ';');
    }
}

/** A stable 32-bit hash of a file's name, mixed with the run's seed into each token's own stream. */
export function fileSeed(seed: number, name: string): number {
    let h = seed >>> 0;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return h;
}

/** The random stream of one token of one file. */
export function tokenRandom(seed: number, file: string, index: number): Random {
    return mulberry32(mutantSeed(fileSeed(seed, file), index));
}

/** `text` with `token` replaced by `mutant`. */
export function applyMutant(text: string, token: LexedToken, mutant: string): string {
    return text.slice(0, token.start) + mutant + text.slice(token.end);
}

/** A deterministic sample of `size` items (all of them when `size` is undefined or larger), in their order. */
export function sample<T>(items: readonly T[], size: number | undefined, random: Random): T[] {
    if (size === undefined || size >= items.length) return [...items];
    const indexes = items.map((_, i) => i);
    for (let i = indexes.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
    }
    return indexes.slice(0, size).sort((a, b) => a - b).map(i => items[i]);
}
