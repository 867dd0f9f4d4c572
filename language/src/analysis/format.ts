/**
 * The analysis as text: a plain table for terminals, Markdown for pages and hovers, and the one-line
 * summary a CodeLens shows. Every renderer reads the same `AnalysisResult`.
 */
import { duration, ms, short } from './numbers.js';
import type { AnalysisResult, FailureTarget, PathReport } from './types.js';

const STATUS_WORD = { up: 'up', degraded: 'degraded', down: 'DOWN' } as const;

export function describeFailure(target: FailureTarget): string {
    switch (target.kind) {
        case 'component': return target.id;
        case 'instances': return `${target.count} instance${target.count === 1 ? '' : 's'} of ${target.id}`;
        case 'zone': return `zone ${target.id}`;
        case 'region': return `region ${target.id}`;
    }
}

/** `availability 99.93% ✖ 99.95% · p99 budget 420 / 300 ms`: what a CodeLens on a flow or SLO says. */
export function summaryLine(report: PathReport): string {
    const parts: string[] = [];
    if (report.status !== 'up') parts.push(report.status === 'down' ? 'down' : 'degraded');
    const target = report.objective?.availability;
    const mark = target ? (target.verdict === 'met' ? ' ✔ ' : target.verdict === 'unmet' ? ' ✖ ' : ' ⚠ ') : '';
    parts.push(`availability ${report.availability.percent}${target ? `${mark}${target.target}%` : ''}`);
    const latencies = report.objective?.latencies ?? [];
    if (latencies.length > 0) {
        for (const l of latencies) {
            const budget = l.budgetMs === undefined ? '∞' : `${Math.round(l.budgetMs)}`;
            const worst = l.basis === 'stated' && report.latency.worstMs !== l.budgetMs
                ? ` (worst ${report.latency.worstMs === undefined ? '∞' : ms(report.latency.worstMs)})` : '';
            parts.push(`${l.percentile} budget ${budget} / ${Math.round(l.targetMs)} ms${worst}`);
        }
    } else {
        for (const b of report.latency.budgets) parts.push(`${b.percentile} ${b.ms === undefined ? '∞' : ms(b.ms)}`);
        if (report.latency.worstMs !== undefined && report.latency.worstMs > 0) parts.push(`worst case ${ms(report.latency.worstMs)}`);
    }
    if (report.retryAmplification.factor === null || report.retryAmplification.factor > 1) {
        parts.push(`retries ×${report.retryAmplification.factor ?? '∞'}`);
    }
    return parts.join(' · ');
}

function pathLine(report: PathReport): string {
    return report.path.map(short).join(' → ') || '(no path)';
}

/** One path's explanation, as lines (shared by the table and Markdown renderers). */
function explain(report: PathReport, bullet: string, code: (s: string) => string): string[] {
    const lines: string[] = [];
    lines.push(`${bullet}path: ${code(pathLine(report))}`);
    for (const c of report.consequences) {
        const chain = c.chain.length > 1 ? ` (via ${c.chain.map(short).join(' → ')})` : '';
        const outage = c.outageMs === undefined ? '' : ` (for ${duration(c.outageMs)}, then recovers)`;
        lines.push(`${bullet}${c.status}${outage} at step ${c.step + 1} ${short(c.stepComponent)}${chain}: ${c.why}`);
    }
    if (report.moreConsequences > 0) lines.push(`${bullet}... and ${report.moreConsequences} more component${report.moreConsequences === 1 ? '' : 's'} ${report.consequences.some(c => c.status === 'degraded') ? 'degraded' : 'down'} on this path`);
    lines.push(`${bullet}availability ${report.availability.percent} = ${report.availability.formula}`);
    for (const term of report.availability.terms) lines.push(`  ${bullet}${term.working}${term.source === 'default' ? ' [default]' : term.source === 'technology' ? ' [technology]' : ''}`);
    const target = report.objective?.availability;
    if (target) lines.push(`${bullet}objective ${target.target}%: ${target.verdict} (${target.why})`);
    lines.push(`${bullet}latency: ${report.latency.working}`);
    for (const b of report.latency.budgets) lines.push(`${bullet}latency ${b.percentile}${b.complete ? '' : ' (worst case where none is stated)'}: ${b.working}`);
    for (const l of report.objective?.latencies ?? []) lines.push(`${bullet}objective ${l.percentile} ${ms(l.targetMs)}: ${l.verdict} (${l.why})`);
    if (report.retryAmplification.factor !== 1) lines.push(`${bullet}retries: ${report.retryAmplification.working}`);
    return lines;
}

function section(result: AnalysisResult): { title: string; reports: PathReport[] }[] {
    return [{ title: 'Flows', reports: result.flows }, { title: 'SLOs', reports: result.slos }].filter(s => s.reports.length > 0);
}

/** Plain text for a terminal: a summary table, then each path explained. */
export function formatTable(result: AnalysisResult): string {
    const out: string[] = [];
    out.push(result.failures.length === 0 ? 'What if: nothing fails (the model as declared)' : `What if: ${result.failures.map(describeFailure).join(', ')} fail${result.failures.length === 1 ? 's' : ''}`);
    out.push('');
    const rows = [['kind', 'name', 'status', 'availability', 'objective', 'worst latency'], ...[...result.flows, ...result.slos].map(r => [
        r.kind, short(r.id), STATUS_WORD[r.status], r.availability.percent,
        r.objective?.availability ? `${r.objective.availability.target}% ${r.objective.availability.verdict}` : '-',
        r.latency.worstMs === undefined ? 'unbounded' : ms(r.latency.worstMs)
    ])];
    if (rows.length === 1) out.push('The model declares no flow and no SLO: add `flow Name { path A -> B }` or `slo Name { path ...; availability 99.9% }`.');
    else {
        const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
        for (const [i, row] of rows.entries()) {
            out.push(row.map((cell, j) => cell.padEnd(widths[j])).join('  ').trimEnd());
            if (i === 0) out.push(widths.map(w => '-'.repeat(w)).join('  '));
        }
    }
    for (const { reports } of section(result)) {
        for (const report of reports) {
            out.push('', `${report.kind} ${report.id}: ${STATUS_WORD[report.status]}`);
            out.push(...explain(report, '  ', s => s));
        }
    }
    appendModelWide(out, result, '', s => s);
    return `${out.join('\n')}\n`;
}

function appendModelWide(out: string[], result: AnalysisResult, heading: string, code: (s: string) => string): void {
    if (result.components.length > 0) {
        out.push('', `${heading}Components affected`);
        for (const c of result.components) out.push(`- ${code(c.id)}: ${c.status}: ${c.why.join('; ')}`);
    }
    if (result.timeouts.length > 0) {
        out.push('', `${heading}Timeout ordering`);
        for (const t of result.timeouts) out.push(`- ${t.working}`);
    }
    if (result.retries.length > 0) {
        out.push('', `${heading}Retry amplification`);
        for (const r of result.retries) out.push(`- ${r.working}`);
    }
    if (result.assumptions.length > 0) {
        out.push('', `${heading}Assumptions`);
        for (const a of result.assumptions) out.push(`- ${a}`);
    }
}

/** Backslash-escapes what Markdown would read as formatting in a name or a sentence. */
function md(text: string): string {
    return text.replace(/[\\`*_[\]<>|#]/g, c => `\\${c}`);
}

/** A Markdown page section ("Availability and failure analysis"); `level` is the heading level of its title. */
export function formatMarkdown(result: AnalysisResult, level = 2): string {
    const h = '#'.repeat(level);
    const out: string[] = [`${h} Availability and failure analysis`, ''];
    out.push(result.failures.length === 0 ? 'Nothing fails: the model as declared.' : `What if ${result.failures.map(f => md(describeFailure(f))).join(', ')} fail${result.failures.length === 1 ? 's' : ''}.`);
    const all = [...result.flows, ...result.slos];
    if (all.length > 0) {
        out.push('', '| kind | name | status | availability | objective | worst latency |', '| --- | --- | --- | --- | --- | --- |');
        for (const r of all) {
            const objective = r.objective?.availability ? `${r.objective.availability.target}% ${r.objective.availability.verdict}` : '–';
            out.push(`| ${r.kind} | ${md(short(r.id))} | ${r.status} | ${r.availability.percent} | ${objective} | ${r.latency.worstMs === undefined ? 'unbounded' : ms(r.latency.worstMs)} |`);
        }
    } else {
        out.push('', 'The model declares no flow and no SLO.');
    }
    for (const report of all) {
        out.push('', `${h}# ${report.kind === 'flow' ? 'Flow' : 'SLO'} ${md(report.name)}: ${report.status}`, '');
        out.push(...explain(report, '- ', s => `\`${s}\``).map(line => line.startsWith('  - ') ? `  - ${md(line.slice(4))}` : line.startsWith('- path: ') ? line : `- ${md(line.slice(2))}`));
    }
    appendModelWide(out, result, `${h}# `, s => `\`${s}\``);
    return `${out.join('\n')}\n`;
}

/** The Markdown of one path's arithmetic (for a hover). */
export function explainMarkdown(report: PathReport): string {
    return `**${report.kind} ${md(report.name)}**: ${md(summaryLine(report))}\n\n${explain(report, '- ', s => `\`${s}\``).map(line => line.startsWith('  - ') ? `  - ${md(line.slice(4))}` : line.startsWith('- path: ') ? line : `- ${md(line.slice(2))}`).join('\n')}\n`;
}
