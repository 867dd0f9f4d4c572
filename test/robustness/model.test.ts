import { afterEach, describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import type { Model } from '../../language/src/generated/ast.js';
import { MAX_BLOCK_DEPTH } from '../../language/src/lexer.js';
import { buildFragment, MAX_SYSTEM_DEPTH } from '../../language/src/model/builder.js';
import { PROPERTIES } from '../../language/src/model/build/properties.js';
import { resolveImportUri } from '../../language/src/scope.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { diagnosticText, exampleWorkspaces, workspace } from '../helpers.js';

/**
 * Half-written, hostile and huge input: the grammar, the model builder, scoping and the workspace
 * model take any text without throwing, and stay linear on huge or deep input. The time bounds are
 * hang guards only; the measured times are printed.
 */

/** Runs `work` and prints how long it took, so a slowdown shows in the test output. */
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await work();
    console.log(`${label}: ${Math.round(performance.now() - start)} ms`);
    return result;
}

function nestedSystems(depth: number): string {
    let text = '';
    for (let i = 0; i < depth; i++) text += `system S${i} {\n`;
    text += 'service a { calls b }\nservice b\n';
    for (let i = 0; i < depth; i++) text += '}\n';
    return text;
}

describe('robustness: half-written input', () => {
    it('reads `rate limit 10` without a unit as a syntax error, not a crash', async () => {
        const { model, diagnostics } = await workspace('service a { rate limit 10 }\nservice b { rate limit 5/s }');
        expect(model.component('a')).toBeDefined();
        expect(model.component('a')!.props.rateLimit).toBeUndefined();
        expect(model.component('b')!.props.rateLimit).toMatchObject({ count: 5, unit: 's' });
        const messages = diagnostics().map(diagnosticText);
        expect(messages.some(m => m.includes("Expecting token of type '/'"))).toBe(true);
        expect(messages.some(m => /internal error/i.test(m))).toBe(false);
    });

    it('links the references of a file whose `import` has no path', async () => {
        const { model, diagnostics } = await workspace('import\nservice a { calls b }\nservice b');
        expect(model.relations.map(r => r.id)).toEqual(['a calls b']);
        const messages = diagnostics().map(diagnosticText);
        expect(messages.some(m => m.includes('An error occurred while resolving'))).toBe(false);
        expect(resolveImportUri(URI.parse('file:///w/a.sysd'), undefined)).toBeUndefined();
    });

    it('builds a fragment from every prefix of a model without throwing', async () => {
        const text = [
            'import "other"', 'region eu { zones a, b }', 'system Shop {',
            '  service Api : spring { replicas 2 across a, b; rate limit 10/s per ip burst 5; calls Db { timeout 1s; retry 3 exponential } }',
            '  database Db : postgres { replication single-leader { followers 2; sync; failover automatic } availability 99.9% }',
            '  broker Bus : kafka { topic t { partitions 3; retention 7d } }',
            '  service W { consumes Bus.t { idempotent; dlq Bus.t }; health check http "/h" }', '}',
            'saga S { orchestrator Shop.Api; step Shop.Api.reserve compensate Shop.Api.release }',
            'slo Fast { path Shop.Api -> Shop.Db; p99 200ms; availability 99.9% }'
        ].join('\n');
        const parse = parseHelper<Model>(createSysdServices(EmptyFileSystem).Sysd);
        // Every cut at a word boundary: the shapes an editor sees while the author types.
        const cuts = [...text.matchAll(/\s/g)].map(m => m.index);
        for (const cut of cuts) {
            const document = await parse(text.substring(0, cut), { documentUri: `file:///prefix/${cut}.sysd` });
            // No handler may throw, not even one caught by the per-element guard.
            const internal = buildFragment(document).problems.filter(p => p.code === 'internal-error');
            expect(internal, `prefix of ${cut} characters`).toEqual([]);
        }
    });

    it('builds an example with any one line removed without an internal error', async () => {
        const services = createSysdServices(EmptyFileSystem).Sysd;
        const parse = parseHelper<Model>(services);
        const example = exampleWorkspaces().find(w => w.name === 'ticket-reservation')!;
        const [name, text] = Object.entries(example.files).find(([file]) => file.endsWith('tickets.sysd'))!;
        const lines = text.split('\n');
        for (let i = 0; i < lines.length; i++) {
            const document = await parse([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), { documentUri: `file:///variants/${i}.sysd` });
            const internal = buildFragment(document).problems.filter(p => p.code === 'internal-error');
            expect(internal, `${name} without line ${i + 1}`).toEqual([]);
            // One variant at a time, so the workspace does not grow with every line.
            services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        }
    });
});

describe('robustness: the parser', () => {
    it('turns an exception inside the parser into one error and parses the next text normally', async () => {
        const services = createSysdServices(EmptyFileSystem).Sysd;
        const converter = services.parser.ValueConverter;
        const convert = converter.convert.bind(converter);
        let fail = true;
        // A failure in the middle of a rule, where the parser's rule stack is not empty.
        converter.convert = (input, cstNode) => {
            if (fail) {
                fail = false;
                throw new Error('converter failed');
            }
            return convert(input, cstNode);
        };
        const parse = parseHelper<Model>(services);
        const broken = await parse('system S { service a }');
        expect(broken.parseResult.lexerErrors.map(e => e.message)).toEqual([
            'sysd could not parse this file (internal parser error: converter failed); nothing in it is checked until it parses.'
        ]);
        expect(broken.parseResult.value.elements).toEqual([]);
        expect(() => buildFragment(broken)).not.toThrow();
        const next = await parse('system S { service a }');
        expect(next.parseResult.lexerErrors).toEqual([]);
        expect(next.parseResult.parserErrors).toEqual([]);
        expect(next.parseResult.value.elements).toHaveLength(1);
    });
});

describe('robustness: an element that cannot be read costs only that element', () => {
    const original = PROPERTIES.TlsProp;
    afterEach(() => {
        (PROPERTIES as { TlsProp: typeof original }).TlsProp = original;
    });

    it('turns an exception in a handler into an error on that element and keeps the rest', async () => {
        (PROPERTIES as { TlsProp: typeof original }).TlsProp = () => {
            throw new Error('handler failed');
        };
        const { model } = await workspace('service a { tls; replicas 2 }\nservice b { calls a }');
        expect(model.problems.map(p => p.message)).toContain(
            'Internal error while reading this element: handler failed. The rest of the file is still checked.'
        );
        expect(model.component('a')!.props.replicas).toBe(2);
        expect(model.relations.map(r => r.id)).toEqual(['b calls a']);
    });
});

describe('robustness: deep nesting', () => {
    it(`reports systems nested deeper than ${MAX_SYSTEM_DEPTH} once and models the rest`, async () => {
        const { model, diagnostics } = await timed('240 nested systems', () => workspace(nestedSystems(240)));
        const deep = diagnostics().filter(d => d.code === 'nesting-too-deep');
        expect(deep.map(diagnosticText)).toEqual([
            `Systems nest at most ${MAX_SYSTEM_DEPTH} deep; 'S${MAX_SYSTEM_DEPTH}' is nested one level deeper, so it and what it contains are not part of the model.`
        ]);
        expect(deep[0].range.start.line).toBe(MAX_SYSTEM_DEPTH);
        expect(model.systems.size).toBe(MAX_SYSTEM_DEPTH);
        const blocks = diagnostics().map(diagnosticText).filter(m => m.startsWith('Blocks nest'));
        expect(blocks).toEqual([`Blocks nest at most ${MAX_BLOCK_DEPTH} deep; the contents of this block are not read.`]);
        expect(diagnostics().map(diagnosticText).some(m => /internal error|call stack|Invalid array length/i.test(m))).toBe(false);
    });

    it('parses thousands of nested or unclosed blocks without overflowing the stack', async () => {
        await timed('3,000 nested systems', async () => {
            const { diagnostics } = await workspace(nestedSystems(3000));
            expect(diagnostics().some(d => d.code === 'nesting-too-deep')).toBe(true);
        });
        await timed('5,000 unclosed brokers', async () => {
            const { diagnostics } = await workspace('broker b {\n'.repeat(5000));
            expect(diagnostics().map(diagnosticText).some(m => /call stack|stack is not empty/i.test(m))).toBe(false);
        });
        const { model } = await workspace(`${nestedSystems(MAX_SYSTEM_DEPTH)}`);
        expect(model.relations.map(r => r.id)).toHaveLength(1);
        expect(model.problems).toEqual([]);
    });
});

describe('robustness: huge input', () => {
    it('keeps duplicate names linear: 4,000 declarations of one name', async () => {
        const text = 'service Same\n'.repeat(4000);
        const { model, diagnostics } = await timed('4,000 duplicates', () => workspace(text));
        expect(model.declarations().get('Same')).toHaveLength(4000);
        // The host may cap how many problems one document shows; each shown one names the count.
        const duplicates = diagnostics().filter(d => d.code === 'duplicate-name');
        expect(duplicates.length).toBeGreaterThan(0);
        expect(diagnosticText(duplicates[0])).toContain('4000 times');
        // Each one points to a bounded number of others, not to all 3,999.
        expect(Math.max(...duplicates.map(d => d.relatedInformation?.length ?? 0))).toBeLessThan(100);
    });

    it('reads an unclosed comment in 100 KB as one lexer error', async () => {
        let body = '';
        for (let i = 0; body.length < 100_000; i++) body += `service s${i} { calls s${i + 1} }\n`;
        const { model, diagnostics } = await timed('unclosed comment in 100 KB', () => workspace(`service first\n/* never closed\n${body}`));
        expect(diagnostics().map(diagnosticText)).toEqual([
            "This comment is never closed: '*/' is missing, so the rest of the file is read as a comment."
        ]);
        expect([...model.components.keys()]).toEqual(['first']);
    });

    it('reads a run of stray dots as one error and still models the rest of the file', async () => {
        const dots = '.'.repeat(400);
        const text = `system A {\n  service B {\n    replicas 2\n    calls C ${dots}\n  }\n  service C { replicas 3 }\n}\n`;
        const { model, diagnostics } = await timed('400 stray dots', () => workspace(text));
        const messages = diagnostics().map(diagnosticText);
        // The first dot follows a name (a qualified name being typed) and stays; the 399 after it are one error.
        expect(messages.filter(m => m.startsWith("Unexpected '.'"))).toHaveLength(1);
        expect(model.components.get('A.B')?.props.replicas).toBe(2);
        expect(model.components.get('A.C')?.props.replicas).toBe(3);
    });

    it('still reads closed block comments, empty ones and ones full of stars', async () => {
        const { model, diagnostics } = await workspace('/**/ service a /*** x ** y ***/ service b /* a * / b */ service c\n/** doc */ service d');
        expect([...model.components.keys()]).toEqual(['a', 'b', 'c', 'd']);
        expect(model.component('d')!.doc).toBe('doc');
        expect(diagnostics()).toEqual([]);
    });

    it('lexes a 10 MB string literal without exhausting the regular expression stack', () => {
        const lexer = createSysdServices(EmptyFileSystem).Sysd.parser.Lexer;
        const text = `"${'x'.repeat(10_000_000)}" '${'y\\\''.repeat(1000)}'`;
        const result = lexer.tokenize(text);
        expect(result.errors).toEqual([]);
        expect(result.tokens.map(t => [t.tokenType.name, t.image.length])).toEqual([['STRING', 10_000_002], ['STRING', 3002]]);
    });

    it('links 3,000 references to names of an imported file in linear time', async () => {
        let lib = '';
        let main = 'import "lib"\n';
        for (let i = 0; i < 3000; i++) {
            lib += `service s${i}\n`;
            main += `service m${i} { calls s${i} }\n`;
        }
        // Building the imported names once per reference made this take minutes.
        const { model } = await timed('3,000 imported names', () => workspace({ 'lib.sysd': lib, 'main.sysd': main }));
        expect(model.relations).toHaveLength(3000);
        expect(model.relations[2999].target).toBe('s2999');
    });

    it('keeps scoping and linking linear for 1,000 components in one system', async () => {
        let text = 'system Big {\n';
        for (let i = 0; i < 1000; i++) text += `  service s${i} { calls s${(i + 1) % 1000} }\n`;
        text += '}\n';
        const { model } = await timed('1,000 components in one system', () => workspace(text));
        expect(model.relations).toHaveLength(1000);
    });
});
