/**
 * `sysd export`: the architecture diagram of files or folders as SVG, PNG or ELK JSON. Uses the
 * same graph builder, ELK layout and SVG renderer as the preview in VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Model } from '../../language/src/generated/ast.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import type { Finding } from '../../language/src/lint/types.js';
import { resolveImportUri } from '../../language/src/scope.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { buildDiagram, findSystem } from '../../diagram/src/build-graph.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { layoutDiagram, toElkGraph } from '../../diagram/src/layout.js';
import { renderSvg } from '../../diagram/src/render-svg.js';
import type { DiagramTheme } from '../../diagram/src/theme.js';
import { flag, parseArgs, single, UsageError, type OptionSpec } from './args.js';
import { describeFsError, discover, readSource } from './files.js';

export interface ExportIO {
    stdout(text: string): void;
    stderr(text: string): void;
    cwd: string;
}

export const EXPORT_HELP = `Usage: sysd export <file|folder>... --format svg|png|elk-json [options]

Draws the architecture described by the given .sysd files (and the files they import) as one
diagram: components with their kind's shape and replica count, systems, regions and zones as
groups, relations as lines, and lint findings as badges. Same picture as the preview in VS Code.

Options:
  --format svg|png|elk-json   output format (default: svg)
  -o, --output <path>         write to a file; svg and elk-json go to standard output without it,
                              png needs it
  --system <name>             draw only this system (components elsewhere that it talks to
                              appear as small dashed stand-ins)
  --theme light|dark|high-contrast
                              colours of svg and png output (default: light)
  -h, --help                  show this help

Exit codes: 0 written, 2 wrong usage, a file that could not be read or written.
`;

const OPTIONS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'output', alias: 'o', value: true },
    { name: 'system', value: true },
    { name: 'theme', value: true },
    { name: 'help', alias: 'h' }
];

const FORMATS = ['svg', 'png', 'elk-json'] as const;
type ExportFormat = (typeof FORMATS)[number];
const THEMES = ['light', 'dark', 'high-contrast'] as const;

/** PNGs are rendered at twice the diagram's size, less when that would exceed this many pixels a side. */
const PNG_MAX_SIDE = 16_000;

export async function runExport(argv: readonly string[], io: ExportIO): Promise<number> {
    try {
        return await exportDiagram(argv, io);
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`sysd: ${error.message}\nRun 'sysd export --help' for usage.\n`);
            return 2;
        }
        throw error;
    }
}

async function exportDiagram(argv: readonly string[], io: ExportIO): Promise<number> {
    const args = parseArgs(argv, OPTIONS);
    if (flag(args, 'help')) {
        io.stdout(EXPORT_HELP);
        return 0;
    }
    const format = (single(args, 'format') ?? 'svg') as ExportFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`Unknown format '${format}' (use svg, png or elk-json).`);
    const theme = (single(args, 'theme') ?? 'light') as DiagramTheme;
    if (!(THEMES as readonly string[]).includes(theme)) throw new UsageError(`Unknown theme '${theme}' (use light, dark or high-contrast).`);
    const output = single(args, 'output');
    if (output === '') throw new UsageError(`Option '--output' needs a path.`);
    if (format === 'png' && output === undefined) throw new UsageError('PNG output needs a file: add -o <path>.');
    if (args.positionals.length === 0) throw new UsageError(`'sysd export' needs a file or folder to draw.`);

    const loaded = await loadModel(args.positionals, io.cwd);
    for (const problem of loaded.ioProblems) io.stderr(`sysd: error: ${problem}\n`);
    if (loaded.documents === 0) return 2;
    if (loaded.errors > 0) {
        io.stderr(`sysd: warning: the files have ${loaded.errors} syntax or reference error${loaded.errors === 1 ? '' : 's'}; the diagram shows what could be understood (run 'sysd check' for details).\n`);
    }

    const system = single(args, 'system');
    if (system !== undefined && findSystem(loaded.model, system) === undefined) {
        const known = [...loaded.model.systems.values()].map(s => s.id).sort();
        io.stderr(`sysd: error: there is no system named '${system}'${known.length > 0 ? ` (systems: ${known.join(', ')})` : ' (the files declare no system)'}.\n`);
        return 2;
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
        return loaded.ioProblems.length > 0 ? 2 : 0;
    }
    try {
        fs.writeFileSync(path.resolve(io.cwd, output), data);
    } catch (error) {
        io.stderr(`sysd: error: cannot write ${output}: it ${describeFsError(error)}\n`);
        return 2;
    }
    return loaded.ioProblems.length > 0 ? 2 : 0;
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

export interface LoadedModel {
    model: ArchModel;
    findings: Finding[];
    /** Documents loaded (given and imported). */
    documents: number;
    /** Syntax, reference and model errors (not lint findings). */
    errors: number;
    ioProblems: string[];
}

/**
 * Loads files and folders with everything they import into one workspace and returns its model
 * and lint findings. Discovery and reading are the CLI's own (`files.ts`), so `export` accepts and
 * refuses exactly what `check` does.
 */
export async function loadModel(paths: readonly string[], cwd: string): Promise<LoadedModel> {
    const { shared, Sysd } = createSysdServices({ ...NodeFileSystem });
    const discovery = discover(paths, cwd);
    const ioProblems = [...discovery.problems];
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const documents: LangiumDocument<Model>[] = [];
    const load = (absolute: string): LangiumDocument<Model> | string => {
        const read = readSource(absolute);
        if ('error' in read) return read.error;
        const document = factory.fromString<Model>(read.text, URI.file(absolute));
        langiumDocuments.addDocument(document);
        documents.push(document);
        return document;
    };
    const queue: LangiumDocument<Model>[] = [];
    for (const file of discovery.files) {
        const result = load(file.absolute);
        if (typeof result === 'string') ioProblems.push(`${file.display} ${result}`);
        else queue.push(result);
    }
    while (queue.length > 0) {
        const document = queue.shift()!;
        for (const imp of document.parseResult.value.imports ?? []) {
            if (!imp.path) continue;
            const target = resolveImportUri(document.uri, imp.path);
            if (target.scheme !== 'file' || langiumDocuments.hasDocument(target) || !fs.existsSync(target.fsPath)) continue;
            const result = load(target.fsPath);
            if (typeof result === 'string') ioProblems.push(`${path.relative(cwd, target.fsPath) || target.fsPath} ${result}`);
            else queue.push(result);
        }
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const service = Sysd.model.ModelService;
    let errors = 0;
    for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            const data = diagnostic.data as { ruleId?: unknown } | undefined;
            if (diagnostic.severity === 1 && typeof data?.ruleId !== 'string') errors++;
        }
    }
    return {
        model: service.workspaceModel(),
        findings: [...service.allFindings().values()].flat(),
        documents: documents.length,
        errors,
        ioProblems
    };
}
