/**
 * The extension's boundaries: its sources reach other sysd code only through `@sysd/protocol`, and
 * its bundle carries no language, diagram or Langium code (the extension host loads it on
 * activation; it should stay small and start fast).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const clientSrc = path.join(root, 'client/src');

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
    return [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(match => match[1]);
}

/** What a client file may import besides other files of the client. */
function allowedPackage(specifier: string): boolean {
    return specifier === '@sysd/protocol'
        || specifier === 'vscode'
        || specifier === 'vscode-languageclient' || specifier === 'vscode-languageclient/node'
        // The web extension's entry (client/src/browser.ts) starts the server in a Web Worker.
        || specifier === 'vscode-languageclient/browser'
        || specifier === 'markdown-it'
        || specifier.startsWith('node:');
}

describe('client boundaries', () => {
    const files = readdirSync(clientSrc, { recursive: true })
        .filter((file): file is string => typeof file === 'string' && file.endsWith('.ts'))
        .map(file => path.join(clientSrc, file));

    test('every client file imports sysd code only from @sysd/protocol', () => {
        expect(files.length).toBeGreaterThan(5);
        const problems: string[] = [];
        for (const file of files) {
            for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
                const name = path.relative(root, file);
                if (specifier.startsWith('.')) {
                    const target = path.resolve(path.dirname(file), specifier);
                    if (!target.startsWith(clientSrc + path.sep)) problems.push(`${name}: ${specifier} leaves client/src`);
                } else if (!allowedPackage(specifier)) {
                    problems.push(`${name}: ${specifier}`);
                }
            }
        }
        expect(problems).toEqual([]);
    });

    test('the preview code finds its data types in the protocol', () => {
        for (const file of ['preview/element-at.ts', 'preview/preview-panel.ts']) {
            expect(specifiers(readFileSync(path.join(clientSrc, file), 'utf8')), file).toContain('@sysd/protocol');
        }
    });

    test('the client bundle holds the protocol but no language, diagram or Langium code', async () => {
        // The same entry and externals as esbuild.mjs, analysed in memory.
        const result = await build({
            absWorkingDir: root,
            entryPoints: ['client/src/extension.ts'],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            external: ['vscode'],
            write: false,
            metafile: true,
            logLevel: 'silent'
        });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.some(input => input.startsWith('protocol/src/'))).toBe(true);
        const foreign = inputs.filter(input => /^(language|diagram|server|webview|cli)\//.test(input)
            || /node_modules\/(langium|chevrotain|elkjs|vscode-languageserver\/)/.test(input));
        expect(foreign).toEqual([]);
    });
});
