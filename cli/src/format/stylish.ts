import type { FileReport } from '../workspace.js';
import type { Colors } from './colors.js';
import { countDiagnostics, plural } from './counts.js';
import { inert } from './inert.js';

/**
 * Human-readable output in the manner of ESLint's `stylish`: the files with problems, one row per
 * problem (`line:column  severity  message  rule`), and a summary line. Only the two short columns are
 * padded, so the output grows with the number of problems, not with their count times the longest
 * message. File names, messages and rule ids are shown with their control characters escaped.
 */
export function formatStylish(files: readonly FileReport[], c: Colors): string {
    // Widths by a loop: spreading a hundred thousand rows into Math.max overflows the stack.
    let positionWidth = 0;
    let severityWidth = 0;
    let total = 0;
    for (const file of files) {
        for (const d of file.diagnostics) {
            positionWidth = Math.max(positionWidth, position(d.range.start).length);
            severityWidth = Math.max(severityWidth, d.severity.length);
            total++;
        }
    }
    const counts = countDiagnostics(files);
    if (total === 0) return `${c.green('✔')} No problems found in ${plural(files.length, 'file')}.\n`;

    const paint = (severity: string, text: string) =>
        severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
    const lines: string[] = [];
    for (const file of files) {
        if (file.diagnostics.length === 0) continue;
        if (lines.length > 0) lines.push('');
        lines.push(c.underline(inert(file.file)));
        for (const d of file.diagnostics) {
            const message = inert(d.message.replace(/\s*\r?\n\s*/g, ' ')).trimEnd();
            const rule = d.rule ? `  ${c.dim(inert(d.rule))}` : '';
            lines.push(`  ${c.dim(position(d.range.start).padStart(positionWidth))}  ${paint(d.severity, d.severity.padEnd(severityWidth))}  ${message}${rule}`);
        }
    }
    const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.infos, 'info')];
    if (counts.hints > 0) parts.push(plural(counts.hints, 'hint'));
    const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')}); ${plural(files.length, 'file')} checked`;
    return `${lines.join('\n')}\n\n${c.bold(counts.errors > 0 ? c.red(summary) : counts.warnings > 0 ? c.yellow(summary) : summary)}\n`;
}

function position(start: { line: number; character: number }): string {
    return `${start.line + 1}:${start.character + 1}`;
}
