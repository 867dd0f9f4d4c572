import type { AstNode, AstNodeDescription, LangiumDocument, LinkingError, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultLinker, DocumentState, DefaultScopeComputation, DefaultScopeProvider, MultiMap, StreamScope, stream, UriUtils, WorkspaceCache } from 'langium';
import type { IndexManager, LangiumCoreServices, LangiumDocuments, LocalSymbols, Stream } from 'langium';
import { CancellationToken } from 'vscode-languageserver-protocol';
import type { URI } from 'vscode-uri';
import { isComponent, isModel, isRegion, isSagaStep, isSystem, isZone, type Model } from './generated/ast.js';
import { closest, editDistance, quotedAlternatives, suggestionThreshold } from './suggest.js';
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
    /** The names each container declares, indexed by name: per local symbols object, container and reference type. */
    private readonly localIndexes = new WeakMap<LocalSymbols, Map<AstNode, Map<string, LocalIndex>>>();

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = () => services.shared.workspace.LangiumDocuments;
        // Cleared once the documents of a build are indexed, so it never outlives the index it read.
        this.importScopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /**
     * Langium's scope, innermost container first, except that each container's names are looked up
     * in an index by name rather than scanned: the default scope filters and searches every name of
     * the enclosing system (and of the whole file, for the root) for each reference, which made
     * linking a large system quadratic. The index is built once per container and reference type for
     * each computation of the document's local symbols (see {@link localIndex}).
     */
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const containers: AstNode[] = [];
        if (localSymbols) {
            let current: AstNode | undefined = context.container;
            while (current) {
                if (localSymbols.has(current)) containers.push(current);
                current = current.$container;
            }
        }
        let result = this.getGlobalScope(referenceType, context);
        for (let i = containers.length - 1; i >= 0; i--) {
            result = new IndexedScope(this.localIndex(localSymbols!, containers[i], referenceType), result);
        }
        return result;
    }

    /**
     * The names `container` declares for `referenceType`, by name and in their order. Cached by the
     * local symbols object itself: the document builder replaces it whenever it computes the
     * document's scopes again (after a change), so a cached index never outlives the names it read.
     */
    private localIndex(localSymbols: LocalSymbols, container: AstNode, referenceType: string): LocalIndex {
        let byContainer = this.localIndexes.get(localSymbols);
        if (!byContainer) {
            byContainer = new Map();
            this.localIndexes.set(localSymbols, byContainer);
        }
        let byType = byContainer.get(container);
        if (!byType) {
            byType = new Map();
            byContainer.set(container, byType);
        }
        let index = byType.get(referenceType);
        if (!index) {
            const elements: AstNodeDescription[] = [];
            const byName = new Map<string, AstNodeDescription[]>();
            for (const description of localSymbols.getStream(container)) {
                if (!this.reflection.isSubtype(description.type, referenceType)) continue;
                elements.push(description);
                const same = byName.get(description.name);
                if (same) same.push(description);
                else byName.set(description.name, [description]);
            }
            index = { elements, byName };
            byType.set(referenceType, index);
        }
        return index;
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

/** The names one container declares for one reference type: in their order, and by name. */
interface LocalIndex {
    elements: readonly AstNodeDescription[];
    byName: ReadonlyMap<string, readonly AstNodeDescription[]>;
}

/**
 * The names of one container in front of an outer scope: Langium's `StreamScope` (first match
 * wins, every match in order, then the outer scope's), but found by name in the container's index.
 */
class IndexedScope implements Scope {
    constructor(private readonly index: LocalIndex, readonly outerScope: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.index.byName.get(name)?.[0] ?? this.outerScope.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.index.byName.get(name) ?? []).concat(this.outerScope.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.index.elements).concat(this.outerScope.getAllElements());
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

/** A name that resolves where an unresolved reference is written: what its quick fix writes. */
export interface NameSuggestion {
    text: string;
    /** Safe to apply without asking: the only element of that name, or the only spelling one edit away. */
    preferred: boolean;
}

/** Langium's linking error, with the names that would resolve in its place (read by the host's quick fixes). */
export interface SysdLinkingError extends LinkingError {
    suggestions?: NameSuggestion[];
}

/** The suggestions a linking error carries; none for an error that is not sysd's. */
export function linkingSuggestions(error: SysdLinkingError | undefined): NameSuggestion[] {
    return error?.suggestions ?? [];
}

/** How many places a hint lists: the rest are counted. */
const MAX_HINTS = 3;

/**
 * How many unresolved names of one document get a hint in one linking pass. Each hint reads the
 * workspace's index once; a file of thousands of unresolved names (pasted from elsewhere) gets plain
 * errors past this many, so linking it stays linear.
 */
export const MAX_HINTED_PER_DOCUMENT = 50;

/**
 * Reports a reference that matches several imported elements instead of silently picking one, and
 * says what would resolve when a name does not: the qualified name of an element declared elsewhere
 * (another system, another file), or the closest names visible at that place.
 */
export class SysdLinker extends DefaultLinker {
    private readonly indexManager: IndexManager;
    private readonly simpleNameIndex: WorkspaceCache<string, SimpleNameIndex>;
    /** How many hints each document got in its current linking pass, by its list of references. */
    private readonly hinted = new WeakMap<object, number>();

    constructor(services: LangiumCoreServices) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
        // Cleared once the documents of a build are indexed, like the scope provider's import scopes.
        this.simpleNameIndex = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

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
                    const qualified = candidates.map(c => importScope.qualified.get(c) ?? c.name);
                    const names = candidates.map((c, i) => `'${qualified[i]}' (${UriUtils.basename(c.documentUri)})`).join(', ');
                    const error: SysdLinkingError = {
                        info: refInfo,
                        message: `Ambiguous reference '${name}': it matches ${names}. Write the qualified name.`,
                        suggestions: isSagaStep(refInfo.container) ? [] : [...new Set(qualified)].map(text => ({ text, preferred: false }))
                    };
                    return error;
                }
            }
            return found;
        }
        return this.createLinkingError(refInfo);
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        // A name that was found but whose element could not be loaded needs no hint; nor does a lookup
        // made before the scopes are ready (the linker tries it again later).
        const document = AstUtils.findRootNode(refInfo.container).$document;
        if (targetDescription || (document && document.state < DocumentState.ComputedScopes)) return error;
        if (document) {
            // `references` is a new list every time the document is linked again.
            const hinted = this.hinted.get(document.references) ?? 0;
            if (hinted >= MAX_HINTED_PER_DOCUMENT) return { ...error, message: `Could not resolve '${refInfo.reference.$refText}'.` };
            this.hinted.set(document.references, hinted + 1);
        }
        try {
            return { ...error, ...this.hint(refInfo) } satisfies SysdLinkingError;
        } catch {
            // A hint is a courtesy: failing to find one must not cost the error.
            return error;
        }
    }

    /** The message of an unresolved reference and the names that would resolve in its place. */
    private hint(refInfo: ReferenceInfo): { message: string; suggestions: NameSuggestion[] } {
        const written = refInfo.reference.$refText;
        const type = this.reflection.getReferenceType(refInfo);
        const what = type === 'Placement' ? `the region or zone '${written}'` : `'${written}'`;
        const scope = this.scopeProvider.getScope(refInfo);
        // A saga step names its service by a simple name (the dot separates the action).
        const writable = (name: string) => !isSagaStep(refInfo.container) || !name.includes('.');
        const simple = written.substring(written.lastIndexOf('.') + 1);

        // Elements of that simple name declared where the reference cannot see them by it.
        const elements = this.elementsBySimpleName(type, [simple]);
        const elsewhere = elements
            .map(element => ({ element, text: this.resolvableName(scope, element, writable) }))
            // Nearest first (fewest parts to write), then by name.
            .sort((a, b) => segments(a.text) - segments(b.text) || a.element.names[0].localeCompare(b.element.names[0]));
        if (elsewhere.length > 0) {
            const places = elsewhere.slice(0, MAX_HINTS).map(e => this.placeOf(e.element));
            const more = elsewhere.length - places.length;
            const where = more > 0 ? `${places.join(', ')} and ${more} more ${more === 1 ? 'place' : 'places'}` : joinAnd(places);
            const texts = elsewhere.map(e => e.text).filter((t): t is string => t !== undefined).slice(0, MAX_HINTS);
            const write = texts.length > 0 ? `; write ${quotedAlternatives(texts)}` : '';
            return {
                message: `Could not resolve ${what}: it is declared in ${where}${write}.`,
                suggestions: texts.map(text => ({ text, preferred: elsewhere.length === 1 }))
            };
        }

        // A misspelling: the elements whose simple name is close, each by the name that reaches it from
        // here (the scope decides), nearest spelling first. Reading the names of the index rather than
        // every name of the scope keeps a hint cheap in a large workspace.
        const index = this.bySimpleName(type);
        const threshold = suggestionThreshold(simple);
        const needle = simple.toLowerCase();
        const near = closest(simple, index.names.filter((_, i) => mayBeClose(needle, index.lower[i], threshold)), 4 * MAX_HINTS);
        const lower = written.toLowerCase();
        const spelled: Array<{ text: string; simpleDistance: number; distance: number }> = [];
        for (const element of this.elementsBySimpleName(type, near)) {
            const text = this.resolvableName(scope, element, writable);
            if (text === undefined || spelled.some(s => s.text === text)) continue;
            spelled.push({
                text,
                simpleDistance: editDistance(simple.toLowerCase(), lastSegment(text).toLowerCase()),
                distance: editDistance(lower, text.toLowerCase())
            });
        }
        // Stable: among equals, the order of `closest`.
        spelled.sort((a, b) => a.distance - b.distance || segments(a.text) - segments(b.text));
        const shown = spelled.slice(0, MAX_HINTS);
        if (shown.length > 0) {
            const close = spelled.filter(s => s.simpleDistance <= 1);
            return {
                message: `Could not resolve ${what}; did you mean ${quotedAlternatives(shown.map(s => s.text))}?`,
                suggestions: shown.map(s => ({ text: s.text, preferred: close.length === 1 && close[0] === s }))
            };
        }
        const kind = type === 'Placement' ? 'region or zone' : 'component';
        return { message: `Could not resolve ${what}: no ${kind} in the workspace is named '${simple}'.`, suggestions: [] };
    }

    /** The elements of `type` with one of the simple names `simple`, each with its exported names (longest first). */
    private elementsBySimpleName(type: string, simple: readonly string[]): IndexedElement[] {
        const index = this.bySimpleName(type).byName;
        const byKey = new Map<string, IndexedElement>();
        for (const name of simple) {
            for (const description of index.get(name)) {
                const key = descriptionKey(description);
                const element = byKey.get(key);
                if (element) element.names.push(description.name);
                else byKey.set(key, { key, description, names: [description.name] });
            }
        }
        const elements = [...byKey.values()];
        for (const element of elements) element.names.sort((a, b) => b.length - a.length);
        return elements;
    }

    /** The exported elements of `type` by simple name, and the distinct simple names, read from the index once per workspace state. */
    private bySimpleName(type: string): SimpleNameIndex {
        return this.simpleNameIndex.get(type, () => {
            const byName = new MultiMap<string, AstNodeDescription>();
            for (const description of this.indexManager.allElements(type)) byName.add(lastSegment(description.name), description);
            const names = [...byName.keys()];
            return { byName, names, lower: names.map(name => name.toLowerCase()) };
        });
    }

    /**
     * The shortest name that resolves to `element` from `scope`: the shortest tail of one of its
     * exported names that the scope finds (`Data.ProfilesDb`). Undefined when none does, or none can
     * be written there.
     */
    private resolvableName(scope: Scope, element: IndexedElement, writable: (name: string) => boolean): string | undefined {
        let best: string | undefined;
        for (const name of element.names) {
            const parts = name.split('.');
            for (let length = 1; length <= parts.length; length++) {
                const tail = parts.slice(parts.length - length).join('.');
                if (best !== undefined && tail.length >= best.length) break;
                if (!writable(tail)) continue;
                const found = scope.getElement(tail);
                if (found && descriptionKey(found) === element.key) {
                    best = tail;
                    break;
                }
            }
        }
        return best;
    }

    /** Where `element` is declared: `system 'Data'`, `broker 'Shop.Events'`, `region 'Rides.usWest'`. */
    private placeOf(element: IndexedElement): string {
        const qualified = element.names[0];
        let container = this.loadAstNode(element.description)?.$container;
        while (container && !isNamedScopeNode(container)) container = container.$container;
        const parent = container ? qualifiedName(container) : qualified.substring(0, qualified.lastIndexOf('.'));
        if (container && isSystem(container)) return `system '${parent}'`;
        if (container && isRegion(container)) return `region '${parent}'`;
        if (container && isComponent(container)) return `${container.kind} '${parent}'`;
        if (!parent) return `the top level of ${UriUtils.basename(element.description.documentUri)}`;
        return `'${parent}'`;
    }
}

/** The elements of one reference type by simple name (`ProfilesDb` for `Data.ProfilesDb`). */
interface SimpleNameIndex {
    byName: MultiMap<string, AstNodeDescription>;
    names: string[];
    /** `names` in lower case, for {@link mayBeClose}. */
    lower: string[];
}

const letterCounts = new Int32Array(128);

/**
 * False only when `candidate` cannot be within `threshold` edits of `needle` (both in lower case)
 * nor contain it, the way `closest` ranks: a cheap linear test (the letters one has and the other
 * lacks bound the edit distance from below) that spares the quadratic distance for most of a
 * large workspace's names.
 */
function mayBeClose(needle: string, candidate: string, threshold: number): boolean {
    if (needle.length >= 3 && candidate.includes(needle)) return true;
    if (Math.abs(needle.length - candidate.length) > threshold) return false;
    // Names are ASCII (the grammar's ID); other letters are not counted, and the name is left to `closest`.
    let ascii = true;
    for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        if (code < 128) letterCounts[code]++;
        else ascii = false;
    }
    for (let i = 0; i < candidate.length; i++) {
        const code = candidate.charCodeAt(i);
        if (code < 128) letterCounts[code]--;
        else ascii = false;
    }
    // Read the counts and set them back to zero for the next call.
    let missing = 0;
    let extra = 0;
    for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        // A letter the candidate has more of keeps its count for the loop below.
        if (code < 128 && letterCounts[code] > 0) {
            missing += letterCounts[code];
            letterCounts[code] = 0;
        }
    }
    for (let i = 0; i < candidate.length; i++) {
        const code = candidate.charCodeAt(i);
        if (code >= 128) continue;
        if (letterCounts[code] < 0) extra -= letterCounts[code];
        letterCounts[code] = 0;
    }
    if (!ascii) return true;
    return Math.max(missing, extra) <= threshold;
}

/** An element of the index with every name it is exported under (a zone has two). */
interface IndexedElement {
    key: string;
    description: AstNodeDescription;
    names: string[];
}

function descriptionKey(description: AstNodeDescription): string {
    return `${description.documentUri.toString()}#${description.path}`;
}

/** How many dotted parts a name has; a name that cannot be written counts as the longest. */
function segments(name: string | undefined): number {
    return name === undefined ? Infinity : name.split('.').length;
}

function lastSegment(name: string): string {
    return name.substring(name.lastIndexOf('.') + 1);
}

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function findImportScope(scope: Scope): ImportScope | undefined {
    let current: Scope | undefined = scope;
    while (current) {
        if (current instanceof ImportScope) return current;
        current = (current as unknown as { outerScope?: Scope }).outerScope;
    }
    return undefined;
}
