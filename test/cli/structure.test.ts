// The CLI's sources: one set of exit codes, and modules that import each other one way only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../cli/src/exit-codes.js';

const SRC = path.resolve(__dirname, '../../cli/src');

/** Every TypeScript source below cli/src, relative to it, with its text. */
function sources(): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of fs.readdirSync(SRC, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
        const absolute = path.join(entry.parentPath, entry.name);
        files.set(path.relative(SRC, absolute), fs.readFileSync(absolute, 'utf8'));
    }
    return files;
}

/** The sources a module imports or re-exports by relative path (type-only imports included). */
function localImports(file: string, text: string): string[] {
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm)].map(match => match[1]);
    return specifiers.map(specifier => path.join(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
}

describe('cli/src', () => {
    it('declares the exit codes once, with ESLint’s meanings, and exits with no bare number', () => {
        expect([EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE]).toEqual([0, 1, 2]);
        for (const [file, text] of sources()) {
            if (file === 'exit-codes.ts') continue;
            expect(text, file).not.toMatch(/\bconst EXIT_[A-Z_]+\s*=/);
            expect(text, file).not.toMatch(/exitCode\s*=\s*\d/);
            expect(text, file).not.toMatch(/process\.exit\(\s*\d/);
        }
    });

    it('has no import cycle', () => {
        const files = sources();
        const graph = new Map([...files].map(([file, text]) => [file, localImports(file, text).filter(target => files.has(target))]));
        expect(graph.get('run.ts')).toContain('explain-command.ts'); // the parser of this test finds imports
        const done = new Set<string>();
        const cycles: string[] = [];
        const visit = (file: string, stack: string[]) => {
            if (stack.includes(file)) {
                cycles.push([...stack.slice(stack.indexOf(file)), file].join(' -> '));
                return;
            }
            if (done.has(file)) return;
            for (const target of graph.get(file) ?? []) visit(target, [...stack, file]);
            done.add(file);
        };
        for (const file of graph.keys()) visit(file, []);
        expect(cycles).toEqual([]);
    });
});
