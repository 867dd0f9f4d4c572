/** How the analysis writes its numbers: enough digits to see the nines, no float noise. */

/** Digits after the point: every leading 9 (or 0 for small values) plus four, at most 12. */
function digitsFor(value: number): number {
    if (value <= 0 || value >= 1) return 0;
    const nines = Math.max(0, Math.floor(-Math.log10(1 - value)));
    const zeros = Math.max(0, Math.floor(-Math.log10(value)));
    return Math.min(12, Math.max(nines, zeros) + 4);
}

function trim(text: string): string {
    return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A probability: `0.999999875`, `0.995`, `1`, `0`. */
export function prob(value: number): string {
    if (value >= 1) return '1';
    if (value <= 0) return '0';
    return trim(value.toFixed(digitsFor(value)));
}

/** A probability as a percentage: `99.9999875%`. */
export function percent(value: number): string {
    if (value >= 1) return '100%';
    if (value <= 0) return '0%';
    return `${trim((value * 100).toFixed(Math.max(0, digitsFor(value) - 2)))}%`;
}

/** Milliseconds with a thousands separator: `1,800 ms`. */
export function ms(value: number): string {
    const rounded = Math.round(value * 10) / 10;
    return `${rounded.toLocaleString('en-US')} ms`;
}

/** A duration for sentences: `250 ms`, `30 s`, `5 min`, `1.5 h`. */
export function duration(value: number): string {
    const round = (x: number) => `${Math.round(x * 100) / 100}`;
    if (value < 1000) return `${round(value)} ms`;
    if (value < 60_000) return `${round(value / 1000)} s`;
    if (value < 3_600_000) return `${round(value / 60_000)} min`;
    return `${round(value / 3_600_000)} h`;
}

/** The last segment of a qualified name, for short messages (`Shop.Orders` → `Orders`). */
export function short(id: string): string {
    const at = id.lastIndexOf('.');
    return at < 0 ? id : id.slice(at + 1);
}
