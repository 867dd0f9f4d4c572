import type { IToken } from 'chevrotain';
import type { AstNode, Disposable, LangiumDocument, LinkingError, MultiReference, Reference } from 'langium';
import { Cancellation, DefaultDocumentValidator, DocumentState, DocumentValidator, GrammarUtils, URI, UriUtils } from 'langium';
import { isModel, type Model } from '../generated/ast.js';
import { isNamedScopeNode } from '../names.js';
import type { LintConfig, ResolvedConfig } from '../lint/config.js';
import type { Finding, FixModel } from '../lint/types.js';
import type { ConfigLayer } from '../model-service.js';
import type { Range } from '../model/types.js';
import { unresolvedViewNames, type UnresolvedViewName } from '../model/views.js';
import type { ArchModel } from '../model/workspace.js';
import { linkingSuggestions, resolveImportUri } from '../scope.js';
import type { SysdServices } from '../sysd-module.js';
import { plural } from '../words.js';
import { errorMessage, guarded } from './internal-error.js';
import {
    builtinProblem, configurationProblem, findingProblem, modelProblem, rangesTouch, shownRange,
    type ConfigurationProblem, type DocumentProblem, type SysdProblem
} from './problems.js';

/**
 * The lint configuration of a host, least specific first. Each document's own configuration file
 * (the nearest `sysd.config.json` or `.sysdrc.json` above it) sits between `settings` and `overrides`,
 * unless `configFile` names one file for every document.
 */
export interface ConfigLayers {
    /** VS Code's `sysd.rules` setting: configuration files override it. */
    settings?: ConfigLayer;
    /** The configuration file for every document instead of the upward search (`sysd check --config`), as read by the host. */
    configFile?: { path: string; config: LintConfig };
    /** `--rule` flags: they override configuration files. */
    overrides?: ConfigLayer;
}

/** A rule's fix, with the problem it resolves. */
export interface ProblemFix extends FixModel {
    problem: DocumentProblem;
}

/**
 * Langium's own checks: the lexer's and the parser's errors of a document. The linker's errors are
 * read by `SysdAnalysis.referenceProblems`, which adds their quick fixes and leaves out those of a
 * statement the parser could not read.
 */
class LangiumChecks extends DefaultDocumentValidator {
    diagnostics(document: LangiumDocument): NonNullable<LangiumDocument['diagnostics']> {
        const diagnostics: NonNullable<LangiumDocument['diagnostics']> = [];
        this.processLexingErrors(document.parseResult, diagnostics, {});
        this.processParsingErrors(document.parseResult, diagnostics, {});
        return diagnostics;
    }
}

/** Where the parser's errors of a document are: each error's token, and the token before it when known. */
function syntaxErrorOffsets(document: LangiumDocument): number[] {
    const offsets: number[] = [];
    for (const error of document.parseResult.parserErrors) {
        // A token the parser's recovery inserted has no position (NaN or -1): the one before it has.
        if (Number.isInteger(error.token.startOffset) && error.token.startOffset >= 0) offsets.push(error.token.startOffset);
        const previous = (error as { previousToken?: IToken }).previousToken;
        const end = previous?.endOffset;
        if (end !== undefined && Number.isInteger(end) && end >= 0) offsets.push(end);
    }
    return offsets;
}

/**
 * Whether the statement that holds `node` (the node and its ancestors up to the enclosing component,
 * system, region or file) holds a syntax error, or was cut short by one: a name half typed
 * (`calls Orde {` and the rest missing) or a keyword misspelled at the top level (`servce Api {`, read
 * as a relation from `servce`) is already reported by the parser, and "could not resolve" on top of it
 * says nothing new.
 */
function inBrokenStatement(node: AstNode, errorOffsets: readonly number[]): boolean {
    if (errorOffsets.length === 0) return false;
    let current: AstNode | undefined = node;
    while (current && !isNamedScopeNode(current) && !isModel(current)) {
        const cst = current.$cstNode;
        if (cst && errorOffsets.some(offset => offset >= cst.offset && offset < cst.end)) return true;
        current = current.$container;
    }
    return false;
}

/** The range of an unresolved reference: its text, else the property that holds it, else its node. */
function referenceRange(reference: Reference | MultiReference, error: LinkingError): Range {
    return reference.$refNode?.range
        ?? GrammarUtils.findNodeForProperty(error.info.container.$cstNode, error.info.property, error.info.index)?.range
        ?? error.info.container.$cstNode?.range
        ?? START;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * One problem per unresolved name of a document. A name that fails in several places (a zone whose
 * declaration is misspelt, a component not declared yet) is one error at its first use, listing the
 * other places as related locations; a fix every place shares replaces the name everywhere at once.
 * One wrong word in a declaration would otherwise cost an error at every use.
 */
function collapseRepeatedNames(problems: DocumentProblem[], names: readonly string[]): DocumentProblem[] {
    const byName = new Map<string, DocumentProblem[]>();
    problems.forEach((problem, i) => {
        const group = byName.get(names[i]);
        if (group) group.push(problem);
        else byName.set(names[i], [problem]);
    });
    const result: DocumentProblem[] = [];
    for (const group of byName.values()) {
        const [first, ...others] = group;
        if (others.length === 0) {
            result.push(first);
            continue;
        }
        const lines = others.map(p => p.range.start.line + 1);
        const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? `, …` : '');
        const shared = first.fixes.filter(fix => others.every(p => p.fixes.some(f => f.title === fix.title)));
        result.push({
            ...first,
            message: `${first.message} The same name is used, unresolved, on ${plural(others.length, '1 other line|# other lines')} (${shown}).`,
            related: [
                ...first.related,
                ...others.slice(0, MAX_DUPLICATE_LOCATIONS).map(p => ({ uri: p.uri, range: p.range, message: 'unresolved here too' }))
            ],
            fixes: shared.map(fix => ({
                ...fix,
                title: `${fix.title} (${group.length} places)`,
                edits: group.flatMap(p => p.fixes.find(f => f.title === fix.title)!.edits)
            }))
        });
    }
    return result;
}

/**
 * How many other declarations a duplicate-name problem points to. The message states the count; a
 * name pasted two thousand times would otherwise give each of its problems two thousand locations,
 * millions in all, more than the editor can be sent.
 */
export const MAX_DUPLICATE_LOCATIONS = 10;

/**
 * The duplicate-name problems of a workspace model by document URI, computed once per model (the
 * model is a new object after every change, and the entry goes with it).
 */
const duplicatesByModel = new WeakMap<ArchModel, Map<string, DocumentProblem[]>>();

/** What a document shows when sysd itself failed while checking it: a bug in sysd, not in the text. */
function internalErrorProblem(uri: string, error: unknown): DocumentProblem {
    return {
        source: 'model', code: 'internal-error', severity: 'error', uri, range: START,
        message: `sysd could not finish checking this file (internal error: ${errorMessage(error)}). ` +
            'The other findings may be incomplete; the SysD output shows the details for a bug report.',
        related: [], elements: [], fixes: []
    };
}

/**
 * What every host (the language server, the CLI, the Markdown preview's snippets, the tests) asks of a
 * sysd workspace: its model and lint findings, its problems as one sysd-native list, the fixes at a
 * place, and the lint configuration. It holds no state of its own: the model service caches the
 * model and the findings per build, so any number of instances over the same services agree.
 *
 * Documents are read once Langium linked them: the hosts load and build the documents (the server
 * through its workspace manager, the CLI through its loader), then ask.
 */
export class SysdAnalysis {
    private checks: LangiumChecks | undefined;

    constructor(readonly services: SysdServices) {}

    private get modelService() {
        return this.services.model.ModelService;
    }

    private get workspace() {
        return this.services.shared.workspace;
    }

    // ---- The workspace and its model ---------------------------------------------------------------

    /** Whether the document belongs to the workspace. */
    hasDocument(uri: string): boolean {
        return this.workspace.LangiumDocuments.hasDocument(URI.parse(uri));
    }

    /**
     * Waits until the build that is running (if any) validated its documents, so that the model and
     * the findings are those of the current text. False when `token` cancelled the wait.
     */
    async settled(token: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<boolean> {
        try {
            await this.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        } catch {
            return false;
        }
        return !token.isCancellationRequested;
    }

    /** Calls `listener` with the URIs of each build that reached validation (the model may have changed). */
    onValidated(listener: (uris: string[]) => void): Disposable {
        return this.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, built => {
            if (built.length > 0) listener(built.map(document => document.uri.toString()));
        });
    }

    /** The model of every linked document; the same object until a document changes. */
    model(): ArchModel {
        return this.modelService.workspaceModel();
    }

    /** The lint findings of the whole workspace; the same array until the model or the configuration changes. */
    findings(): readonly Finding[] {
        return this.modelService.workspaceFindings();
    }

    // ---- Problems -----------------------------------------------------------------------------------

    /**
     * Everything wrong with one document, in the order the editor lists it: syntax errors, unresolved
     * references, then what `validationProblems` finds. Empty for a document the workspace does not hold.
     */
    problems(document: string | LangiumDocument): DocumentProblem[] {
        const doc = this.document(document);
        if (!doc) return [];
        const uri = doc.uri.toString();
        this.checks ??= new LangiumChecks(this.services);
        const builtins = this.checks.diagnostics(doc).map(diagnostic => builtinProblem(uri, diagnostic));
        return [...builtins, ...this.referenceProblems(doc), ...this.validationProblems(doc)];
    }

    /**
     * The names of a document that resolve to no element, or to several: the linker's errors with what
     * would resolve (`SysdLinker`) as quick fixes. A reference in a statement that has a syntax error is
     * left out: the syntax error says what is wrong there. The validator publishes exactly these.
     */
    referenceProblems(document: string | LangiumDocument): DocumentProblem[] {
        const doc = this.document(document);
        if (!doc) return [];
        const uri = doc.uri.toString();
        const errorOffsets = syntaxErrorOffsets(doc);
        const problems: DocumentProblem[] = [];
        // The name (and kind of element) each problem is about, to report a name once per document.
        const names: string[] = [];
        for (const reference of doc.references) {
            const error = reference.error;
            if (!error || inBrokenStatement(error.info.container, errorOffsets)) continue;
            const range = referenceRange(reference, error);
            problems.push({
                source: 'reference', code: DocumentValidator.LinkingError, severity: 'error', message: error.message, uri, range,
                related: [], elements: [],
                fixes: linkingSuggestions(error).map(suggestion => ({
                    title: `Replace with '${suggestion.text}'`,
                    edits: [{ uri, range, newText: suggestion.text }],
                    ...(suggestion.preferred ? { preferred: true } : {})
                }))
            });
            names.push(`${reference.$refText}\u0000${this.services.shared.AstReflection.getReferenceType(error.info)}`);
        }
        return collapseRepeatedNames(problems, names);
    }

    /**
     * What sysd finds beyond parsing and linking: imports that cannot be followed, model problems, names
     * declared more than once in the workspace, and lint findings. The validator reports exactly these
     * (Langium reports the parse errors itself; the validator reports `referenceProblems` in their place).
     */
    validationProblems(document: string | LangiumDocument): DocumentProblem[] {
        const doc = this.document(document);
        if (!doc) return [];
        const uri = doc.uri.toString();
        // Each part is computed on its own: a bug in one (the model builder throwing on a half-typed
        // line, say) becomes one problem saying so, and the parts that work are still reported.
        let failed = false;
        const part = (what: string, compute: () => DocumentProblem[]): DocumentProblem[] =>
            guarded(`computing the ${what} of ${uri}`, compute, error => {
                if (failed) return [];
                failed = true;
                return [internalErrorProblem(uri, error)];
            });
        return [
            ...part('import problems', () => this.importProblems(doc as LangiumDocument<Model>)),
            ...part('model problems', () => this.modelService.fragment(doc).problems.map(modelProblem)),
            ...this.workspaceParts(doc, part)
        ];
    }

    /**
     * The problems of a document that an edit of another document can change without this one being
     * linked again: names declared more than once in the workspace, names of its diagram views, and
     * lint findings. They come last in `validationProblems`, in this order, and each has a code in
     * {@link WORKSPACE_PROBLEM_CODES} or a rule id. After a build, the document builder makes them again
     * for the documents the build did not validate (`SysdDocumentBuilder`).
     */
    workspaceDependentProblems(document: string | LangiumDocument): DocumentProblem[] {
        const doc = this.document(document);
        if (!doc) return [];
        const uri = doc.uri.toString();
        let failed = false;
        return this.workspaceParts(doc, (what, compute) => guarded(`computing the ${what} of ${uri}`, compute, error => {
            if (failed) return [];
            failed = true;
            return [internalErrorProblem(uri, error)];
        }));
    }

    private workspaceParts(doc: LangiumDocument, part: (what: string, compute: () => DocumentProblem[]) => DocumentProblem[]): DocumentProblem[] {
        return [
            ...part('duplicate names', () => this.duplicateProblems(doc.uri.toString())),
            ...part('view names', () => this.viewNameProblems(doc)),
            ...part('lint findings', () => this.lintProblems(doc))
        ];
    }

    /** The lint findings located in a document, as problems. */
    lintProblems(document: string | LangiumDocument): DocumentProblem[] {
        const doc = this.document(document);
        return doc ? this.modelService.findingsFor(doc.uri.toString()).map(findingProblem) : [];
    }

    /** The problems of every linked document of the workspace, then those of the configuration. */
    workspaceProblems(): SysdProblem[] {
        const problems: SysdProblem[] = [];
        for (const document of this.workspace.LangiumDocuments.all) {
            if (document.state >= DocumentState.Linked) problems.push(...this.problems(document));
        }
        problems.push(...this.configurationProblems());
        return problems;
    }

    /** Configuration files, settings or flags that could not be used as written (found while linting). */
    configurationProblems(): ConfigurationProblem[] {
        // The lint run resolves the layers of every document, and notes their problems on the way.
        this.modelService.allFindings();
        return this.modelService.getConfigProblems().map(configurationProblem);
    }

    /**
     * The fixes offered for the problems of the document `uri` whose range touches `range`: those of
     * every source that has fixes (lint rules, and any other problem that carries `fixes`).
     */
    fixes(uri: string, range: Range): ProblemFix[] {
        const result: ProblemFix[] = [];
        for (const problem of this.problems(uri)) {
            if (problem.fixes.length === 0 || !rangesTouch(problem.range, range)) continue;
            for (const fix of problem.fixes) result.push({ ...fix, problem });
        }
        return result;
    }

    // ---- Configuration -----------------------------------------------------------------------------

    /** Replaces the host's configuration layers; findings are computed again on the next request. */
    configure(layers: ConfigLayers): void {
        this.modelService.setConfigLayers(layers.settings ? [layers.settings] : [], layers.overrides ? [layers.overrides] : []);
        this.modelService.setConfigFile(layers.configFile);
    }

    /** A configuration file was created, changed or deleted: look them up and read them again. */
    configFilesChanged(): void {
        this.modelService.configFilesChanged();
    }

    /** The rule severities and options that apply to a document. */
    configFor(uri: string): ResolvedConfig {
        return this.modelService.configFor(uri);
    }

    /** Where the host publishes a rule's page, if anywhere. */
    ruleDocsUrl(ruleId: string): string | undefined {
        return this.services.lint.docsUrl(ruleId);
    }

    // ---- Internals ---------------------------------------------------------------------------------

    private document(document: string | LangiumDocument): LangiumDocument | undefined {
        if (typeof document !== 'string') return document;
        return this.workspace.LangiumDocuments.getDocument(URI.parse(document));
    }

    private importProblems(document: LangiumDocument<Model>): DocumentProblem[] {
        const documents = this.workspace.LangiumDocuments;
        const uri = document.uri.toString();
        const problems: DocumentProblem[] = [];
        for (const imp of document.parseResult.value.imports ?? []) {
            // An import the parser could not read has no path; the syntax error says what is wrong.
            if (!imp.path) continue;
            const target = resolveImportUri(document.uri, imp.path);
            const range = GrammarUtils.findNodeForProperty(imp.$cstNode, 'path')?.range ?? imp.$cstNode?.range ?? START;
            const problem = (severity: DocumentProblem['severity'], code: string, message: string): DocumentProblem =>
                ({ source: 'import', code, severity, message, uri, range, related: [], elements: [], fixes: [] });
            if (UriUtils.equals(target, document.uri)) {
                problems.push(problem('warning', 'import-self', 'A file does not need to import itself.'));
            } else if (!documents.hasDocument(target)) {
                problems.push(problem('error', 'unresolved-import', `Cannot find '${imp.path}' (looked for ${UriUtils.basename(target)} next to this file).`));
            }
        }
        return problems;
    }

    /** One problem per declaration in `uri` of a name that is declared more than once in the workspace. */
    private duplicateProblems(uri: string): DocumentProblem[] {
        const model = this.model();
        let byUri = duplicatesByModel.get(model);
        if (!byUri) {
            byUri = duplicatesOf(model);
            duplicatesByModel.set(model, byUri);
        }
        return byUri.get(uri) ?? [];
    }

    /**
     * The names of the document's diagram views that resolve to nothing in the workspace. A view may
     * name elements of any file, so these are computed from the workspace model (once per model) and
     * change when other documents do (`SysdDocumentBuilder` checks a document that declares views
     * again then). A name in a statement that has a syntax error is left out, as for references.
     */
    private viewNameProblems(document: LangiumDocument): DocumentProblem[] {
        const model = this.model();
        let byUri = viewNamesByModel.get(model);
        if (!byUri) {
            byUri = viewNameProblemsOf(model);
            viewNamesByModel.set(model, byUri);
        }
        const entries = byUri.get(document.uri.toString()) ?? [];
        if (entries.length === 0) return [];
        const errors = syntaxErrorOffsets(document).map(offset => document.textDocument.positionAt(offset));
        return entries.filter(entry => !errors.some(position => containsPosition(entry.statement, position))).map(entry => entry.problem);
    }
}

/** A view-name problem with the range of the `include`/`exclude` statement it is in. */
interface ViewNameProblem {
    problem: DocumentProblem;
    statement: Range;
}

/** The view-name problems of a workspace model by document URI, computed once per model like the duplicates. */
const viewNamesByModel = new WeakMap<ArchModel, Map<string, ViewNameProblem[]>>();

function containsPosition(range: Range, position: Range['start']): boolean {
    const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return afterStart && beforeEnd;
}

const ROLE_WORDS = { element: 'component or system', region: 'region', zone: 'zone' } as const;
const TARGET_WORDS = { component: 'a component', system: 'a system', region: 'a region', zone: 'a zone' } as const;

/**
 * The problem of one name of a diagram view that resolves to nothing: said like an unresolved
 * reference (with "did you mean" and a quick fix per suggestion), or, when the name stands for
 * something of another sort (`zone usWest` where `usWest` is a region), saying which it is, with the
 * fix that writes the right keyword.
 */
function viewNameProblem(unresolved: UnresolvedViewName): DocumentProblem {
    const { view, predicate, name, role, suggestions, ambiguous, otherRole } = unresolved;
    const uri = name.loc.uri;
    const range = name.loc.range;
    const inView = `in view '${view.name}'`;
    const replace = (text: string, preferred: boolean) => ({
        title: `Replace with '${text}'`,
        edits: [{ uri, range, newText: text }],
        ...(preferred ? { preferred: true } : {})
    });
    let message: string;
    let fixes: DocumentProblem['fixes'] = [];
    if (otherRole) {
        const placed = otherRole.kind === 'region' || otherRole.kind === 'zone';
        if (placed) {
            message = `'${name.text}' ${inView} is ${TARGET_WORDS[otherRole.kind]}, not ${role === 'element' ? 'a component or system' : `a ${role}`}: write '${otherRole.kind} ${name.text}'.`;
        } else {
            message = `'${name.text}' ${inView} is ${TARGET_WORDS[otherRole.kind]}, not a ${role}: name it without '${role}' to show it.`;
        }
        // The keyword is what comes before the name in its predicate (`zone ` in `zone usWest`).
        const keyword = { start: predicate.loc.range.start, end: range.start };
        if (predicate.kind === 'placement') {
            fixes = [{ title: placed ? `Write '${otherRole.kind} ${name.text}'` : `Write '${name.text}'`, edits: [{ uri, range: keyword, newText: placed ? `${otherRole.kind} ` : '' }], preferred: true }];
        } else if (predicate.kind === 'element' && placed) {
            fixes = [{ title: `Write '${otherRole.kind} ${name.text}'`, edits: [{ uri, range: { start: range.start, end: range.start }, newText: `${otherRole.kind} ` }], preferred: true }];
        }
    } else if (role === 'element' && predicate.kind === 'element' && (name.text === 'kind' || name.text === 'region' || name.text === 'zone')) {
        // `include kind` half typed: the keyword read as a name.
        const example = name.text === 'kind' ? 'kind database' : name.text === 'region' ? 'region usWest' : 'zone usWest.a';
        message = `'${name.text}' ${inView} needs ${name.text === 'kind' ? 'a component kind' : `a ${name.text}`} after it, as in '${example}'.`;
    } else if (ambiguous.length > 0) {
        message = `'${name.text}' ${inView} is ambiguous: ${quotedList(ambiguous)} all end with it; write the one you mean.`;
        fixes = ambiguous.map(text => replace(text, false));
    } else if (suggestions.length > 0) {
        message = `Could not resolve '${name.text}' ${inView}; did you mean ${quotedList(suggestions, 'or')}?`;
        fixes = suggestions.map(text => replace(text, suggestions.length === 1));
    } else {
        message = `Could not resolve '${name.text}' ${inView}: no ${ROLE_WORDS[role]} in the workspace is named '${name.text}'.`;
    }
    return { source: 'reference', code: UNRESOLVED_VIEW_NAME, severity: 'error', message, uri, range, related: [], elements: [view.id], fixes };
}

/** The code of a name in a diagram view that resolves to nothing (or to something of another sort). */
export const UNRESOLVED_VIEW_NAME = 'unresolved-view-name';

/** The codes of the problems besides lint findings that other documents change (`workspaceDependentProblems`). */
export const WORKSPACE_PROBLEM_CODES: readonly string[] = ['duplicate-name', UNRESOLVED_VIEW_NAME];

function quotedList(words: readonly string[], last = 'and'): string {
    const quoted = words.map(w => `'${w}'`);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${last} ${quoted[quoted.length - 1]}`;
}

/** The view-name problems of every document of `model`, in one pass over the names of its views. */
function viewNameProblemsOf(model: ArchModel): Map<string, ViewNameProblem[]> {
    const byUri = new Map<string, ViewNameProblem[]>();
    for (const unresolved of unresolvedViewNames(model)) {
        const problem = viewNameProblem(unresolved);
        const rule = unresolved.view.rules.find(r => r.predicates.includes(unresolved.predicate));
        const entry = { problem, statement: rule?.loc.range ?? unresolved.predicate.loc.range };
        const list = byUri.get(problem.uri);
        if (list) list.push(entry);
        else byUri.set(problem.uri, [entry]);
    }
    return byUri;
}

/**
 * The duplicate-name problems of every document of `model`, in one pass over its declarations: asking
 * each document to scan every declaration made checking a workspace of n files quadratic in n.
 */
function duplicatesOf(model: ArchModel): Map<string, DocumentProblem[]> {
    const byUri = new Map<string, DocumentProblem[]>();
    for (const [id, locations] of model.declarations()) {
        if (locations.length < 2) continue;
        const seen = new Set<string>();
        for (const loc of locations) {
            const key = `${loc.uri}@${loc.range.start.line}:${loc.range.start.character}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const related: DocumentProblem['related'] = [];
            for (const other of locations) {
                if (related.length >= MAX_DUPLICATE_LOCATIONS) break;
                if (other !== loc) related.push({ uri: other.uri, range: shownRange(other), message: `'${id}' is also declared here` });
            }
            const problem: DocumentProblem = {
                source: 'model', code: 'duplicate-name', severity: 'error', uri: loc.uri, range: shownRange(loc),
                message: `'${id}' is declared ${plural(locations.length, '# time|# times')}; names must be unique in the workspace.`,
                related,
                elements: [id],
                fixes: []
            };
            const list = byUri.get(loc.uri);
            if (list) list.push(problem);
            else byUri.set(loc.uri, [problem]);
        }
    }
    return byUri;
}
