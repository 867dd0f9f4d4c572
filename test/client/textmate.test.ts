import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules, loadGrammar, tokenize, type Token } from './tm-tokenizer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const grammarPath = `${root}client/syntaxes/sysd.tmLanguage.json`;
const grammar = loadGrammar(grammarPath);

/** The keywords of the Langium grammar: quoted words in parser rules (terminals and comments left out). */
function langiumKeywords(): string[] {
    const source = readFileSync(`${root}language/src/grammar/sysd.langium`, 'utf8');
    const keywords = new Set<string>();
    for (const rawLine of source.split('\n')) {
        const line = rawLine.replace(/\/\/.*$/, '');
        if (/^\s*(hidden\s+)?terminal\b/.test(line)) continue;
        for (const match of line.matchAll(/'([^']*)'/g)) {
            if (/^[A-Za-z0-9][\w-]*$/.test(match[1]) || match[1] === '->') keywords.add(match[1]);
        }
    }
    return [...keywords].sort();
}

function line(text: string): Token[] {
    return tokenize(grammar, text)[0];
}

/** The scopes of the token (the first, or the given occurrence) whose text is exactly `text`. */
function scopesOf(tokens: Token[], text: string, occurrence = 0): string[] {
    const found = tokens.filter(token => token.text === text)[occurrence];
    if (!found) throw new Error(`No token '${text}' in ${JSON.stringify(tokens.map(t => t.text))}`);
    return found.scopes;
}

function hasScope(scopes: string[], prefix: string): boolean {
    return scopes.some(scope => scope === prefix || scope.startsWith(`${prefix}.`));
}

describe('TextMate grammar', () => {
    it('is valid JSON with the source.sysd scope and resolvable includes', () => {
        expect(() => JSON.parse(readFileSync(grammarPath, 'utf8')) as unknown).not.toThrow();
        expect(grammar.scopeName).toBe('source.sysd');
        expect(grammar.patterns.length).toBeGreaterThan(5);
        // allRules throws on an include that names no repository entry.
        expect(allRules(grammar).length).toBeGreaterThan(20);
    });

    it('uses only regex features that Oniguruma and JavaScript read alike', () => {
        for (const rule of allRules(grammar)) {
            for (const source of [rule.match, rule.begin, rule.end]) {
                if (source === undefined) continue;
                expect(() => new RegExp(source, 'd'), source).not.toThrow();
                expect(source, 'look-behind').not.toMatch(/\(\?<[=!]/);
                expect(source, 'possessive quantifier').not.toMatch(/(?<!\\)[*+?}]\+/);
                expect(source, 'Oniguruma-only escapes').not.toMatch(/\\[hHAzZG]/);
            }
        }
    });

    it('gives every keyword of the Langium grammar a keyword-ish scope', () => {
        const keywords = langiumKeywords();
        // A sanity check on the extraction itself.
        expect(keywords).toEqual(expect.arrayContaining(['service', 'single-leader', 'replicates', 'to', '->', '2pc']));
        expect(keywords.length).toBeGreaterThan(250);
        const unmatched: string[] = [];
        for (const keyword of keywords) {
            const tokens = line(keyword);
            const whole = tokens.length === 1 && tokens[0].text === keyword;
            const keywordish = whole && tokens[0].scopes.some(scope =>
                /^(keyword|storage|support|constant|entity)\./.test(scope));
            if (!keywordish) unmatched.push(`${keyword} -> ${JSON.stringify(tokens)}`);
        }
        expect(unmatched).toEqual([]);
    });

    it('scopes a component declaration: kind, name, technology', () => {
        const tokens = line('database OrdersDb : postgres {');
        expect(hasScope(scopesOf(tokens, 'database'), 'storage.type')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'OrdersDb'), 'entity.name.type')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'postgres'), 'support.class')).toBe(true);
        expect(hasScope(scopesOf(tokens, '{'), 'punctuation.section.block.begin')).toBe(true);
    });

    it('scopes properties, enum values and numbers inside a block', () => {
        const tokens = line('  replication single-leader { followers 2; mode semi-sync; failover automatic }');
        expect(hasScope(scopesOf(tokens, 'replication'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'single-leader'), 'constant.language')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'followers'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(tokens, '2'), 'constant.numeric')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'semi-sync'), 'constant.language')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'automatic'), 'constant.language')).toBe(true);
    });

    it('scopes relations, durations, rates and percentages', () => {
        const call = line('calls Billing over grpc { timeout 500ms; retry 3 exponential; circuit-breaker }');
        expect(hasScope(scopesOf(call, 'calls'), 'keyword.control')).toBe(true);
        expect(hasScope(scopesOf(call, 'Billing'), 'variable.other')).toBe(true);
        expect(hasScope(scopesOf(call, 'grpc'), 'constant.language')).toBe(true);
        expect(hasScope(scopesOf(call, '500ms'), 'constant.numeric.duration')).toBe(true);
        expect(hasScope(scopesOf(call, 'circuit-breaker'), 'support.type.property-name')).toBe(true);

        const limit = line('rate limit 500/s per client burst 20');
        expect(hasScope(scopesOf(limit, '500'), 'constant.numeric.rate')).toBe(true);
        expect(hasScope(scopesOf(limit, '/'), 'keyword.operator.rate')).toBe(true);
        // `client` is a value here, not a component declaration swallowing `burst` as its name.
        expect(hasScope(scopesOf(limit, 'client'), 'constant.language')).toBe(true);
        expect(hasScope(scopesOf(limit, 'burst'), 'support.type.property-name')).toBe(true);

        expect(hasScope(scopesOf(line('availability 99.95%'), '99.95%'), 'constant.numeric.percentage')).toBe(true);
        expect(hasScope(scopesOf(line('db replicates to Replica async'), 'replicates'), 'keyword.control')).toBe(true);
    });

    it('reads the word after an arrow and colon as a protocol, not a technology', () => {
        const tokens = line('Web -> Edge : https { timeout 2s }');
        expect(hasScope(scopesOf(tokens, '->'), 'keyword.operator')).toBe(true);
        expect(hasScope(scopesOf(tokens, 'https'), 'constant.language.protocol')).toBe(true);
        expect(hasScope(scopesOf(tokens, '2s'), 'constant.numeric.duration')).toBe(true);
    });

    it('scopes block keywords and the names they declare', () => {
        const saga = line('saga Booking orchestrated by Orders {');
        expect(hasScope(scopesOf(saga, 'saga'), 'keyword.declaration')).toBe(true);
        expect(hasScope(scopesOf(saga, 'Booking'), 'entity.name.function')).toBe(true);
        expect(hasScope(scopesOf(saga, 'orchestrated'), 'storage.modifier')).toBe(true);
        const es = line('event-sourcing Ledger { snapshots every 100 }');
        expect(scopesOf(es, 'event-sourcing')).toContain('keyword.declaration.block.sysd');
        expect(hasScope(scopesOf(es, 'Ledger'), 'entity.name.function')).toBe(true);
    });

    it('keeps keywords inside hyphenated names from lighting up', () => {
        const tokens = line('service order-in-memory { calls read-model }');
        expect(scopesOf(tokens, 'order-in-memory')).toContain('entity.name.type.component.sysd');
        expect(scopesOf(tokens, 'read-model')).toContain('variable.other.sysd');
        expect(hasScope(scopesOf(line('cache Seats { write-through; eviction lru }'), 'write-through'), 'constant.language')).toBe(true);
    });

    it('scopes comments: line, block over several lines, doc comments with tags, suppressions', () => {
        const lines = tokenize(grammar, [
            '/**',
            ' * Takes orders. @owner payments',
            ' */',
            'service Orders // the core',
            '/* a block',
            '   service NotCode */ cache C',
            '// sysd-ignore shared-database -- migration in progress'
        ].join('\n'));
        expect(lines[0][0].scopes).toContain('comment.block.documentation.sysd');
        expect(scopesOf(lines[1], '@owner')).toContain('storage.type.class.jsdoc.sysd');
        expect(scopesOf(lines[1], '@owner')).toContain('comment.block.documentation.sysd');
        expect(lines[2].every(token => token.scopes.includes('comment.block.documentation.sysd'))).toBe(true);
        expect(hasScope(scopesOf(lines[3], 'Orders'), 'entity.name.type')).toBe(true);
        expect(scopesOf(lines[3], '//')).toContain('punctuation.definition.comment.sysd');
        expect(hasScope(scopesOf(lines[3], ' the core'), 'comment.line')).toBe(true);
        expect(scopesOf(lines[5], '   service NotCode ')).toContain('comment.block.sysd');
        expect(hasScope(scopesOf(lines[5], 'cache'), 'storage.type')).toBe(true);
        expect(scopesOf(lines[6], 'sysd-ignore')).toContain('keyword.other.directive.suppression.sysd');
    });

    it('scopes strings with escapes and does not let them run past the line', () => {
        const lines = tokenize(grammar, 'health check "/health\\"z"\nservice A');
        expect(hasScope(scopesOf(lines[0], '/health'), 'string.quoted.double')).toBe(true);
        expect(hasScope(scopesOf(lines[0], '\\"'), 'constant.character.escape')).toBe(true);
        expect(hasScope(scopesOf(lines[1], 'service'), 'storage.type')).toBe(true);
        const unterminated = tokenize(grammar, 'holds "open\nservice B');
        expect(hasScope(scopesOf(unterminated[1], 'service'), 'storage.type')).toBe(true);
    });

    it('scopes the stated facts: failover time, latency at a percentile, retry base delay', () => {
        const failover = line('failover manual 5m');
        expect(hasScope(scopesOf(failover, 'failover'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(failover, '5m'), 'constant.numeric.duration')).toBe(true);
        const latency = line('calls Orders { timeout 2s; latency p99.9 40ms; latency mean 9ms }');
        expect(hasScope(scopesOf(latency, 'p99.9'), 'constant.language.percentile')).toBe(true);
        expect(hasScope(scopesOf(latency, 'mean'), 'constant.language.percentile')).toBe(true);
        expect(hasScope(scopesOf(latency, '40ms'), 'constant.numeric.duration')).toBe(true);
        const retry = line('retry 3 exponential 200ms jitter max 2s');
        expect(hasScope(scopesOf(retry, '200ms'), 'constant.numeric.duration')).toBe(true);
        expect(hasScope(scopesOf(retry, 'exponential'), 'constant')).toBe(true);
    });

    it('scopes an SLA and its indicator, and an election timeout range', () => {
        const sla = line('slo CheckoutSla { external; availability 99.9%; indicator "2xx at the gateway" }');
        expect(hasScope(scopesOf(sla, 'external'), 'storage.modifier')).toBe(true);
        expect(hasScope(scopesOf(sla, 'indicator'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(sla, '2xx at the gateway'), 'string.quoted.double')).toBe(true);
        const raft = line('replication consensus raft { nodes 5; election timeout 150ms to 300ms }');
        expect(hasScope(scopesOf(raft, 'election'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(raft, 'timeout'), 'support.type.property-name')).toBe(true);
        expect(hasScope(scopesOf(raft, '150ms'), 'constant.numeric.duration')).toBe(true);
        expect(hasScope(scopesOf(raft, 'to'), 'keyword.operator.range')).toBe(true);
        expect(hasScope(scopesOf(raft, '300ms'), 'constant.numeric.duration')).toBe(true);
    });
});
