/**
 * `sysd export --format mermaid|markdown`: Mermaid text and Markdown pages from .sysd files, through
 * the one Mermaid exporter (`exportMermaid`), so the flowchart shows what the preview and the SVG
 * export show for the same view (see `export-views.ts` for which view).
 *
 * Without `-o`, or with `-o <file>`, all the given paths form one workspace and one output. With
 * `-o <folder>` (an existing folder, or a path ending in `/`), every top-level entry of the given
 * paths becomes a workspace of its own and gets its own output: a `.sysd` file `x.sysd` -> `x.md`
 * (or `x.mmd`), a folder `x/` (all the .sysd files below it, linked together) -> `x.md`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { exportMermaid, type MermaidExportRequest } from '@sysd/diagram';
import { COMPONENT_KINDS } from '@sysd/language';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { discover } from './files.js';
import type { OutputIO } from './io.js';
import type { LintSelection } from './lint-options.js';
import { packageInfo, PACKAGE_ROOT, ruleWebUrl } from './package-info.js';
import { chooseViewKey, namedFileUri } from './export-views.js';
import { displayPath, loadModel } from './workspace.js';
import { isExistingFile, writeExport } from './output-file.js';

export interface MermaidExportArgs {
    paths: string[];
    format: 'mermaid' | 'markdown';
    /** A file, or a folder (existing, or written with a trailing `/`) for one output per top-level entry. */
    output?: string;
    /** The view to draw (a key or a name; see `sysd export --list-views`); default: see `chooseViewKey`. */
    view?: string;
    /** The same as `view: 'system:<name>'`. */
    system?: string;
    /** One saga or flow (name or qualified name): its sequence diagram instead of the flowchart. */
    sequence?: string;
    direction?: 'LR' | 'TB';
    include?: string[];
    exclude?: string[];
    mermaidLayout?: 'elk';
    /** Draw the legend (default true). */
    legend?: boolean;
    /** Replace output files that exist (never an input of the export). */
    force?: boolean;
    /** `--rule` / `--config`, as `sysd check` reads them. */
    lint?: LintSelection;
}

/** The options `sysd export` accepts for these formats (merge into the command's option specs). */
export const MERMAID_EXPORT_OPTIONS = [
    { name: 'sequence', value: true },
    { name: 'direction', value: true },
    { name: 'include', value: true, repeatable: true },
    { name: 'exclude', value: true, repeatable: true },
    { name: 'mermaid-layout', value: true }
] as const;

/** Help lines for `sysd export --help`. */
export const MERMAID_EXPORT_HELP = `Mermaid and Markdown (--format mermaid|markdown):
  -o, --output <path>           a file; or a folder (existing, or ending in /): one output per
                                top-level .sysd file or folder of each path (x.sysd -> x.md / x.mmd)
  --sequence <saga|flow>        one saga or flow (name or qualified name) as a sequence diagram
                                instead of the flowchart of the view
  --direction LR|TB             direction of the flowchart (default LR)
  --include <kind>              only components of these kinds (repeatable, or comma-separated)
  --exclude <kind>              leave out components of these kinds (repeatable, or comma-separated)
  --mermaid-layout elk          ask Mermaid for its ELK layout (front-matter config)
`;

/** Runs the export and returns the exit code (0, or 2 for wrong usage and unreadable paths). */
export async function runMermaidExport(args: MermaidExportArgs, io: OutputIO): Promise<ExitCode> {
    const usage = (message: string): ExitCode => {
        io.stderr(`sysd: ${message}\nRun 'sysd export --help' for usage.\n`);
        return EXIT_USAGE;
    };
    const kinds = (values: string[] | undefined, option: string): string[] | { error: string } => {
        const list = (values ?? []).flatMap(v => v.split(',')).map(v => v.trim()).filter(v => v !== '');
        const wrong = list.find(v => !(COMPONENT_KINDS as readonly string[]).includes(v));
        return wrong ? { error: `Unknown component kind '${wrong}' in ${option} (kinds: ${COMPONENT_KINDS.join(', ')}).` } : list;
    };
    if (args.format !== 'mermaid' && args.format !== 'markdown') return usage(`Unknown format '${String(args.format)}' for Mermaid export.`);
    if (args.direction !== undefined && args.direction !== 'LR' && args.direction !== 'TB') return usage(`--direction takes LR or TB, not '${String(args.direction)}'.`);
    if (args.mermaidLayout !== undefined && args.mermaidLayout !== 'elk') return usage(`--mermaid-layout takes elk, not '${String(args.mermaidLayout)}'.`);
    const includeKinds = kinds(args.include, '--include');
    if ('error' in includeKinds) return usage(includeKinds.error);
    const excludeKinds = kinds(args.exclude, '--exclude');
    if ('error' in excludeKinds) return usage(excludeKinds.error);
    if (args.output === '') return usage(`Option '--output' needs a path.`);
    if (args.sequence !== undefined && args.sequence.trim() === '') return usage(`--sequence needs the name of a saga or flow.`);
    const paths = args.paths.length > 0 ? args.paths : ['.'];
    const extension = args.format === 'markdown' ? '.md' : '.mmd';

    const outputAbsolute = args.output !== undefined ? path.resolve(io.cwd, args.output) : undefined;
    const toFolder = outputAbsolute !== undefined && (/[\\/]$/.test(args.output!) || isDirectory(outputAbsolute));

    // What to export: [output path or undefined for stdout, paths of one workspace, page title].
    const jobs: { target?: string; paths: string[]; title: string }[] = [];
    if (toFolder) {
        for (const given of paths) {
            for (const unit of topLevelUnits(path.resolve(io.cwd, given), given)) {
                jobs.push({ target: path.join(outputAbsolute, `${unit.name}${extension}`), paths: [unit.path], title: unit.name });
            }
        }
        if (jobs.length === 0) {
            io.stderr(`sysd: no .sysd files found in ${paths.join(', ')}\n`);
            return EXIT_USAGE;
        }
    } else {
        jobs.push({ target: outputAbsolute, paths, title: titleFor(paths, io.cwd) });
    }

    // Refuse before writing anything, so a folder of pages is not left half replaced.
    if (args.force !== true) {
        const existing = jobs.filter(job => job.target !== undefined && isExistingFile(job.target)).map(job => displayPath(io.cwd, job.target!));
        if (existing.length > 0) {
            io.stderr(`sysd: error: ${existing.length === 1 ? `${existing[0]} already exists` : `these files already exist: ${existing.join(', ')}`}; add --force to replace ${existing.length === 1 ? 'it' : 'them'}.\n`);
            return EXIT_USAGE;
        }
    }

    let exit: ExitCode = EXIT_OK;
    for (const job of jobs) {
        const loaded = await loadModel(job.paths, io.cwd, args.lint);
        for (const problem of loaded.ioProblems) io.stderr(`sysd: error: ${problem}\n`);
        if (loaded.ioProblems.length > 0) exit = EXIT_USAGE;
        if (loaded.displayByUri.size === 0) {
            if (loaded.ioProblems.length === 0) io.stderr(`sysd: no .sysd files found in ${job.paths.join(', ')}\n`);
            return EXIT_USAGE;
        }
        for (const line of loaded.syntaxErrors) io.stderr(`sysd: warning: ${line} (the export shows what could be read)\n`);

        // Each workspace gets its own default view: a .sysd file its own systems, a folder all of them.
        const fileUri = namedFileUri(job.paths, io.cwd, loaded.displayByUri.keys());
        const chosen = chooseViewKey(loaded.model, { view: args.view, system: args.system }, fileUri, { cwd: io.cwd, displayByUri: loaded.displayByUri });
        if ('error' in chosen) {
            io.stderr(`sysd: error: ${chosen.error}\n`);
            return EXIT_USAGE;
        }
        const pageFolder = job.target ? path.dirname(job.target) : io.cwd;
        const request: MermaidExportRequest = {
            format: args.format,
            view: chosen.key,
            uri: fileUri,
            sequence: args.sequence?.trim(),
            direction: args.direction,
            layout: args.mermaidLayout,
            includeKinds,
            excludeKinds,
            legend: args.legend,
            title: args.sequence !== undefined ? `${job.title}: ${args.sequence.trim()}` : `Architecture: ${job.title}`,
            displayPath: uri => loaded.displayByUri.get(uri) ?? uriToDisplay(uri, io.cwd),
            ruleLink: id => ruleLink(id, pageFolder)
        };
        const exported = exportMermaid(loaded.model, loaded.findings, request);
        if ('error' in exported) {
            // A --sequence that names no saga or flow, a view that shows nothing of the chosen kinds.
            io.stderr(`sysd: error: ${exported.error}\n`);
            return EXIT_USAGE;
        }
        const text = args.format === 'markdown' ? withProvenance(exported.text, [...new Set(loaded.displayByUri.values())].sort()) : exported.text;

        if (job.target) {
            const shown = displayPath(io.cwd, job.target);
            try {
                fs.mkdirSync(path.dirname(job.target), { recursive: true });
            } catch (error) {
                io.stderr(`sysd: error: cannot create the folder of ${shown}: ${(error as Error).message}\n`);
                return EXIT_USAGE;
            }
            if (!writeExport(job.target, text, { force: args.force === true, inputs: loaded.inputs, cwd: io.cwd, shown }, io)) return EXIT_USAGE;
            if (toFolder) io.stderr(`sysd: wrote ${shown}\n`);
        } else {
            io.stdout(text);
        }
    }
    return exit;
}

/** The top-level .sysd files and folders (holding .sysd files) of a path; a file is its own unit. */
function topLevelUnits(absolute: string, given: string): { name: string; path: string }[] {
    if (!isDirectory(absolute)) return [{ name: path.basename(absolute).replace(/\.sysd$/, ''), path: given }];
    const units: { name: string; path: string }[] = [];
    const entries = fs.readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(absolute, entry.name);
        if (isDirectory(full)) {
            if (discover([full], '/').files.length > 0) units.push({ name: entry.name, path: path.join(given, entry.name) });
        } else if (entry.name.endsWith('.sysd')) {
            units.push({ name: entry.name.replace(/\.sysd$/, ''), path: path.join(given, entry.name) });
        }
    }
    return units;
}

/**
 * The page with a line under its title saying which files it was generated from, so a page committed
 * next to the sources says how to regenerate it. The exporter's page starts with its `# ` title line
 * and a blank line; the file names are code spans (a backtick in a name becomes a quote).
 */
function withProvenance(page: string, files: readonly string[]): string {
    const end = page.indexOf('\n\n');
    if (!page.startsWith('# ') || end < 0) return page;
    const line = `Generated by \`sysd export --format markdown\` from ${files.map(f => `\`${markdownLine(f).replace(/`/g, "'")}\``).join(', ')}.`;
    return `${page.slice(0, end + 2)}${line}\n\n${page.slice(end + 2)}`;
}

/** One line of text: line breaks and other controls (a file name may hold them) become spaces. */
function markdownLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

function titleFor(paths: string[], cwd: string): string {
    const names = paths.map(p => path.basename(path.resolve(cwd, p)).replace(/\.sysd$/, ''));
    return names.join(', ');
}

/**
 * Where a finding's rule is explained: the rule page of this package by relative path when the
 * page is written inside the package's own tree (it then renders on GitHub next to it), else the
 * page on the package's repository web site; undefined (the rule is named, not linked) when neither exists.
 */
function ruleLink(ruleId: string, pageFolder: string): string | undefined {
    const page = path.join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`);
    const relative = path.relative(PACKAGE_ROOT, pageFolder);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return path.relative(pageFolder, page).split(path.sep).join('/');
    const base = packageInfo().rulesBaseUrl;
    return base === undefined ? undefined : ruleWebUrl(base, ruleId);
}

function uriToDisplay(uri: string, cwd: string): string {
    try {
        const parsed = URI.parse(uri);
        return parsed.scheme === 'file' ? displayPath(cwd, parsed.fsPath) : uri;
    } catch {
        return uri;
    }
}

function isDirectory(absolute: string): boolean {
    try {
        return fs.statSync(absolute).isDirectory();
    } catch {
        return false;
    }
}
