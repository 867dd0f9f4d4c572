// Bundles the VS Code client, the language server and the CLI into out/ (CommonJS, Node).
import * as esbuild from 'esbuild';
import { browserBuildOptions } from './scripts/build-browser.mjs';
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
    // SYSD_SKIP_GRAMMAR_CHECKS: the bundles skip Chevrotain's grammar validations at start-up; the tests,
    // which run the sources, keep them (language/src/sysd-module.ts).
    define: { 'import.meta.url': 'importMetaUrl', SYSD_SKIP_GRAMMAR_CHECKS: 'true' },
    inject: ['./scripts/import-meta-url.js'],
    // package.json says "type": "module"; the bundles are CommonJS, so they get the .cjs extension.
    outExtension: { '.js': '.cjs' }
};

/**
 * cli/src/run.ts loads each command with `import('./<name>-command.js')`. In the bundle that becomes
 * `require('./<name>.cjs')`, the command's own bundle next to out/cli/main.cjs: a plain require, since
 * a dynamic import of CommonJS would have Node scan the whole bundle for its exports first.
 */
const CLI_COMMANDS = { './check-command.js': './check.cjs', './export-command.js': './export.cjs', './explain-command.js': './explain.cjs', './analyze-command.js': './analyze.cjs' };
/** @type {import('esbuild').Plugin} */
const cliCommandBundles = {
    name: 'sysd-cli-commands',
    setup(build) {
        build.onResolve({ filter: /^\.\/[a-z]+-command\.js$/ }, args =>
            args.kind === 'dynamic-import' && args.path in CLI_COMMANDS ? { path: CLI_COMMANDS[args.path], namespace: 'sysd-cli-command' } : undefined);
        build.onLoad({ filter: /.*/, namespace: 'sysd-cli-command' }, args => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
        build.onResolve({ filter: /\.cjs$/, namespace: 'sysd-cli-command' }, args => ({ path: args.path, external: true }));
    }
};

const builds = [
    { ...common, entryPoints: { 'client/extension': 'client/src/extension.ts' }, outdir: 'out', external: ['vscode'] },
    { ...common, entryPoints: { 'server/main': 'server/src/main.ts' }, outdir: 'out' },
    // The CLI: a small entry (out/cli/main.cjs: arguments, help, version) that loads the bundle of the
    // command it runs, so `sysd check` never compiles the diagram code, ELK, resvg or marked.
    { ...common, entryPoints: { 'cli/main': 'cli/src/main.ts' }, outdir: 'out', plugins: [cliCommandBundles] },
    // check and rules: the language and lint engine.
    { ...common, entryPoints: { 'cli/check': 'cli/src/check-command.ts' }, outdir: 'out' },
    // export: the diagram, ELK and PNG. resvg's native binary stays a runtime dependency next to out/.
    { ...common, entryPoints: { 'cli/export': 'cli/src/export-command.ts' }, outdir: 'out', external: ['@resvg/resvg-js'] },
    // explain: marked-terminal imports a syntax highlighter and an emoji table that sysd turns off:
    // stand-ins keep 2 MB of code that never runs out of the bundle.
    {
        ...common, entryPoints: { 'cli/explain': 'cli/src/explain-command.ts' }, outdir: 'out',
        alias: { 'cli-highlight': './scripts/stubs/cli-highlight.mjs', 'node-emoji': './scripts/stubs/node-emoji.mjs' }
    },
    // analyze: the language and the what-if analysis.
    { ...common, entryPoints: { 'cli/analyze': 'cli/src/analyze-command.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'bench/bench': 'scripts/bench.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'bench/diagram': 'scripts/bench-diagram.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'fuzz/fuzz': 'scripts/fuzz.ts' }, outdir: 'out' },
    // The preview's browser side: the webview app, its layout worker and styles.
    ...webviewBuildOptions({ production }),
    // The web extension: the language server in a Web Worker and the browser client.
    ...browserBuildOptions({ production })
];

if (watch) {
    const contexts = await Promise.all(builds.map(options => esbuild.context(options)));
    await Promise.all(contexts.map(context => context.watch()));
    console.log('[watch] build started; watching for changes');
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
