import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { createSysdServices, type SysdServices } from '../language/src/sysd-module.js';
import type { Model } from '../language/src/generated/ast.js';
import type { ArchModel } from '../language/src/model/workspace.js';
import type { Diagnostic } from 'vscode-languageserver-types';

/** A diagnostic's message as text (LSP 3.18 allows Markdown content there). */
export function diagnosticText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

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

export const EXAMPLES_DIR = path.resolve(__dirname, '../examples');

export interface ExampleWorkspace {
    /** The file's name (`chat.sysd`) or the folder's (`ride-sharing`). */
    name: string;
    /** Text by file name, or by absolute path with `absolutePaths` (so their sysd.config.json applies). */
    files: Record<string, string>;
}

/** The examples: each top-level .sysd file is a workspace of its own, each folder one of all its files. */
export function exampleWorkspaces(options: { absolutePaths?: boolean } = {}): ExampleWorkspace[] {
    const key = (full: string) => (options.absolutePaths ? full : path.basename(full));
    const result: ExampleWorkspace[] = [];
    for (const entry of fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(EXAMPLES_DIR, entry.name);
        if (entry.isDirectory()) {
            const files: Record<string, string> = {};
            for (const file of fs.readdirSync(full).filter(f => f.endsWith('.sysd')).sort()) files[key(path.join(full, file))] = fs.readFileSync(path.join(full, file), 'utf8');
            result.push({ name: entry.name, files });
        } else if (entry.name.endsWith('.sysd')) {
            result.push({ name: entry.name, files: { [key(full)]: fs.readFileSync(full, 'utf8') } });
        }
    }
    return result;
}

export { parseHelper };
