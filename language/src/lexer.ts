import { DefaultLexer, DefaultTokenBuilder, RegExpUtils, type GrammarAST, type LexerResult, type TokenizeOptions } from 'langium';
import type { TokenType } from 'chevrotain';

type IToken = LexerResult['tokens'][number];
type ILexingError = LexerResult['errors'][number];

/**
 * How deep `{ ... }` blocks may nest before the lexer stops passing their contents to the parser.
 * The parser descends one level of recursion per block, so without a bound a file of a few
 * kilobytes of nested braces overflows the stack. Real models nest systems a few levels deep; the
 * model builder reports systems deeper than 32 on its own, so this bound only guards the parser.
 */
export const MAX_BLOCK_DEPTH = 64;

/**
 * The default lexer plus two checks the token patterns cannot express: a block comment that is
 * never closed (the comment terminal reads it to the end of the file, so it costs one linear scan,
 * and this reports it), and blocks nested deeper than `MAX_BLOCK_DEPTH` (their contents are dropped
 * from the token stream, keeping the braces, so the parser sees an empty block and cannot recurse
 * without bound).
 */
export class SysdLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const errors: ILexingError[] = [...result.errors];
        for (const comment of result.hidden) {
            if (comment.image.startsWith('/*') && (comment.image.length < 4 || !comment.image.endsWith('*/'))) {
                errors.push(lexingError(comment, 2, "This comment is never closed: '*/' is missing, so the rest of the file is read as a comment."));
            }
        }
        const dropped: [start: number, end: number][] = [];
        const withoutStrayDots = dropStrayDots(result.tokens, errors);
        const tokens = dropTooDeep(withoutStrayDots, errors, dropped);
        if (dropped.length === 0) {
            if (tokens !== result.tokens) return { ...result, tokens, errors };
            return errors.length === result.errors.length ? result : { ...result, errors };
        }
        // Comments inside the dropped blocks go too: they belong to nothing the parser built.
        const hidden = result.hidden.filter(h => !insideAny(h.startOffset, dropped));
        return { ...result, tokens, hidden, errors };
    }
}

/**
 * Langium's token builder, with one cost taken out of every start-up: to know which keywords a
 * terminal (a name, a number) could also match, Langium turns each terminal's pattern into a
 * "partial" pattern once per keyword, re-parsing the regular expression every time; sysd has
 * hundreds of keywords. Here each terminal's partial pattern is built once. The tokens are the same.
 */
export class SysdTokenBuilder extends DefaultTokenBuilder {
    private readonly partials = new Map<string, RegExp>();

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const longer: TokenType[] = [];
        for (const token of terminalTokens) {
            const source = (token?.PATTERN as { source?: unknown } | undefined)?.source;
            if (typeof source !== 'string' || source === '') continue;
            const whole = `^${source}$`;
            let partial = this.partials.get(whole);
            if (!partial) {
                partial = RegExpUtils.partialRegExp(whole);
                this.partials.set(whole, partial);
            }
            // As RegExpUtils.partialMatches: a non-empty match of the partial pattern.
            const match = keyword.value.match(partial);
            if (match && match[0].length > 0) longer.push(token);
        }
        return longer;
    }
}

function lexingError(token: IToken, length: number, message: string): ILexingError {
    return { offset: token.startOffset, line: token.startLine, column: token.startColumn, length, message };
}

/** A name or a word keyword (`Orders`, `timeout`): what may stand on either side of a dot. */
const WORD = /^[_a-zA-Z][\w-]*$/;
/**
 * The tokens without dots that do not follow a name. The grammar uses `.` only after a name
 * (`Data.ProfilesDb`, a saga step's `Service.action`, a percentile's `p99.9`), so a dot after anything
 * else (the second dot of `Orders..`, a dot after a brace) is a typing mistake. Left in, each such dot
 * sends the parser into error recovery whose look-ahead scans far ahead, and a held-down key
 * (`Orders.....`) costs seconds per keystroke; taken out, a run of stray dots is one error and the
 * rest of the line parses as written.
 */
function dropStrayDots(tokens: IToken[], errors: ILexingError[]): IToken[] {
    let kept: IToken[] | undefined;
    let runStart: IToken | undefined;
    let runEnd = 0;
    const flush = () => {
        if (!runStart) return;
        errors.push(lexingError(runStart, runEnd - runStart.startOffset, "Unexpected '.': a dot joins two names, as in 'Data.ProfilesDb'."));
        runStart = undefined;
    };
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.image === '.') {
            // A dot right after a name stays, even when no name follows yet: that is a qualified
            // name being typed (`Events.`), and completion needs the dot to offer `Events.orders`.
            if (!WORD.test(tokens[i - 1]?.image ?? '')) {
                kept ??= tokens.slice(0, i);
                runStart ??= token;
                runEnd = token.startOffset + 1;
                continue;
            }
        }
        flush();
        kept?.push(token);
    }
    flush();
    return kept ?? tokens;
}

/**
 * The tokens without the contents of blocks that open deeper than `MAX_BLOCK_DEPTH`: the braces of
 * such a block are kept, so the parser sees an empty block. One error per such block; `dropped`
 * receives the offsets each dropped stretch spans (in order).
 */
function dropTooDeep(tokens: IToken[], errors: ILexingError[], dropped: [number, number][]): IToken[] {
    const kept: IToken[] = [];
    let depth = 0;
    let opener: IToken | undefined;
    for (const token of tokens) {
        if (token.image === '{') {
            depth++;
            if (depth === MAX_BLOCK_DEPTH + 1) {
                opener = token;
                kept.push(token);
                errors.push(lexingError(token, 1, `Blocks nest at most ${MAX_BLOCK_DEPTH} deep; the contents of this block are not read.`));
                continue;
            }
        } else if (token.image === '}' && depth > 0) {
            depth--;
            if (depth === MAX_BLOCK_DEPTH && opener) {
                dropped.push([opener.startOffset, token.startOffset]);
                opener = undefined;
                kept.push(token);
                continue;
            }
        }
        if (depth <= MAX_BLOCK_DEPTH) kept.push(token);
    }
    // A too-deep block that is never closed runs to the end of the file.
    if (opener) dropped.push([opener.startOffset, Number.MAX_SAFE_INTEGER]);
    return dropped.length === 0 ? tokens : kept;
}

/** Whether `offset` falls inside one of the sorted, disjoint stretches. */
function insideAny(offset: number, stretches: readonly [number, number][]): boolean {
    let low = 0;
    let high = stretches.length - 1;
    while (low <= high) {
        const mid = (low + high) >> 1;
        const [start, end] = stretches[mid];
        if (offset <= start) high = mid - 1;
        else if (offset >= end) low = mid + 1;
        else return true;
    }
    return false;
}
