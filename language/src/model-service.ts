import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig, type ConfigProblem, type LintConfig, type ResolvedConfig } from './lint/config.js';
import { findConfigFile, loadConfigFile } from './lint/config-file.js';
import { lint } from './lint/engine.js';
import { ALL_RULES } from './lint/rules/index.js';
import type { Finding } from './lint/types.js';
import { buildFragment } from './model/builder.js';
import type { ModelFragment } from './model/types.js';
import { ArchModel } from './model/workspace.js';

/** A configuration layer that applies to every document (VS Code settings, CLI flags). */
export interface ConfigLayer {
    source: string;
    config: LintConfig | undefined;
}

/**
 * Owns the semantic model of the workspace. Each document's fragment is built once after the
 * document is linked and cached until it is linked again; the workspace model merges the cached
 * fragments and is itself cached until any fragment changes. Lint findings are computed once per
 * workspace model (per distinct configuration) and handed out per document.
 */
export class SysdModelService {
    private readonly fragments = new Map<string, ModelFragment>();
    private model: ArchModel | undefined;
    private findings: Map<string, Finding[]> | undefined;
    /** Layers that apply over the config files: VS Code settings (server) or --rule flags (CLI). */
    private overrides: ConfigLayer[] = [];
    /** Layers below the config files (VS Code's `sysd.rules` setting in the editor). */
    private baseLayers: ConfigLayer[] = [];
    private readonly configProblems: ConfigProblem[] = [];
    private readonly configFileCache = new Map<string, string | undefined>();
    /** A config file that applies to every document instead of the upward search (CLI `--config`). */
    private configFileOverride: string | undefined;

    constructor(private readonly shared: LangiumSharedCoreServices) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.Linked, document => this.invalidate(document.uri));
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.invalidate(uri);
            if (deleted.length > 0) this.configFileCache.clear();
        });
    }

    private invalidate(uri: URI): void {
        this.fragments.delete(uri.toString());
        this.model = undefined;
        this.findings = undefined;
    }

    /** Replaces the configuration layers (e.g. after the VS Code settings changed). */
    setConfigLayers(base: ConfigLayer[], overrides: ConfigLayer[] = []): void {
        this.baseLayers = base;
        this.overrides = overrides;
        this.configFileCache.clear();
        this.findings = undefined;
    }

    /** Use this config file for every document instead of searching upward; undefined restores the search. */
    setConfigFile(file: string | undefined): void {
        this.configFileOverride = file;
        this.configFileCache.clear();
        this.findings = undefined;
    }

    /** Forget cached config file lookups (a config file was created, changed or deleted). */
    configFilesChanged(): void {
        this.configFileCache.clear();
        this.findings = undefined;
    }

    fragment(document: LangiumDocument): ModelFragment {
        const key = document.uri.toString();
        let fragment = this.fragments.get(key);
        if (!fragment) {
            fragment = buildFragment(document);
            this.fragments.set(key, fragment);
        }
        return fragment;
    }

    /** The model of every linked document in the workspace. */
    workspaceModel(): ArchModel {
        if (!this.model) {
            const fragments: ModelFragment[] = [];
            for (const document of this.shared.workspace.LangiumDocuments.all) {
                if (document.state >= DocumentState.Linked) fragments.push(this.fragment(document));
            }
            this.model = new ArchModel(fragments);
        }
        return this.model;
    }

    /** Problems found in configuration files and settings during the last lint run. */
    getConfigProblems(): readonly ConfigProblem[] {
        return this.configProblems;
    }

    /** Lint findings located in `uri`. */
    findingsFor(uri: string): Finding[] {
        return this.allFindings().get(uri) ?? [];
    }

    /** Lint findings of the whole workspace, by document URI. */
    allFindings(): Map<string, Finding[]> {
        if (this.findings) return this.findings;
        const model = this.workspaceModel();
        const documents = this.shared.workspace.LangiumDocuments;
        const text = (uri: string) => {
            try {
                return documents.getDocument(URI.parse(uri))?.textDocument.getText();
            } catch {
                return undefined;
            }
        };
        // Documents that share a configuration are linted together; usually there is one group.
        const groups = new Map<string, string[]>();
        for (const uri of model.uris) {
            const file = this.configFileFor(uri);
            const key = file ?? '';
            const list = groups.get(key);
            if (list) list.push(uri);
            else groups.set(key, [uri]);
        }
        this.configProblems.length = 0;
        const result = new Map<string, Finding[]>();
        for (const [file, uris] of groups) {
            const config = this.resolvedConfig(file || undefined);
            const inGroup = new Set(uris);
            for (const finding of lint({ model, text, config })) {
                if (!inGroup.has(finding.loc.uri)) continue;
                const list = result.get(finding.loc.uri);
                if (list) list.push(finding);
                else result.set(finding.loc.uri, [finding]);
            }
        }
        this.findings = result;
        return result;
    }

    /** The configuration that applies to a document. */
    configFor(uri: string): ResolvedConfig {
        return this.resolvedConfig(this.configFileFor(uri));
    }

    private resolvedConfig(file: string | undefined): ResolvedConfig {
        const layers: ConfigLayer[] = [...this.baseLayers];
        if (file) {
            const loaded = loadConfigFile(file);
            if (loaded.error) this.configProblems.push({ source: file, message: loaded.error });
            else layers.push({ source: file, config: loaded.config });
        }
        layers.push(...this.overrides);
        return resolveConfig(ALL_RULES, layers, this.configProblems);
    }

    private configFileFor(uri: string): string | undefined {
        if (this.configFileOverride) return this.configFileOverride;
        if (!uri.startsWith('file:')) return undefined;
        const dir = path.dirname(fileURLToPath(uri));
        if (!this.configFileCache.has(dir)) this.configFileCache.set(dir, findConfigFile(dir));
        return this.configFileCache.get(dir);
    }
}
