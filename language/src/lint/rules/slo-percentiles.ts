/** The percentile of an SLO latency key (`p99` -> 99, `p99.99` -> 99.99), or undefined for `avg`, `mean` and other words. */
export function percentileOf(key: string): number | undefined {
    const match = /^p(\d{1,2}(?:\.\d+)?)$/i.exec(key);
    return match ? Number(match[1]) : undefined;
}

/** Keys that state an average rather than a percentile. */
export const AVERAGE_KEYS = new Set(['avg', 'mean', 'average']);
