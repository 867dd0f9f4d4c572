import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateWorkspace, type ScaleOptions } from '../../scripts/bench/scale-model.js';
import { createTestServices } from '../helpers.js';

/**
 * Builds a generated workspace in fresh services and counts the calls of `isSubtype`: a scope reads
 * the type of each name it considers, so the count measures how many names name resolution reads
 * (every name of the system for each reference, when it scans; each name once, when it indexes).
 */
async function build(options: ScaleOptions) {
    const { shared } = createTestServices();
    const reflection = shared.AstReflection;
    const isSubtype = reflection.isSubtype.bind(reflection);
    let typeChecks = 0;
    reflection.isSubtype = (subtype: string, supertype: string) => {
        typeChecks++;
        return isSubtype(subtype, supertype);
    };
    const generated = generateWorkspace(options);
    const documents = generated.files.map(file => shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(`file:///scale-test/${file.path}`)));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const errors = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
    return { errors, components: generated.components, typeChecks };
}

// "Performance at workspace scale": the names of a system are read once per build, not once per
// reference, so a system of 20,000 components links in about 20 times the time of one of 1,000.
// Counting the work rather than timing it keeps the test exact on a busy machine.
describe('name resolution at scale', () => {
    it.each([
        ['one file', 1],
        ['three files', 3]
    ])('reads each name of a system a bounded number of times, the system in %s', async (_, files) => {
        const small = await build({ components: 250, systems: 1, files, seed: 3 });
        const large = await build({ components: 1000, systems: 1, files, seed: 3 });
        expect(small.errors).toEqual([]);
        expect(large.errors).toEqual([]);
        expect(small.typeChecks).toBeGreaterThan(0);
        const size = large.components / small.components;
        // Linear: four times the components, about four times the work (scanning would be sixteen).
        expect(large.typeChecks / small.typeChecks).toBeLessThan(1.5 * size);
    });
});
