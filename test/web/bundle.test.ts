/**
 * The web extension's bundles (the worker server and the browser client) contain no Node: esbuild
 * builds them for the browser with the browser twins swapped in (scripts/build-browser.mjs), and the
 * metafile shows every module they import.
 */
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { describe, expect, test } from 'vitest';
import { browserBuildOptions } from '../../scripts/build-browser.mjs';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);

async function build(index: number) {
    const options = browserBuildOptions()[index];
    const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
    const metafile = result.metafile;
    const inputs = Object.keys(metafile.inputs);
    const imports = Object.values(metafile.inputs).flatMap(input => input.imports.map(entry => entry.path));
    const text = result.outputFiles.find(file => file.path.endsWith('.js'))!.text;
    return { inputs, imports, text };
}

describe('browser bundles', () => {
    test('the worker server bundles no Node built-in and reads configuration files through the twin', async () => {
        const { inputs, imports, text } = await build(0);
        expect(imports.filter(path => NODE_BUILTINS.has(path))).toEqual([]);
        expect(inputs).toContain('language/src/host/browser/config-file.ts');
        expect(inputs).not.toContain('language/src/lint/config-file.ts');
        expect(inputs.filter(path => /vscode-languageserver\/lib\/node|langium\/lib\/node/.test(path))).toEqual([]);
        // No require() of fs, path or child_process survives (lodash's guarded `require("util")` probe is no import).
        expect(text).not.toMatch(/require\(["'](?:node:)?(?:fs|path|child_process|url|os)["']\)/);
        expect(text).not.toMatch(/from ["']node:/);
    }, 60_000);

    test('the browser client bundles no Node built-in, no language code, and only `vscode` stays external', async () => {
        const { inputs, imports, text } = await build(1);
        expect(inputs.filter(path => /^(language|diagram)\/|node_modules\/(langium|chevrotain|elkjs)\//.test(path))).toEqual([]);
        expect(imports.filter(path => NODE_BUILTINS.has(path))).toEqual([]);
        const required = new Set([...text.matchAll(/require\(["']([^"']+)["']\)/g)].map(match => match[1]));
        expect([...required]).toEqual(['vscode']);
    }, 60_000);
});
