import type { AstNode, AstNodeDescription, BuildOptions, Cancellation, LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { DefaultDocumentBuilder, DocumentState, isOperationCancelled } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SysdAnalysis, WORKSPACE_PROBLEM_CODES } from './host/analysis.js';
import { logInternalError } from './host/internal-error.js';
import type { SysdServices } from './sysd-module.js';
import { capDiagnostics } from './validator.js';

/**
 * What a document may read of an element another document exports: its name (the key), its AST type
 * and its `kind` keyword (the model builder reads a referenced component's qualified name and kind,
 * `BuildContext.ref` and `refKind`, and nothing else of it). Two exports with equal signatures give
 * every document that references them the same links, fragment and findings.
 */
interface ExportEntry {
    signature: string;
    paths: string[];
    descriptions: AstNodeDescription[];
}

type Exports = Map<string, ExportEntry>;

/** A Langium reference's resolved state (`DefaultReferenceImpl`), which a re-pointed reference sets. */
interface ResolvedReference {
    _ref?: unknown;
    _nodeDescription?: AstNodeDescription;
    _items?: unknown;
    $refText: string;
}

/** Called with the documents whose diagnostics were made again outside their own validation. */
export type DiagnosticsRefreshListener = (documents: LangiumDocument[]) => void;

/**
 * Langium's document builder, made incremental for sysd's workspaces, where most files reference
 * others (a call into another system is enough):
 *
 * - **No relinking for edits that keep the names.** Langium links a document again whenever a file it
 *   references changed, and validates it again: at 1,000 components in 10 files one keystroke relinked,
 *   re-modelled and re-validated all ten. Here a document that references changed files (and has no
 *   unresolved reference) waits until they are indexed again; then their exports are compared with
 *   those it was linked against (name, AST type, `kind`: `ExportEntry`). When every element it
 *   references is still there with the same signature, and no name it uses was added or changed in
 *   the workspace, its references are re-pointed to the new nodes (so hover and go-to-definition see
 *   the new text) and it is neither linked nor validated again: its model fragment stays valid. Otherwise
 *   it is linked and validated with the changed files, as Langium would. A document that uses a
 *   name which the change added elsewhere is linked again too (the name may now be ambiguous), which
 *   Langium's own rule misses.
 * - **Workspace findings of the other documents are made again from the caches.** Lint findings,
 *   duplicate names and the names of diagram views depend on every document
 *   (`SysdAnalysis.workspaceDependentProblems`). After each build, those of the documents it did not
 *   validate are computed again from the cached workspace model and findings and replace the old
 *   ones in `document.diagnostics`; listeners (the language server, which publishes them) hear which
 *   documents changed. So a file that declares a view is no longer linked again after every edit.
 */
export class SysdDocumentBuilder extends DefaultDocumentBuilder {
    /** The exports of changed documents as the documents that reference them were linked against, by URI. */
    private readonly linkedExports = new Map<string, Exports>();
    /** Documents that reference changed ones and wait for their exports to decide (see the class comment). */
    private readonly deferred = new Set<string>();
    /** Documents whose references were re-pointed to moved elements: their reference index is made again. */
    private readonly staleReferenceIndex = new Set<string>();
    /** The document list and options of the build that is running, to which documents to relink are added. */
    private building: { documents: LangiumDocument[]; options: BuildOptions } | undefined;
    private readonly refreshListeners: DiagnosticsRefreshListener[] = [];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Between indexing and linking: only then are the changed documents' new exports known.
        this.onBuildPhase(DocumentState.IndexedContent, () => {
            this.settleDeferred();
        });
    }

    /** Hear which documents got new workspace findings after a build that did not validate them. */
    onDiagnosticsRefreshed(listener: DiagnosticsRefreshListener): void {
        this.refreshListeners.push(listener);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        for (const uri of changed) {
            const key = uri.toString();
            // Still pending from a build that was cancelled: the dependents were linked against that state.
            if (this.linkedExports.has(key)) continue;
            const document = this.langiumDocuments.getDocument(uri);
            if (document && document.state >= DocumentState.IndexedContent) this.linkedExports.set(key, this.exportsOf(key));
        }
        for (const uri of deleted) this.linkedExports.delete(uri.toString());
        return super.update(changed, deleted, cancelToken);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.building = { documents, options };
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } finally {
            this.building = undefined;
        }
        // Langium announces no phase that no document went through: a build of only documents indexed
        // already (a cancelled build's leftovers) settles here, and builds what that links again.
        const relink = this.settleDeferred();
        if (relink.length > 0) await super.buildDocuments(relink, options, cancelToken);
        await this.reindexReferences(cancelToken);
        // Also after a build of no document at all (a file deleted): the others' findings change.
        this.refreshOthers(documents, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const key = document.uri.toString();
        // Unresolved references may resolve now (Langium's rule).
        if (document.references.some(ref => ref.error !== undefined)) {
            this.deferred.delete(key);
            return true;
        }
        let affected = false;
        for (const ref of document.references as unknown as ResolvedReference[]) {
            if (ref._items !== undefined) {
                if (this.indexManager.isAffected(document, changedUris)) {
                    this.deferred.delete(key);
                    return true;
                }
                continue;
            }
            const target = ref._nodeDescription?.documentUri.toString();
            if (target === undefined || target === key || !changedUris.has(target)) continue;
            // A deleted file, or one whose exports before the change are unknown: link again.
            if (!this.linkedExports.has(target)) {
                this.deferred.delete(key);
                return true;
            }
            affected = true;
        }
        if (affected) this.deferred.add(key);
        return false;
    }

    /** The exports of a document in the index, by name, with what other documents may read of them. */
    private exportsOf(uri: string): Exports {
        const exports: Exports = new Map();
        for (const description of this.indexManager.allElements(undefined, new Set([uri]))) {
            const node: (AstNode & { kind?: unknown }) | undefined = description.node;
            const kind = node?.kind;
            const part = `${description.type}:${typeof kind === 'string' ? kind : ''}`;
            const entry = exports.get(description.name);
            if (entry) {
                entry.signature += `|${part}`;
                entry.paths.push(description.path);
                entry.descriptions.push(description);
            } else {
                exports.set(description.name, { signature: part, paths: [description.path], descriptions: [description] });
            }
        }
        return exports;
    }

    /**
     * Once every changed document is indexed again: decides, for each deferred document, whether it is
     * linked again (added to the running build, or returned when none runs) or keeps its links,
     * re-pointed to the new nodes. Synchronous, so a cancellation never leaves a decision half made.
     */
    private settleDeferred(): LangiumDocument[] {
        if (this.linkedExports.size === 0) return [];
        const documents = new Map(this.langiumDocuments.all.map(d => [d.uri.toString(), d] as const));
        for (const uri of this.linkedExports.keys()) {
            const document = documents.get(uri);
            if (document && document.state < DocumentState.IndexedContent) return [];
        }
        const after = new Map<string, Exports>();
        // The last segment of every name that the change added or whose signature it changed: a reference
        // anywhere written with it may now resolve to something else (or be ambiguous).
        const added = new Set<string>();
        for (const [uri, before] of this.linkedExports) {
            const now = documents.has(uri) ? this.exportsOf(uri) : new Map<string, ExportEntry>();
            after.set(uri, now);
            for (const [name, entry] of now) {
                if (before.get(name)?.signature !== entry.signature) added.add(lastSegment(name));
            }
        }
        const relink: LangiumDocument[] = [];
        for (const [key, document] of documents) {
            if (document.state < DocumentState.Linked || this.linkedExports.has(key)) continue;
            const deferred = this.deferred.has(key);
            if (!deferred && added.size === 0) continue;
            const repoints: (() => boolean)[] = [];
            let again = false;
            for (const ref of document.references as unknown as ResolvedReference[]) {
                if (added.has(lastSegment(ref.$refText))) {
                    again = true;
                    break;
                }
                const description = ref._nodeDescription;
                const target = description?.documentUri.toString();
                if (!deferred || !description || target === undefined || !after.has(target)) continue;
                const before = this.linkedExports.get(target)!.get(description.name);
                const now = after.get(target)!.get(description.name);
                const index = before?.paths.indexOf(description.path) ?? -1;
                if (!before || !now || now.signature !== before.signature || index < 0) {
                    again = true;
                    break;
                }
                const next = now.descriptions[index];
                repoints.push(() => {
                    ref._ref = next.node ?? undefined;
                    ref._nodeDescription = next;
                    return next.path !== description.path;
                });
            }
            if (again) {
                relink.push(document);
            } else if (repoints.length > 0) {
                let moved = false;
                for (const repoint of repoints) moved = repoint() || moved;
                if (moved) this.staleReferenceIndex.add(key);
            }
        }
        this.linkedExports.clear();
        this.deferred.clear();
        const left: LangiumDocument[] = [];
        for (const document of relink) {
            this.resetToState(document, DocumentState.ComputedScopes);
            this.staleReferenceIndex.delete(document.uri.toString());
            if (!this.building) left.push(document);
            else if (!this.building.documents.includes(document)) {
                this.prepareBuild([document], this.building.options);
                this.building.documents.push(document);
            }
        }
        return left;
    }

    /** The reference index of documents whose references were re-pointed to elements at new paths. */
    private async reindexReferences(token: Cancellation.CancellationToken): Promise<void> {
        for (const uri of [...this.staleReferenceIndex]) {
            const document = this.langiumDocuments.all.find(d => d.uri.toString() === uri);
            if (document && document.state >= DocumentState.IndexedReferences) await this.indexManager.updateReferences(document, token);
            this.staleReferenceIndex.delete(uri);
        }
    }

    /**
     * Makes the workspace-dependent diagnostics of every validated document this build did not validate
     * again, from the cached model and findings, and tells the listeners which ones changed.
     */
    private refreshOthers(built: LangiumDocument[], token: Cancellation.CancellationToken): void {
        const builtUris = new Set(built.map(d => d.uri.toString()));
        const changed: LangiumDocument[] = [];
        try {
            for (const document of this.langiumDocuments.all) {
                if (token.isCancellationRequested) return;
                if (builtUris.has(document.uri.toString()) || document.state < DocumentState.Validated || !document.diagnostics) continue;
                const services = this.serviceRegistry.getServices(document.uri) as Partial<SysdServices>;
                const validator = services.validation?.SysdValidator;
                if (!validator) continue;
                const fresh = new SysdAnalysis(services as SysdServices).workspaceDependentProblems(document).map(problem => validator.diagnostic(problem));
                const current = document.diagnostics.filter(isWorkspaceDiagnostic);
                if (sameDiagnostics(current, fresh)) continue;
                document.diagnostics = capDiagnostics([...document.diagnostics.filter(d => !isWorkspaceDiagnostic(d)), ...fresh]);
                changed.push(document);
            }
        } catch (error) {
            // A bug in sysd: the documents keep the diagnostics of their last successful check.
            if (isOperationCancelled(error)) throw error;
            logInternalError('making the findings of other documents again', error);
        }
        if (changed.length === 0) return;
        for (const listener of this.refreshListeners) {
            try {
                listener(changed);
            } catch (error) {
                logInternalError('publishing the findings of other documents', error);
            }
        }
    }
}

function lastSegment(name: string): string {
    const at = name.lastIndexOf('.');
    return at < 0 ? name : name.slice(at + 1);
}

/** A diagnostic that `SysdAnalysis.workspaceDependentProblems` makes: a lint finding, a duplicate or a view name. */
export function isWorkspaceDiagnostic(diagnostic: Diagnostic): boolean {
    const data = diagnostic.data as { ruleId?: unknown } | undefined;
    return typeof data?.ruleId === 'string' || (typeof diagnostic.code === 'string' && WORKSPACE_PROBLEM_CODES.includes(diagnostic.code));
}

/** Whether two lists hold the same diagnostics in the same order (what a client shows of them). */
function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x.message !== y.message || x.code !== y.code || x.severity !== y.severity || !sameRange(x.range, y.range)) return false;
        const xr = x.relatedInformation ?? [];
        const yr = y.relatedInformation ?? [];
        if (xr.length !== yr.length) return false;
        for (let j = 0; j < xr.length; j++) {
            if (xr[j].message !== yr[j].message || xr[j].location.uri !== yr[j].location.uri || !sameRange(xr[j].location.range, yr[j].location.range)) return false;
        }
    }
    return true;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
