import type { BuildOptions } from 'esbuild';

export interface WebviewBuildFlags {
    production?: boolean;
}

export function webviewBuildOptions(flags?: WebviewBuildFlags): BuildOptions[];
export function buildWebview(flags?: WebviewBuildFlags): Promise<void>;
