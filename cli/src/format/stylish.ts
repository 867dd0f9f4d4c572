import type { FileReport } from '../workspace.js';
import type { Colors } from './colors.js';
import { countDiagnostics, plural } from './counts.js';

/**
 * Human-readable output in the manner of ESLint's `stylish`: the files with problems, one aligned
 * row per problem (`line:column  severity  message  rule`), and a summary line.
 */
export function formatStylish(files: readonly FileReport[], c: Colors): string {
    const rows: { file: string; cells: [string, string, string, string]; severity: string }[] = [];
    for (const file of files) {
        for (const d of file.diagnostics) {
            rows.push({
                file: file.file,
                severity: d.severity,
                cells: [`${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, d.message.replace(/\s*\r?\n\s*/g, ' '), d.rule ?? '']
            });
        }
    }
    const counts = countDiagnostics(files);
    const total = rows.length;
    if (total === 0) return `${c.green('✔')} No problems found in ${plural(files.length, 'file')}.\n`;

    const width = [0, 0, 0].map((_, i) => Math.max(...rows.map(row => row.cells[i].length)));
    const paint = (severity: string, text: string) =>
        severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
    let out = '';
    let current: string | undefined;
    for (const row of rows) {
        if (row.file !== current) {
            out += `${current === undefined ? '' : '\n'}${c.underline(row.file)}\n`;
            current = row.file;
        }
        const [position, severity, message, rule] = row.cells;
        const line = `  ${c.dim(position.padStart(width[0]))}  ${paint(row.severity, severity.padEnd(width[1]))}  ${rule ? message.padEnd(width[2]) : message}${rule ? `  ${c.dim(rule)}` : ''}`;
        out += `${line.trimEnd()}\n`;
    }
    const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.infos, 'info')];
    if (counts.hints > 0) parts.push(plural(counts.hints, 'hint'));
    const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
    out += `\n${c.bold(counts.errors > 0 ? c.red(summary) : counts.warnings > 0 ? c.yellow(summary) : summary)}\n`;
    return out;
}
