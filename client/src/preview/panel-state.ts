// What the diagram preview panel chooses to show, as plain data: the document it follows, the view
// the user picked, the lock, and the words the title bar and the picker show. No `vscode` import
// (unit-tested in Node); preview-panel.ts applies it to the panel.
import { VIEW_GROUP_LABEL, type ViewInfo, type ViewOption, type ViewsResult } from '@sysd/protocol';

export interface PanelChoice {
    /** The document the preview follows (its views are offered; its file view is the default). */
    uri: string | undefined;
    /** The view the user picked; undefined shows the document's default view. */
    selected: string | undefined;
    /** A locked preview stays on its document and view while the active editor changes. */
    locked: boolean;
}

/**
 * The choice after the active editor turned to the .sysd document `uri`. Like the Markdown preview:
 * an unlocked preview follows the editor and shows the new document's own (default) view; a locked
 * one keeps its document and view. The same document keeps the view picked for it.
 */
export function followEditor(choice: PanelChoice, uri: string): PanelChoice {
    if (choice.locked || choice.uri === uri) return choice;
    return { uri, selected: undefined, locked: false };
}

/** The choice after an explicit "open the preview of `uri`": its default view, the lock kept. */
export function openDocumentChoice(choice: PanelChoice, uri: string): PanelChoice {
    return choice.uri === uri ? choice : { uri, selected: undefined, locked: choice.locked };
}

/** The choice kept in the webview's state, read back by the panel serializer after a window reload. */
export function restoreChoice(saved: unknown): PanelChoice {
    const record = typeof saved === 'object' && saved !== null ? saved as Record<string, unknown> : {};
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 2_000 ? value : undefined);
    return { uri: text(record.uri), selected: text(record.selected), locked: record.locked === true };
}

/** The panel's title: the view's title (`Diagram: Rides`), else the document's file name; a lock shows in front. */
export function panelTitle(viewTitle: string | undefined, uri: string | undefined, locked: boolean): string {
    const name = viewTitle ?? (uri ? decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)) : undefined);
    const title = name ? `Diagram: ${name}` : 'SysD Diagram';
    return locked ? `[Locked] ${title}` : title;
}

/** The key to ask the server for: the picked view, else the document's default (the server's, once known). */
export function requestedView(choice: PanelChoice, views: ViewsResult | undefined): string | undefined {
    return choice.selected ?? views?.defaultKey;
}

/** The views as the webview's picker receives them. */
export function viewOptions(views: readonly ViewInfo[]): ViewOption[] {
    return views.map(view => (view.detail ? { key: view.key, kind: view.kind, title: view.title, detail: view.detail } : { key: view.key, kind: view.kind, title: view.title }));
}

const KIND_NAME: Record<ViewInfo['kind'], string> = {
    file: 'file',
    system: 'system',
    all: 'workspace',
    deployment: 'deployment',
    declared: 'view',
    neighbourhood: 'neighbourhood',
    flow: 'flow',
    saga: 'saga'
};

/** One row of the "Select Diagram View" quick pick: a heading, or a view. */
export type ViewPickEntry =
    | { separator: string }
    | { key: string; label: string; description: string; detail?: string; picked: boolean };

/**
 * The quick pick's rows: the views in the server's order (the document's own first), under a
 * heading wherever the kind's heading changes; the kind (and the component count) as the
 * description, the view's own line as the detail; the view shown is marked.
 */
export function viewPickEntries(views: readonly ViewInfo[], current: string | undefined): ViewPickEntry[] {
    const entries: ViewPickEntry[] = [];
    let heading: string | undefined;
    for (const view of views) {
        const next = VIEW_GROUP_LABEL[view.kind] ?? 'Views';
        if (next !== heading) {
            heading = next;
            entries.push({ separator: next });
        }
        const count = `${view.components} component${view.components === 1 ? '' : 's'}`;
        entries.push({
            key: view.key,
            label: view.key === current ? `$(check) ${view.title}` : view.title,
            description: `${KIND_NAME[view.kind] ?? view.kind} · ${count}`,
            ...(view.detail ? { detail: view.detail } : {}),
            picked: view.key === current
        });
    }
    return entries;
}

/** A file name part for a view title: `Checkout path` → `checkout-path`. */
export function viewSlug(title: string): string {
    const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    return slug || 'view';
}
