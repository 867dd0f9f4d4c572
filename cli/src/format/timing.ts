/**
 * The per-rule timing table `TIMING=1 sysd check` prints, in the shape ESLint's `TIMING` prints:
 * the slowest rules first, their total time in milliseconds and their share of all rules' time.
 */

/** How many rules the table lists for a value of `TIMING`: a positive number, `all`, or 10 for anything else set. */
export function timingLimit(value: string | undefined): number | undefined {
    if (value === undefined || value === '' || value === '0' || value.toLowerCase() === 'false') return undefined;
    if (value.toLowerCase() === 'all') return Number.POSITIVE_INFINITY;
    const count = Number(value);
    return Number.isInteger(count) && count > 0 ? count : 10;
}

/** A Markdown-style table of the `limit` slowest rules of `times` (milliseconds by rule id). */
export function formatTiming(times: ReadonlyMap<string, number>, limit: number): string {
    const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
    const rows = [...times].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit)
        .map(([rule, ms]) => [rule, ms.toFixed(3), `${total > 0 ? ((ms / total) * 100).toFixed(1) : '0.0'}%`]);
    const header = ['Rule', 'Time (ms)', 'Relative'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
    // `:---|---:|---:` under `Rule | Time (ms) | Relative`, each segment as wide as its column with its spaces.
    const last = widths.length - 1;
    const rule = widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width)}` : `${'-'.repeat(column === last ? width : width + 1)}:`)).join('|');
    return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}
