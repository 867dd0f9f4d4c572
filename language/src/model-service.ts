import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import { resolveConfig, type ConfigProblem, type LintConfig, type ResolvedConfig } from './lint/config.js';
import { configDirOf, findConfigFile, loadConfigFile } from './lint/config-file.js';
import { lint } from './lint/engine.js';
import { ALL_RULES } from './lint/rules/index.js';
import type { Finding } from './lint/types.js';
import { buildFragment } from './model/builder.js';
import type { ModelFragment } from './model/types.js';
import { ArchModel } from './model/workspace.js';

/** The one configuration file for every document (CLI `--config`); `config` when it has been read already. */
export interface ConfigFileOverride {
    path: string;
    config?: LintConfig;
}

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
    private findings: { byUri: Map<string, Finding[]>; all: Finding[] } | undefined;
    /** Layers that apply over the config files: --rule flags (CLI). */
    private overrides: ConfigLayer[] = [];
    /** Layers below the config files (VS Code's `sysd.rules` setting in the editor). */
    private baseLayers: ConfigLayer[] = [];
    private readonly configProblems: ConfigProblem[] = [];
    private readonly configFileCache = new Map<string, string | undefined>();
    /** A config file that applies to every document instead of the upward search (CLI `--config`). */
    private configFileOverride: ConfigFileOverride | undefined;

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

    /**
     * Use this config file for every document instead of searching upward; undefined restores the search.
     * Given with its `config`, the file is not read again (the CLI has read and checked it already).
     */
    setConfigFile(file: string | ConfigFileOverride | undefined): void {
        this.configFileOverride = typeof file === 'string' ? { path: file } : file;
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
        return this.lintWorkspace().byUri;
    }

    /** Lint findings of the whole workspace in one list: the same array until the model or the configuration changes. */
    workspaceFindings(): readonly Finding[] {
        return this.lintWorkspace().all;
    }

    private lintWorkspace(): { byUri: Map<string, Finding[]>; all: Finding[] } {
        if (this.findings) return this.findings;
        const model = this.workspaceModel();
        const documents = this.shared.workspace.LangiumDocuments;
        const documentOf = (uri: string) => {
            try {
                return documents.getDocument(URI.parse(uri));
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
            // Fixes are built when a host reads them, from the documents as they were linted.
            const current = () => this.model === model;
            for (const finding of lint({ model, documents: documentOf, config, uris, current })) {
                if (!inGroup.has(finding.loc.uri)) continue;
                const list = result.get(finding.loc.uri);
                if (list) list.push(finding);
                else result.set(finding.loc.uri, [finding]);
            }
        }
        this.findings = { byUri: result, all: [...result.values()].flat() };
        return this.findings;
    }

    /** The configuration that applies to a document. Its problems are reported by the next lint run, not here. */
    configFor(uri: string): ResolvedConfig {
        return this.resolvedConfig(this.configFileFor(uri), []);
    }

    private resolvedConfig(file: string | undefined, problems: ConfigProblem[] = this.configProblems): ResolvedConfig {
        const found: ConfigProblem[] = [];
        const layers: ConfigLayer[] = [...this.baseLayers];
        if (file) {
            const given = this.configFileOverride?.path === file ? this.configFileOverride.config : undefined;
            const loaded = given ? { config: given, error: undefined } : loadConfigFile(file);
            if (loaded.error) found.push({ source: file, message: loaded.error });
            else layers.push({ source: file, config: loaded.config });
        }
        layers.push(...this.overrides);
        const resolved = resolveConfig(ALL_RULES, layers, found);
        // Documents under different config files share the settings and flag layers: report their problems once.
        for (const problem of found) {
            if (!problems.some(known => known.source === problem.source && known.message === problem.message)) problems.push(problem);
        }
        return resolved;
    }

    private configFileFor(uri: string): string | undefined {
        if (this.configFileOverride) return this.configFileOverride.path;
        const dir = configDirOf(uri);
        if (dir === undefined) return undefined;
        if (!this.configFileCache.has(dir)) this.configFileCache.set(dir, findConfigFile(dir));
        return this.configFileCache.get(dir);
    }
}
