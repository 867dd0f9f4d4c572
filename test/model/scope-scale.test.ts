import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { MAX_DUPLICATE_LOCATIONS, SysdAnalysis } from '../../language/src/host/analysis.js';
import { generate, sameNameText, toSysd, type GenerateOptions } from '../../scripts/bench/generate.js';
import { createTestServices } from '../helpers.js';

/**
 * Builds a generated workspace in fresh services and counts the calls of `isSubtype`: a scope reads
 * the type of each name it considers, so the count measures how many names name resolution reads
 * (every name of the system for each reference, when it scans; each name once, when it indexes).
 */
async function build(options: GenerateOptions | { sameName: number }) {
    const services = createTestServices();
    const { shared } = services;
    const reflection = shared.AstReflection;
    const isSubtype = reflection.isSubtype.bind(reflection);
    let typeChecks = 0;
    reflection.isSubtype = (subtype: string, supertype: string) => {
        typeChecks++;
        return isSubtype(subtype, supertype);
    };
    const files = 'sameName' in options ? [{ name: 'same.sysd', text: sameNameText(options.sameName) }] : toSysd(generate(options));
    const documents = files.map(file => shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(`file:///scale-test/${file.name}`)));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const errors = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
    const model = services.model.ModelService.workspaceModel();
    return { errors, components: model.components.size, typeChecks, services, documents };
}

// "Performance at workspace scale": the names of a system are read once per build, not once per
// reference, so a system of 20,000 components links in about 20 times the time of one of 1,000.
// Counting the work rather than timing it keeps the test exact on a busy machine.
describe('name resolution at scale', () => {
    it.each([
        ['one file', 1],
        ['three files', 3]
    ])('reads each name of a system a bounded number of times, the system in %s', async (_, files) => {
        const small = await build({ elements: 250, systems: 1, files, seed: 3, detail: 'rich' });
        const large = await build({ elements: 1000, systems: 1, files, seed: 3, detail: 'rich' });
        expect(small.errors).toEqual([]);
        expect(large.errors).toEqual([]);
        expect(small.typeChecks).toBeGreaterThan(0);
        const size = large.components / small.components;
        // Linear: four times the components, about four times the work (scanning would be sixteen).
        expect(large.typeChecks / small.typeChecks).toBeLessThan(1.5 * size);
    });

    // The pathological input of the scale table: one name declared thousands of times. Each
    // declaration is one duplicate-name problem pointing to at most MAX_DUPLICATE_LOCATIONS others
    // (every other one made 16 million related locations at 4,000 and ran out of memory), and the
    // problems and their locations grow with the declarations, not with their square.
    it('keeps 4,000 declarations of one name linear: problems and related locations', async () => {
        const measure = async (declarations: number) => {
            const built = await build({ sameName: declarations });
            const problems = new SysdAnalysis(built.services).validationProblems(built.documents[0]).filter(p => p.code === 'duplicate-name');
            const related = problems.reduce((n, p) => n + p.related.length, 0);
            const published = built.documents[0].diagnostics ?? [];
            return { ...built, problems: problems.length, related, published };
        };
        const small = await measure(1000);
        const large = await measure(4000);
        expect(large.problems).toBe(4000);
        expect(large.related).toBe(4000 * MAX_DUPLICATE_LOCATIONS);
        expect(small.related).toBe(1000 * MAX_DUPLICATE_LOCATIONS);
        // What the editor receives is bounded too (the validator caps a document's diagnostics).
        expect(large.published.length).toBeLessThanOrEqual(small.published.length * 4);
        expect(Math.max(...large.published.map(d => d.relatedInformation?.length ?? 0))).toBeLessThanOrEqual(MAX_DUPLICATE_LOCATIONS);
    });
});
