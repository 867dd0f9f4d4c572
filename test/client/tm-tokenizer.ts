// A small TextMate tokenizer for tests: enough of the semantics VS Code applies to check the SysD
// grammar (earliest match wins, ties go to the first rule in order, begin/end regions that span
// lines, capture scopes). Regexes run as JavaScript regexes, so the grammar must stay in the
// subset that Oniguruma and JavaScript read the same way.
import { readFileSync } from 'node:fs';

export interface TmRule {
    name?: string;
    comment?: string;
    match?: string;
    begin?: string;
    end?: string;
    include?: string;
    captures?: Record<string, { name?: string }>;
    beginCaptures?: Record<string, { name?: string }>;
    endCaptures?: Record<string, { name?: string }>;
    patterns?: TmRule[];
}

export interface TmGrammar {
    scopeName: string;
    patterns: TmRule[];
    repository: Record<string, TmRule>;
}

export interface Token {
    text: string;
    scopes: string[];
}

export function loadGrammar(path: string): TmGrammar {
    return JSON.parse(readFileSync(path, 'utf8')) as TmGrammar;
}

/** Every rule reachable from the grammar, includes resolved (each rule object once). */
export function allRules(grammar: TmGrammar): TmRule[] {
    const seen = new Set<TmRule>();
    const visit = (rules: TmRule[] | undefined): void => {
        for (const rule of rules ?? []) {
            const target = resolveInclude(grammar, rule);
            if (seen.has(target)) continue;
            seen.add(target);
            visit(target.patterns);
        }
    };
    visit(grammar.patterns);
    for (const rule of Object.values(grammar.repository)) {
        if (!seen.has(rule)) {
            seen.add(rule);
            visit(rule.patterns);
        }
    }
    return [...seen];
}

function resolveInclude(grammar: TmGrammar, rule: TmRule): TmRule {
    if (!rule.include) return rule;
    if (!rule.include.startsWith('#')) throw new Error(`Unsupported include '${rule.include}'.`);
    const target = grammar.repository[rule.include.slice(1)];
    if (!target) throw new Error(`Include '${rule.include}' names no repository entry.`);
    return target;
}

/** The match/begin rules of a pattern list, in order, with includes and plain groups flattened. */
function flatten(grammar: TmGrammar, rules: TmRule[] | undefined): TmRule[] {
    const result: TmRule[] = [];
    for (const rule of rules ?? []) {
        const target = resolveInclude(grammar, rule);
        if (target.match !== undefined || target.begin !== undefined) result.push(target);
        else result.push(...flatten(grammar, target.patterns));
    }
    return result;
}

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
    let compiled = regexCache.get(source);
    if (!compiled) {
        compiled = new RegExp(source, 'dg');
        regexCache.set(source, compiled);
    }
    return compiled;
}

interface Frame {
    rule: TmRule;
    scopes: string[];
}

/** Tokenizes a whole text line by line; regions (block comments, strings) carry over lines. */
export function tokenize(grammar: TmGrammar, text: string): Token[][] {
    const stack: Frame[] = [];
    return text.split(/\r?\n/).map(line => tokenizeLine(grammar, line, stack));
}

function tokenizeLine(grammar: TmGrammar, line: string, stack: Frame[]): Token[] {
    const tokens: Token[] = [];
    const root = [grammar.scopeName];
    let pos = 0;
    let guard = 0;
    for (;;) {
        if (++guard > 10_000) throw new Error(`Tokenizer made no progress on: ${line}`);
        const frame = stack.at(-1);
        const baseScopes = frame ? frame.scopes : root;
        const candidates = flatten(grammar, frame ? frame.rule.patterns : grammar.patterns);

        let best: { match: RegExpExecArray; rule?: TmRule; isEnd: boolean } | undefined;
        const consider = (source: string, rule: TmRule | undefined, isEnd: boolean): void => {
            const re = regex(source);
            re.lastIndex = pos;
            const match = re.exec(line);
            if (!match) return;
            if (!best || match.index < best.match.index) best = { match, rule, isEnd };
        };
        // The end pattern of the current region is tried first, so it wins ties.
        if (frame?.rule.end !== undefined) consider(frame.rule.end, undefined, true);
        for (const rule of candidates) consider((rule.match ?? rule.begin)!, rule, false);

        if (!best) {
            if (pos < line.length) tokens.push({ text: line.slice(pos), scopes: baseScopes });
            break;
        }
        const { match } = best;
        if (match.index > pos) tokens.push({ text: line.slice(pos, match.index), scopes: baseScopes });

        if (best.isEnd) {
            emit(tokens, match, baseScopes, frame!.rule.endCaptures ?? frame!.rule.captures);
            stack.pop();
            pos = match.index + match[0].length;
            continue;
        }
        const rule = best.rule!;
        const scopes = rule.name ? [...baseScopes, ...rule.name.split(/\s+/)] : baseScopes;
        if (rule.begin !== undefined) {
            emit(tokens, match, scopes, rule.beginCaptures ?? rule.captures);
            stack.push({ rule, scopes });
        } else {
            emit(tokens, match, scopes, rule.captures);
        }
        if (match[0].length === 0) {
            // A zero-length match that is not an end would loop forever: step over one character.
            if (pos < line.length) tokens.push({ text: line[pos], scopes: baseScopes });
            pos++;
        } else {
            pos = match.index + match[0].length;
        }
    }
    return merge(tokens);
}

/** Splits a match into tokens, giving each character the scopes of the capture groups around it. */
function emit(tokens: Token[], match: RegExpExecArray, scopes: string[], captures: TmRule['captures']): void {
    const start = match.index;
    const text = match[0];
    if (text.length === 0) return;
    const perChar: string[][] = Array.from(text, () => [...scopes]);
    const indices = match.indices!;
    for (const [group, capture] of Object.entries(captures ?? {})) {
        const span = indices[Number(group)];
        if (!span || !capture.name) continue;
        for (let i = span[0]; i < span[1]; i++) perChar[i - start].push(...capture.name.split(/\s+/));
    }
    for (let i = 0; i < text.length; i++) tokens.push({ text: text[i], scopes: perChar[i] });
}

function merge(tokens: Token[]): Token[] {
    const result: Token[] = [];
    for (const token of tokens) {
        const last = result.at(-1);
        if (last && last.scopes.join(' ') === token.scopes.join(' ')) last.text += token.text;
        else result.push({ text: token.text, scopes: token.scopes });
    }
    return result;
}
