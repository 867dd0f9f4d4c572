import { describe, expect, it } from 'vitest';
import { diagnosticText, exampleWorkspaces, workspace } from './helpers.js';

/**
 * `// expect <rule-id>: why` promises a finding of that rule on the first code line below the
 * comment (other comment lines may sit in between).
 */
function promisedFindings(text: string): string[] {
    const lines = text.split('\n');
    const promised: string[] = [];
    lines.forEach((line, index) => {
        const match = /^\s*\/\/\s*expect\s+([a-z0-9-]+)\s*:/.exec(line);
        if (!match) return;
        let target = index + 1;
        while (target < lines.length && /^\s*(\/\/|\/\*|\*)/.test(lines[target])) target++;
        promised.push(`${target + 1} ${match[1]}`);
    });
    return promised.sort();
}

describe('examples', () => {
    // By absolute path: a folder's sysd.config.json applies, as it does for a user.
    const workspaces = exampleWorkspaces({ absolutePaths: true });

    it('has at least six examples, some split over several files', () => {
        expect(workspaces.length).toBeGreaterThanOrEqual(6);
        expect(workspaces.some(w => Object.keys(w.files).length > 1)).toBe(true);
    });

    for (const example of workspaces) {
        it(`${example.name} has no errors and exactly the findings its comments promise`, async () => {
            const { diagnostics } = await workspace(example.files);
            for (const [file, text] of Object.entries(example.files)) {
                const all = diagnostics(file);
                const nonLint = all.filter(d => !(d.data as { ruleId?: string } | undefined)?.ruleId);
                expect(nonLint.map(d => `${d.range.start.line + 1}: ${diagnosticText(d)}`), `${file}: syntax, reference or model problems`).toEqual([]);
                const found = all.map(d => `${d.range.start.line + 1} ${d.code}`).sort();
                expect(found, `${file}: findings (line rule)`).toEqual(promisedFindings(text));
            }
        });
    }
});
