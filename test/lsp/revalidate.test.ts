// Revalidation after a configuration change (server/src/server-features.ts#revalidateWorkspace). It runs as a
// workspace write, which cancels the write in progress: at start-up that is the first build of the
// workspace. Every document must end up validated all the same, not only those the cancelled build had
// already indexed (the bug: documents stuck without findings until the next edit).
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { revalidateWorkspace } from '../../server/src/server-features.js';
import { createTestServices } from '../helpers.js';

const FILES = 20;
const text = (i: number) => `system S${i} {\n  service A${i} { calls B${i} }\n  service B${i} { replicas 2 }\n}\n`;

function addDocuments(): { services: ReturnType<typeof createTestServices>; documents: LangiumDocument[] } {
    const services = createTestServices();
    const workspace = services.shared.workspace;
    const documents = Array.from({ length: FILES }, (_, i) => {
        const document = workspace.LangiumDocumentFactory.fromString(text(i), URI.parse(`file:///ws/f${i}.sysd`));
        workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    return { services, documents };
}

describe('revalidateWorkspace', () => {
    it('validates every document when it cancels a first build that has not indexed them yet', async () => {
        const { services, documents } = addDocuments();
        const workspace = services.shared.workspace;
        // The start-up build, as the workspace manager runs it, then the revalidation right behind it.
        const firstBuild = workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.build(documents, { validation: true }, token));
        const revalidation = revalidateWorkspace(services.shared);
        await firstBuild.catch(() => undefined);
        await revalidation;
        expect(documents.map(d => d.state)).toEqual(documents.map(() => DocumentState.Validated));
        const timeouts = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.code === 'sync-call-without-timeout');
        expect(timeouts).toHaveLength(FILES);
    });

    it('validates validated documents again with the new configuration', async () => {
        const { services, documents } = addDocuments();
        const workspace = services.shared.workspace;
        await workspace.DocumentBuilder.build(documents, { validation: true });
        expect(documents.every(d => d.diagnostics?.some(x => x.code === 'sync-call-without-timeout'))).toBe(true);

        services.model.ModelService.setConfigLayers([{ source: 'test', config: { rules: { 'sync-call-without-timeout': 'off' } } }]);
        await revalidateWorkspace(services.shared);
        expect(documents.every(d => d.state === DocumentState.Validated)).toBe(true);
        expect(documents.flatMap(d => d.diagnostics ?? []).filter(d => d.code === 'sync-call-without-timeout')).toEqual([]);
    });

    it('gives way to a later write without failing', async () => {
        const { services, documents } = addDocuments();
        const workspace = services.shared.workspace;
        await workspace.DocumentBuilder.build(documents, { validation: true });
        const first = revalidateWorkspace(services.shared);
        const second = revalidateWorkspace(services.shared);
        await expect(first).resolves.toBeUndefined();
        await second;
        expect(documents.every(d => d.state === DocumentState.Validated)).toBe(true);
    });
});
