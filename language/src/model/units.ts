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
