/**
 * The preview's state: one object that holds what the page shows (document, graph, view, search,
 * highlight), and the transitions on it. No DOM here, so all of it runs (and is tested) in Node;
 * the other modules read this object and call these functions instead of keeping their own copies.
 */
import type { DiagramEdge, DiagramGraph, DiagramNode, DiagramTheme } from '@sysd/diagram';
import { VIEW_GROUP_LABEL, type ViewOption, type ViewsMessage } from '@sysd/protocol';
import { createWhatIf, savedWhatIf, type SavedWhatIf, type WhatIfState } from './what-if.js';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;
/** Centring on an element zooms in at least this far, so the element is readable. */
const CENTRE_MIN_ZOOM = 0.6;
/** Fitting never enlarges a small diagram beyond this. */
const FIT_MAX_ZOOM = 1.5;
const FIT_PADDING = 24;
/**
 * A diagram's first view fits its width, but never below this zoom: a big workspace opens
 * readable at its top and is scrolled (panned) down, instead of whole at 24 % and unreadable.
 */
export const INITIAL_MIN_ZOOM = 0.8;
/** Nor does the first view enlarge a narrow diagram beyond its natural size. */
const INITIAL_MAX_ZOOM = 1;
/** Revealing the element under the editor's cursor keeps the zoom unless it is below this. */
const READABLE_ZOOM = 0.35;
/** How far inside the viewport's edge an element must be to count as visible. */
const REVEAL_MARGIN = 16;

export interface Size {
    width: number;
    height: number;
}

export interface Box extends Size {
    x: number;
    y: number;
}

/** Pan and zoom: the canvas is scaled by `zoom`, then moved by (x, y) pixels. */
export interface View {
    zoom: number;
    x: number;
    y: number;
}

/** What survives a reload of the webview (and of the window, through the panel serializer). */
export interface SavedState {
    uri?: string;
    /** The key of the view shown (the saved pan and zoom belong to it). */
    viewKey?: string;
    zoom?: number;
    x?: number;
    y?: number;
    legend?: boolean;
    /** The host's choice, kept here for the panel serializer: the view picked, and the lock. */
    selected?: string;
    locked?: boolean;
    /** The what-if mode: on or off, what fails, the focused entry. */
    whatIf?: SavedWhatIf;
}

export interface SearchState {
    /** The trimmed, lower-case query; empty when nothing is searched. */
    query: string;
    /** The matching nodes, best first. */
    matches: DiagramNode[];
    /** The current match. */
    index: number;
}

export interface PreviewState {
    /** The document whose diagram is shown (or being laid out). */
    uri: string | undefined;
    /** The key of the view shown (`graph.view.key`); undefined for a graph that names none. */
    viewKey: string | undefined;
    /** What the picker offers, as the host last sent it. */
    views: ViewOption[];
    /** The host's choice (see `ViewsMessage`), echoed into the saved state. */
    selected: string | undefined;
    locked: boolean;
    /** Whether the legend panel is open. */
    legend: boolean;
    /** The laid-out graph on screen. */
    graph: DiagramGraph | undefined;
    /** The nodes (nested ones included) and edges of `graph`, by id. */
    nodes: Map<string, DiagramNode>;
    edges: Map<string, DiagramEdge>;
    /** The size of the drawn picture, in diagram units. */
    size: Size;
    view: View;
    /** Whether the current document's diagram got its first view (a saved one, or a fit). */
    hasView: boolean;
    /** The view saved before a reload: applied once, to the first diagram of its document and view. */
    savedView: { uri: string | undefined; viewKey: string | undefined; view: View } | undefined;
    /** The element under the editor's cursor, outlined on the host's behalf. */
    hostHighlight: string | null;
    search: SearchState;
    /** The what-if mode (see `what-if.ts`). */
    whatIf: WhatIfState;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

/** A fresh state; `saved` is whatever the webview API kept, trusted only as far as it checks out. */
export function createState(saved: unknown): PreviewState {
    const record = isRecord(saved) ? saved : {};
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
    const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
    const uri = text(record.uri);
    const viewKey = text(record.viewKey);
    const zoom = finite(record.zoom);
    const savedView = zoom !== undefined
        ? { uri, viewKey, view: { zoom: clampZoom(zoom), x: finite(record.x) ?? 0, y: finite(record.y) ?? 0 } }
        : undefined;
    return {
        uri,
        viewKey,
        views: [],
        selected: text(record.selected),
        locked: record.locked === true,
        legend: record.legend === true,
        graph: undefined,
        nodes: new Map(),
        edges: new Map(),
        size: { width: 0, height: 0 },
        view: { zoom: 1, x: 0, y: 0 },
        hasView: false,
        savedView,
        hostHighlight: null,
        search: { query: '', matches: [], index: 0 },
        whatIf: createWhatIf(record.whatIf)
    };
}

/** What to keep for the next reload. */
export function toSavedState(state: PreviewState): SavedState {
    return {
        uri: state.uri, viewKey: state.viewKey, zoom: state.view.zoom, x: state.view.x, y: state.view.y,
        legend: state.legend, selected: state.selected, locked: state.locked, whatIf: savedWhatIf(state.whatIf)
    };
}

// ------------------------------------------------------------------ document and graph

/**
 * A diagram arrived for `uri`, showing the view `viewKey`. Returns true when that is another
 * document or another view than before: its first diagram gets a pan and zoom of its own, and a
 * saved one of another document or view is forgotten.
 */
export function openDocument(state: PreviewState, uri: string, viewKey?: string): boolean {
    if (uri === state.uri && viewKey === state.viewKey) return false;
    state.uri = uri;
    state.viewKey = viewKey;
    state.hasView = false;
    if (state.savedView && (state.savedView.uri !== uri || state.savedView.viewKey !== viewKey)) state.savedView = undefined;
    return true;
}

/** The host's list of views and its choice arrived. */
export function setViews(state: PreviewState, message: ViewsMessage): void {
    state.views = message.views;
    state.selected = message.selected;
    state.locked = message.locked;
}

export interface PickerGroup {
    label: string;
    options: ViewOption[];
}

/**
 * The picker's entries: the host's views under their headings, in the host's order (the file's
 * view first). The view shown is listed even when the host's list lacks it (a view opened by key),
 * so the picker never claims another view is on screen.
 */
export function pickerGroups(views: readonly ViewOption[], graphView: DiagramGraph['view']): PickerGroup[] {
    const list = [...views];
    if (graphView && !list.some(view => view.key === graphView.key)) {
        list.unshift({ key: graphView.key, kind: kindOfKey(graphView.key), title: graphView.title });
    }
    const groups: PickerGroup[] = [];
    const byLabel = new Map<string, PickerGroup>();
    for (const view of list) {
        const label = VIEW_GROUP_LABEL[view.kind] ?? 'Views';
        let group = byLabel.get(label);
        if (!group) {
            group = { label, options: [] };
            byLabel.set(label, group);
            groups.push(group);
        }
        group.options.push(view);
    }
    return groups;
}

/** The kind a view key names (see `diagram/src/views/types.ts`); a declared view for anything unknown. */
export function kindOfKey(key: string): ViewOption['kind'] {
    if (key === 'all' || key === 'deployment') return key;
    const prefix = key.slice(0, key.indexOf(':'));
    switch (prefix) {
        case 'file':
        case 'system':
        case 'neighbourhood':
        case 'flow':
        case 'saga':
            return prefix;
        default:
            return 'declared';
    }
}

/** The renderer's theme for the page's body classes (VS Code sets `vscode-light`, `vscode-dark`...). */
export function themeForBody(classes: Iterable<string>): Exclude<DiagramTheme, 'vscode'> {
    const set = new Set(classes);
    // High contrast light is light: the high-contrast palette is white on black.
    if (set.has('vscode-high-contrast-light')) return 'light';
    if (set.has('vscode-high-contrast')) return 'high-contrast';
    if (set.has('vscode-light')) return 'light';
    return 'dark';
}

/** Every node of the graph, nested ones included, parents before their children. */
export function* allNodes(graph: DiagramGraph): Generator<DiagramNode> {
    const visit = function* (list: DiagramNode[]): Generator<DiagramNode> {
        for (const node of list) {
            yield node;
            yield* visit(node.children);
        }
    };
    yield* visit(graph.nodes);
}

/** Makes the laid-out `graph`, drawn at `size`, the one on screen. */
export function showGraph(state: PreviewState, graph: DiagramGraph, size: Size): void {
    state.graph = graph;
    state.size = size;
    state.nodes = new Map([...allNodes(graph)].map(node => [node.id, node]));
    state.edges = new Map(graph.edges.map(edge => [edge.id, edge]));
}

/** The node or edge with this id in the graph on screen. */
export function itemById(state: PreviewState, id: string): DiagramNode | DiagramEdge | undefined {
    return state.nodes.get(id) ?? state.edges.get(id);
}

/** `id` if it names a node or edge of the graph on screen (the DOM may carry other ids). */
export function knownId(state: PreviewState, id: string | null | undefined): string | undefined {
    return id && (state.nodes.has(id) || state.edges.has(id)) ? id : undefined;
}

// ------------------------------------------------------------------ view

export function clampZoom(zoom: number): number {
    return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Sets the view, the zoom kept within its bounds. */
export function setView(state: PreviewState, view: View): void {
    state.view = { zoom: clampZoom(view.zoom), x: view.x, y: view.y };
}

/** The view zoomed by `factor` around the point (px, py) of the viewport, which stays in place. */
export function zoomedView(view: View, factor: number, px: number, py: number): View {
    const zoom = clampZoom(view.zoom * factor);
    const ratio = zoom / view.zoom;
    return { zoom, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/** The view that shows a picture of `size` whole and centred in `viewport`; undefined for an empty picture. */
export function fittedView(size: Size, viewport: Size): View | undefined {
    if (size.width <= 0 || size.height <= 0) return undefined;
    const width = Math.max(1, viewport.width - 2 * FIT_PADDING);
    const height = Math.max(1, viewport.height - 2 * FIT_PADDING);
    const zoom = clampZoom(Math.min(width / size.width, height / size.height, FIT_MAX_ZOOM));
    return { zoom, x: (viewport.width - size.width * zoom) / 2, y: (viewport.height - size.height * zoom) / 2 };
}

/**
 * The first view of a diagram: the whole picture when it is readable that way, else its width
 * fitted but not below `INITIAL_MIN_ZOOM`, showing the top (and the left, if still too wide);
 * the rest is a pan away. Undefined for an empty picture.
 */
export function initialView(size: Size, viewport: Size): View | undefined {
    const whole = fittedView(size, viewport);
    if (!whole || whole.zoom >= INITIAL_MIN_ZOOM) return whole;
    const width = Math.max(1, viewport.width - 2 * FIT_PADDING);
    const zoom = clampZoom(Math.min(INITIAL_MAX_ZOOM, Math.max(INITIAL_MIN_ZOOM, width / size.width)));
    const drawnWidth = size.width * zoom;
    const x = drawnWidth <= viewport.width - 2 * FIT_PADDING ? (viewport.width - drawnWidth) / 2 : FIT_PADDING;
    return { zoom, x, y: FIT_PADDING };
}

/**
 * The view that brings `box` (canvas units) into `viewport`: undefined when it is already inside
 * (the view stays put); otherwise centred on it, the zoom kept unless too small to read.
 */
export function revealedView(view: View, box: Box, viewport: Size): View | undefined {
    const left = view.x + box.x * view.zoom;
    const top = view.y + box.y * view.zoom;
    const right = left + box.width * view.zoom;
    const bottom = top + box.height * view.zoom;
    const inside = left >= REVEAL_MARGIN && top >= REVEAL_MARGIN && right <= viewport.width - REVEAL_MARGIN && bottom <= viewport.height - REVEAL_MARGIN;
    if (inside && view.zoom >= READABLE_ZOOM) return undefined;
    const zoom = view.zoom >= READABLE_ZOOM ? view.zoom : clampZoom(CENTRE_MIN_ZOOM);
    return { zoom, x: viewport.width / 2 - (box.x + box.width / 2) * zoom, y: viewport.height / 2 - (box.y + box.height / 2) * zoom };
}

/** The view that puts `box` (canvas units) in the middle of `viewport`, zoomed in enough to read it. */
export function centredView(view: View, box: Box, viewport: Size): View {
    const zoom = clampZoom(Math.max(view.zoom, CENTRE_MIN_ZOOM));
    return { zoom, x: viewport.width / 2 - (box.x + box.width / 2) * zoom, y: viewport.height / 2 - (box.y + box.height / 2) * zoom };
}

/** What a freshly drawn diagram does with the view. */
export type ViewAfterDraw = { kind: 'keep' } | { kind: 'initial' } | { kind: 'restore'; view: View };

/**
 * Decides the view of a freshly drawn diagram: a later diagram of the same document and view keeps
 * the current pan and zoom; the first one gets those saved before a reload (once), or else the
 * initial view (see `initialView`).
 */
export function viewAfterDraw(state: PreviewState): ViewAfterDraw {
    if (state.hasView) return { kind: 'keep' };
    state.hasView = true;
    const saved = state.savedView;
    state.savedView = undefined;
    return saved && saved.uri === state.uri && saved.viewKey === state.viewKey ? { kind: 'restore', view: saved.view } : { kind: 'initial' };
}

// ------------------------------------------------------------------ search and highlight

/** Nodes whose label or id contains `query` (lower case): exact labels first, then prefixes, then by label. */
export function findMatches(nodes: Iterable<DiagramNode>, query: string): DiagramNode[] {
    const rank = (node: DiagramNode) => {
        const label = node.label.toLowerCase();
        return label === query ? 0 : label.startsWith(query) ? 1 : 2;
    };
    return [...nodes]
        .filter(node => node.label.toLowerCase().includes(query) || node.id.toLowerCase().includes(query))
        .sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
}

/**
 * Searches the graph on screen for `text`. With `move`, the first match becomes current; without
 * (the graph changed under the same query), the current match stays current if it still matches.
 * Returns the id to centre on, if any.
 */
export function runSearch(state: PreviewState, text: string, move: boolean): string | undefined {
    const search = state.search;
    const query = text.trim().toLowerCase();
    if (!query) {
        search.query = '';
        search.matches = [];
        return undefined;
    }
    const previous = search.matches[search.index]?.id;
    search.query = query;
    search.matches = findMatches(state.nodes.values(), query);
    const kept = search.matches.findIndex(node => node.id === previous);
    search.index = kept >= 0 && !move ? kept : 0;
    return move && search.matches.length > 0 ? search.matches[search.index].id : undefined;
}

/** Moves to the next (or previous) match, wrapping around; returns its id. */
export function stepSearch(state: PreviewState, backwards: boolean): string | undefined {
    const search = state.search;
    const count = search.matches.length;
    if (count === 0) return undefined;
    search.index = (search.index + (backwards ? count - 1 : 1)) % count;
    return search.matches[search.index].id;
}

/** The line beside the search box: empty, "No match", or "2 of 5". */
export function searchStatus(search: SearchState): string {
    if (!search.query) return '';
    return search.matches.length === 0 ? 'No match' : `${search.index + 1} of ${search.matches.length}`;
}

/** The outlined element: the host's (the editor's cursor) or else the current search match. */
export function highlightedId(state: PreviewState): string | undefined {
    const match = state.search.query ? state.search.matches[state.search.index] : undefined;
    return state.hostHighlight ?? match?.id;
}

/** How many nodes (groups and nested components included) the graph has. */
export function countNodes(graph: DiagramGraph): number {
    return [...allNodes(graph)].length;
}
