const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `2s`, `1.5m`, `7d` to milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
    if (!match) return undefined;
    return Number(match[1]) * UNIT_MS[match[2]];
}

/** The shortest readable spelling of a duration in milliseconds. */
export function formatDuration(ms: number): string {
    for (const unit of ['d', 'h', 'm', 's'] as const) {
        const value = ms / UNIT_MS[unit];
        if (value >= 1 && Number.isInteger(value)) return `${value}${unit}`;
    }
    return `${ms}ms`;
}

/** The percentiles completion and "did you mean" offer after `latency`. */
export const PERCENTILE_WORDS: readonly string[] = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'p99.99', 'avg'];

/**
 * A percentile as the model keeps it (`P99` -> `p99`, `p99.9`; `avg`, `mean` and `average` -> `avg`),
 * or undefined when the word is none: `p` and a number above 0 and below 100.
 */
export function parsePercentile(written: string): string | undefined {
    const word = written.trim().toLowerCase();
    if (word === 'avg' || word === 'mean' || word === 'average') return 'avg';
    const match = /^p(\d{1,2}(?:\.\d+)?)$/.exec(word);
    return match && Number(match[1]) > 0 ? word : undefined;
}

/** The rank of a percentile for ordering (`p99.9` -> 99.9); undefined for `avg`. */
export function percentileRank(percentile: string): number | undefined {
    const match = /^p(\d{1,2}(?:\.\d+)?)$/.exec(percentile);
    return match ? Number(match[1]) : undefined;
}
