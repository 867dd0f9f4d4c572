/**
 * Statement-level error recovery for the sysd parser: one wrong word costs one syntax error, and
 * every other statement of the file still parses, links and is linted.
 *
 * Chevrotain (under Langium) recovers by re-synchronising on a token that may follow the failed rule.
 * In sysd almost every word may follow almost anything: a name starts a top-level relation
 * (`Web -> Api`), and most keywords are also names. So Chevrotain's re-sync stops at the very next
 * word, usually one level too high: a typo inside a component closes the component, and its remaining
 * members are read as top-level relations (13 to 40 errors for one word). Two hooks replace that:
 *
 * - **In a block** (the members of a component, the settings of a replication block, the options of a
 *   call, the elements of a system or file), a word that cannot start a statement is skipped together
 *   with the rest of its statement: up to the next line that starts a statement, a `;`, or the block's
 *   closing brace, with nested braces skipped whole. One error, at the word, says what was expected
 *   and which keyword is closest ("did you mean 'eviction'?").
 * - **Inside a statement**, an error ends that statement (it keeps what was read so far) and skips the
 *   same way to where the next statement starts, instead of unwinding to an outer block.
 */
import type { IToken, TokenType } from 'chevrotain';
import { GrammarAST, LangiumParserErrorMessageProvider } from 'langium';
import { didYouMean } from './suggest.js';

/** Chevrotain's rule names are Langium's with a zero-width space appended. */
const SUFFIX = '\u200B';

/** Rules whose instances are the statements of a block, by the block rule that repeats them. */
const STATEMENT_OF_BLOCK: Record<string, { statement: string; what: string }> = {
    Model: { statement: 'Element', what: 'a declaration' },
    System: { statement: 'Element', what: 'a declaration' },
    Component: { statement: 'Member', what: 'a property, relation or component' },
    UnknownKindComponent: { statement: 'Member', what: 'a property, relation or component' },
    Region: { statement: 'ZoneList', what: 'a zone list' },
    SingleLeader: { statement: 'SingleLeaderSetting', what: 'a single-leader setting' },
    MultiLeader: { statement: 'MultiLeaderSetting', what: 'a multi-leader setting' },
    Leaderless: { statement: 'LeaderlessSetting', what: 'a leaderless setting' },
    Consensus: { statement: 'ConsensusSetting', what: 'a consensus setting' },
    TopRelation: { statement: 'CallOption', what: 'a call option' },
    CallRelation: { statement: 'CallOption', what: 'a call option' },
    ReadRelation: { statement: 'ReadOption', what: 'a read option' },
    PublishRelation: { statement: 'PublishOption', what: 'a publish option' },
    ConsumeRelation: { statement: 'ConsumeOption', what: 'a consume option' },
    Saga: { statement: 'SagaStep', what: 'a saga step' },
    Cqrs: { statement: 'CqrsSetting', what: 'a CQRS setting' },
    View: { statement: 'ViewSetting', what: 'a view setting' },
    EventSourcing: { statement: 'EventSourcingSetting', what: 'an event-sourcing setting' },
    Transaction: { statement: 'TransactionSetting', what: 'a transaction setting' },
    Slo: { statement: 'SloSetting', what: 'an SLO setting' },
    Flow: { statement: 'FlowSetting', what: 'a flow setting' }
};

const STATEMENT_RULES = new Set([...Object.values(STATEMENT_OF_BLOCK).map(s => s.statement), 'Import']);

/** The parts of Chevrotain's parser that recovery uses (internal API, stable across its versions 10–13). */
interface Recognizer {
    recoveryEnabled: boolean;
    LA(offset: number): IToken;
    SKIP_TOKEN(): IToken;
    exportLexerState(): number;
    importLexerState(state: number): void;
    isBackTracking(): boolean;
    getCurrRuleFullName(): string;
    SAVE_ERROR(error: Error): Error;
    // Properties rather than methods: they are replaced below and called with the parser as `this`.
    invokeRuleCatch: (this: Recognizer, error: unknown, resyncEnabled: boolean, recoveryValueFunc: (error: unknown) => unknown) => unknown;
    tryInRepetitionRecovery: (this: Recognizer, rule: (...args: unknown[]) => unknown, args: unknown[], lookahead: () => boolean, expected: TokenType) => void;
    canTokenTypeBeInsertedInRecovery: (this: Recognizer, tokenType: TokenType) => boolean;
}

const RECOGNITION_EXCEPTIONS = new Set(['MismatchedTokenException', 'NoViableAltException', 'EarlyExitException', 'NotAllInputParsedException']);

function isRecognitionError(error: unknown): error is Error & { token: IToken; resyncedTokens: IToken[] } {
    return error instanceof Error && RECOGNITION_EXCEPTIONS.has(error.name);
}

function isEof(token: IToken): boolean {
    return token.tokenType?.name === 'EOF' || Number.isNaN(token.startOffset);
}

const image = (token: IToken) => token.image;

/** True when `token` is the first on its line (or follows a `;`), so a statement may start there. */
function startsStatement(token: IToken, previous: IToken | undefined): boolean {
    if (!previous || isEof(previous) || Number.isNaN(previous.endLine ?? NaN)) return true;
    return image(previous) === ';' || (token.startLine ?? 0) > (previous.endLine ?? 0);
}

/**
 * Installs statement-level recovery on a Chevrotain recognizer (Langium's `ChevrotainWrapper`).
 * Nothing changes for text without errors: both hooks run only after the parser met an error.
 */
export function installStatementRecovery(recognizer: object, grammar: GrammarAST.Grammar): void {
    const parser = recognizer as Recognizer;
    const originalCatch = parser.invokeRuleCatch;
    const keywordCache = new Map<string, string[]>();

    /** The keywords that can start a statement of `block`'s kind, for "did you mean". */
    const statementKeywords = (block: string): string[] => {
        const statement = STATEMENT_OF_BLOCK[block]?.statement;
        if (!statement) return [];
        let words = keywordCache.get(statement);
        if (!words) {
            const rule = grammar.rules.find(r => r.name === statement);
            words = rule && GrammarAST.isParserRule(rule) ? [...firstKeywords(rule.definition, new Set())] : [];
            keywordCache.set(statement, words);
        }
        return words;
    };

    /** Skips the rest of a broken statement: to a `;`, a closing brace, or a line where a statement may start. */
    const skipStatement = (): IToken[] => {
        const skipped: IToken[] = [];
        let depth = 0;
        let previous = parser.LA(0);
        let current = parser.LA(1);
        while (!isEof(current)) {
            const text = image(current);
            if (depth === 0) {
                if (text === '}' || text === ';') break;
                if (skipped.length > 0 && startsStatement(current, previous)) break;
            }
            if (text === '{') depth++;
            else if (text === '}') depth--;
            skipped.push(current);
            previous = current;
            current = parser.SKIP_TOKEN();
        }
        return skipped;
    };

    // Never pretend a brace was there. A `}` inserted before a word that cannot start a member closed
    // the component at the first typo and read its remaining members as top-level relations; a block
    // that really is unclosed is reported where the braces stop balancing, once.
    const originalInsertable = parser.canTokenTypeBeInsertedInRecovery;
    parser.canTokenTypeBeInsertedInRecovery = function (this: Recognizer, tokenType) {
        if (tokenType.name === '}' || tokenType.name === '{') return false;
        return originalInsertable.call(this, tokenType);
    };

    parser.invokeRuleCatch = function (this: Recognizer, error, resyncEnabled, recoveryValueFunc) {
        const rule = this.getCurrRuleFullName().replace(SUFFIX, '');
        if (isRecognitionError(error) && this.recoveryEnabled && !this.isBackTracking() && STATEMENT_RULES.has(rule)) {
            // The error token starts the next statement when the broken one ended at a line break
            // (`calls Orders {` with its `}` missing): keep it. Otherwise skip to where one can start.
            const token = this.LA(1);
            const atStatementStart = !isEof(token) && startsStatement(token, this.LA(0));
            error.resyncedTokens = atStatementStart ? [] : skipStatement();
            return recoveryValueFunc(error);
        }
        return originalCatch.call(this, error, resyncEnabled, recoveryValueFunc);
    };

    parser.tryInRepetitionRecovery = function (this: Recognizer, rule, args, lookahead, expected) {
        const saved = this.exportLexerState();
        const block = this.getCurrRuleFullName().replace(SUFFIX, '');
        const first = this.LA(1);
        const before = this.LA(0);
        const skipped: IToken[] = [];
        let depth = 0;
        let previous = before;
        let current = first;
        const report = () => {
            const word = image(first);
            const context = STATEMENT_OF_BLOCK[block];
            const isWord = /^[\w-]+$/.test(word);
            const message = isWord && context
                ? `'${word}' does not start ${context.what}${didYouMean(word, statementKeywords(block))}`
                : `Unexpected '${word}'${context ? `: expected ${context.what}` : ''}.`;
            const exception = Object.assign(new Error(isWord && context && !message.endsWith('?') ? `${message}.` : message), {
                name: 'MismatchedTokenException', token: first, previousToken: before, resyncedTokens: skipped.slice(1)
            });
            this.SAVE_ERROR(exception);
        };
        while (!isEof(current)) {
            const isClose = image(current) === '}';
            if (depth === 0) {
                if (current.tokenType === expected || (isClose && expected.name === '}')) {
                    report();
                    return;
                }
                if (current !== first && startsStatement(current, previous) && lookahead.call(this)) {
                    report();
                    rule.apply(this, args);
                    return;
                }
            }
            if (image(current) === '{') depth++;
            else if (isClose && depth > 0) depth--;
            skipped.push(current);
            previous = current;
            current = this.SKIP_TOKEN();
        }
        if (expected.name === 'EOF') {
            report();
            return;
        }
        // The block is never closed: leave the words for the enclosing rules, whose missing `}` is the error.
        this.importLexerState(saved);
    };
}

/**
 * The keywords a grammar element can start with, through the parser rules it calls. Names are not
 * followed (rules returning a string such as `Name`): a statement that starts with a name offers no
 * keyword to suggest.
 */
function firstKeywords(element: GrammarAST.AbstractElement, visiting: Set<GrammarAST.ParserRule>): Set<string> {
    const found = new Set<string>();
    const optional = (e: GrammarAST.AbstractElement) => e.cardinality === '?' || e.cardinality === '*';
    const visit = (e: GrammarAST.AbstractElement): boolean => {
        // Returns whether `e` can match nothing (so what follows it can start the statement too).
        if (GrammarAST.isKeyword(e)) {
            found.add(e.value);
            return optional(e);
        }
        if (GrammarAST.isAlternatives(e)) {
            let empty = false;
            for (const alternative of e.elements) empty = visit(alternative) || empty;
            return empty || optional(e);
        }
        if (GrammarAST.isGroup(e) || GrammarAST.isUnorderedGroup(e)) {
            for (const part of e.elements) if (!visit(part)) return optional(e);
            return true;
        }
        if (GrammarAST.isAssignment(e)) return visit(e.terminal) || optional(e);
        if (GrammarAST.isRuleCall(e)) {
            const rule = e.rule.ref;
            if (!rule || !GrammarAST.isParserRule(rule) || rule.dataType !== undefined || visiting.has(rule)) return optional(e);
            visiting.add(rule);
            for (const keyword of firstKeywords(rule.definition, visiting)) found.add(keyword);
            visiting.delete(rule);
            return optional(e);
        }
        if (GrammarAST.isAction(e)) return true;
        return optional(e);
    };
    visit(element);
    return found;
}

/** How a token type reads in a message: `'}'`, `'eviction'`, `a name`, `a duration`. */
function describeToken(tokenType: TokenType): string {
    const name = tokenType.name;
    const terminals: Record<string, string> = {
        ID: 'a name', INT: 'a number', STRING: 'a string', DURATION: 'a duration (such as 2s)', PERCENT: 'a percentage (such as 99.9%)', EOF: 'the end of the file'
    };
    return terminals[name] ?? `'${name.endsWith(':KW') ? name.slice(0, -3) : name}'`;
}

/**
 * Syntax error messages that say what was expected in words, not as Chevrotain's numbered token
 * sequences, and suggest the expected keyword nearest to what was written.
 */
export class SysdParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        return expectedMessage(options.expectedPathsPerAlt.flat().map(path => path[0]).filter(t => t !== undefined), options.actual[0]);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        return expectedMessage(options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined), options.actual[0]);
    }
}

function expectedMessage(firsts: TokenType[], actual: IToken | undefined): string {
    const unique = [...new Map(firsts.map(t => [t.name, t])).values()];
    // A list of forty keywords (every word that can be a name) helps nobody: name the kinds instead.
    const described = unique.length > 8 && unique.some(t => t.name === 'ID')
        ? ['a name']
        : unique.map(describeToken);
    const found = actual && !isEof(actual) ? `'${actual.image}'` : 'the end of the file';
    const keywords = unique.map(t => t.name).filter(n => /^[a-z][a-z0-9-]*$/.test(n));
    // Only a word can be a misspelt keyword: a `}` is one edit from every one-letter keyword (`n`, `r`, `w`).
    const hint = actual && !isEof(actual) && /^[A-Za-z]/.test(actual.image) ? didYouMean(actual.image, keywords) : '';
    const list = described.length <= 1 ? described.join('') : `${described.slice(0, -1).join(', ')} or ${described[described.length - 1]}`;
    return `Expected ${list}, found ${found}${hint}${hint ? '' : '.'}`;
}
