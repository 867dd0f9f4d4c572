import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { createSysdServices, type SysdServices } from '../language/src/sysd-module.js';
import type { Model } from '../language/src/generated/ast.js';
import type { ArchModel } from '../language/src/model/workspace.js';
import type { Diagnostic } from 'vscode-languageserver-types';

export function createTestServices(): SysdServices {
    return createSysdServices(EmptyFileSystem).Sysd;
}

let counter = 0;

/**
 * Parses, links and validates one or more documents together (a workspace) and returns them with
 * the workspace model. Each text becomes `file:///test/<name>`, or the file itself for an absolute path.
 */
export async function workspace(files: Record<string, string> | string, services = createTestServices()): Promise<{
    services: SysdServices;
    documents: LangiumDocument<Model>[];
    model: ArchModel;
    diagnostics: (name?: string) => Diagnostic[];
}> {
    const entries = typeof files === 'string' ? { [`doc${++counter}.sysd`]: files } : files;
    const shared = services.shared;
    const documents: LangiumDocument<Model>[] = [];
    for (const [name, text] of Object.entries(entries)) {
        // Absolute paths are real files (so configuration files next to them apply); other names are virtual.
        const uri = name.startsWith('/') ? URI.file(name) : URI.parse(`file:///test/${name}`);
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const byName = new Map(Object.keys(entries).map((name, i) => [name, documents[i]]));
    return {
        services,
        documents,
        model: services.model.ModelService.workspaceModel(),
        diagnostics: (name?: string) => (name ? byName.get(name)! : documents[0]).diagnostics ?? []
    };
}

export { parseHelper };
