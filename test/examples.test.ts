import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from './helpers.js';

const root = new URL('../examples/', import.meta.url).pathname;

/** Each top-level file is a workspace of its own; each folder is one workspace of all its files. */
function exampleWorkspaces(): { name: string; files: Record<string, string> }[] {
    return readdirSync(root).sort().flatMap(entry => {
        const path = join(root, entry);
        if (statSync(path).isDirectory()) {
            const files: Record<string, string> = {};
            for (const file of readdirSync(path).filter(f => f.endsWith('.sysd')).sort()) files[file] = readFileSync(join(path, file), 'utf8');
            return [{ name: entry, files }];
        }
        return entry.endsWith('.sysd') ? [{ name: entry, files: { [entry]: readFileSync(path, 'utf8') } }] : [];
    });
}

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
    const workspaces = exampleWorkspaces();

    it('has at least six examples, some split over several files', () => {
        expect(workspaces.length).toBeGreaterThanOrEqual(6);
        expect(workspaces.some(w => Object.keys(w.files).length > 1)).toBe(true);
    });

    for (const example of workspaces) {
        it(`${example.name} has no errors and exactly the findings its comments promise`, async () => {
            const base = example.name.endsWith('.sysd') ? root : join(root, example.name);
            const { diagnostics } = await workspace(Object.fromEntries(Object.entries(example.files).map(([f, t]) => [join(base, f), t])));
            for (const [file, text] of Object.entries(example.files)) {
                const all = diagnostics(join(base, file));
                const nonLint = all.filter(d => !(d.data as { ruleId?: string } | undefined)?.ruleId);
                expect(nonLint.map(d => `${d.range.start.line + 1}: ${d.message}`), `${file}: syntax, reference or model problems`).toEqual([]);
                const found = all.map(d => `${d.range.start.line + 1} ${d.code}`).sort();
                expect(found, `${file}: findings (line rule)`).toEqual(promisedFindings(text));
            }
        });
    }
});
