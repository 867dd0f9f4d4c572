// Bundles the VS Code client, the language server and the CLI into out/ (CommonJS, Node).
import * as esbuild from 'esbuild';
import { webviewBuildOptions } from './scripts/build-webview.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node 20 lacks Object.groupBy / Map.groupBy, which chevrotain 12+ uses; the bundles bring their own. */
const polyfill = `if (typeof Object.groupBy !== 'function') { Object.groupBy = function (items, key) { const r = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (r[k] ??= []).push(item); } return r; }; }
if (typeof Map.groupBy !== 'function') { Map.groupBy = function (items, key) { const r = new Map(); let i = 0; for (const item of items) { const k = key(item, i++); if (!r.has(k)) r.set(k, []); r.get(k).push(item); } return r; }; }`;

/** @type {import('esbuild').BuildOptions} */
const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    banner: { js: polyfill },
    // import.meta.url is used by ESM sources to find files next to them; map it for CJS bundles.
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: ['./scripts/import-meta-url.js'],
    // package.json says "type": "module"; the bundles are CommonJS, so they get the .cjs extension.
    outExtension: { '.js': '.cjs' }
};

const builds = [
    { ...common, entryPoints: { 'client/extension': 'client/src/extension.ts' }, outdir: 'out', external: ['vscode'] },
    { ...common, entryPoints: { 'server/main': 'server/src/main.ts' }, outdir: 'out' },
    // PNG export uses resvg's native binary: it stays a runtime dependency next to out/.
    // marked-terminal (sysd explain) imports a syntax highlighter and an emoji table that sysd turns
    // off: stand-ins keep 2 MB of code that never runs out of the CLI bundle.
    {
        ...common, entryPoints: { 'cli/main': 'cli/src/main.ts' }, outdir: 'out', external: ['@resvg/resvg-js'],
        alias: { 'cli-highlight': './scripts/stubs/cli-highlight.mjs', 'node-emoji': './scripts/stubs/node-emoji.mjs' }
    },
    { ...common, entryPoints: { 'bench/bench': 'scripts/bench.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'bench/diagram': 'scripts/bench-diagram.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'fuzz/fuzz': 'scripts/fuzz.ts' }, outdir: 'out' },
    // The preview's browser side: the webview app, its layout worker and styles.
    ...webviewBuildOptions({ production })
];

if (watch) {
    const contexts = await Promise.all(builds.map(options => esbuild.context(options)));
    await Promise.all(contexts.map(context => context.watch()));
    console.log('[watch] build started; watching for changes');
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
