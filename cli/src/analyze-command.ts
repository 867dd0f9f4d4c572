/**
 * `sysd analyze`: the what-if failure analysis of files or folders. Per flow and SLO: whether it stays
 * up when the `--fail` set fails, its availability with the arithmetic, its worst-case latency against
 * the SLO's targets, and the consequences; then timeout ordering, retry amplification and the default
 * figures the numbers rest on. Exit 1 when an SLO is unmet (its path down, or its availability below
 * target on stated figures alone), 2 on wrong usage or unreadable input.
 */
import { analyze, formatMarkdown, formatTable, parseFailure, failureSet, unmetSlos, type FailureTarget } from '@sysd/language/analysis';
import { parseArgs, single, UsageError, type OptionSpec } from './args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import type { OutputIO } from './io.js';
import { loadModel } from './workspace.js';

const ANALYZE_HELP = `Usage: sysd analyze [file|folder]... [--fail <what>]... [--format table|json|markdown]

What if something fails? For every flow and SLO of the given .sysd files (default: the current
folder) and the files they import: whether it stays up, degrades or goes down, at which step and
why; its availability with the arithmetic (series over the synchronous hops, parallel across
zones, quorums); its worst-case latency from timeouts, retries and backoff against the SLO's
targets; then calls whose callee outlasts the caller's timeout, retry chains that multiply, and
the default figures the numbers rest on. Without --fail: the model as declared.

Options:
  --fail <what>                 fail something; repeat to fail several:
                                  zone:<name>       a zone (euWest.a, or a unique zone name)
                                  region:<name>     a region and its zones
                                  <component>       a component (a broker or coordinator too);
                                                    component:<name> when it is named like a zone
                                  <component>:<n>   n of its instances
  --format <format>             table (default), json or markdown
  -h, --help                    show this help

JSON output is a documented contract (docs/analysis.md, "JSON output"): version 1.

Exit codes: 0 every SLO holds (or is at risk only because of default figures), 1 an SLO is unmet,
2 wrong usage, an unknown --fail name, or a file that could not be read.
`;

const OPTIONS: OptionSpec[] = [
    { name: 'fail', value: true, repeatable: true },
    { name: 'format', value: true },
    { name: 'help', alias: 'h' }
];

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export async function runAnalyze(argv: readonly string[], io: OutputIO): Promise<ExitCode> {
    try {
        return await analyzeCommand(argv, io);
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`sysd: ${error.message}\nRun 'sysd analyze --help' for usage.\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

async function analyzeCommand(argv: readonly string[], io: OutputIO): Promise<ExitCode> {
    const args = parseArgs(argv, OPTIONS);
    if (args.options.has('help')) {
        io.stdout(ANALYZE_HELP);
        return EXIT_OK;
    }
    const format = (single(args, 'format') ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`Unknown format '${format}'; use table, json or markdown.`);
    const loaded = await loadModel(args.positionals.length > 0 ? args.positionals : ['.'], io.cwd);
    for (const problem of loaded.ioProblems) io.stderr(`sysd: error: ${problem}\n`);
    if (loaded.documents === 0) return EXIT_USAGE;
    if (loaded.errors > 0) {
        io.stderr(`sysd: warning: the files have ${loaded.errors} syntax or reference error${loaded.errors === 1 ? '' : 's'}; the analysis uses what could be understood (run 'sysd check' for details).\n`);
    }
    const targets: FailureTarget[] = [];
    const unknown: string[] = [];
    for (const text of args.options.get('fail') ?? []) {
        const parsed = parseFailure(loaded.model, text);
        if ('target' in parsed) targets.push(parsed.target);
        else unknown.push(`--fail ${text}: ${parsed.error}`);
    }
    if (unknown.length > 0) {
        for (const line of unknown) io.stderr(`sysd: error: ${line}\n`);
        return EXIT_USAGE;
    }
    const result = analyze(loaded.model, { fail: failureSet(targets) });
    if (format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(formatMarkdown(result));
    else io.stdout(formatTable(result));
    if (loaded.ioProblems.length > 0) return EXIT_USAGE;
    return unmetSlos(result).length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
