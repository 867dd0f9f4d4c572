import { DocumentState, isOperationCancelled, URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES, SOURCE_FIX_ALL_SYSD, SysdDocumentBuilder, type LintConfig, type SysdAnalysis } from '@sysd/language';
import { guardListener } from './guard.js';

/** The settings section the client owns (`sysd.rules`, ...). */
const SETTINGS_SECTION = 'sysd';
const SETTINGS_SOURCE = 'VS Code settings (sysd.rules)';

/**
 * Wires what only a running server has: the `sysd.rules` setting, config file changes,
 * re-publishing findings of documents that a change elsewhere in the workspace affected, and
 * warnings about broken configuration. Call before `startLanguageServer`; call
 * {@link installHandlerOverrides} right after it.
 */
export function installServerFeatures(connection: Connection, analysis: SysdAnalysis): void {
    const features = new ServerFeatures(connection, analysis);
    features.install();
}

/**
 * Replaces the configuration-change handler `startLanguageServer` registered with one that also
 * pulls the settings when the client sends none (the LSP pull model).
 */
export function installHandlerOverrides(connection: Connection, shared: LangiumSharedServices): void {
    const configuration = shared.workspace.ConfigurationProvider;
    connection.onDidChangeConfiguration(async (change: DidChangeConfigurationParams) => {
        const settings = change.settings as Record<string, unknown> | null | undefined;
        if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) {
            configuration.updateConfiguration(change);
            return;
        }
        // Pull model: the notification only says that something changed.
        try {
            // The client answers with whatever the user wrote; applyRules checks it.
            const sections: unknown[] = await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }]);
            configuration.updateConfiguration({ settings: { [SETTINGS_SECTION]: sections[0] ?? {} } });
        } catch (error) {
            connection.console.error(`sysd: could not read the settings: ${String(error)}`);
        }
    });
}

/** The code action kinds the server answers: quick fixes, and fix-all (`source.fixAll.sysd`). */
export const CODE_ACTION_KINDS = ['quickfix', SOURCE_FIX_ALL_SYSD];

/**
 * Advertises the code action kinds in the server's capabilities (Langium only says that there is a
 * provider), so that VS Code asks for `source.fixAll.sysd` on save when
 * `"editor.codeActionsOnSave": { "source.fixAll.sysd": "explicit" }` is set.
 */
export function installCodeActionKinds(shared: LangiumSharedServices): void {
    const server = shared.lsp.LanguageServer;
    const initialize = server.initialize.bind(server);
    server.initialize = async params => {
        const result = await initialize(params);
        if (result.capabilities.codeActionProvider) result.capabilities.codeActionProvider = { codeActionKinds: CODE_ACTION_KINDS };
        return result;
    };
}

/**
 * Makes the first build of the workspace validate, as the build after an edit does. Langium's first
 * build only indexes (`initialBuildOptions` is `{}`), and a build that a write cancels leaves its
 * options on the documents it had not finished: `prepareBuild` keeps them for the next build, which
 * then skips their validation too. A file opened (or a setting applied) while the first build ran thus
 * left every other file without findings until the next edit. With these options the first build
 * publishes every file's findings, and so does whichever build finishes it.
 */
export function installInitialBuildOptions(shared: LangiumSharedServices): void {
    const workspace = shared.workspace;
    workspace.WorkspaceManager.initialBuildOptions = workspace.DocumentBuilder.updateBuildOptions;
}

/**
 * Writes two lines to the server's output at start-up: when the workspace's documents are loaded, and
 * when the first findings have been checked (by the start-up build, or by the build that finished it).
 * They are the first thing to read when findings are slow to appear (a loaded machine, a huge workspace).
 */
export function logStartup(connection: Connection, shared: LangiumSharedServices): void {
    shared.lsp.LanguageServer.onInitialized(() => {
        const initialized = performance.now();
        const since = () => `${Math.round(performance.now() - initialized)} ms after initialization, ${Math.round(process.uptime() * 1000)} ms after the process started`;
        void shared.workspace.WorkspaceManager.ready.then(() => {
            connection.console.info(`SysD: loaded ${shared.workspace.LangiumDocuments.all.count()} document(s) ${since()}.`);
        });
        const first = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, built => {
            const validated = built.filter(document => document.diagnostics !== undefined).length;
            if (validated === 0) return;
            first.dispose();
            connection.console.info(`SysD: first findings checked (${validated} document(s)) ${since()}.`);
        });
    });
}

/**
 * Validates every document again, for a change that alters findings but no text (the lint
 * configuration). Validated documents go back to `IndexedReferences`; then a regular update builds
 * everything that is not validated, which also picks up documents whose build this write cancelled (the
 * start-up build, or the build after an edit): building only the documents that had been indexed would
 * leave those unparsed or unlinked, and without findings, until the next edit.
 * Resolves when the documents are validated or when a later write cancelled this one.
 */
export async function revalidateWorkspace(shared: LangiumSharedServices): Promise<void> {
    const workspace = shared.workspace;
    await workspace.WorkspaceLock.write(async token => {
        for (const document of workspace.LangiumDocuments.all) {
            if (document.state >= DocumentState.Validated) workspace.DocumentBuilder.resetToState(document, DocumentState.IndexedReferences);
        }
        await workspace.DocumentBuilder.update([], [], token);
    }).catch(error => {
        if (!isOperationCancelled(error)) throw error;
    });
}

class ServerFeatures {
    private readonly shownProblems = new Set<string>();
    private lastRules: string | undefined;

    private readonly shared: LangiumSharedServices;

    constructor(private readonly connection: Connection, private readonly analysis: SysdAnalysis) {
        this.shared = analysis.services.shared;
    }

    install(): void {
        const configuration = this.shared.workspace.ConfigurationProvider;
        // Settings fetched at start-up do not raise an update event; read them once they are there.
        void configuration.ready.then(async () => {
            const rules: unknown = await configuration.getConfiguration(SETTINGS_SECTION, 'rules');
            await this.applyRules(rules);
        });
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section !== SETTINGS_SECTION) return;
            const settings = update.configuration as { rules?: unknown } | undefined;
            void this.applyRules(settings?.rules);
        });

        this.shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
            const configChanged = params.changes.some(change =>
                (CONFIG_FILE_NAMES as readonly string[]).includes(UriUtils.basename(URI.parse(change.uri))));
            if (!configChanged) return;
            this.analysis.configFilesChanged();
            void this.revalidateAll();
        });

        // A listener that throws would end the build (and, unawaited, the process): each is guarded.
        const builder = this.shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.Validated, () => {
            guardListener('reading the lint configuration', () => this.reportConfigProblems());
        });
        // The builder makes the workspace findings of documents it did not validate again; publish those that changed.
        if (builder instanceof SysdDocumentBuilder) {
            builder.onDiagnosticsRefreshed(documents => guardListener('re-publishing the findings of other documents', () => {
                for (const document of documents) void this.connection.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics ?? [] });
            }));
        }
    }

    /** Applies `sysd.rules` as the lowest configuration layer (config files override it). */
    private async applyRules(rules: unknown): Promise<void> {
        const key = JSON.stringify(rules ?? null);
        if (key === this.lastRules) return;
        const first = this.lastRules === undefined;
        this.lastRules = key;
        const config: LintConfig | undefined = rules && typeof rules === 'object' ? { rules: rules as LintConfig['rules'] } : undefined;
        if (rules !== undefined && rules !== null && config === undefined) {
            this.showOnce(`${SETTINGS_SOURCE}: expected an object mapping rule ids to a severity, got ${key}.`);
        }
        this.analysis.configure({ settings: config ? { source: SETTINGS_SOURCE, config } : undefined });
        // At start-up, settings that set no rule (the default is `{}`) change no finding: nothing to redo.
        if (first && Object.keys(config?.rules ?? {}).length === 0) return;
        await this.revalidateAll();
    }

    private async revalidateAll(): Promise<void> {
        await revalidateWorkspace(this.shared).catch(error => {
            this.connection.console.error(`sysd: revalidation failed: ${String(error)}`);
        });
    }

    private reportConfigProblems(): void {
        for (const problem of this.analysis.configurationProblems()) {
            this.showOnce(`${problem.origin}: ${problem.message}`);
        }
    }

    private showOnce(message: string): void {
        if (this.shownProblems.has(message)) return;
        this.shownProblems.add(message);
        void this.connection.window.showWarningMessage(`sysd: ${message}`);
    }
}
