// The benchmarks' one generator (scripts/bench/generate.ts): deterministic by seed, and the sysd files
// and the LikeC4 translation declare the same elements and relations. The benchmark's figures are
// printed by `npm run bench`, never asserted here.
import { describe, expect, it } from 'vitest';
import { editScript } from '../../scripts/bench-scale.js';
import { diagramWorkspace, generate, sameNameText, toLikeC4, toSysd, type GenerateOptions } from '../../scripts/bench/generate.js';
import { workspace } from '../helpers.js';

const SHAPES: GenerateOptions[] = [
    { elements: 10, systems: 10, files: 10, seed: 1 },
    { elements: 300, systems: 10, files: 10, seed: 7 },
    { elements: 300, systems: 30, files: 10, seed: 7 },
    { elements: 300, systems: 1, files: 10, seed: 3 },
    { elements: 300, systems: 10, files: 10, seed: 5, detail: 'rich' },
    { elements: 300, systems: 1, files: 3, seed: 5, detail: 'rich', calls: 'tree' }
];

const count = (texts: { text: string }[], pattern: RegExp) => texts.reduce((n, f) => n + (f.text.match(pattern)?.length ?? 0), 0);

describe('workspace generator', () => {
    it('is deterministic by seed, and another seed gives another model', () => {
        for (const options of [SHAPES[1], SHAPES[4]]) {
            expect(toSysd(generate(options))).toEqual(toSysd(generate(options)));
            expect(toLikeC4(generate(options))).toEqual(toLikeC4(generate(options)));
            expect(toSysd(generate({ ...options, seed: 8 }))).not.toEqual(toSysd(generate(options)));
        }
    });

    for (const options of SHAPES) {
        const label = `${options.elements} elements in ${options.systems} system(s), ${options.detail ?? 'plain'}, calls ${options.calls ?? 'random'}`;
        it(`${label}: sysd and LikeC4 texts declare the model's elements and relations`, () => {
            const model = generate(options);
            expect(model.elements).toHaveLength(options.elements);
            const path = (e: (typeof model.elements)[number]) => `${e.system}.${e.parent ?? ''}.${e.name}`;
            expect(new Set(model.elements.map(path)).size).toBe(options.elements);
            const sysd = toSysd(model);
            const likec4 = toLikeC4(model);
            expect(sysd).toHaveLength(options.files);
            expect(likec4).toHaveLength(options.files + 1);
            expect(count(sysd, /^ {4}(service|database|cache|gateway|broker) |^ {8}topic /gm)).toBe(model.elements.length);
            expect(count(sysd, /^ {8}(calls|writes|reads|publishes|consumes) |^ {4}\w+ -> /gm)).toBe(model.relations.length);
            expect(count(likec4, /^ {4}\w+ = (service|database|cache|gateway|broker)\b|^ {6}\w+ = topic$/gm)).toBe(model.elements.length);
            expect(count(likec4, /^ {6}-> /gm)).toBe(model.relations.length);
            // Each system is declared once and extended elsewhere.
            expect(count(likec4, /^ {2}\w+ = system \{/gm)).toBe(model.systems.length);
        });

        it(`${label}: the sysd files link without errors into a model of the same size`, async () => {
            const model = generate(options);
            const files = Object.fromEntries(toSysd(model).map(f => [f.name, f.text]));
            const { model: arch, documents } = await workspace(files);
            const errors = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1 && !d.code);
            expect(errors.map(d => d.message)).toEqual([]);
            expect(arch.components.size).toBe(model.elements.length);
            expect(arch.relations).toHaveLength(model.relations.length);
        });
    }

    it('plain keeps the scale table\'s workload: the same model as before the generators were merged', () => {
        // 1,000 elements in 10 systems, seed 1: the counts the scale table printed before (1,000 / 1,735).
        const model = generate({ elements: 1000, systems: 10, files: 10, seed: 1 });
        expect(model.relations).toHaveLength(1735);
    });

    it('rich models have zones, brokers with topics and messaging; the diagram workspace is one linked text', async () => {
        const text = toSysd(generate(SHAPES[4])).map(f => f.text).join('\n');
        expect(text).toContain('region r { zones a, b, c }');
        expect(text).toMatch(/^ {8}topic t0 /m);
        expect(text).toMatch(/^ {8}publishes Bus\d+\.t\d$/m);
        expect(text).toMatch(/^ {8}consumes Bus\d+\.t\d \{ group g\d+ \}$/m);
        const { model, documents } = await workspace({ 'diagram.sysd': diagramWorkspace(100) });
        expect(documents[0].diagnostics?.filter(d => d.severity === 1 && !d.code).map(d => d.message)).toEqual([]);
        expect(model.components.size).toBe(100);
    });

    it('the pathological input declares one name many times', () => {
        const text = sameNameText(4000);
        expect(text.match(/service Orders /g)).toHaveLength(4000);
    });

    it('the edit script cycles through five edits and comes back to the text after each rename and property pair', () => {
        const text = toSysd(generate(SHAPES[1]))[5].text;
        const edits = editScript(text, 10);
        expect(edits).toHaveLength(10);
        for (let i = 1; i < edits.length; i++) expect(edits[i]).not.toBe(edits[i - 1]);
        expect(edits[0]).not.toBe(text);
        expect(edits[2]).toBe(edits[0]);
        expect(edits[4]).toBe(edits[2]);
    });
});
