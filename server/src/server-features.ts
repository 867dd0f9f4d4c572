import type { LangiumDocument } from 'langium';
import { DocumentState, isOperationCancelled, URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection, Diagnostic, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { capDiagnostics, CONFIG_FILE_NAMES, logInternalError, SOURCE_FIX_ALL_SYSD, type LintConfig, type SysdAnalysis } from '@sysd/language';
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
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built, token) => {
            guardListener('re-publishing the findings of other documents', () => this.republishOthers(built, token));
            guardListener('reading the lint configuration', () => this.reportConfigProblems());
        });
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

    /**
     * A build validates the documents that changed, but lint findings of other documents can
     * change too (a second writer of a shared database added elsewhere). Their lint diagnostics
     * are made again from the (cached) workspace findings, by the validator as during a build, and
     * re-sent when they differ.
     */
    private republishOthers(built: LangiumDocument[], token: CancellationToken): void {
        const builtUris = new Set(built.map(d => d.uri.toString()));
        const sysd = this.analysis.services;
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            if (token.isCancellationRequested) return;
            const uri = document.uri.toString();
            if (builtUris.has(uri) || document.state < DocumentState.Validated || !document.diagnostics) continue;
            if (this.shared.ServiceRegistry.getServices(document.uri) !== sysd) continue;
            let fresh: Diagnostic[];
            try {
                fresh = this.analysis.lintProblems(document).map(problem => sysd.validation.SysdValidator.diagnostic(problem));
            } catch (error) {
                // The workspace's findings could not be computed (a bug in sysd): the other documents keep
                // the diagnostics they have, which are those of their last successful check.
                logInternalError('re-publishing the findings of other documents', error);
                return;
            }
            const current = document.diagnostics.filter(isLintDiagnostic);
            if (sameDiagnostics(current, fresh)) continue;
            document.diagnostics = capDiagnostics([...document.diagnostics.filter(d => !isLintDiagnostic(d)), ...fresh]);
            void this.connection.sendDiagnostics({ uri, diagnostics: document.diagnostics });
        }
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

function isLintDiagnostic(diagnostic: Diagnostic): boolean {
    const data = diagnostic.data as { ruleId?: unknown } | undefined;
    return typeof data?.ruleId === 'string';
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
    if (a.length !== b.length) return false;
    const key = (d: Diagnostic) => JSON.stringify([d.code, d.severity, d.message, d.range, d.relatedInformation ?? []]);
    const keys = new Set(a.map(key));
    return b.every(d => keys.has(key(d)));
}
