/**
 * The `.gitignore` rules `sysd check` honours when it walks a folder, so generated or vendored
 * `.sysd` files that git leaves out are not checked either. Supported: comments, blank lines,
 * negation (`!`), folder-only patterns (trailing `/`), patterns anchored by a `/`, `*`, `?`,
 * character classes (`[a-z]`, `[!a-z]`), `**` (leading, trailing and between slashes), backslash
 * escapes and trailing spaces. As in git, a later pattern wins over an earlier one, a deeper
 * `.gitignore` over a shallower one, and nothing below an ignored folder is looked at. Not read:
 * `.git/info/exclude` and the global excludes file (`core.excludesFile`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Pattern {
    regex: RegExp;
    negate: boolean;
    folderOnly: boolean;
}

/** The patterns of one `.gitignore` file, matched against paths relative to the folder holding it. */
export interface IgnoreFile {
    folder: string;
    patterns: Pattern[];
}

/** Reads `folder/.gitignore`; undefined when there is none or it cannot be read. */
export function readIgnoreFile(folder: string): IgnoreFile | undefined {
    const file = path.join(folder, '.gitignore');
    let text: string;
    try {
        if (!fs.statSync(file).isFile()) return undefined;
        text = fs.readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
    const patterns = text.split(/\r?\n/).map(parsePattern).filter((p): p is Pattern => p !== undefined);
    return patterns.length > 0 ? { folder, patterns } : undefined;
}

/**
 * The `.gitignore` files that apply to `folder` from above: those from the root of its git work tree
 * (the nearest folder holding `.git`) down to its parent. None when it is not in a work tree.
 */
export function ancestorIgnoreFiles(folder: string): IgnoreFile[] {
    const chain: string[] = [];
    let current = path.dirname(folder);
    let inWorkTree = fs.existsSync(path.join(folder, '.git'));
    while (!inWorkTree) {
        chain.unshift(current);
        if (fs.existsSync(path.join(current, '.git'))) inWorkTree = true;
        const parent = path.dirname(current);
        if (parent === current) break;
        current = parent;
    }
    if (!inWorkTree) return [];
    return chain.map(readIgnoreFile).filter((f): f is IgnoreFile => f !== undefined);
}

/** Whether the `.gitignore` files (outermost first) exclude `absolute`, a file or a folder. */
export function isIgnored(files: readonly IgnoreFile[], absolute: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const file of files) {
        const relative = path.relative(file.folder, absolute).split(path.sep).join('/');
        if (relative === '' || relative.startsWith('../') || relative === '..') continue;
        for (const pattern of file.patterns) {
            if (pattern.folderOnly && !isFolder) continue;
            if (pattern.regex.test(relative)) ignored = !pattern.negate;
        }
    }
    return ignored;
}

function parsePattern(line: string): Pattern | undefined {
    // Trailing spaces are dropped unless escaped with a backslash.
    let text = line.replace(/(?<!\\)\s+$/, '');
    if (text === '' || text.startsWith('#')) return undefined;
    let negate = false;
    if (text.startsWith('!')) {
        negate = true;
        text = text.slice(1);
    }
    let folderOnly = false;
    if (text.endsWith('/')) {
        folderOnly = true;
        text = text.replace(/\/+$/, '');
    }
    if (text === '') return undefined;
    // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
    const anchored = text.includes('/');
    if (text.startsWith('/')) text = text.slice(1);
    const body = globToRegex(text);
    try {
        return { regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negate, folderOnly };
    } catch {
        return undefined; // a character class git would read differently; skipping it ignores less, never more
    }
}

function globToRegex(glob: string): string {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const char = glob[i];
        if (char === '\\' && i + 1 < glob.length) {
            out += escapeRegex(glob[++i]);
        } else if (char === '*') {
            if (glob[i + 1] === '*') {
                const atStart = i === 0 || glob[i - 1] === '/';
                const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
                if (atStart && atEnd) {
                    if (i + 2 === glob.length) {
                        out += '.*';
                        i += 1;
                    } else {
                        // `**/`: any number of folders, including none.
                        out += '(?:.*/)?';
                        i += 2;
                    }
                    continue;
                }
            }
            out += '[^/]*';
        } else if (char === '?') {
            out += '[^/]';
        } else if (char === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end === -1) {
                out += '\\[';
                continue;
            }
            let set = glob.slice(i + 1, end);
            if (set.startsWith('!')) set = `^${set.slice(1)}`;
            out += `[${set.replace(/\\/g, '\\\\')}]`;
            i = end;
        } else {
            out += escapeRegex(char);
        }
    }
    return out;
}

function escapeRegex(char: string): string {
    return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
