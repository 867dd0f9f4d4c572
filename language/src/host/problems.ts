import type { LangiumDocument } from 'langium';
import { DocumentValidator } from 'langium';
import type { ConfigProblem } from '../lint/config.js';
import { configFileUri } from '../lint/config-file.js';
import type { Finding, FixModel, Severity } from '../lint/types.js';
import type { ModelProblem, Range, SourceLocation } from '../model/types.js';
import { fromLspSeverity } from './severity.js';

/**
 * Where a problem comes from:
 * - `syntax`: the text does not follow the grammar (Langium's lexer and parser);
 * - `reference`: a name refers to no element, or to several (Langium's linker and `SysdLinker`);
 * - `import`: an `import` that cannot be followed;
 * - `model`: the text parses and links but cannot hold together (a value out of range, a name declared twice);
 * - `lint`: a lint rule's finding (`code` is the rule id);
 * - `config`: a configuration file, setting or flag that cannot be used as written.
 */
export type ProblemSource = 'syntax' | 'reference' | 'import' | 'model' | 'lint' | 'config';

export interface ProblemLocation {
    uri: string;
    range: Range;
}

export interface RelatedProblemLocation extends ProblemLocation {
    message: string;
}

interface ProblemFields {
    /** The rule id of a lint finding; otherwise the problem's code (`parsing-error`, `linking-error`, `duplicate-name`...). */
    code: string;
    /** Which of the rule's messages a lint finding uses; absent for other problems. */
    messageId?: string;
    severity: Severity;
    message: string;
    /** Where the editor underlines the problem (an element's name when it has one). */
    range: Range;
    related: RelatedProblemLocation[];
    /** Ids of the components, relations or blocks the problem is about. */
    elements: string[];
    /** Text edits that resolve the problem; only lint findings offer them. */
    fixes: FixModel[];
}

/** A problem located in a `.sysd` document. */
export interface DocumentProblem extends ProblemFields {
    source: Exclude<ProblemSource, 'config'>;
    uri: string;
}

/** A problem of the lint configuration; it belongs to the workspace, not to a document. */
export interface ConfigurationProblem extends ProblemFields {
    source: 'config';
    /** The configuration file's path, or the layer's name (`VS Code settings (sysd.rules)`, `--rule`). */
    origin: string;
    /** The configuration file's URI (the range is its start); undefined for a layer that is not a file. */
    uri: string | undefined;
}

/** Everything sysd reports, in one shape for every host (editor, CLI, Markdown preview). */
export type SysdProblem = DocumentProblem | ConfigurationProblem;

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The range a problem about an element is shown on: its name when known. */
export function shownRange(loc: SourceLocation): Range {
    return loc.nameRange ?? loc.range;
}

export function findingProblem(finding: Finding): DocumentProblem {
    return {
        source: 'lint',
        code: finding.ruleId,
        messageId: finding.messageId,
        severity: finding.severity,
        message: finding.message,
        uri: finding.loc.uri,
        range: shownRange(finding.loc),
        related: finding.related.map(related => ({ uri: related.loc.uri, range: shownRange(related.loc), message: related.message })),
        elements: finding.elements,
        // Read when asked (a code action, fix all): a finding builds its fixes on first read.
        get fixes() {
            return finding.fixes;
        }
    };
}

export function modelProblem(problem: ModelProblem): DocumentProblem {
    return {
        source: 'model', code: problem.code, severity: problem.severity, message: problem.message,
        uri: problem.loc.uri, range: problem.loc.range, related: [], elements: [], fixes: problem.fixes ?? []
    };
}

export function configurationProblem(problem: ConfigProblem): ConfigurationProblem {
    return {
        source: 'config', code: 'invalid-configuration', severity: 'warning', message: problem.message, origin: problem.source,
        uri: configFileUri(problem.source), range: START, related: [], elements: [], fixes: []
    };
}

type LangiumDiagnostic = NonNullable<LangiumDocument['diagnostics']>[number];

/** Which source a diagnostic of Langium's own (lexer, parser, linker) belongs to. */
function builtinSource(code: unknown): DocumentProblem['source'] {
    if (typeof code !== 'string') return 'model';
    if (code.startsWith('lexing-') || code === DocumentValidator.ParsingError) return 'syntax';
    if (code === DocumentValidator.LinkingError) return 'reference';
    return 'model';
}

/** A diagnostic that Langium produced (parse and link errors) as a sysd problem. */
export function builtinProblem(uri: string, diagnostic: LangiumDiagnostic): DocumentProblem {
    const data = diagnostic.data as { code?: unknown } | undefined;
    const message = diagnostic.message as string | { value: string };
    return {
        source: builtinSource(data?.code),
        code: typeof data?.code === 'string' ? data.code : typeof diagnostic.code === 'string' ? diagnostic.code : 'langium',
        severity: fromLspSeverity(diagnostic.severity),
        // LSP 3.18 allows markup in messages; sysd's consumers print the source text.
        message: typeof message === 'string' ? message : message.value,
        uri,
        range: copyRange(diagnostic.range),
        related: (diagnostic.relatedInformation ?? []).map(info => ({
            uri: info.location.uri,
            range: copyRange(info.location.range),
            message: info.message
        })),
        elements: [],
        fixes: []
    };
}

function copyRange(range: Range): Range {
    return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

/** True when `a` and `b` share at least a position (an empty range at a problem's edge touches it). */
export function rangesTouch(a: Range, b: Range): boolean {
    return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: Range['start'], b: Range['start']): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}
