// Bundles the web extension for the browser (vscode.dev, github.dev) and shares its options with the
// playground (scripts/build-playground.mjs):
//   out/server/browser.js  the language server in a Web Worker (IIFE; LSP over postMessage)
//   out/client/browser.js  the extension's `browser` entry (CommonJS, as VS Code's web extension host loads it)
//
// esbuild.mjs includes browserBuildOptions() in its own list of builds (so `--watch` covers them).
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Node 20 lacks Object.groupBy / Map.groupBy, which chevrotain 12+ uses; Chrome has them since 117. */
const polyfill = `if (typeof Object.groupBy !== 'function') { Object.groupBy = function (items, key) { const r = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (r[k] ??= []).push(item); } return r; }; }
if (typeof Map.groupBy !== 'function') { Map.groupBy = function (items, key) { const r = new Map(); let i = 0; for (const item of items) { const k = key(item, i++); if (!r.has(k)) r.set(k, []); r.get(k).push(item); } return r; }; }`;

/**
 * The browser bundles replace the files that need Node with their browser twins, as a package.json
 * `browser` field would: the language's configuration files are found and read in what the client sends
 * (language/src/host/browser/config-file.ts), and the LSP connection is the browser's. Any other Node
 * built-in fails the build (platform browser, nothing external but `vscode`).
 * @type {import('esbuild').Plugin}
 */
export const browserTwins = {
    name: 'sysd-browser-twins',
    setup(build) {
        const languageSrc = path.join(root, 'language', 'src') + path.sep;
        const configFileTwin = path.join(root, 'language/src/host/browser/config-file.ts');
        build.onResolve({ filter: /(^|\/)lint\/config-file\.js$/ }, args =>
            args.importer.startsWith(languageSrc) ? { path: configFileTwin } : undefined);
        build.onResolve({ filter: /^vscode-languageserver\/node$/ }, () =>
            ({ path: path.join(root, 'node_modules/vscode-languageserver/lib/browser/main.js') }));
    }
};

/** The options every browser bundle of sysd's language code shares. */
export function browserCommon({ production = false } = {}) {
    /** @type {import('esbuild').BuildOptions} */
    const options = {
        bundle: true,
        platform: 'browser',
        target: ['chrome114'],
        sourcemap: !production,
        minify: production,
        logLevel: 'warning',
        absWorkingDir: root,
        banner: { js: polyfill },
        // The bundles skip Chevrotain's grammar validations at start-up, as the Node bundles do (language/src/sysd-module.ts).
        define: { SYSD_SKIP_GRAMMAR_CHECKS: 'true' },
        plugins: [browserTwins]
    };
    return options;
}

/** The esbuild options of the web extension's bundles. */
export function browserBuildOptions({ production = false } = {}) {
    const common = browserCommon({ production });
    const outdir = path.join(root, 'out');
    return [
        { ...common, format: 'iife', entryPoints: { 'server/browser': path.join(root, 'server/src/browser-main.ts') }, outdir },
        { ...common, format: 'cjs', entryPoints: { 'client/browser': path.join(root, 'client/src/browser.ts') }, outdir, external: ['vscode'] }
    ];
}
