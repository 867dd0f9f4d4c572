/**
 * The browser twin of `language/src/lint/config-file.ts` (same exports; esbuild.mjs swaps it in for the
 * worker's bundle): configuration files are found and read in the {@link browserConfigFiles} store
 * that the client fills, by URI instead of by path. No Node.
 */
import { URI, UriUtils } from 'langium';
import { browserConfigFiles, parentUri } from './config-store.js';

import { CONFIG_FILE_NAMES, type LoadedConfigFile } from '../../lint/config-file-shape.js';

export { CONFIG_FILE_NAMES, type LoadedConfigFile };

/** The folder (a URI) whose configuration file applies to the document `uri`. */
export function configDirOf(uri: string): string | undefined {
    return parentUri(uri);
}

/** A configuration problem's source is a file's URI here, or a setting's name (no URI). */
export function configFileUri(source: string): string | undefined {
    return browserConfigFiles.has(source) ? URI.parse(source).toString() : undefined;
}

/** Finds the nearest `sysd.config.json` or `.sysdrc.json` in the folder `dir` (a URI) or its ancestors. */
export function findConfigFile(dir: string): string | undefined {
    let current: string | undefined = dir;
    while (current !== undefined) {
        for (const name of CONFIG_FILE_NAMES) {
            const candidate = UriUtils.joinPath(URI.parse(current), name).toString();
            if (browserConfigFiles.has(candidate)) return candidate;
        }
        current = parentUri(current);
    }
    return undefined;
}

export function loadConfigFile(file: string): LoadedConfigFile {
    const text = browserConfigFiles.get(file);
    if (text === undefined) return { path: file, error: `cannot read ${file}: the client did not send it` };
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
