/**
 * Writing the files the commands produce (`check -o`, `export -o`) without ever losing data: a report
 * or a picture never replaces a source file it was made from, an existing file is replaced only when
 * the command allows it, and the bytes go to a temporary file in the same folder that is renamed into
 * place, so a failure (a full disk, an interrupted run) leaves the old file or no file, never half of one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from './files.js';
import type { OutputIO } from './io.js';
import { displayPath } from './workspace.js';

/** The identity of a file, shared by every path (symbolic link, hard link, `..` detour) that leads to it. */
function identity(absolute: string): string | undefined {
    try {
        const stat = fs.statSync(absolute);
        return `${stat.dev}:${stat.ino}`;
    } catch {
        return undefined;
    }
}

/**
 * The input among `inputs` (absolute paths) that `target` is, whatever path leads to each; undefined
 * when `target` is none of them. A target that does not exist yet cannot be an input.
 */
export function inputAt(target: string, inputs: Iterable<string>): string | undefined {
    const wanted = identity(target);
    if (wanted === undefined) return undefined;
    for (const input of inputs) {
        if (identity(input) === wanted) return input;
    }
    return undefined;
}

/** Whether `absolute` is a regular file that a write would replace (devices and pipes are written to, not replaced). */
export function isExistingFile(absolute: string): boolean {
    try {
        return fs.statSync(absolute).isFile();
    } catch {
        return false;
    }
}

export type WriteResult = { written: true; replaced: boolean } | { written: false; error: string };

/**
 * Writes `data` to `target` (absolute). A regular file that exists is replaced only when `overwrite`
 * is set; otherwise the result says it exists. Devices and pipes (`/dev/stdout`, a FIFO) are written
 * directly: they hold no data to lose, and a rename would replace them. `error` is a phrase that
 * follows the path.
 */
export function writeOutputFile(target: string, data: string | Uint8Array, overwrite: boolean): WriteResult {
    let existing: fs.Stats | undefined;
    try {
        existing = fs.statSync(target);
    } catch (error) {
        // A missing file, or a missing folder on its path, is for the write below to report.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') return { written: false, error: describeFsError(error) };
    }
    if (existing?.isDirectory()) return { written: false, error: 'is a folder, not a file' };
    if (existing && !existing.isFile()) {
        try {
            fs.writeFileSync(target, data);
            return { written: true, replaced: false };
        } catch (error) {
            return { written: false, error: `cannot be written (${describeWriteError(error)})` };
        }
    }
    if (existing && !overwrite) return { written: false, error: 'already exists' };

    const folder = path.dirname(target);
    const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
        fs.writeFileSync(temporary, data, { flag: 'wx' });
        // The replacement keeps the permissions of the file it replaces.
        if (existing) fs.chmodSync(temporary, existing.mode & 0o7777);
        if (existing) {
            fs.renameSync(temporary, target);
        } else {
            // link() fails if a file appeared at the target meanwhile, so nothing created since the
            // check above is replaced; file systems without hard links get the rename.
            try {
                fs.linkSync(temporary, target);
                fs.unlinkSync(temporary);
            } catch (error) {
                const code = (error as NodeJS.ErrnoException).code;
                if (code === 'EEXIST') {
                    fs.unlinkSync(temporary);
                    return { written: false, error: 'already exists' };
                }
                fs.renameSync(temporary, target);
            }
        }
        return { written: true, replaced: existing !== undefined };
    } catch (error) {
        try {
            fs.unlinkSync(temporary);
        } catch {
            // Never created, or already renamed: nothing to clean up.
        }
        return { written: false, error: `cannot be written (${describeWriteError(error)})` };
    }
}

function describeWriteError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case 'ENOENT': return 'its folder does not exist';
        case 'ENOTDIR': return 'a part of the path is not a folder';
        case 'EACCES':
        case 'EPERM': return 'permission denied';
        case 'ENOSPC': return 'the disk is full';
        case 'EROFS': return 'the file system is read-only';
        case 'EISDIR': return 'it is a folder';
        default: return code ?? (error instanceof Error ? error.message : String(error));
    }
}

/**
 * Writes one output of `sysd export` and says why not on standard error: never over a file the
 * export was made from, over another existing file only with --force (and then says so), and
 * through a temporary file, so a failed write leaves no partial file. False when nothing was written.
 */
export function writeExport(target: string, data: string | Uint8Array, options: { force: boolean; inputs: Iterable<string>; cwd: string; shown: string }, io: OutputIO): boolean {
    const input = inputAt(target, options.inputs);
    if (input !== undefined) {
        const name = displayPath(options.cwd, input);
        io.stderr(`sysd: error: will not write ${options.shown}: it is ${name === options.shown ? 'an input' : `the input ${name}`} of this export. Choose another file.\n`);
        return false;
    }
    const written = writeOutputFile(target, data, options.force);
    if (!written.written) {
        io.stderr(written.error === 'already exists'
            ? `sysd: error: ${options.shown} already exists; add --force to replace it.\n`
            : `sysd: error: cannot write ${options.shown}: it ${written.error}\n`);
        return false;
    }
    if (written.replaced) io.stderr(`sysd: replaced ${options.shown}\n`);
    return true;
}
