import type { CliDiagnostic, FileReport } from '../workspace.js';
import { plural } from './counts.js';
import { inert } from './inert.js';

/**
 * ESLint's `compact` and `unix` formats: one line per problem, made for tools that read a line at a
 * time (editors' error lists, `grep`, VS Code's `$sysd-compact` / `$sysd-unix` problem matchers):
 *
 *   compact: `/abs/shop.sysd: line 2, col 46, Warning - A call ... timeout. (sync-call-without-timeout)`
 *   unix:    `/abs/shop.sysd:2:46: A call ... timeout. [Warning/sync-call-without-timeout]`
 *
 * then, when there are problems, a blank line and `N problem(s)`; nothing at all when there are
 * none (as in ESLint). The path is absolute, as in ESLint, so the line can be followed from any
 * folder (text read from standard input shows as `<stdin>` or its `--stdin-filename`). Positions are
 * 1-based; the severity is capitalised (`Error`, `Warning`, `Info`, `Hint`); a problem that is not a
 * lint finding has no rule. A message is one line: line breaks become spaces, and control characters
 * are shown escaped as in every other report.
 */
export function formatCompact(files: readonly FileReport[]): string {
    return formatLines(files, (file, d) =>
        `${file}: line ${d.range.start.line + 1}, col ${d.range.start.character + 1}, ${severityWord(d)} - ${oneLine(d.message)}${d.rule ? ` (${inert(d.rule)})` : ''}`);
}

export function formatUnix(files: readonly FileReport[]): string {
    return formatLines(files, (file, d) =>
        `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${oneLine(d.message)} [${severityWord(d)}${d.rule ? `/${inert(d.rule)}` : ''}]`);
}

function formatLines(files: readonly FileReport[], line: (file: string, d: CliDiagnostic) => string): string {
    let out = '';
    let total = 0;
    for (const file of files) {
        if (file.diagnostics.length === 0) continue;
        const shown = inert(file.stdin ? file.file : file.absolute);
        for (const d of file.diagnostics) {
            out += `${line(shown, d)}\n`;
            total++;
        }
    }
    return total > 0 ? `${out}\n${plural(total, 'problem')}\n` : '';
}

function severityWord(d: CliDiagnostic): string {
    return d.severity[0].toUpperCase() + d.severity.slice(1);
}

function oneLine(message: string): string {
    return inert(message.replace(/\s*\r?\n\s*/g, ' ')).trimEnd();
}
