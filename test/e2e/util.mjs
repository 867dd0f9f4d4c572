// Small helpers shared by the end-to-end scenarios.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rule ids an example announces with `// expect <rule-id>` comments (what `sysd check` reports on it). */
export function expectedFindings(examplesDir, relative) {
    const text = readFileSync(join(examplesDir, relative), 'utf8');
    return [...text.matchAll(/\/\/\s*expect\s+([a-z0-9]+(?:-[a-z0-9]+)*)/g)].map(match => match[1]);
}

export function lines(examplesDir, relative) {
    return readFileSync(join(examplesDir, relative), 'utf8').split('\n');
}

export function assert(condition, message) {
    if (!condition) throw new Error(message);
}

/** The Problems row of a `ruleId` finding in `file` (rows as Workbench.problemRows gives them). */
export function rowFor(rows, file, ruleId) {
    // The code column reads "sysd(rule-id)"; the parentheses are drawn by CSS, so the text has "sysdrule-id".
    return rows.find(row => row.startsWith(`${file} > `) && row.includes(`sysd${ruleId}`) && /\[Ln \d+, Col \d+\]/.test(row));
}
