// Bundles the diagram webview for the browser: out/webview/main.js (the page), out/webview/
// layout-worker.js (ELK in a Web Worker) and out/webview/main.css. IIFE bundles, no Node built-ins.
//
//   node scripts/build-webview.mjs [--watch] [--production]
//
// esbuild.mjs includes webviewBuildOptions() in its own list of builds (so `--watch` covers them).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild options of the webview bundles; paths are absolute, so any working directory works. */
export function webviewBuildOptions({ production = false } = {}) {
    const outdir = path.join(root, 'out', 'webview');
    /** @type {import('esbuild').BuildOptions} */
    const browser = {
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: ['chrome114'],
        sourcemap: production ? false : 'linked',
        minify: production,
        logLevel: 'warning',
        absWorkingDir: root,
        outdir,
        // The diagram code must not reach for Node; fail the build if it does.
        external: []
    };
    return [
        { ...browser, entryPoints: { main: path.join(root, 'webview/src/main.ts') } },
        // ELK is 1.6 MB of generated code: no source map for the worker.
        { ...browser, entryPoints: { 'layout-worker': path.join(root, 'webview/src/layout-worker.ts') }, sourcemap: false },
        { ...browser, entryPoints: { main: path.join(root, 'webview/src/styles.css') }, sourcemap: false }
    ];
}

/** Builds the webview bundles once. */
export async function buildWebview(options = {}) {
    await Promise.all(webviewBuildOptions(options).map(config => esbuild.build(config)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const production = process.argv.includes('--production');
    if (process.argv.includes('--watch')) {
        const contexts = await Promise.all(webviewBuildOptions({ production }).map(config => esbuild.context(config)));
        await Promise.all(contexts.map(context => context.watch()));
        console.log('[watch] webview build started; watching for changes');
    } else {
        await buildWebview({ production });
    }
}
