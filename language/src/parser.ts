import { type AstNode, createParser, LangiumParser, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';
import { installStatementRecovery } from './recovery.js';

/**
 * Langium's parser, made total: an exception inside the parser (which no input should cause, but a
 * bug in a grammar action or an exhausted stack can) becomes one error at the start of the file
 * and an empty model, instead of escaping into the document builder and failing the whole build.
 *
 * The parser keeps a stack of the rules it is inside; an exception leaves it non-empty, and every
 * later parse would then fail with "Parser stack is not empty after parsing". It is emptied here.
 */
export class SysdParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // `wrapper` is Langium's Chevrotain parser (protected): see recovery.ts.
        installStatementRecovery((this as unknown as { wrapper: object }).wrapper, services.Grammar);
        deferLookahead((this as unknown as { wrapper: { lookaheadStrategy?: LookaheadStrategy } }).wrapper);
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        try {
            return super.parse<T>(input, options);
        } catch (error) {
            this.resetRuleStack();
            const reason = error instanceof Error ? error.message : String(error);
            // An empty text always parses: it gives a root node of the right type, with its CST.
            const empty = super.parse<T>('', options);
            return {
                ...empty,
                lexerErrors: [{
                    offset: 0, line: 1, column: 1, length: 0,
                    message: `sysd could not parse this file (internal parser error: ${reason}); nothing in it is checked until it parses.`
                }]
            };
        }
    }

    private resetRuleStack(): void {
        // `stack` is private in Langium's parser and nothing else clears it after an exception.
        const state = this as unknown as { stack?: unknown[] };
        if (Array.isArray(state.stack)) state.stack.length = 0;
    }
}

type LookaheadFunction = (this: unknown, alternatives?: unknown) => unknown;
interface LookaheadStrategy {
    buildLookaheadForAlternation(options: object): LookaheadFunction;
    buildLookaheadForOptional(options: object): LookaheadFunction;
}

/**
 * Chevrotain builds the look-ahead function of every decision of the grammar (each alternative,
 * option and repetition) when the parser is finalized: for sysd's grammar, where most keywords may
 * also be names, that is most of the parser's construction and of `sysd check`'s start-up. Here each
 * decision's function is built by the same strategy the first time the parser reaches it, so a
 * short file pays only for the decisions it uses. What each function decides is unchanged.
 */
function deferLookahead(wrapper: { lookaheadStrategy?: LookaheadStrategy }): void {
    const strategy = wrapper.lookaheadStrategy;
    if (!strategy) return;
    const alternation = strategy.buildLookaheadForAlternation.bind(strategy);
    const optional = strategy.buildLookaheadForOptional.bind(strategy);
    strategy.buildLookaheadForAlternation = options => deferred(() => alternation(options));
    strategy.buildLookaheadForOptional = options => deferred(() => optional(options));
}

function deferred(build: () => LookaheadFunction): LookaheadFunction {
    let built: LookaheadFunction | undefined;
    return function (this: unknown, alternatives?: unknown) {
        built ??= build();
        return built.call(this, alternatives);
    };
}

/** Builds and finalizes the sysd parser as Langium's `createLangiumParser` does for its own class. */
export function createSysdParser(services: LangiumCoreServices): LangiumParser {
    const parser = new SysdParser(services);
    createParser(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
