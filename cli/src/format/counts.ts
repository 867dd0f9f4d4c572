import type { FileReport } from '../workspace.js';

export interface Counts {
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
}

export function countDiagnostics(files: readonly FileReport[]): Counts {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const file of files) {
        for (const diagnostic of file.diagnostics) {
            if (diagnostic.severity === 'error') counts.errors++;
            else if (diagnostic.severity === 'warning') counts.warnings++;
            else if (diagnostic.severity === 'info') counts.infos++;
            else counts.hints++;
        }
    }
    return counts;
}

export function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
