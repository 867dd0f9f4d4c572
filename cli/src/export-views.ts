/**
 * Which view `sysd export` draws (every format), and `sysd export --list-views`. The view keys and
 * names are those of the preview's picker (`diagram/src/views/types.ts`), so a view chosen there can
 * be exported by the same text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { defaultViewKey, findSystem, findView, listViews, resolveView, viewKey, type ViewInfo } from '@sysd/diagram';
import type { ArchModel } from '@sysd/language';
import { inert, inertJson } from './format/inert.js';

export interface ViewChoice {
    /** `--view`: a key (`system:Rides`, `all`...) or a name. */
    view?: string;
    /** `--system`: the same as `--view system:<name>`. */
    system?: string;
}

/**
 * The URI of the one .sysd file the user named, when they named exactly one file (not a folder):
 * its view is then the default, as in the preview. Undefined otherwise.
 */
export function namedFileUri(paths: readonly string[], cwd: string, documentUris: Iterable<string>): string | undefined {
    if (paths.length !== 1) return undefined;
    const absolute = path.resolve(cwd, paths[0]);
    try {
        if (!fs.statSync(absolute).isFile()) return undefined;
    } catch {
        return undefined;
    }
    for (const uri of documentUris) {
        try {
            const parsed = URI.parse(uri);
            if (parsed.scheme === 'file' && path.resolve(parsed.fsPath) === absolute) return uri;
        } catch {
            // Not a URI the loader made: not the named file.
        }
    }
    return undefined;
}

/**
 * The key of the view to draw, or a message for the user (exit code 2): the view named by `--view`
 * or `--system`, else the named file's view (its systems, with stand-ins for what they talk to), else
 * the whole workspace (several files, a folder).
 */
export function chooseViewKey(model: ArchModel, choice: ViewChoice, fileUri: string | undefined, files: DrawnFiles): { key: string } | { error: string } {
    if (choice.view !== undefined && choice.system !== undefined) return { error: `--view and --system both name a view; give one of them (--system X is --view system:X).` };
    if (choice.system !== undefined) {
        const id = findSystem(model, choice.system);
        if (id === undefined) {
            const known = [...model.systems.values()].map(s => s.id).sort();
            return { error: `there is no system named '${choice.system}'${known.length > 0 ? ` (systems: ${known.join(', ')})` : ' (the files declare no system)'}.` };
        }
        return { key: `system:${id}` };
    }
    if (choice.view !== undefined) {
        const text = choice.view.trim();
        if (text === '') return { error: `--view needs a view key or name (see --list-views).` };
        if (text.startsWith('file:')) return fileView(text.slice('file:'.length), files);
        const found = findView(model, text, { uri: fileUri });
        if ('error' in found) return { error: `${found.error}${/--list-views/.test(found.error) ? '' : ` (sysd export --list-views lists the views)`}` };
        const resolved = resolveView(model, found);
        if ('error' in resolved) return { error: resolved.error };
        return { key: viewKey(found) };
    }
    return { key: fileUri !== undefined ? defaultViewKey(model, fileUri) : 'all' };
}

/** The files of the export: `file:<path>` views name one of them. */
export interface DrawnFiles {
    cwd: string;
    /** Display path by document URI (the loader's). */
    displayByUri: ReadonlyMap<string, string>;
}

/**
 * `--view file:<path>` (relative to the working folder, as the user types it) or `file:<uri>` (as
 * `--list-views` prints it): the systems that file declares, if it is one of the files drawn.
 */
function fileView(given: string, files: DrawnFiles): { key: string } | { error: string } {
    let uri: string | undefined;
    if (/^\/\//.test(given)) {
        uri = files.displayByUri.has(`file:${given}`) ? `file:${given}` : undefined;
    } else if (given !== '') {
        const absolute = path.resolve(files.cwd, given);
        uri = [...files.displayByUri.keys()].find(candidate => {
            try {
                const parsed = URI.parse(candidate);
                return parsed.scheme === 'file' && path.resolve(parsed.fsPath) === absolute;
            } catch {
                return false;
            }
        });
    }
    if (uri !== undefined) return { key: `file:${uri}` };
    const drawn = [...new Set(files.displayByUri.values())].sort();
    return { error: `'${given}' is not one of the files drawn (${drawn.join(', ')}); a file view shows one of them.` };
}

/**
 * `--list-views`: one line per view (key, title, detail), columns aligned. Titles and details are
 * the user's text (a declared view's title and description): their control characters are shown,
 * not sent to the terminal.
 */
export function viewsAsText(views: readonly ViewInfo[]): string {
    const rows = views.map(v => ({ key: inert(v.key), title: inert(v.title), detail: v.detail !== undefined ? inert(v.detail) : '' }));
    const keyWidth = Math.max(0, ...rows.map(r => r.key.length));
    const titleWidth = Math.max(0, ...rows.map(r => r.title.length));
    return rows.map(r => `${r.key.padEnd(keyWidth)}  ${r.detail ? `${r.title.padEnd(titleWidth)}  ${r.detail}` : r.title}`.trimEnd() + '\n').join('');
}

/** `--list-views --format json`: the views with the files they are declared in as display paths. */
export function viewsAsJson(views: readonly ViewInfo[], defaultKey: string, display: (uri: string) => string): string {
    const entries = views.map(v => ({
        key: v.key,
        kind: v.kind,
        title: v.title,
        ...(v.detail !== undefined ? { detail: v.detail } : {}),
        components: v.components,
        ...(v.loc ? { file: display(v.loc.uri), line: v.loc.range.start.line + 1 } : {}),
        default: v.key === defaultKey
    }));
    return `${inertJson(JSON.stringify(entries, null, 2))}\n`;
}

/** The views of a workspace and its default, as `--list-views` shows them. */
export function workspaceViews(model: ArchModel, fileUri: string | undefined): { views: ViewInfo[]; defaultKey: string } {
    return { views: listViews(model, fileUri !== undefined ? { uri: fileUri } : {}), defaultKey: fileUri !== undefined ? defaultViewKey(model, fileUri) : 'all' };
}
