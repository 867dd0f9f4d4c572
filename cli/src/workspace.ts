import * as fs from 'node:fs';
import * as path from 'node:path';
import { GrammarUtils, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '@sysd/language';
import type { LintConfig } from '@sysd/language';
import type { Finding, Severity } from '@sysd/language';
import type { ArchModel } from '@sysd/language';
import type { Range } from '@sysd/language';
import type { ConfigLayer } from '@sysd/language';
import { resolveImportUri } from '@sysd/language';
import { createSysdServices, type SysdServices } from '@sysd/language';
import { discover, readSource } from './files.js';
import { ruleDocsUrl } from './package-info.js';
import type { LintSelection } from './lint-options.js';

/** What kind of problem a diagnostic is; lint findings carry their rule id instead. */
export type ProblemKind = 'lint' | 'syntax' | 'reference' | 'model';

export type { Position, Range } from '@sysd/language';

export interface RelatedLocation {
    /** Absolute path of the file. */
    file: string;
    range: Range;
    message: string;
}

export interface CliDiagnostic {
    /** The lint rule's id; null for syntax, reference and model errors. */
    rule: string | null;
    kind: ProblemKind;
    severity: Severity;
    message: string;
    range: Range;
    related: RelatedLocation[];
}

export interface FileReport {
    /** The path as the user wrote it (or as found below a folder they named, or imported). */
    file: string;
    absolute: string;
    diagnostics: CliDiagnostic[];
}

export interface CheckRequest {
    paths: string[];
    cwd: string;
    /** `--rule` settings, applied over every configuration file. */
    rules: LintConfig['rules'];
    /** `--config`: the configuration file that replaces the upward search. */
    configFile?: { path: string; config: LintConfig };
}

export interface CheckResult {
    files: FileReport[];
    /** Paths and files that could not be used, one line each (exit code 2). */
    ioProblems: string[];
    /** Problems in configuration files or flags, one line each (printed as warnings). */
    configProblems: string[];
}

const SEVERITY_BY_NUMBER: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** A linked and validated Langium workspace built from paths given on the command line. */
export interface LoadedWorkspace {
    shared: ReturnType<typeof createSysdServices>['shared'];
    Sysd: SysdServices;
    /** Every document loaded: the files found under the given paths, then the files they import. */
    documents: LangiumDocument<Model>[];
    /** Display path (relative to the working folder) and absolute path of each document, by URI. */
    displayByUri: Map<string, { display: string; absolute: string }>;
    /** Paths and files that could not be used, one line each (exit code 2). */
    ioProblems: string[];
    /** Errors for imports whose file exists but cannot be used, by importing document URI. */
    importProblems: Map<string, CliDiagnostic[]>;
}

/**
 * Loads the given files and folders, and every file they import, into one Langium workspace, links
 * and validates it (which runs the lint rules). `check` and every `export` format share it, so they
 * accept and refuse the same files and read the same configuration.
 */
export async function loadWorkspace(request: CheckRequest): Promise<LoadedWorkspace> {
    const { shared, Sysd } = createSysdServices({ ...NodeFileSystem }, { docsUrl: ruleDocsUrl });
    applyConfiguration(Sysd, request);

    const discovery = discover(request.paths, request.cwd);
    const ioProblems = [...discovery.problems];
    const documents: LangiumDocument<Model>[] = [];
    const displayByUri = new Map<string, { display: string; absolute: string }>();
    const importProblems = new Map<string, CliDiagnostic[]>();
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;

    const load = (absolute: string, display: string): LangiumDocument<Model> | string => {
        const read = readSource(absolute);
        if ('error' in read) return read.error;
        const uri = URI.file(absolute);
        const document = factory.fromString<Model>(read.text, uri);
        langiumDocuments.addDocument(document);
        documents.push(document);
        displayByUri.set(uri.toString(), { display, absolute });
        return document;
    };

    const queue: LangiumDocument<Model>[] = [];
    for (const file of discovery.files) {
        const loaded = load(file.absolute, file.display);
        if (typeof loaded === 'string') ioProblems.push(`${file.display} ${loaded}`);
        else queue.push(loaded);
    }
    // Follow imports transitively. An import of a missing file is left to the validator, which
    // reports it on the import; a file that exists but cannot be read is reported here.
    const failedImports = new Map<string, string>();
    while (queue.length > 0) {
        const document = queue.shift()!;
        for (const imp of document.parseResult.value.imports ?? []) {
            if (!imp.path) continue;
            const target = resolveImportUri(document.uri, imp.path);
            if (target.scheme !== 'file' || langiumDocuments.hasDocument(target)) continue;
            const absolute = target.fsPath;
            let reason = failedImports.get(absolute);
            if (reason === undefined) {
                if (!fs.existsSync(absolute)) continue;
                const loaded = load(absolute, displayPath(request.cwd, absolute));
                if (typeof loaded !== 'string') {
                    queue.push(loaded);
                    continue;
                }
                reason = loaded;
                failedImports.set(absolute, reason);
            }
            const range = GrammarUtils.findNodeForProperty(imp.$cstNode, 'path')?.range ?? imp.$cstNode?.range;
            if (!range) continue;
            const list = importProblems.get(document.uri.toString()) ?? [];
            list.push({
                rule: null, kind: 'model', severity: 'error', related: [], range: copyRange(range),
                message: `Cannot use the imported file '${imp.path}': it ${reason}.`
            });
            importProblems.set(document.uri.toString(), list);
        }
    }

    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { shared, Sysd, documents, displayByUri, ioProblems, importProblems };
}

/** A workspace as the exporters need it: the model, its findings and what went wrong on the way. */
export interface LoadedModel {
    model: ArchModel;
    findings: Finding[];
    /** Documents loaded (given and imported). */
    documents: number;
    /** Syntax, reference and model errors (not lint findings). */
    errors: number;
    /** Files that did not parse, as `path:line has n syntax errors` lines. */
    syntaxErrors: string[];
    /** Unusable paths, files and imports, one line each (exit code 2). */
    ioProblems: string[];
    /** Display path by document URI. */
    displayByUri: Map<string, string>;
}

/**
 * Loads files and folders with everything they import (the loader of `sysd check`, so every export
 * format accepts and refuses what `check` does) and returns the model and its lint findings under the
 * chosen configuration.
 */
export async function loadModel(paths: readonly string[], cwd: string, lint: LintSelection = { rules: {} }): Promise<LoadedModel> {
    const loaded = await loadWorkspace({ paths: [...paths], cwd, rules: lint.rules, configFile: lint.configFile });
    const service = loaded.Sysd.model.ModelService;
    const displayByUri = new Map([...loaded.displayByUri].map(([uri, entry]) => [uri, entry.display] as const));
    const ioProblems = [...loaded.ioProblems];
    for (const [uri, problems] of loaded.importProblems) {
        for (const problem of problems) ioProblems.push(`${displayByUri.get(uri) ?? uri}:${problem.range.start.line + 1}: ${problem.message}`);
    }
    let errors = 0;
    const syntaxErrors: string[] = [];
    for (const document of loaded.documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            const data = diagnostic.data as { ruleId?: unknown } | undefined;
            if (diagnostic.severity === 1 && typeof data?.ruleId !== 'string') errors++;
        }
        const { lexerErrors, parserErrors } = document.parseResult;
        const count = lexerErrors.length + parserErrors.length;
        if (count > 0) {
            const first = parserErrors[0]?.token.startLine ?? lexerErrors[0]?.line;
            syntaxErrors.push(`${displayByUri.get(document.uri.toString())}${first ? `:${first}` : ''} has ${count} syntax error${count === 1 ? '' : 's'}`);
        }
    }
    return {
        model: service.workspaceModel(),
        findings: [...service.allFindings().values()].flat(),
        documents: loaded.documents.length,
        errors,
        syntaxErrors,
        ioProblems,
        displayByUri
    };
}

/** Lints the given paths: the workspace's diagnostics, file by file. */
export async function checkPaths(request: CheckRequest): Promise<CheckResult> {
    const { Sysd, documents, displayByUri, ioProblems, importProblems } = await loadWorkspace(request);

    const files: FileReport[] = [];
    for (const document of documents) {
        const uri = document.uri.toString();
        const { display, absolute } = displayByUri.get(uri)!;
        const own = importProblems.get(uri) ?? [];
        const diagnostics = (document.diagnostics ?? [])
            // The validator says "cannot find" for an import we could not load; ours says why.
            .filter(diagnostic => !(diagnostic.code === 'unresolved-import' && own.some(problem => sameRange(problem.range, diagnostic.range))))
            .map(toCliDiagnostic);
        diagnostics.push(...own);
        diagnostics.sort(compareDiagnostics);
        files.push({ file: display, absolute, diagnostics });
    }
    files.sort((a, b) => compareStrings(a.file, b.file));

    const configProblems = [...new Set(Sysd.model.ModelService.getConfigProblems().map(problem => `${displayConfigSource(request.cwd, problem.source)}: ${problem.message}`))];
    return { files, ioProblems, configProblems };
}

/**
 * `--rule` flags apply over everything. `--config` names the one configuration file to use: the
 * upward search is switched off for this run and the file applies to every document.
 */
function applyConfiguration(Sysd: SysdServices, request: CheckRequest): void {
    const service = Sysd.model.ModelService;
    const overrides: ConfigLayer[] = [];
    if (request.rules && Object.keys(request.rules).length > 0) overrides.push({ source: '--rule', config: { rules: request.rules } });
    service.setConfigLayers([], overrides);
    // --config replaces the upward search for every file.
    service.setConfigFile(request.configFile?.path);
}

function toCliDiagnostic(diagnostic: Diagnostic): CliDiagnostic {
    const data = diagnostic.data as { ruleId?: unknown; code?: unknown } | undefined;
    const rule = typeof data?.ruleId === 'string' ? data.ruleId : null;
    let kind: ProblemKind = 'model';
    if (rule) kind = 'lint';
    else if (data?.code === 'lexing-error' || data?.code === 'parsing-error') kind = 'syntax';
    else if (data?.code === 'linking-error') kind = 'reference';
    return {
        rule,
        kind,
        severity: SEVERITY_BY_NUMBER[diagnostic.severity ?? 1] ?? 'error',
        message: plainText(diagnostic.message),
        range: copyRange(diagnostic.range),
        related: (diagnostic.relatedInformation ?? []).map(info => ({
            file: uriToPath(info.location.uri),
            range: copyRange(info.location.range),
            message: plainText(info.message)
        }))
    };
}

/** LSP 3.18 allows markup in messages; the CLI prints its source text. */
function plainText(message: string | { value: string }): string {
    return typeof message === 'string' ? message : message.value;
}

function uriToPath(uri: string): string {
    try {
        const parsed = URI.parse(uri);
        return parsed.scheme === 'file' ? parsed.fsPath : uri;
    } catch {
        return uri;
    }
}

function copyRange(range: Range): Range {
    return {
        start: { line: range.start.line, character: range.start.character },
        end: { line: range.end.line, character: range.end.character }
    };
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function compareDiagnostics(a: CliDiagnostic, b: CliDiagnostic): number {
    return a.range.start.line - b.range.start.line
        || a.range.start.character - b.range.start.character
        || a.range.end.line - b.range.end.line
        || a.range.end.character - b.range.end.character
        || compareStrings(a.rule ?? '', b.rule ?? '')
        || compareStrings(a.message, b.message);
}

export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** How an imported file is named in the output: relative to the working folder when it is below it. */
export function displayPath(cwd: string, absolute: string): string {
    const relative = path.relative(cwd, absolute);
    return relative && !path.isAbsolute(relative) ? relative : absolute;
}

function displayConfigSource(cwd: string, source: string): string {
    return path.isAbsolute(source) ? displayPath(cwd, source) : source;
}
