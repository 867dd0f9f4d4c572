import type { DiagnosticSeverity } from 'vscode-languageserver';
import type { Severity } from '../lint/types.js';

/**
 * The one mapping between sysd's severities and LSP's `DiagnosticSeverity` numbers. Everything in sysd
 * speaks the strings; only the editor protocol (and Langium's own parse and link diagnostics) speaks
 * numbers, so conversions happen here and nowhere else.
 */
const TO_LSP: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };
const FROM_LSP: Record<DiagnosticSeverity, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
    return TO_LSP[severity];
}

/** LSP leaves the severity optional; a diagnostic without one counts as an error. */
export function fromLspSeverity(severity: number | undefined): Severity {
    return FROM_LSP[severity as DiagnosticSeverity] ?? 'error';
}
