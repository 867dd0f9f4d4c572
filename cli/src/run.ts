import { didYouMeanWord, UsageError } from './args.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { packageInfo } from './package-info.js';
import { inertLines } from './format/inert.js';
import type { CliIO } from './io.js';
// The commands are loaded when they run: each is a bundle of its own (out/cli/check.cjs, export.cjs,
// explain.cjs; see esbuild.mjs), so `sysd check` never compiles the diagram code, ELK or marked.
import type * as CheckCommand from './check-command.js';
import type * as ExportCommand from './export-command.js';
import type * as ExplainCommand from './explain-command.js';
import type * as AnalyzeCommand from './analyze-command.js';

export type { CliIO } from './io.js';
export { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from './exit-codes.js';

const MAIN_HELP = `sysd: lint architecture described in .sysd files

Usage:
  sysd check [paths...] [options]   lint files and folders (default: the current folder);
                                    '-' reads the text from standard input
  sysd rules [--format table|json]  list the lint rules
  sysd export <paths...> --format svg|png|elk-json|mermaid|markdown [-o path [--force]]
              [--view <key|name>]   draw a view of the architecture (ELK layout), or write
                                    Mermaid text or a Markdown page with the findings;
                                    --list-views lists the views
  sysd explain [topic-or-rule]      explain a pattern, concept or lint rule
  sysd analyze [paths...] [--fail zone:<name>|region:<name>|<component>[:<n>]]...
              [--format table|json|markdown]
                                    what if it fails: which flows and SLOs stay up,
                                    availability and latency arithmetic; exit 1 when
                                    an SLO is unmet
  sysd <command> --help             options of a command
  sysd --version                    print the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 wrong usage, a file that could not be read or written, or an unusable
configuration file.
`;

/** The commands `run` knows, for "did you mean" (help is spelt out in MAIN_HELP). */
const COMMANDS = ['check', 'rules', 'export', 'explain', 'analyze', 'help'] as const;
const MAIN_OPTIONS = ['--help', '--version'] as const;

// Literal specifiers, so that esbuild.mjs can point each at its bundle.
const loadCheck = (): Promise<typeof CheckCommand> => import('./check-command.js');
const loadExport = (): Promise<typeof ExportCommand> => import('./export-command.js');
const loadExplain = (): Promise<typeof ExplainCommand> => import('./explain-command.js');
const loadAnalyze = (): Promise<typeof AnalyzeCommand> => import('./analyze-command.js');

/** Runs the CLI with the arguments after the program name and returns the exit code. */
export async function run(argv: readonly string[], given: CliIO): Promise<ExitCode> {
    // Messages on standard error quote file names, element names, import paths and arguments: their
    // control characters are shown, not sent to the terminal. Standard output is made inert by each
    // format, which alone knows which escapes are its own colours.
    const io: CliIO = { ...given, stderr: text => given.stderr(inertLines(text)) };
    try {
        const [command, ...rest] = argv;
        switch (command) {
            case undefined:
                io.stderr(MAIN_HELP);
                return EXIT_USAGE;
            case '-h':
            case '--help':
            case 'help':
                io.stdout(MAIN_HELP);
                return EXIT_OK;
            case '-v':
            case '--version':
                io.stdout(`${packageInfo().version}\n`);
                return EXIT_OK;
            case 'check':
                return await (await loadCheck()).runCheck(rest, io);
            case 'rules':
                return (await loadCheck()).runRules(rest, io);
            case 'export':
                return await (await loadExport()).runExport(rest, io);
            case 'explain':
                return (await loadExplain()).runExplain(rest, io);
            case 'analyze':
                return await (await loadAnalyze()).runAnalyze(rest, io);
            default:
                throw new UsageError(command.startsWith('-')
                    ? `Unknown option '${command}'.${command.startsWith('--') ? didYouMeanWord(command, MAIN_OPTIONS) : ''}`
                    : `Unknown command '${command}'.${didYouMeanWord(command, COMMANDS)}`);
        }
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`sysd: ${error.message}\nRun 'sysd --help' for usage.\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

