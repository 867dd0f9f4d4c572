// Start-up of `sysd check` (issue 15): the parser builds each decision's look-ahead the first time it
// reaches it instead of all of them up front, and the token builder builds each terminal's partial
// pattern once instead of once per keyword. Both must change nothing but the work done: these tests
// count the work and compare the results; the times are printed by `npm run bench` (--scale).
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import { DefaultTokenBuilder, URI } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SysdTokenBuilder } from '../../language/src/lexer.js';
import { createTestServices, exampleWorkspaces, workspace } from '../helpers.js';

afterEach(() => {
    vi.restoreAllMocks();
});

/** Counts the look-ahead functions the parser's strategy builds. */
function countLookaheadBuilds() {
    const counts = { built: 0 };
    type Build = (this: unknown, options: object) => unknown;
    const prototype = LLStarLookaheadStrategy.prototype as unknown as Record<'buildLookaheadForAlternation' | 'buildLookaheadForOptional', Build>;
    for (const method of ['buildLookaheadForAlternation', 'buildLookaheadForOptional'] as const) {
        const original = Object.getOwnPropertyDescriptor(prototype, method)!.value as Build;
        vi.spyOn(prototype, method).mockImplementation(function (this: unknown, options: object) {
            counts.built++;
            return original.call(this, options);
        });
    }
    return counts;
}

describe('start-up work of the parser', () => {
    it('builds no look-ahead when the parser is created, and only what a short file needs when it parses', () => {
        const counts = countLookaheadBuilds();
        const services = createTestServices();
        const parser = services.parser.LangiumParser;
        expect(counts.built).toBe(0);
        const result = parser.parse('service Orders\n');
        expect(result.parserErrors).toEqual([]);
        const forOneLine = counts.built;
        expect(forOneLine).toBeGreaterThan(0);
        // Parsing it again builds nothing more: each function is built once.
        parser.parse('service Billing\n');
        expect(counts.built).toBe(forOneLine);
        // The grammar has well over a hundred decisions; one line reaches a handful.
        parser.parse(exampleWorkspaces().flatMap(example => Object.values(example.files)).join('\n'));
        expect(counts.built).toBeGreaterThan(forOneLine * 5);
    });

    it('parses every example without errors, to the same tree whatever order the look-ahead is built in', async () => {
        for (const example of exampleWorkspaces()) {
            const { documents } = await workspace(example.files);
            for (const document of documents) {
                expect(document.parseResult.parserErrors, example.name).toEqual([]);
                // A second parser, whose look-ahead is built in another order, gives the same tree.
                const again = createTestServices().shared.workspace.LangiumDocumentFactory.fromString(document.textDocument.getText(), URI.parse('memory:///again.sysd'));
                expect(again.parseResult.value.$cstNode?.text).toBe(document.parseResult.value.$cstNode?.text);
                expect(shape(again.parseResult.value)).toEqual(shape(document.parseResult.value));
            }
        }
    });
});

/** The node types of a tree in document order, with their text lengths. */
function shape(node: unknown): string[] {
    const out: string[] = [];
    const visit = (value: unknown) => {
        if (!value || typeof value !== 'object') return;
        if (Array.isArray(value)) return value.forEach(visit);
        const record = value as Record<string, unknown> & { $type?: string; $cstNode?: { length: number } };
        if (typeof record.$type !== 'string') return;
        out.push(`${record.$type}:${record.$cstNode?.length ?? -1}`);
        for (const [key, child] of Object.entries(record)) if (!key.startsWith('$')) visit(child);
    };
    visit(node);
    return out;
}

describe('start-up work of the token builder', () => {
    it('gives the same tokens as Langium\'s, with the same longer alternatives', () => {
        const grammar = createTestServices().Grammar;
        const describeTokens = (tokens: unknown) => (tokens as { name: string; PATTERN: unknown; LONGER_ALT?: { name: string }[] | { name: string } }[]).map(token => ({
            name: token.name,
            pattern: String(token.PATTERN),
            longer: [token.LONGER_ALT ?? []].flat().map(alt => alt.name)
        }));
        const ours = describeTokens(new SysdTokenBuilder().buildTokens(grammar, { caseInsensitive: false }));
        const langiums = describeTokens(new DefaultTokenBuilder().buildTokens(grammar, { caseInsensitive: false }));
        expect(ours).toEqual(langiums);
        // Keywords that are also names have the name terminal as a longer alternative.
        expect(ours.filter(token => token.longer.length > 0).length).toBeGreaterThan(50);
    });

    it('builds each terminal\'s partial pattern once, not once per keyword', () => {
        const grammar = createTestServices().Grammar;
        const partial = vi.spyOn(DefaultTokenBuilder.prototype as unknown as { findLongerAlt: () => unknown }, 'findLongerAlt');
        const builder = new SysdTokenBuilder();
        const cache = (builder as unknown as { partials: Map<string, RegExp> }).partials;
        builder.buildTokens(grammar, { caseInsensitive: false });
        expect(partial).not.toHaveBeenCalled();
        const terminals = grammar.rules.filter(rule => rule.$type === 'TerminalRule').length;
        expect(cache.size).toBeGreaterThan(0);
        expect(cache.size).toBeLessThanOrEqual(terminals);
    });
});
