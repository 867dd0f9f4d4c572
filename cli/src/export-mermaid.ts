/**
 * `sysd export --format mermaid|markdown`: Mermaid text and Markdown pages from .sysd files.
 *
 * Without `-o`, or with `-o <file>`, all the given paths form one workspace and one output. With
 * `-o <folder>` (an existing folder, or a path ending in `/`), every top-level entry of the given
 * paths becomes a workspace of its own and gets its own output: a `.sysd` file `x.sysd` -> `x.md`
 * (or `x.mmd`), a folder `x/` (all the .sysd files below it, linked together) -> `x.md`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { buildMermaidFlowchart, type FlowchartOptions } from '@sysd/diagram';
import { toMarkdownPage } from '@sysd/diagram';
import { findSequence, type SequenceView } from '@sysd/diagram';
import { COMPONENT_KINDS, type ComponentKind } from '@sysd/language';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { discover } from './files.js';
import type { OutputIO } from './io.js';
import type { LintSelection } from './lint-options.js';
import { packageInfo, PACKAGE_ROOT } from './package-info.js';
import { displayPath, loadModel } from './workspace.js';
import { isExistingFile, writeExport } from './output-file.js';

export interface MermaidExportArgs {
    paths: string[];
    format: 'mermaid' | 'markdown';
    /** A file, or a folder (existing, or written with a trailing `/`) for one output per top-level entry. */
    output?: string;
    /** One saga or flow (name or qualified name): its sequence diagram instead of the flowchart. */
    view?: string;
    system?: string;
    direction?: 'LR' | 'TB';
    include?: string[];
    exclude?: string[];
    mermaidLayout?: 'elk';
    /** Replace output files that exist (never an input of the export). */
    force?: boolean;
    /** `--rule` / `--config`, as `sysd check` reads them. */
    lint?: LintSelection;
}

/** The options `sysd export` accepts for these formats (merge into the command's option specs). */
export const MERMAID_EXPORT_OPTIONS = [
    { name: 'view', value: true },
    { name: 'system', value: true },
    { name: 'direction', value: true },
    { name: 'include', value: true, repeatable: true },
    { name: 'exclude', value: true, repeatable: true },
    { name: 'mermaid-layout', value: true }
] as const;

/** Help lines for `sysd export --help`. */
export const MERMAID_EXPORT_HELP = `Mermaid and Markdown (--format mermaid|markdown):
  -o, --output <path>           a file; or a folder (existing, or ending in /): one output per
                                top-level .sysd file or folder of each path (x.sysd -> x.md / x.mmd)
  --view <name>                 one saga or flow as a sequence diagram instead of the flowchart
  --system <name>               only this system (and the systems inside it)
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
    const kinds = (values: string[] | undefined, option: string): ComponentKind[] | string => {
        const list = (values ?? []).flatMap(v => v.split(',')).map(v => v.trim()).filter(v => v !== '');
        const wrong = list.find(v => !(COMPONENT_KINDS as readonly string[]).includes(v));
        return wrong ? `Unknown component kind '${wrong}' in ${option} (kinds: ${COMPONENT_KINDS.join(', ')}).` : list as ComponentKind[];
    };
    if (args.format !== 'mermaid' && args.format !== 'markdown') return usage(`Unknown format '${String(args.format)}' for Mermaid export.`);
    if (args.direction !== undefined && args.direction !== 'LR' && args.direction !== 'TB') return usage(`--direction takes LR or TB, not '${String(args.direction)}'.`);
    if (args.mermaidLayout !== undefined && args.mermaidLayout !== 'elk') return usage(`--mermaid-layout takes elk, not '${String(args.mermaidLayout)}'.`);
    const includeKinds = kinds(args.include, '--include');
    if (typeof includeKinds === 'string') return usage(includeKinds);
    const excludeKinds = kinds(args.exclude, '--exclude');
    if (typeof excludeKinds === 'string') return usage(excludeKinds);
    if (args.output === '') return usage(`Option '--output' needs a path.`);

    const flowchart: FlowchartOptions = {
        direction: args.direction, system: args.system, includeKinds, excludeKinds, layout: args.mermaidLayout
    };
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

        let view: SequenceView | undefined;
        if (args.view !== undefined) {
            const found = findSequence(loaded.model, args.view);
            if (typeof found === 'string') {
                io.stderr(`sysd: ${found}\n`);
                return EXIT_USAGE;
            }
            view = found;
        }

        let text: string;
        try {
            if (args.format === 'mermaid') {
                text = view ? view.text : buildMermaidFlowchart(loaded.model, loaded.findings, flowchart).text;
            } else {
                const pageFolder = job.target ? path.dirname(job.target) : io.cwd;
                text = toMarkdownPage(loaded.model, loaded.findings, {
                    title: view ? `${job.title}: ${view.kind} ${view.name}` : `Architecture: ${job.title}`,
                    intro: `Generated by \`sysd export --format markdown\` from ${[...new Set(loaded.displayByUri.values())].sort().map(f => `\`${f.replace(/`/g, "'")}\``).join(', ')}.`,
                    flowchart,
                    views: view ? [view] : undefined,
                    omitFlowchart: view !== undefined,
                    displayPath: uri => loaded.displayByUri.get(uri) ?? uriToDisplay(uri, io.cwd),
                    ruleLink: id => ruleLink(id, pageFolder)
                });
            }
        } catch (error) {
            // A --system that names no system (the only error the exporters raise).
            io.stderr(`sysd: ${(error as Error).message}\n`);
            return EXIT_USAGE;
        }

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
    const web = packageInfo().informationUri;
    if (/^https:\/\/github\.com\//.test(web)) return `${web.replace(/\.git$/, '').replace(/\/$/, '')}/blob/main/docs/rules/${ruleId}.md`;
    return undefined;
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
