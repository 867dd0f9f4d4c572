/**
 * `sysd check` and `sysd rules`: the commands that need the language (Langium) but not the diagram
 * code. Bundled on its own (out/cli/check.cjs) and loaded by `run` only when one of them runs.
 */
import * as path from 'node:path';
import { didYouMeanWord, flag, parseArgs, single, UsageError, type OptionSpec } from './args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { colorEnabled, colors } from './format/colors.js';
import { countDiagnostics } from './format/counts.js';
import { formatCompact, formatUnix } from './format/compact.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatStylish } from './format/stylish.js';
import { formatTiming, timingLimit } from './format/timing.js';
import { formatRulesJson, formatRulesTable } from './rules-command.js';
import { readLintSelection, LINT_OPTIONS } from './lint-options.js';
import { checkPaths, displayPath, type FileReport } from './workspace.js';
import { inputAt, writeOutputFile } from './output-file.js';
import { inertLines } from './format/inert.js';
import { packageInfo } from './package-info.js';
import { collectRuleTiming } from '@sysd/language';
import type { CliIO } from './io.js';

const CHECK_HELP = `Usage: sysd check [paths...] [options]
       sysd check - [--stdin-filename <path>] [options]

Lints .sysd files; without paths, the current folder. A folder contributes every *.sysd file
below it, except what its .gitignore files exclude (node_modules and folders starting with a dot
are always skipped; links to folders are not followed). All files, and the files they import, are
linked together as one workspace, so a name declared in one file can be used in another.
'-' reads the text to check from standard input.

Options:
  --format <name>               output format: stylish (default), compact, unix, json or sarif
  -o, --output-file <path>      write the report to a file instead of standard output; an
                                earlier report is replaced, a checked file never is
  --stdin-filename <path>       with '-': the file the text stands for (shown in the report;
                                its imports and configuration are found from there)
  --max-warnings <n>            exit with 1 when there are more than n warnings
  --rule <id>=<severity>        set a rule's severity: off, hint, info, warning or error;
                                repeat for several rules; wins over configuration files
  -c, --config <path>           use this configuration file instead of the nearest
                                sysd.config.json / .sysdrc.json above each file
  --fix                         fix what can be fixed safely and write the files in place, then
                                report the problems that remain; a file with syntax errors is
                                left alone. With '-': print the fixed text to standard output,
                                and the report to standard error (or to -o)
  --fix-dry-run                 write nothing: list the fixes --fix would apply per file (json:
                                "fixes" and the fixed "output"), then report what would remain
  --quiet                       report errors only (warnings are neither shown nor counted)
  --no-color                    plain output (also when NO_COLOR is set or output is not a terminal)
  --color                       colour the stylish output even when it is not a terminal
  --rules-base-url <url>        sarif: link each rule to <url><rule-id>.md (or to <url> with
                                {id} replaced); default: the rule pages in sysd's repository;
                                '' for no links
  -h, --help                    show this help

Environment: TIMING=1 prints the ten slowest rules with their time (TIMING=<n> the n slowest,
TIMING=all every rule) on standard error after the report, as ESLint's TIMING does.

Files larger than 5 MB, binary files and files that are not UTF-8 are refused (exit code 2);
the other files are still checked. A configuration file that cannot be read, is not JSON or is
not a JSON object is an error (exit code 2); an entry in it that cannot be used is a warning.
`;

const RULES_HELP = `Usage: sysd rules [--format table|json]

Lists every lint rule with its type, default severity, whether it has a quick fix, and what it
detects. --format json prints an array of {id, type, defaultSeverity, description, docs, fixable}.
`;

const CHECK_OPTIONS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'output-file', alias: 'o', value: true },
    { name: 'max-warnings', value: true },
    { name: 'stdin-filename', value: true },
    ...LINT_OPTIONS,
    { name: 'fix' },
    { name: 'fix-dry-run' },
    { name: 'quiet' },
    { name: 'no-color' },
    { name: 'color' },
    { name: 'rules-base-url', value: true },
    { name: 'help', alias: 'h' }
];

const CHECK_FORMATS = ['stylish', 'compact', 'unix', 'json', 'sarif'] as const;
type CheckFormat = typeof CHECK_FORMATS[number];

const RULES_OPTIONS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'help', alias: 'h' }
];

export function runRules(argv: readonly string[], io: CliIO): ExitCode {
    const args = parseArgs(argv, RULES_OPTIONS);
    if (flag(args, 'help')) {
        io.stdout(RULES_HELP);
        return EXIT_OK;
    }
    if (args.positionals.length > 0) throw new UsageError(`'sysd rules' takes no paths (got '${args.positionals[0]}').`);
    const format = single(args, 'format') ?? 'table';
    if (format === 'json') io.stdout(formatRulesJson());
    else if (format === 'table') io.stdout(formatRulesTable());
    else throw new UsageError(`Unknown format '${format}' for 'sysd rules' (use table or json).`);
    return EXIT_OK;
}

export async function runCheck(argv: readonly string[], io: CliIO): Promise<ExitCode> {
    const args = parseArgs(argv, CHECK_OPTIONS);
    if (flag(args, 'help')) {
        io.stdout(CHECK_HELP);
        return EXIT_OK;
    }
    const formatName = single(args, 'format') ?? 'stylish';
    if (!(CHECK_FORMATS as readonly string[]).includes(formatName)) {
        throw new UsageError(`Unknown format '${formatName}' (use stylish, compact, unix, json or sarif).${didYouMeanWord(formatName, CHECK_FORMATS)}`);
    }
    const format = formatName as CheckFormat;
    const rulesBaseUrl = parseRulesBaseUrl(single(args, 'rules-base-url'));
    const maxWarnings = parseMaxWarnings(single(args, 'max-warnings'));
    const quiet = flag(args, 'quiet');
    const outputFile = single(args, 'output-file');
    if (outputFile === '') throw new UsageError(`Option '--output-file' needs a path.`);
    const fromStdin = args.positionals.includes('-');
    if (fromStdin && args.positionals.length > 1) throw new UsageError(`'-' (read standard input) cannot be combined with paths.`);
    const stdinFilename = single(args, 'stdin-filename');
    if (stdinFilename !== undefined && !fromStdin) throw new UsageError(`--stdin-filename names the text read by 'sysd check -'; add '-'.`);
    if (stdinFilename === '') throw new UsageError(`Option '--stdin-filename' needs a path.`);
    const fixMode = flag(args, 'fix') ? (flag(args, 'fix-dry-run') ? undefined : 'write') : flag(args, 'fix-dry-run') ? 'dry-run' : 'none';
    if (fixMode === undefined) throw new UsageError(`--fix and --fix-dry-run cannot be combined: --fix-dry-run shows what --fix would write.`);

    const selection = readLintSelection(args, io.cwd);
    if ('error' in selection) {
        io.stderr(`sysd: error: ${selection.error}\n`);
        return EXIT_USAGE;
    }
    const { rules, configFile } = selection;

    let stdin: { text: string; absolute: string; display: string } | undefined;
    if (fromStdin) {
        const read = io.readStdin ? await io.readStdin() : { error: 'cannot be read here' };
        if ('error' in read) {
            io.stderr(`sysd: error: standard input ${read.error}\n`);
            return EXIT_USAGE;
        }
        // Without --stdin-filename the text is checked as a file in the working folder, so the
        // configuration there applies and its imports resolve from there, as ESLint does with `<text>`.
        stdin = stdinFilename !== undefined
            ? { text: read.text, absolute: path.resolve(io.cwd, stdinFilename), display: stdinFilename }
            : { text: read.text, absolute: path.join(io.cwd, 'stdin.sysd'), display: '<stdin>' };
    }

    const paths = fromStdin ? [] : args.positionals.length > 0 ? args.positionals : ['.'];
    // TIMING=1 (or a number, or `all`) prints how long each rule took, as ESLint does; on standard
    // error, so that JSON and SARIF output stay parseable.
    const timing = timingLimit(io.env.TIMING);
    const ruleTimes = timing === undefined ? undefined : new Map<string, number>();
    collectRuleTiming(ruleTimes);
    let result: Awaited<ReturnType<typeof checkPaths>>;
    try {
        result = await checkPaths({ paths, cwd: io.cwd, rules, configFile, stdin, fix: fixMode !== 'none' });
    } finally {
        collectRuleTiming(undefined);
    }
    if (ruleTimes && timing !== undefined) io.stderr(formatTiming(ruleTimes, timing));

    for (const problem of result.configErrors) io.stderr(`sysd: error: ${problem}\n`);
    for (const problem of result.configProblems) io.stderr(`sysd: warning: ${problem}\n`);
    for (const problem of result.ioProblems) io.stderr(`sysd: error: ${problem}\n`);

    const all = countDiagnostics(result.files);
    const files = quiet
        ? result.files.map(file => ({ ...file, diagnostics: file.diagnostics.filter(d => d.severity === 'error') }))
        : result.files;
    // `sysd check - --fix` prints the fixed text on standard output, so the report goes elsewhere.
    const fixedStdin = fixMode === 'write' ? result.files.find(file => file.fix?.stdin) : undefined;
    if (fixMode === 'write') {
        const failed = writeFixes(result.files, io);
        if (failed) return EXIT_USAGE;
    } else if (fixMode === 'dry-run') {
        for (const file of result.files) {
            if (file.fix?.parseErrors) io.stderr(`sysd: warning: ${file.file} has syntax errors: nothing would be fixed in it.\n`);
        }
    }
    if (fixedStdin?.fix) io.stdout(fixedStdin.fix.output ?? fixedStdin.fix.original);
    const reportOut = (text: string) => (fixedStdin ? io.stderr(text) : io.stdout(text));

    const color = fixedStdin === undefined && outputFile === undefined && colorEnabled({ isTTY: io.isTTY, env: io.env, noColor: flag(args, 'no-color'), forceColor: flag(args, 'color') });

    let report: string;
    if (format === 'json') report = formatJson(files, fixMode === 'dry-run');
    else if (format === 'sarif') report = formatSarif({ files, cwd: io.cwd, ioProblems: result.ioProblems, configProblems: result.configProblems, configErrors: result.configErrors, rulesBaseUrl });
    else if (format === 'compact') report = formatCompact(files);
    else if (format === 'unix') report = formatUnix(files);
    else report = result.files.length === 0 ? '' : formatStylish(files, colors(color));
    // The fixes --fix-dry-run would apply: in JSON they are part of each entry; otherwise a list first.
    if (fixMode === 'dry-run' && format !== 'json') {
        const list = formatFixList(result.files);
        if (format === 'stylish' && outputFile === undefined) report = list + report;
        else if (list) io.stderr(list);
    }

    if (outputFile !== undefined) {
        const target = path.resolve(io.cwd, outputFile);
        // The report replaces an earlier report (as ESLint's -o does), but never a file it was made from.
        const input = inputAt(target, result.inputs);
        if (input !== undefined) {
            const shown = displayPath(io.cwd, input);
            throw new UsageError(`--output-file ${outputFile} is ${shown === outputFile ? 'an input' : `the input ${shown}`}; the report would replace it. Choose another file.`);
        }
        const written = writeOutputFile(target, report, true);
        if (!written.written) {
            io.stderr(`sysd: error: cannot write the report to ${outputFile}: it ${written.error}\n`);
            return EXIT_USAGE;
        }
    } else if (report) {
        reportOut(report);
    }

    if (result.files.length === 0 && result.ioProblems.length === 0) {
        io.stderr(`sysd: no .sysd files found in ${paths.join(', ')}\n`);
        return EXIT_USAGE;
    }
    if (result.ioProblems.length > 0 || result.configErrors.length > 0 || result.files.length === 0) return EXIT_USAGE;
    if (all.errors > 0) return EXIT_PROBLEMS;
    const warnings = quiet ? 0 : all.warnings;
    if (maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings) {
        io.stderr(`sysd: too many warnings (${warnings}; at most ${maxWarnings} allowed by --max-warnings).\n`);
        return EXIT_PROBLEMS;
    }
    return EXIT_OK;
}

/**
 * Writes each fixed file in place (through a temporary file renamed over it, keeping its mode) and
 * says on standard error what was fixed and which files were left alone for their syntax errors.
 * True when a file could not be written.
 */
function writeFixes(files: readonly FileReport[], io: CliIO): boolean {
    let failed = false;
    for (const file of files) {
        const fix = file.fix;
        if (!fix) continue;
        if (fix.parseErrors) {
            io.stderr(fix.output === undefined
                ? `sysd: warning: ${file.file} has syntax errors: nothing was fixed in it.\n`
                : `sysd: warning: ${file.file}: a fix would have broken the syntax; the fixes before it were applied.\n`);
        }
        if (fix.output === undefined || fix.stdin) continue;
        const written = writeOutputFile(file.absolute, fix.output, true);
        if (!written.written) {
            io.stderr(`sysd: error: cannot write the fixed ${file.file}: it ${written.error}\n`);
            failed = true;
            continue;
        }
        io.stderr(`sysd: fixed ${fix.applied.length} problem${fix.applied.length === 1 ? '' : 's'} in ${file.file}\n`);
    }
    return failed;
}

/** `--fix-dry-run`'s list: per file, `line:column  rule  title` for each fix it would apply. */
function formatFixList(files: readonly FileReport[]): string {
    let out = '';
    for (const file of files) {
        if (!file.fix || file.fix.applied.length === 0) continue;
        const count = file.fix.applied.length;
        out += `${file.file}: ${count} fix${count === 1 ? '' : 'es'} would be applied\n`;
        for (const fix of file.fix.applied) {
            out += `  ${fix.range.start.line + 1}:${fix.range.start.character + 1}  ${fix.code}  ${fix.title}\n`;
        }
        out += '\n';
    }
    return inertLines(out);
}

/**
 * `--rules-base-url`: an http(s) address (a rule's page is `<url><id>.md`, or `<url>` with `{id}`
 * replaced), '' for no links; absent: the pages in sysd's own repository, when package.json names it.
 */
function parseRulesBaseUrl(value: string | undefined): string | undefined {
    if (value === undefined) return packageInfo().rulesBaseUrl;
    if (value === '') return undefined;
    let url: URL;
    try {
        url = new URL(value.split('{id}').join('id'));
    } catch {
        throw new UsageError(`--rules-base-url needs an absolute http or https address (or '' for no links), not '${value}'.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new UsageError(`--rules-base-url needs an http or https address, so that the links work where the report is read, not '${value}'.`);
    }
    return value;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) {
        throw new UsageError(`--max-warnings needs a whole number of 0 or more (or -1 for no limit), not '${value}'.`);
    }
    return Number(value);
}
