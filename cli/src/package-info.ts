import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Files that ship next to the CLI. Both the bundle (`out/cli/main.cjs`) and the sources
 * (`cli/src/*.ts`, when the tests import them) sit two folders below the package root.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PackageInfo {
    version: string;
    /** Where to learn about the tool: the package's homepage or repository, else its README. */
    informationUri: string;
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
    const repository = typeof manifest.repository === 'string' ? manifest.repository
        : typeof manifest.repository === 'object' && manifest.repository !== null && typeof (manifest.repository as { url?: unknown }).url === 'string'
            ? (manifest.repository as { url: string }).url : undefined;
    const homepage = typeof manifest.homepage === 'string' ? manifest.homepage : undefined;
    const web = [homepage, repository].find(uri => uri !== undefined && /^https?:\/\//.test(uri));
    cached = {
        version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
        informationUri: web ?? pathToFileURL(path.join(PACKAGE_ROOT, 'README.md')).href
    };
    return cached;
}

/** The shipped page of a rule, `docs/rules/<id>.md`, as a path (whether or not it exists). */
export function rulePagePath(ruleId: string): string {
    return path.join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`);
}

/** The `file://` URL of a rule's page; the language services link diagnostics to it. */
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
