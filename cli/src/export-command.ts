/**
 * `sysd export`: one view of the architecture of files or folders as SVG, PNG, ELK JSON (laid out or
 * not), Mermaid or Markdown. Uses the same view pipeline as the preview in VS Code: the view graph,
 * ELK layout and SVG renderer, and the one Mermaid exporter.
 */
import * as path from 'node:path';
import { buildViewGraph, layoutDiagram, layoutToElk, parseViewKey, renderSvg, resolveView, toElkGraph } from '@sysd/diagram';
import type { DiagramGraph, DiagramTheme, ElkLike } from '@sysd/diagram';
import { flag, parseArgs, single, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { MERMAID_EXPORT_HELP, MERMAID_EXPORT_OPTIONS, runMermaidExport } from './export-mermaid.js';
import { chooseViewKey, namedFileUri, viewsAsJson, viewsAsText, workspaceViews } from './export-views.js';
import { writeExport } from './output-file.js';
import type { OutputIO } from './io.js';
import { LINT_OPTIONS, LINT_OPTIONS_HELP, readLintSelection, type LintSelection } from './lint-options.js';
import { loadModel } from './workspace.js';

const EXPORT_HELP = `Usage: sysd export <file|folder>... --format svg|png|elk-json|mermaid|markdown [options]
       sysd export <file|folder>... --list-views [--format json]

Draws one view of the architecture described by the given .sysd files (and the files they import):
components with their kind's shape and replica count, systems, regions and zones as groups,
relations as lines, lint findings as badges, and a legend. Same picture as the preview in VS Code.
--format mermaid writes a Mermaid flowchart of the view (or a saga or flow as a sequence diagram);
--format markdown writes a page with that diagram, the component inventory and the lint findings.

Which view (every format):
  one .sysd file given          that file's view: the systems it declares, and small dashed
                                stand-ins for the components elsewhere that they talk to
  several files, or a folder    all: the whole workspace
  --view <key|name>             another view: a key from --list-views (all, deployment,
                                system:Rides, view:Checkout, neighbourhood:Rides.Trips:2,
                                flow:Rides.RequestRide, saga:Tickets.Booking, file:<path>) or a
                                name (a declared view, a system, a flow, a saga, or a component
                                for its neighbourhood)
  --system <name>               the same as --view system:<name>
  --list-views                  print the views of the files (key, title, detail) and exit;
                                with --format json, as JSON

Options:
  --format <format>             svg, png, elk-json, mermaid or markdown (default: svg)
  -o, --output <path>           write to a file; everything but png can go to standard output
  --force                       replace the output file if it exists (never a file being drawn)
  --theme light|dark|high-contrast
                                colours of svg and png output (default: light)
  --no-legend                   leave the legend out (svg, png, mermaid, markdown)
  --laid-out                    elk-json only: the graph after ELK's layout (node positions and
                                sizes, edge sections with bend points, label boxes) instead of
                                the graph ELK is given
${LINT_OPTIONS_HELP}  -h, --help                    show this help

${MERMAID_EXPORT_HELP}
Exit codes: 0 written, 2 wrong usage, an unknown view, a file that could not be read or written.
`;

const DIAGRAM_OPTIONS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'output', alias: 'o', value: true },
    { name: 'theme', value: true },
    { name: 'force' },
    { name: 'view', value: true },
    { name: 'system', value: true },
    { name: 'list-views' },
    { name: 'laid-out' },
    { name: 'no-legend' },
    ...LINT_OPTIONS,
    { name: 'help', alias: 'h' }
];
const OPTIONS: OptionSpec[] = [...DIAGRAM_OPTIONS, ...MERMAID_EXPORT_OPTIONS];
/** Options only the Mermaid and Markdown formats understand. */
const MERMAID_ONLY = MERMAID_EXPORT_OPTIONS.map(o => o.name);

const FORMATS = ['svg', 'png', 'elk-json', 'mermaid', 'markdown'] as const;
type ExportFormat = (typeof FORMATS)[number];
const THEMES = ['light', 'dark', 'high-contrast'] as const;

/** PNGs are rendered at twice the diagram's size, less when that would exceed this many pixels a side. */
const PNG_MAX_SIDE = 16_000;

export async function runExport(argv: readonly string[], io: OutputIO): Promise<ExitCode> {
    try {
        return await exportDiagram(argv, io);
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`sysd: ${error.message}\nRun 'sysd export --help' for usage.\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

async function exportDiagram(argv: readonly string[], io: OutputIO): Promise<ExitCode> {
    const args = parseArgs(argv, OPTIONS);
    if (flag(args, 'help')) {
        io.stdout(EXPORT_HELP);
        return EXIT_OK;
    }
    const selection = readLintSelection(args, io.cwd);
    if ('error' in selection) {
        io.stderr(`sysd: error: ${selection.error}\n`);
        return EXIT_USAGE;
    }
    if (flag(args, 'list-views')) return listViewsOf(args, selection, io);
    const format = (single(args, 'format') ?? 'svg') as ExportFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`Unknown format '${format}' (use svg, png, elk-json, mermaid or markdown).`);
    if (flag(args, 'laid-out') && format !== 'elk-json') throw new UsageError(`--laid-out applies to --format elk-json only.`);
    if (flag(args, 'no-legend') && format === 'elk-json') throw new UsageError(`--no-legend applies to --format svg, png, mermaid and markdown (elk-json has no legend).`);
    if (format === 'mermaid' || format === 'markdown') return exportMermaid(args, format, selection, io);
    const misplaced = MERMAID_ONLY.find(name => args.options.has(name));
    if (misplaced) throw new UsageError(`--${misplaced} applies to --format mermaid and markdown only.`);
    const theme = (single(args, 'theme') ?? 'light') as DiagramTheme;
    if (!(THEMES as readonly string[]).includes(theme)) throw new UsageError(`Unknown theme '${theme}' (use light, dark or high-contrast).`);
    const output = single(args, 'output');
    if (output === '') throw new UsageError(`Option '--output' needs a path.`);
    if (format === 'png' && output === undefined) throw new UsageError('PNG output needs a file: add -o <path>.');
    if (args.positionals.length === 0) throw new UsageError(`'sysd export' needs a file or folder to draw.`);

    const loaded = await loadModel(args.positionals, io.cwd, selection);
    for (const problem of loaded.ioProblems) io.stderr(`sysd: error: ${problem}\n`);
    if (loaded.documents === 0) return EXIT_USAGE;
    if (loaded.errors > 0) {
        io.stderr(`sysd: warning: the files have ${loaded.errors} syntax or reference error${loaded.errors === 1 ? '' : 's'}; the diagram shows what could be understood (run 'sysd check' for details).\n`);
    }

    const fileUri = namedFileUri(args.positionals, io.cwd, loaded.displayByUri.keys());
    const chosen = chooseViewKey(loaded.model, { view: single(args, 'view'), system: single(args, 'system') }, fileUri, { cwd: io.cwd, displayByUri: loaded.displayByUri });
    if ('error' in chosen) {
        io.stderr(`sysd: error: ${chosen.error}\n`);
        return EXIT_USAGE;
    }
    const graph = viewGraph(loaded.model, loaded.findings, chosen.key);
    let data: string | Uint8Array;
    if (format === 'elk-json') {
        // Without --laid-out: what ELK is given (for running ELK elsewhere); with it: the picture as
        // drawn, in ELK's terms. elkjs's own bookkeeping (`$H`...) is left out.
        const elkGraph = flag(args, 'laid-out') ? await layoutToElk(graph, await nodeElk()) : toElkGraph(graph);
        data = `${JSON.stringify(elkGraph, (key, value: unknown) => (key.startsWith('$') ? undefined : value), 2)}\n`;
    } else {
        const laidOut = await layoutDiagram(graph, await nodeElk());
        const svg = renderSvg(laidOut, { theme, standalone: true, ...(flag(args, 'no-legend') ? { legend: false } : {}) });
        data = format === 'svg' ? `${svg}\n` : await toPng(svg, laidOut.width ?? 0, laidOut.height ?? 0);
    }

    if (output === undefined) {
        io.stdout(data as string);
        return loaded.ioProblems.length > 0 ? EXIT_USAGE : EXIT_OK;
    }
    if (!writeExport(path.resolve(io.cwd, output), data, { force: flag(args, 'force'), inputs: loaded.inputs, cwd: io.cwd, shown: output }, io)) return EXIT_USAGE;
    return loaded.ioProblems.length > 0 ? EXIT_USAGE : EXIT_OK;
}

/** The view graph of a key that `chooseViewKey` checked. */
function viewGraph(model: Parameters<typeof buildViewGraph>[0], findings: Parameters<typeof buildViewGraph>[1], key: string): DiagramGraph {
    const ref = parseViewKey(key);
    const view = ref ? resolveView(model, ref) : { error: `'${key}' is not a view key` };
    // chooseViewKey resolved this key a moment ago on the same model: failing now is a bug.
    if ('error' in view) throw new Error(`the view '${key}' could not be resolved: ${view.error}`);
    return buildViewGraph(model, findings, view);
}

/**
 * ELK in this thread, loaded only when a layout runs: the bundled ELK is a large script, and the
 * Mermaid and Markdown formats, elk-json without --laid-out and --list-views never need it.
 */
async function nodeElk(): Promise<ElkLike> {
    const { createNodeElk } = await import('@sysd/diagram/elk-node');
    return createNodeElk();
}

async function listViewsOf(args: ParsedArgs, selection: LintSelection, io: OutputIO): Promise<ExitCode> {
    const format = single(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--list-views prints text or --format json, not '${format}'.`);
    if (args.options.has('output')) throw new UsageError(`--list-views prints to standard output; leave out -o.`);
    const paths = args.positionals.length > 0 ? args.positionals : ['.'];
    const loaded = await loadModel(paths, io.cwd, selection);
    for (const problem of loaded.ioProblems) io.stderr(`sysd: error: ${problem}\n`);
    if (loaded.documents === 0) {
        if (loaded.ioProblems.length === 0) io.stderr(`sysd: no .sysd files found in ${paths.join(', ')}\n`);
        return EXIT_USAGE;
    }
    const fileUri = namedFileUri(paths, io.cwd, loaded.displayByUri.keys());
    const { views, defaultKey } = workspaceViews(loaded.model, fileUri);
    io.stdout(format === 'json' ? viewsAsJson(views, defaultKey, uri => loaded.displayByUri.get(uri) ?? uri) : viewsAsText(views));
    return loaded.ioProblems.length > 0 ? EXIT_USAGE : EXIT_OK;
}

function exportMermaid(args: ParsedArgs, format: 'mermaid' | 'markdown', selection: LintSelection, io: OutputIO): Promise<ExitCode> {
    if (args.options.has('theme')) throw new UsageError(`--theme applies to --format svg and png only.`);
    const direction = single(args, 'direction');
    return runMermaidExport({
        paths: args.positionals,
        format,
        output: single(args, 'output'),
        view: single(args, 'view'),
        system: single(args, 'system'),
        sequence: single(args, 'sequence'),
        direction: direction as 'LR' | 'TB' | undefined,
        include: args.options.get('include'),
        exclude: args.options.get('exclude'),
        mermaidLayout: single(args, 'mermaid-layout') as 'elk' | undefined,
        legend: !flag(args, 'no-legend'),
        force: flag(args, 'force'),
        lint: selection
    }, io);
}

async function toPng(svg: string, width: number, height: number): Promise<Uint8Array> {
    const { Resvg } = await import('@resvg/resvg-js');
    const zoom = Math.max(0.1, Math.min(2, PNG_MAX_SIDE / Math.max(1, width + 16, height + 16)));
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: zoom },
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
    });
    return resvg.render().asPng();
}
