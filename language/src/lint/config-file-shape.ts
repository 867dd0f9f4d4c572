import type { LintConfig } from './config.js';

// What the two twins of config-file.ts share: the Node one (lint/config-file.ts) and the browser one
// (host/browser/config-file.ts) that esbuild.mjs swaps in for the worker's bundle. No Node here.

export const CONFIG_FILE_NAMES = ['sysd.config.json', '.sysdrc.json'] as const;

export interface LoadedConfigFile {
    path: string;
    config?: LintConfig;
    /** Set when the file exists but cannot be read or parsed. */
    error?: string;
}
