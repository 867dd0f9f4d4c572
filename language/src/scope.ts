import type { AstNode, AstNodeDescription, LangiumDocument, LinkingError, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultLinker, DocumentState, DefaultScopeComputation, DefaultScopeProvider, MultiMap, StreamScope, stream, UriUtils, WorkspaceCache } from 'langium';
import type { LangiumCoreServices, LangiumDocuments, LocalSymbols } from 'langium';
import { CancellationToken } from 'vscode-languageserver-protocol';
import type { URI } from 'vscode-uri';
import { isModel, isRegion, isSystem, isZone, type Model } from './generated/ast.js';
import { isNamedScopeNode, qualifiedName, relativeName } from './names.js';

/**
 * Exports every component, region and zone under its fully qualified name (`Tickets.Orders`), and
 * makes each element visible inside each of its ancestors under its relative name, so that
 * `Events.orderEvents` resolves anywhere inside the system that holds `Events`.
 */
export class SysdScopeComputation extends DefaultScopeComputation {
    // Both walks are synchronous (the AST is in memory); they return promises because the default
    // scope computation they replace does.
    override collectExportedSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (cancelToken.isCancellationRequested) break;
            if (isNamedScopeNode(node) && node.$type !== 'System' && node.name) {
                exports.push(this.descriptions.createDescription(node, qualifiedName(node), document));
                // Zones are also known without their region (`Rides.a` for `Rides.usWest.a`), so other
                // files of a split system can place replicas with `across a, b`.
                if (isZone(node) && isRegion(node.$container.$container)) {
                    const region = node.$container.$container;
                    const parts = qualifiedName(node).split('.');
                    parts.splice(parts.length - 2, 1);
                    if (region.name) exports.push(this.descriptions.createDescription(node, parts.join('.'), document));
                }
            }
        }
        return Promise.resolve(exports);
    }

    override collectLocalSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (cancelToken.isCancellationRequested) break;
            if (!isNamedScopeNode(node) || node.$type === 'System' || !node.name) continue;
            let ancestor = node.$container;
            while (ancestor) {
                if (isNamedScopeNode(ancestor) || isModel(ancestor)) {
                    symbols.add(ancestor, this.descriptions.createDescription(node, relativeName(node, ancestor), document));
                    // Zones are usually named on their own (`across a, b`): the region is transparent.
                    if (isZone(node) && !isRegion(ancestor)) {
                        symbols.add(ancestor, this.descriptions.createDescription(node, node.name, document));
                    }
                }
                ancestor = ancestor.$container;
            }
        }
        return Promise.resolve(symbols);
    }
}

/**
 * Resolves an `import "path"` relative to the importing document; `.sysd` may be left out.
 * Undefined for an import the parser could not read (no path).
 */
export function resolveImportUri(from: URI, path: string): URI;
export function resolveImportUri(from: URI, path: string | undefined): URI | undefined;
export function resolveImportUri(from: URI, path: string | undefined): URI | undefined {
    if (typeof path !== 'string') return undefined;
    const withExtension = path.endsWith('.sysd') ? path : `${path}.sysd`;
    return UriUtils.resolvePath(UriUtils.dirname(from), withExtension);
}

/** A scope that knows which of its names match more than one element. */
class ImportScope extends StreamScope {
    constructor(readonly byName: MultiMap<string, AstNodeDescription>, readonly qualified: Map<AstNodeDescription, string>, outer: Scope) {
        // An array, not the map's one-shot iterator: the scope is cached and read by every reference.
        super(stream([...byName.values()]), outer);
    }

    // Looked up by name in the map rather than by scanning every imported element.
    override getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)[0] ?? this.outerScope?.getElement(name);
    }

    override getElements(name: string) {
        const own = stream(this.byName.get(name));
        return this.outerScope ? own.concat(this.outerScope.getElements(name)) : own;
    }

    candidates(name: string): readonly AstNodeDescription[] {
        return this.byName.get(name);
    }
}

/**
 * Scope order, innermost first: the enclosing systems and components (relative names), then the
 * simple names of elements in imported files, then every qualified name in the workspace.
 */
export class SysdScopeProvider extends DefaultScopeProvider {
    private readonly documents: () => LangiumDocuments;
    /**
     * The scope of imported names per document and reference type. Building it reads every element
     * of the imported files, so it is built once per workspace state, not once per reference (which
     * made linking a file that imports a large one quadratic).
     */
    private readonly importScopes: WorkspaceCache<string, Scope>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = () => services.shared.workspace.LangiumDocuments;
        // Cleared once the documents of a build are indexed, so it never outlives the index it read.
        this.importScopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const global = super.getGlobalScope(referenceType, context);
        const root = AstUtils.findRootNode(context.container);
        let result: Scope = global;
        if (isModel(root) && root.imports.length > 0) {
            const document = AstUtils.getDocument(root);
            result = this.importScopes.get(`${referenceType}\n${document.uri.toString()}`, () => this.importScope(document, referenceType, global));
        }
        // A system may be split over several files: inside `system Shop`, `Billing` also means the
        // `Shop.Billing` declared in another file. Innermost system first.
        for (const prefix of enclosingSystems(context.container)) {
            result = new PrefixScope(prefix, global, result);
        }
        return result;
    }

    /** The simple names of the elements of the files `document` imports, in front of `global`; `global` when it imports none. */
    private importScope(document: LangiumDocument, referenceType: string, global: Scope): Scope {
        const uris = new Set(importedDocuments(document, this.documents()).map(d => d.uri.toString()));
        if (uris.size === 0) return global;
        const byName = new MultiMap<string, AstNodeDescription>();
        const qualified = new Map<AstNodeDescription, string>();
        for (const description of this.indexManager.allElements(referenceType, uris)) {
            const simple = description.name.substring(description.name.lastIndexOf('.') + 1);
            const copy = { ...description, name: simple };
            qualified.set(copy, description.name);
            byName.add(simple, copy);
        }
        return new ImportScope(byName, qualified, global);
    }
}

/** Qualified names of the systems around a node, outermost first. */
function enclosingSystems(node: AstNode): string[] {
    const names: string[] = [];
    let current: AstNode | undefined = node;
    while (current) {
        if (isSystem(current)) names.unshift(qualifiedName(current));
        current = current.$container;
    }
    return names;
}

/** Looks names up in the global scope under a namespace prefix, then in the outer scope. */
class PrefixScope implements Scope {
    constructor(private readonly prefix: string, private readonly global: Scope, readonly outerScope: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        const found = this.global.getElement(`${this.prefix}.${name}`);
        return found ? { ...found, name } : this.outerScope.getElement(name);
    }

    getElements(name: string) {
        const found = this.getElement(name);
        return found ? stream([found]) : this.outerScope.getElements(name);
    }

    getAllElements() {
        const start = `${this.prefix}.`;
        const own = this.global.getAllElements()
            .filter(d => d.name.startsWith(start))
            .map(d => ({ ...d, name: d.name.substring(start.length) }));
        return own.concat(this.outerScope.getAllElements());
    }
}

/** The documents named by `import` statements of `document` that are loaded in the workspace. */
export function importedDocuments(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const root = document.parseResult.value as Model;
    const result: LangiumDocument[] = [];
    for (const imp of root.imports ?? []) {
        const uri = resolveImportUri(document.uri, imp?.path);
        if (!uri) continue;
        const imported = documents.getDocument(uri);
        if (imported && imported !== document) result.push(imported);
    }
    return result;
}

/** Reports a reference that matches several imported elements instead of silently picking one. */
export class SysdLinker extends DefaultLinker {
    override getCandidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        const scope = this.scopeProvider.getScope(refInfo);
        const name = refInfo.reference.$refText;
        const found = scope.getElement(name);
        if (found) {
            const importScope = findImportScope(scope);
            if (importScope) {
                const candidates = importScope.candidates(name);
                const distinct = new Set(candidates.map(c => `${c.documentUri.toString()}#${c.path}`));
                if (distinct.size > 1 && candidates.some(c => c === found)) {
                    const names = candidates.map(c => `'${importScope.qualified.get(c) ?? c.name}' (${UriUtils.basename(c.documentUri)})`).join(', ');
                    return {
                        info: refInfo,
                        message: `Ambiguous reference '${name}': it matches ${names}. Write the qualified name.`
                    };
                }
            }
            return found;
        }
        return this.createLinkingError(refInfo);
    }
}

function findImportScope(scope: Scope): ImportScope | undefined {
    let current: Scope | undefined = scope;
    while (current) {
        if (current instanceof ImportScope) return current;
        current = (current as unknown as { outerScope?: Scope }).outerScope;
    }
    return undefined;
}
