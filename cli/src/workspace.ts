import * as fs from 'node:fs';
import * as path from 'node:path';
import { GrammarUtils, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import {
    createSysdServices, findConfigFile, fixAllInPlace, loadConfigFile, resolveImportUri, SysdAnalysis, type ArchModel, type DocumentProblem, type Finding, type LintConfig, type Model,
    type Range, type Severity
} from '@sysd/language';
import { discover, readSource } from './files.js';
import { ruleDocsUrl } from './package-info.js';
import type { LintSelection } from './lint-options.js';

/** What kind of problem a diagnostic is; lint findings carry their rule id instead. */
export type ProblemKind = 'lint' | 'syntax' | 'reference' | 'model';

export type { Position, Range } from '@sysd/language';

interface RelatedLocation {
    /** Absolute path of the file. */
    file: string;
    range: Range;
    message: string;
}

export interface CliDiagnostic {
    /** The lint rule's id; null for syntax, reference and model errors. */
    rule: string | null;
    /** Which of the rule's messages a lint finding uses; null for other problems. */
    messageId: string | null;
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
    /** The text was read from standard input (`sysd check -`); `file` is then `<stdin>` or the `--stdin-filename`. */
    stdin?: true;
    /** With `--fix` or `--fix-dry-run`, for a file that was named (not one only imported): what fixing did. */
    fix?: FileFix;
}

/** What `--fix` / `--fix-dry-run` did to one file; `diagnostics` are then the problems that remain. */
export interface FileFix {
    /** The fixes applied (with `--fix-dry-run`: that would be), in order. */
    applied: AppliedFixReport[];
    /** The file has syntax errors: nothing was fixed in it. */
    parseErrors: boolean;
    /** The text before fixing. */
    original: string;
    /** The fixed text; undefined when nothing changed. */
    output: string | undefined;
    /** Read from standard input (`sysd check -`). */
    stdin: boolean;
}

export interface AppliedFixReport {
    /** The lint rule's id; null for a problem that is not a lint finding. */
    rule: string | null;
    /** The rule id or the problem's code. */
    code: string;
    /** The fix's title. */
    title: string;
    /** Where the problem was (0-based), in the text of the pass that fixed it (the original text for the first pass). */
    range: Range;
}

export interface CheckRequest {
    paths: string[];
    cwd: string;
    /** `--rule` settings, applied over every configuration file. */
    rules: LintConfig['rules'];
    /** `--config`: the configuration file that replaces the upward search, as `--config` read it. */
    configFile?: { path: string; config: LintConfig };
    /**
     * Source text read from standard input (`sysd check -`), checked as if it were the file at
     * `absolute` (its imports and configuration are found from there), and shown as `display`.
     */
    stdin?: { text: string; absolute: string; display: string };
    /**
     * Fix what can be fixed safely in the named files (not in files only imported) before reporting;
     * the report then holds the problems that remain. Nothing is written here: the caller writes
     * `FileReport.fix.output`.
     */
    fix?: boolean;
}

export interface CheckResult {
    files: FileReport[];
    /** Paths and files that could not be used, one line each (exit code 2). */
    ioProblems: string[];
    /** Problems in configuration files or flags, one line each (printed as warnings). */
    configProblems: string[];
    /** Configuration files that cannot be used at all (unreadable, not JSON, not an object), one line each (exit code 2). */
    configErrors: string[];
    /** Absolute paths of every file read or tried: the files found under the given paths and their imports. */
    inputs: Set<string>;
}

/** A linked Langium workspace built from paths given on the command line, and the analysis over it. */
interface LoadedWorkspace {
    analysis: SysdAnalysis;
    /** Every document loaded: the files found under the given paths, then the files they import. */
    documents: LangiumDocument<Model>[];
    /** Display path (relative to the working folder) and absolute path of each document, by URI. */
    displayByUri: Map<string, { display: string; absolute: string }>;
    /** Paths and files that could not be used, one line each (exit code 2). */
    ioProblems: string[];
    /** Imports whose file exists but cannot be used, by importing document URI. */
    importProblems: Map<string, DocumentProblem[]>;
    /** Absolute paths of every file read or tried: the files found under the given paths and their imports. */
    inputs: Set<string>;
    /** URIs of the documents named on the command line (found under the given paths, or standard input). */
    named: Set<string>;
}

/**
 * Loads the given files and folders, and every file they import, into one Langium workspace and links
 * it; the analysis then answers with the model, the findings and the problems. `check` and every
 * `export` format share it, so they accept and refuse the same files and read the same configuration.
 */
async function loadWorkspace(request: CheckRequest): Promise<LoadedWorkspace> {
    const { shared, Sysd } = createSysdServices({ ...NodeFileSystem }, { docsUrl: ruleDocsUrl });
    const analysis = new SysdAnalysis(Sysd);
    // `--rule` flags apply over everything. `--config` names the one configuration file to use (read
    // once, by the option parser): the upward search is switched off for this run.
    const rules = request.rules ?? {};
    analysis.configure({
        configFile: request.configFile,
        overrides: Object.keys(rules).length > 0 ? { source: '--rule', config: { rules } } : undefined
    });

    const discovery = discover(request.paths, request.cwd);
    const ioProblems = [...discovery.problems];
    const documents: LangiumDocument<Model>[] = [];
    const displayByUri = new Map<string, { display: string; absolute: string }>();
    const importProblems = new Map<string, DocumentProblem[]>();
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;

    const inputs = new Set<string>();
    const named = new Set<string>();
    const load = (absolute: string, display: string): LangiumDocument<Model> | string => {
        inputs.add(absolute);
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
    if (request.stdin) {
        const uri = URI.file(request.stdin.absolute);
        const document = factory.fromString<Model>(request.stdin.text, uri);
        langiumDocuments.addDocument(document);
        documents.push(document);
        displayByUri.set(uri.toString(), { display: request.stdin.display, absolute: request.stdin.absolute });
        inputs.add(request.stdin.absolute);
        named.add(uri.toString());
        queue.push(document);
    }
    for (const file of discovery.files) {
        const loaded = load(file.absolute, file.display);
        if (typeof loaded === 'string') ioProblems.push(`${file.display} ${loaded}`);
        else {
            named.add(loaded.uri.toString());
            queue.push(loaded);
        }
    }
    // Follow imports transitively. An import of a missing file is left to the analysis, which
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
            const uri = document.uri.toString();
            const list = importProblems.get(uri) ?? [];
            list.push({
                source: 'import', code: 'unusable-import', severity: 'error', uri, range: copyRange(range),
                message: `Cannot use the imported file '${imp.path}': it ${reason}.`, related: [], elements: [], fixes: []
            });
            importProblems.set(uri, list);
        }
    }

    // The configuration files that apply are inputs too: no output may be written over them.
    const configByFolder = new Map<string, string | undefined>();
    for (const absolute of [...inputs]) {
        const folder = path.dirname(absolute);
        if (!configByFolder.has(folder)) configByFolder.set(folder, request.configFile?.path ?? findConfigFile(folder));
        const config = configByFolder.get(folder);
        if (config !== undefined) inputs.add(config);
    }

    // Linking is all the analysis needs: it computes what validation would report.
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    return { analysis, documents, displayByUri, ioProblems, importProblems, inputs, named };
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
    /** Absolute paths of every file read or tried: the files found under the given paths and their imports. */
    inputs: Set<string>;
}

/**
 * Loads files and folders with everything they import (the loader of `sysd check`, so every export
 * format accepts and refuses what `check` does) and returns the model and its lint findings under the
 * chosen configuration.
 */
export async function loadModel(paths: readonly string[], cwd: string, lint: LintSelection = { rules: {} }): Promise<LoadedModel> {
    const loaded = await loadWorkspace({ paths: [...paths], cwd, rules: lint.rules, configFile: lint.configFile });
    const { analysis } = loaded;
    const displayByUri = new Map([...loaded.displayByUri].map(([uri, entry]) => [uri, entry.display] as const));
    const ioProblems = [...loaded.ioProblems];
    for (const [uri, problems] of loaded.importProblems) {
        for (const problem of problems) ioProblems.push(`${displayByUri.get(uri) ?? uri}:${problem.range.start.line + 1}: ${problem.message}`);
    }
    let errors = 0;
    const syntaxErrors: string[] = [];
    for (const document of loaded.documents) {
        errors += analysis.problems(document).filter(problem => problem.severity === 'error' && problem.source !== 'lint').length;
        const { lexerErrors, parserErrors } = document.parseResult;
        const count = lexerErrors.length + parserErrors.length;
        if (count > 0) {
            const first = parserErrors[0]?.token.startLine ?? lexerErrors[0]?.line;
            syntaxErrors.push(`${displayByUri.get(document.uri.toString())}${first ? `:${first}` : ''} has ${count} syntax error${count === 1 ? '' : 's'}`);
        }
    }
    return {
        model: analysis.model(),
        findings: [...analysis.findings()],
        documents: loaded.documents.length,
        errors,
        syntaxErrors,
        ioProblems,
        displayByUri,
        inputs: loaded.inputs
    };
}

/** Lints the given paths: every document's problems, file by file. */
export async function checkPaths(request: CheckRequest): Promise<CheckResult> {
    const { analysis, documents, displayByUri, ioProblems, importProblems, inputs, named } = await loadWorkspace(request);

    // Fixing rebuilds the workspace with each fixed text, so the problems below are those that remain
    // (in every file: a fix in one file can resolve or cause a problem in another).
    const fixes = new Map<string, FileFix>();
    if (request.fix) {
        for (const document of documents) {
            const uri = document.uri.toString();
            if (!named.has(uri)) continue;
            const result = await fixAllInPlace(analysis, uri);
            fixes.set(uri, {
                applied: result.fixed.map(fix => ({ rule: fix.source === 'lint' ? fix.code : null, code: fix.code, title: fix.title, range: copyRange(fix.range) })),
                parseErrors: result.parseErrors,
                original: result.original,
                output: result.changed ? result.output : undefined,
                stdin: request.stdin !== undefined && uri === URI.file(request.stdin.absolute).toString()
            });
        }
    }

    const files: FileReport[] = [];
    for (const document of documents) {
        const uri = document.uri.toString();
        const { display, absolute } = displayByUri.get(uri)!;
        const own = importProblems.get(uri) ?? [];
        const diagnostics = analysis.problems(document)
            // The analysis says "cannot find" for an import we could not load; ours says why.
            .filter(problem => !(problem.code === 'unresolved-import' && own.some(mine => sameRange(mine.range, problem.range))))
            .concat(own)
            .map(toCliDiagnostic);
        diagnostics.sort(compareDiagnostics);
        const fix = fixes.get(uri);
        const stdin = request.stdin !== undefined && uri === URI.file(request.stdin.absolute).toString();
        files.push({ file: display, absolute, diagnostics, ...(stdin ? { stdin: true as const } : {}), ...(fix ? { fix } : {}) });
    }
    files.sort((a, b) => compareStrings(a.file, b.file));

    // A configuration file that cannot be used at all is an error, as in ESLint: checking with the
    // defaults instead would pass a check the user configured to fail. A single entry that cannot be
    // used (an unknown rule, say one added by a newer sysd) stays a warning and is skipped.
    const configProblems: string[] = [];
    const configErrors: string[] = [];
    const unusable = new Map<string, boolean>();
    for (const problem of analysis.configurationProblems()) {
        const origin = problem.origin;
        if (path.isAbsolute(origin)) inputs.add(origin);
        if (!unusable.has(origin)) unusable.set(origin, path.isAbsolute(origin) && loadConfigFile(origin).error !== undefined);
        const line = unusable.get(origin) ? problem.message.split(origin).join(displayConfigSource(request.cwd, origin)) : `${displayConfigSource(request.cwd, origin)}: ${problem.message}`;
        const list = unusable.get(origin) ? configErrors : configProblems;
        if (!list.includes(line)) list.push(line);
    }
    return { files, ioProblems, configProblems, configErrors, inputs };
}

/** The kinds the output formats tell apart; SARIF names a driver rule for each kind but lint. */
function kindOf(problem: DocumentProblem): ProblemKind {
    switch (problem.source) {
        case 'lint':
        case 'syntax':
        case 'reference':
            return problem.source;
        default:
            return 'model';
    }
}

function toCliDiagnostic(problem: DocumentProblem): CliDiagnostic {
    const lint = problem.source === 'lint';
    return {
        rule: lint ? problem.code : null,
        messageId: lint ? problem.messageId ?? null : null,
        kind: kindOf(problem),
        severity: problem.severity,
        message: problem.message,
        range: copyRange(problem.range),
        related: problem.related.map(related => ({ file: uriToPath(related.uri), range: copyRange(related.range), message: related.message }))
    };
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

function compareDiagnostics(a: CliDiagnostic, b: CliDiagnostic): number {
    return a.range.start.line - b.range.start.line
        || a.range.start.character - b.range.start.character
        || a.range.end.line - b.range.end.line
        || a.range.end.character - b.range.end.character
        || compareStrings(a.rule ?? '', b.rule ?? '')
        || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
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
