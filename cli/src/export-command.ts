/**
 * `sysd export`: the architecture diagram of files or folders as SVG, PNG or ELK JSON. Uses the
 * same graph builder, ELK layout and SVG renderer as the preview in VS Code.
 */
import * as path from 'node:path';
import { buildDiagram, findSystem } from '@sysd/diagram';
import { createNodeElk } from '@sysd/diagram/elk-node';
import { layoutDiagram, toElkGraph } from '@sysd/diagram';
import { renderSvg } from '@sysd/diagram';
import type { DiagramTheme } from '@sysd/diagram';
import { flag, parseArgs, single, UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { MERMAID_EXPORT_HELP, MERMAID_EXPORT_OPTIONS, runMermaidExport } from './export-mermaid.js';
import { writeExport } from './output-file.js';
import type { OutputIO } from './io.js';
import { LINT_OPTIONS, LINT_OPTIONS_HELP, readLintSelection, type LintSelection } from './lint-options.js';
import { loadModel } from './workspace.js';

const EXPORT_HELP = `Usage: sysd export <file|folder>... --format svg|png|elk-json|mermaid|markdown [options]

Draws the architecture described by the given .sysd files (and the files they import) as one
diagram: components with their kind's shape and replica count, systems, regions and zones as
groups, relations as lines, and lint findings as badges. Same picture as the preview in VS Code.
--format mermaid writes a Mermaid flowchart (or a saga or flow as a sequence diagram); --format
markdown writes a page with that diagram, the component inventory and the lint findings.

Options:
  --format <format>             svg, png, elk-json, mermaid or markdown (default: svg)
  -o, --output <path>           write to a file; everything but png can go to standard output
  --force                       replace the output file if it exists (never a file being drawn)
  --system <name>               only this system (in svg/png/elk-json, components elsewhere that
                                it talks to appear as small dashed stand-ins)
  --theme light|dark|high-contrast
                                colours of svg and png output (default: light)
${LINT_OPTIONS_HELP}  -h, --help                    show this help

${MERMAID_EXPORT_HELP}
Exit codes: 0 written, 2 wrong usage, a file that could not be read or written.
`;

const DIAGRAM_OPTIONS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'output', alias: 'o', value: true },
    { name: 'theme', value: true },
    { name: 'force' },
    ...LINT_OPTIONS,
    { name: 'help', alias: 'h' }
];
const OPTIONS: OptionSpec[] = [...DIAGRAM_OPTIONS, ...MERMAID_EXPORT_OPTIONS];
/** Options only the Mermaid and Markdown formats understand. */
const MERMAID_ONLY = MERMAID_EXPORT_OPTIONS.map(o => o.name).filter(name => name !== 'system');

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
    const format = (single(args, 'format') ?? 'svg') as ExportFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`Unknown format '${format}' (use svg, png, elk-json, mermaid or markdown).`);
    const selection = readLintSelection(args, io.cwd);
    if ('error' in selection) {
        io.stderr(`sysd: error: ${selection.error}\n`);
        return EXIT_USAGE;
    }
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

    const system = single(args, 'system');
    if (system !== undefined && findSystem(loaded.model, system) === undefined) {
        const known = [...loaded.model.systems.values()].map(s => s.id).sort();
        io.stderr(`sysd: error: there is no system named '${system}'${known.length > 0 ? ` (systems: ${known.join(', ')})` : ' (the files declare no system)'}.\n`);
        return EXIT_USAGE;
    }

    const graph = buildDiagram(loaded.model, loaded.findings, { system });
    let data: string | Uint8Array;
    if (format === 'elk-json') {
        data = `${JSON.stringify(toElkGraph(graph), null, 2)}\n`;
    } else {
        const laidOut = await layoutDiagram(graph, createNodeElk());
        const svg = renderSvg(laidOut, { theme, standalone: true });
        data = format === 'svg' ? `${svg}\n` : await toPng(svg, laidOut.width ?? 0, laidOut.height ?? 0);
    }

    if (output === undefined) {
        io.stdout(data as string);
        return loaded.ioProblems.length > 0 ? EXIT_USAGE : EXIT_OK;
    }
    if (!writeExport(path.resolve(io.cwd, output), data, { force: flag(args, 'force'), inputs: loaded.inputs, cwd: io.cwd, shown: output }, io)) return EXIT_USAGE;
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
        direction: direction as 'LR' | 'TB' | undefined,
        include: args.options.get('include'),
        exclude: args.options.get('exclude'),
        mermaidLayout: single(args, 'mermaid-layout') as 'elk' | undefined,
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
