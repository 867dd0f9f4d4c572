import type { FileReport } from '../workspace.js';
import { inertJson } from './inert.js';

/**
 * The `--format json` contract: one array, one entry per checked file, LSP (0-based) positions.
 * `rule` and `messageId` are null for syntax, reference and model errors.
 */
interface JsonFileEntry {
    file: string;
    diagnostics: {
        rule: string | null;
        messageId: string | null;
        severity: 'error' | 'warning' | 'info' | 'hint';
        message: string;
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
    /** With `--fix-dry-run`, for a named file: the fixes `--fix` would apply. */
    fixes?: { rule: string | null; code: string; title: string; range: JsonFileEntry['diagnostics'][number]['range'] }[];
    /** With `--fix-dry-run`: the fixed text, when fixing changes it (as ESLint's `output`). */
    output?: string;
    /** With `--fix-dry-run`: the file has syntax errors, so nothing would be fixed in it. */
    parseErrors?: boolean;
}

/** `withFixes` (`--fix-dry-run`) adds `fixes`, `output` and `parseErrors` to the entries of the named files. */
export function formatJson(files: readonly FileReport[], withFixes = false): string {
    const entries: JsonFileEntry[] = files.map(file => ({
        file: file.file,
        diagnostics: file.diagnostics.map(d => ({ rule: d.rule, messageId: d.messageId, severity: d.severity, message: d.message, range: d.range })),
        ...(withFixes && file.fix ? {
            fixes: file.fix.applied.map(fix => ({ rule: fix.rule, code: fix.code, title: fix.title, range: fix.range })),
            ...(file.fix.output !== undefined ? { output: file.fix.output } : {}),
            parseErrors: file.fix.parseErrors
        } : {})
    }));
    return `${inertJson(JSON.stringify(entries, null, 2))}\n`;
}
