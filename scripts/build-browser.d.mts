import type { BuildOptions, Plugin } from 'esbuild';

export interface BrowserBuildFlags {
    production?: boolean;
}

export const browserTwins: Plugin;
export function browserCommon(flags?: BrowserBuildFlags): BuildOptions;
/** The web extension's bundles: [the worker server, the browser client]. */
export function browserBuildOptions(flags?: BrowserBuildFlags): BuildOptions[];
