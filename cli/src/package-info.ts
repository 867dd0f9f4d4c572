import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repositoryWebUrl, rulesBaseUrlOf } from './web-links.js';

export { ruleWebUrl } from './web-links.js';

/**
 * Files that ship next to the CLI. Both the bundle (`out/cli/main.cjs`) and the sources
 * (`cli/src/*.ts`, when the tests import them) sit two folders below the package root.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PackageInfo {
    version: string;
    /** The tool's page on the web: the package's `homepage`, else its repository's page; undefined when it has neither. */
    informationUri: string | undefined;
    /**
     * Where the rule pages are on the web: `docs/rules/` of the repository's default branch when the
     * repository is on GitHub (`https://github.com/<owner>/<name>/blob/main/docs/rules/`); undefined
     * when package.json names no such repository.
     */
    rulesBaseUrl: string | undefined;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
    if (cached) return cached;
    let manifest: { version?: unknown; homepage?: unknown; repository?: unknown } = {};
    try {
        manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
        // A broken installation still runs; it just cannot tell its version.
    }
    const repository = repositoryWebUrl(manifest.repository);
    const homepage = typeof manifest.homepage === 'string' && /^https?:\/\//.test(manifest.homepage) ? manifest.homepage : undefined;
    cached = {
        version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
        informationUri: homepage ?? repository,
        rulesBaseUrl: rulesBaseUrlOf(repository)
    };
    return cached;
}

/** The shipped page of a rule, `docs/rules/<id>.md`, as a path (whether or not it exists). */
export function rulePagePath(ruleId: string): string {
    return path.join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`);
}

/** The `file://` URL of a rule's page as installed (`sysd rules --format json` lists it). */
export function ruleDocsUrl(ruleId: string): string {
    return pathToFileURL(rulePagePath(ruleId)).href;
}

/** The text of a rule's page, or undefined when the rule has none. */
export function rulePage(ruleId: string): string | undefined {
    try {
        return fs.readFileSync(rulePagePath(ruleId), 'utf8');
    } catch {
        return undefined;
    }
}
