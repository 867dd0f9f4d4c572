import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';

// The browser build replaces this file with language/src/host/browser/config-file.ts (esbuild.mjs,
// `browserTwins`): the same exports, reading the configuration files the client sends.

import { CONFIG_FILE_NAMES, type LoadedConfigFile } from './config-file-shape.js';

export { CONFIG_FILE_NAMES, type LoadedConfigFile };

/** The folder whose configuration file applies to the document `uri` (searched upward), if it has one on disk. */
export function configDirOf(uri: string): string | undefined {
    return uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : undefined;
}

/** The URI of a configuration problem's source (a file path, or a setting's name, which has none). */
export function configFileUri(source: string): string | undefined {
    return path.isAbsolute(source) ? URI.file(source).toString() : undefined;
}

/**
 * Finds the nearest `sysd.config.json` or `.sysdrc.json` in `dir` or its ancestors. Only regular files
 * (or links to them) count: a folder, FIFO or device of that name is passed over, since reading a FIFO
 * would wait forever for a writer.
 */
export function findConfigFile(dir: string): string | undefined {
    let current = path.resolve(dir);
    for (;;) {
        for (const name of CONFIG_FILE_NAMES) {
            const candidate = path.join(current, name);
            if (isRegularFile(candidate)) return candidate;
        }
        const parent = path.dirname(current);
        if (parent === current) return undefined;
        current = parent;
    }
}

function isRegularFile(file: string): boolean {
    try {
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

export function loadConfigFile(file: string): LoadedConfigFile {
    let text: string;
    try {
        // Checked before reading: a FIFO would block the read until something writes to it.
        if (!fs.statSync(file).isFile()) return { path: file, error: `cannot read ${file}: it is not a regular file` };
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        return { path: file, error: `cannot read ${file}: ${(error as Error).message}` };
    }
    try {
        const config = JSON.parse(text) as unknown;
        if (typeof config !== 'object' || config === null || Array.isArray(config)) {
            return { path: file, error: `${file}: the configuration must be a JSON object with a "rules" object.` };
        }
        return { path: file, config };
    } catch (error) {
        return { path: file, error: `${file} is not valid JSON: ${(error as Error).message}` };
    }
}
