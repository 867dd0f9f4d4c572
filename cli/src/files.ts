import * as fs from 'node:fs';
import * as path from 'node:path';
import { ancestorIgnoreFiles, isIgnored, readIgnoreFile, type IgnoreFile } from './gitignore.js';

/** Files above this size are refused before they are read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

interface FoundFile {
    /** Absolute path. */
    absolute: string;
    /** The path as the user wrote it, or as found below a folder the user named. */
    display: string;
}

export interface Discovery {
    files: FoundFile[];
    /** One line per path that could not be used. */
    problems: string[];
}

/**
 * Expands the paths given on the command line: a file is taken as is, a folder contributes every
 * `*.sysd` below it, except what `.gitignore` files exclude (see gitignore.ts), `node_modules` and
 * folders whose name starts with a dot. Links to files are followed; links to folders are not (as in
 * git), so a link back to a parent folder cannot make the walk leave the folder or go round forever.
 * Duplicates (the same file named twice, or found through two paths) are kept once.
 */
export function discover(paths: readonly string[], cwd: string): Discovery {
    const files: FoundFile[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    const add = (absolute: string, display: string) => {
        if (seen.has(absolute)) return;
        seen.add(absolute);
        files.push({ absolute, display });
    };
    for (const given of paths) {
        const absolute = path.resolve(cwd, given);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(absolute);
        } catch (error) {
            problems.push(`${given} ${describeFsError(error)}`);
            continue;
        }
        if (stat.isDirectory()) {
            const before = files.length;
            walk(absolute, given, ancestorIgnoreFiles(absolute), add, problems);
            if (files.length === before) problems.push(`${given} is a folder without .sysd files`);
        } else {
            add(absolute, given);
        }
    }
    return { files, problems };
}

function walk(dir: string, display: string, ignores: readonly IgnoreFile[], add: (absolute: string, display: string) => void, problems: string[]): void {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
        problems.push(`${display} ${describeFsError(error)}`);
        return;
    }
    const own = readIgnoreFile(dir);
    const rules = own ? [...ignores, own] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const absolute = path.join(dir, entry.name);
        const shown = path.join(display, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            if (isIgnored(rules, absolute, true)) continue;
            walk(absolute, shown, rules, add, problems);
            continue;
        }
        if (!entry.name.endsWith('.sysd')) continue;
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            try {
                isFile = fs.statSync(absolute).isFile();
            } catch {
                continue; // a dangling link is not a file of the project
            }
        }
        if (isFile && !isIgnored(rules, absolute, false)) add(absolute, shown);
    }
}

/** `error` is a phrase that follows the file's path: "is too large (...)". */
export type ReadResult = { text: string } | { error: string };

/**
 * Reads a source file as UTF-8 text. Refuses, with a one-line reason, anything that is not a regular
 * file, is larger than {@link MAX_FILE_BYTES} (checked before reading), holds NUL bytes (binary), or is
 * not valid UTF-8. A leading byte order mark is dropped.
 */
export function readSource(absolute: string): ReadResult {
    let fd: number;
    try {
        fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
        return { error: describeFsError(error) };
    }
    try {
        const stat = fs.fstatSync(fd);
        if (stat.isDirectory()) return { error: 'is a folder, not a file' };
        if (!stat.isFile()) return { error: 'is not a regular file' };
        if (stat.size > MAX_FILE_BYTES) {
            return { error: `is too large (${formatSize(stat.size)}; the limit is ${formatSize(MAX_FILE_BYTES)})` };
        }
        // Read at most one byte past the limit, in case the file grows while we read it.
        const buffer = Buffer.alloc(Math.min(stat.size, MAX_FILE_BYTES) + 1);
        let length = 0;
        for (;;) {
            const count = fs.readSync(fd, buffer, length, buffer.length - length, null);
            if (count === 0) break;
            length += count;
            if (length === buffer.length) break;
        }
        return decodeSource(buffer.subarray(0, length));
    } catch (error) {
        return { error: describeFsError(error) };
    } finally {
        fs.closeSync(fd);
    }
}

/** Source text from bytes read: refused when larger than the limit, binary (NUL bytes) or not UTF-8. */
function decodeSource(bytes: Uint8Array): ReadResult {
    if (bytes.length > MAX_FILE_BYTES) return { error: `is too large (more than ${formatSize(MAX_FILE_BYTES)})` };
    if (bytes.includes(0)) return { error: 'looks like a binary file (it contains NUL bytes), not .sysd text' };
    try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
    } catch {
        return { error: 'is not valid UTF-8 text (save it as UTF-8)' };
    }
}

/**
 * Reads standard input (`sysd check -`) with the limits of {@link readSource}. Reading stops one
 * chunk past the size limit, so a runaway producer is refused without being held in memory.
 */
export async function readStream(stream: AsyncIterable<Uint8Array>): Promise<ReadResult> {
    const chunks: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of stream) {
        chunks.push(chunk);
        length += chunk.length;
        if (length > MAX_FILE_BYTES) return { error: `is too large (more than ${formatSize(MAX_FILE_BYTES)})` };
    }
    return decodeSource(Buffer.concat(chunks, length));
}

function formatSize(bytes: number): string {
    if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Why a path cannot be used, as a phrase that follows the path; no stack, no syscall noise. */
export function describeFsError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case 'ENOENT': return 'does not exist';
        case 'EACCES':
        case 'EPERM': return 'cannot be read (permission denied)';
        case 'EISDIR': return 'is a folder, not a file';
        case 'ENOTDIR': return 'does not exist (a part of the path is not a folder)';
        case 'ELOOP': return 'cannot be read (too many symbolic links)';
        case 'ENAMETOOLONG': return 'cannot be read (the path is too long)';
        default: return code ? `cannot be read (${code})` : 'cannot be read';
    }
}
