// The scale benchmark's generator (scripts/bench/scale-workspace.ts): deterministic by seed, and the
// sysd files and the LikeC4 translation declare the same elements and relations. The benchmark's
// figures are printed by `npm run bench`, never asserted here.
import { describe, expect, it } from 'vitest';
import { editScript } from '../../scripts/bench-scale.js';
import { generateScaleModel, toLikeC4, toSysd, type ScaleOptions } from '../../scripts/bench/scale-workspace.js';
import { workspace } from '../helpers.js';

const SHAPES: ScaleOptions[] = [
    { components: 10, systems: 10, files: 10, seed: 1 },
    { components: 300, systems: 10, files: 10, seed: 7 },
    { components: 300, systems: 30, files: 10, seed: 7 },
    { components: 300, systems: 1, files: 10, seed: 3 }
];

const count = (texts: { text: string }[], pattern: RegExp) => texts.reduce((n, f) => n + (f.text.match(pattern)?.length ?? 0), 0);

describe('scale workspace generator', () => {
    it('is deterministic by seed, and another seed gives another model', () => {
        const options = SHAPES[1];
        expect(toSysd(generateScaleModel(options))).toEqual(toSysd(generateScaleModel(options)));
        expect(toLikeC4(generateScaleModel(options))).toEqual(toLikeC4(generateScaleModel(options)));
        expect(toSysd(generateScaleModel({ ...options, seed: 8 }))).not.toEqual(toSysd(generateScaleModel(options)));
    });

    for (const options of SHAPES) {
        const label = `${options.components} elements in ${options.systems} system(s)`;
        it(`${label}: sysd and LikeC4 texts declare the model's elements and relations`, () => {
            const model = generateScaleModel(options);
            expect(model.elements).toHaveLength(options.components);
            expect(new Set(model.elements.map(e => `${e.system}.${e.name}`)).size).toBe(options.components);
            const sysd = toSysd(model);
            const likec4 = toLikeC4(model);
            expect(sysd).toHaveLength(options.files);
            expect(likec4).toHaveLength(options.files + 1);
            expect(count(sysd, /^ {4}(service|database|cache|gateway) /gm)).toBe(model.elements.length);
            expect(count(sysd, /^ {8}(calls|writes|reads) |^ {4}\w+ -> /gm)).toBe(model.relations.length);
            expect(count(likec4, /^ {4}\w+ = (service|database|cache|gateway)\b/gm)).toBe(model.elements.length);
            expect(count(likec4, /^ {6}-> /gm)).toBe(model.relations.length);
            // Each system is declared once and extended elsewhere.
            expect(count(likec4, /^ {2}\w+ = system \{/gm)).toBe(model.systems.length);
        });

        it(`${label}: the sysd files link without errors into a model of the same size`, async () => {
            const model = generateScaleModel(options);
            const files = Object.fromEntries(toSysd(model).map(f => [f.name, f.text]));
            const { model: arch, documents } = await workspace(files);
            const errors = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1 && !d.code);
            expect(errors.map(d => d.message)).toEqual([]);
            expect(arch.components.size).toBe(model.elements.length);
            expect(arch.relations).toHaveLength(model.relations.length);
        });
    }

    it('the edit script cycles through five edits and comes back to the text after each rename and property pair', () => {
        const text = toSysd(generateScaleModel(SHAPES[1]))[5].text;
        const edits = editScript(text, 10);
        expect(edits).toHaveLength(10);
        for (let i = 1; i < edits.length; i++) expect(edits[i]).not.toBe(edits[i - 1]);
        expect(edits[0]).not.toBe(text);
        expect(edits[2]).toBe(edits[0]);
        expect(edits[4]).toBe(edits[2]);
    });
});
