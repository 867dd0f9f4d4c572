/**
 * "Did you mean": the words of a closed or open vocabulary closest to what was written. One module
 * for every place sysd suggests a word (unknown values, unknown statements, unresolved names, the
 * CLI's commands and `explain`), so they rank alike.
 */

/** Levenshtein distance, with a transposition of two adjacent letters counting as one edit (`calsl` → `calls`). */
export function editDistance(a: string, b: string): number {
    if (a === b) return 0;
    if (a.length === 0) return b.length;
    if (b.length === 0) return a.length;
    let before: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            let cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
            current[j] = cost;
        }
        before = previous;
        previous = current;
    }
    return previous[b.length];
}

/** The largest distance at which `word` still suggests a candidate: one edit for short words, a third of the letters for long ones. */
export function suggestionThreshold(word: string): number {
    return Math.max(1, Math.min(3, Math.floor(word.length / 3)));
}

/**
 * The candidates close to `word`, best first (ties in the candidates' order): case-insensitive edit
 * distance within `suggestionThreshold`, and a candidate that starts with the word or contains it
 * (`ttl` → `volatile-ttl`) ranks as one edit. At most `limit`.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
    const needle = word.toLowerCase();
    if (needle.length === 0) return [];
    const threshold = suggestionThreshold(needle);
    const scored: Array<{ candidate: string; score: number; order: number }> = [];
    let order = 0;
    const seen = new Set<string>();
    for (const candidate of candidates) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const lower = candidate.toLowerCase();
        if (lower === needle) {
            scored.push({ candidate, score: 0, order: order++ });
            continue;
        }
        // A length gap larger than the threshold can never be within it: skip the quadratic distance.
        let score = Math.abs(lower.length - needle.length) > threshold ? Infinity : editDistance(needle, lower);
        if (needle.length >= 3 && lower.includes(needle)) score = Math.min(score, 1);
        if (score <= threshold) scored.push({ candidate, score, order: order++ });
        else order++;
    }
    return scored.sort((a, b) => a.score - b.score || a.order - b.order).slice(0, limit).map(s => s.candidate);
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`: suggestions as a message phrase. */
export function quotedAlternatives(words: readonly string[]): string {
    const quoted = words.map(w => `'${w}'`);
    if (quoted.length <= 1) return quoted.join('');
    return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** `"; did you mean 'lru'?"`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, limit = 3): string {
    const found = closest(word, candidates, limit);
    return found.length > 0 ? `; did you mean ${quotedAlternatives(found)}?` : '';
}
