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
}

export function formatJson(files: readonly FileReport[]): string {
    const entries: JsonFileEntry[] = files.map(file => ({
        file: file.file,
        diagnostics: file.diagnostics.map(d => ({ rule: d.rule, messageId: d.messageId, severity: d.severity, message: d.message, range: d.range }))
    }));
    return `${inertJson(JSON.stringify(entries, null, 2))}\n`;
}
