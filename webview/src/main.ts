/**
 * The diagram webview. Receives diagrams from the extension host, lays them out in a worker,
 * renders them with the shared SVG renderer and lets people pan, zoom, search, export, and jump
 * to a definition. No VS Code API here beyond the `acquireVsCodeApi()` the webview page provides.
 *
 * Text never becomes markup here: the diagram comes from the renderer, which escapes every label,
 * and is parsed as XML (scripts and event attributes are dropped all the same); everything else
 * is built with DOM APIs and `textContent`.
 */
import { renderSvg } from '@sysd/diagram';
import { diagramStyles } from '@sysd/diagram';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode } from '@sysd/diagram';
import { isHostMessage, type HostMessage, type WebviewMessage } from '@sysd/protocol';
import type { LayoutRequest, LayoutResponse } from './worker-protocol.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a reload of the webview (and of the window, through the panel serializer). */
interface SavedState {
    uri?: string;
    zoom?: number;
    x?: number;
    y?: number;
}

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 8;
/** A layout that takes longer than this shows a progress indicator. */
const PROGRESS_DELAY_MS = 500;

const vscode = acquireVsCodeApi();
const workerUrl = document.currentScript?.getAttribute('data-worker') ?? '';
/** The page's nonce: the renderer's `<style>` element needs it to pass the CSP. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

function post(message: WebviewMessage): void {
    vscode.postMessage(message);
}

// ------------------------------------------------------------------ DOM

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
    const created = document.createElement(tag);
    Object.assign(created, props);
    for (const child of children) created.append(child);
    return created;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
    const created = element('button', { type: 'button', textContent: label, title });
    created.setAttribute('aria-label', title);
    created.addEventListener('click', onClick);
    return created;
}

const searchInput = element('input', { type: 'search', placeholder: 'Find component', spellcheck: false, id: 'search' });
searchInput.setAttribute('aria-label', 'Find a component by name');
const searchStatus = element('span', { className: 'search-status' });
searchStatus.setAttribute('aria-live', 'polite');
const toolbar = element('div', { id: 'toolbar', role: 'toolbar' },
    searchInput,
    searchStatus,
    element('span', { className: 'spacer' }),
    button('\u2212', 'Zoom out (-)', () => zoomBy(1 / 1.25)),
    button('+', 'Zoom in (+)', () => zoomBy(1.25)),
    button('Fit', 'Fit to view (0)', () => fit()),
    button('SVG', 'Export the diagram as SVG', () => void exportSvg()),
    button('PNG', 'Export the diagram as PNG', () => void exportPng())
);
const canvas = element('div', { id: 'canvas' });
const highlightBox = element('div', { className: 'highlight-box' });
const viewport = element('div', { id: 'viewport', tabIndex: 0 }, canvas);
viewport.setAttribute('aria-label', 'Architecture diagram');
const notice = element('div', { id: 'notice', hidden: true });
const progressText = element('span', { textContent: 'Laying out the diagram\u2026' });
const progress = element('div', { id: 'progress', hidden: true }, element('div', { className: 'bar' }), progressText);
progress.setAttribute('role', 'status');
const tooltip = element('div', { id: 'tooltip', hidden: true });
tooltip.setAttribute('role', 'tooltip');
document.body.append(toolbar, viewport, notice, progress, tooltip);

// The diagram's stylesheet (theme variables) goes in once, with the page's nonce.
const diagramStyle = document.createElement('style');
diagramStyle.setAttribute('nonce', nonce);
diagramStyle.textContent = diagramStyles('vscode');
document.head.append(diagramStyle);

// ------------------------------------------------------------------ state

const saved = (vscode.getState() ?? {}) as SavedState;
let currentUri: string | undefined = typeof saved.uri === 'string' ? saved.uri : undefined;
/** The graph on screen (laid out), its SVG text, and lookups by id. */
let shown: { graph: DiagramGraph } | undefined;
const nodesById = new Map<string, DiagramNode>();
const edgesById = new Map<string, DiagramEdge>();
const elementsById = new Map<string, SVGGraphicsElement>();
let svgSize = { width: 0, height: 0 };
const view = { zoom: 1, x: 0, y: 0 };
/** The saved view is applied once, to the first diagram of the saved document; later ones keep the current view. */
let pendingSavedView: SavedState | undefined = typeof saved.zoom === 'number' ? saved : undefined;
let hasView = false;
let hostHighlight: string | null = null;
let searchMatches: DiagramNode[] = [];
let searchIndex = 0;

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => vscode.setState({ uri: currentUri, zoom: view.zoom, x: view.x, y: view.y } satisfies SavedState), 200);
}

// ------------------------------------------------------------------ layout (worker)

let latestSeq = 0;
let busy = false;
/** The newest diagram that waits for the worker; older waiting ones are simply replaced. */
let pending: LayoutRequest | undefined;
/** The most recent layout, reused while the structure stays the same. */
let lastLayout: { key: string; graph: DiagramGraph } | undefined;
let progressTimer: ReturnType<typeof setTimeout> | undefined;

const worker: Promise<Worker> = createWorker();

/**
 * The worker script is a webview resource, which is not same-origin with the webview document, so
 * it cannot be started from its URL: it is fetched and started from a blob URL instead.
 */
async function createWorker(): Promise<Worker> {
    const response = await fetch(workerUrl);
    if (!response.ok) throw new Error(`could not load the layout worker (${response.status})`);
    const source = await response.text();
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const created = new Worker(url);
    created.onmessage = (event: MessageEvent<LayoutResponse>) => onLayout(event.data);
    created.onerror = event => {
        busy = false;
        failLayout(event.message || 'the layout worker failed');
    };
    return created;
}

function onDiagram(uri: string, graph: DiagramGraph): void {
    const seq = ++latestSeq;
    if (uri !== currentUri) {
        currentUri = uri;
        hasView = false;
        if (pendingSavedView && pendingSavedView.uri !== uri) pendingSavedView = undefined;
        saveState();
    }
    const reused = lastLayout && lastLayout.key === graph.structureKey ? withLayout(graph, lastLayout.graph) : undefined;
    if (reused) {
        // Same structure: keep the positions, only the decorations (findings, labels) change.
        pending = undefined;
        if (!busy) hideProgress();
        show(reused);
        return;
    }
    const request: LayoutRequest = { seq, graph };
    if (busy) pending = request;
    else startLayout(request);
}

function startLayout(request: LayoutRequest): void {
    busy = true;
    clearTimeout(progressTimer);
    progressTimer = setTimeout(() => showProgress(request.graph), PROGRESS_DELAY_MS);
    worker.then(
        ready => ready.postMessage(request),
        (error: unknown) => {
            busy = false;
            failLayout(error instanceof Error ? error.message : String(error));
        }
    );
}

function onLayout(response: LayoutResponse): void {
    busy = false;
    if ('error' in response) {
        if (response.seq === latestSeq) failLayout(response.error);
    } else {
        lastLayout = { key: response.graph.structureKey, graph: response.graph };
        if (response.seq === latestSeq) show(response.graph);
        else if (pending && pending.graph.structureKey === response.graph.structureKey) {
            // The waiting diagram has the structure just laid out: no second layout needed.
            const reused = withLayout(pending.graph, response.graph);
            if (reused) {
                pending = undefined;
                show(reused);
            }
        }
    }
    const next = pending;
    pending = undefined;
    if (next) startLayout(next);
    else hideProgress();
}

function failLayout(message: string): void {
    hideProgress();
    showNotice(`The diagram could not be laid out: ${message}`);
    post({ type: 'error', message: `layout failed: ${message}` });
}

/** `fresh` with the geometry of `laidOut` (same structure key); undefined if an element is missing. */
function withLayout(fresh: DiagramGraph, laidOut: DiagramGraph): DiagramGraph | undefined {
    const nodes = new Map<string, DiagramNode>();
    const collect = (list: DiagramNode[]) => list.forEach(node => {
        nodes.set(node.id, node);
        collect(node.children);
    });
    collect(laidOut.nodes);
    const edges = new Map(laidOut.edges.map(edge => [edge.id, edge]));
    let complete = true;
    const place = (node: DiagramNode): DiagramNode => {
        const old = nodes.get(node.id);
        if (!old || old.x === undefined) complete = false;
        return { ...node, x: old?.x, y: old?.y, width: old?.width ?? node.width, height: old?.height ?? node.height, children: node.children.map(place) };
    };
    const result: DiagramGraph = {
        ...fresh,
        nodes: fresh.nodes.map(place),
        edges: fresh.edges.map(edge => {
            const old = edges.get(edge.id);
            if (!old) complete = false;
            return { ...edge, sections: old?.sections, labelPosition: old?.labelPosition };
        }),
        width: laidOut.width,
        height: laidOut.height
    };
    return complete ? result : undefined;
}

function showProgress(graph: DiagramGraph): void {
    let count = 0;
    const countNodes = (list: DiagramNode[]) => list.forEach(node => {
        count++;
        countNodes(node.children);
    });
    countNodes(graph.nodes);
    progressText.textContent = `Laying out ${count} elements\u2026`;
    progress.hidden = false;
}

function hideProgress(): void {
    clearTimeout(progressTimer);
    progress.hidden = true;
}

function showNotice(message: string): void {
    notice.textContent = message;
    notice.hidden = false;
}

// ------------------------------------------------------------------ rendering

/** Parses the renderer's SVG as XML and drops anything active, whatever the renderer produced. */
function parseSvg(text: string): SVGSVGElement | undefined {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = parsed.documentElement;
    if (root.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    for (const active of Array.from(root.querySelectorAll('script, foreignObject, iframe, object, embed'))) active.remove();
    for (const node of Array.from(root.querySelectorAll('*')).concat(root)) {
        for (const attribute of Array.from(node.attributes)) {
            const name = attribute.name.toLowerCase();
            const isLink = name === 'href' || name === 'xlink:href';
            if (name.startsWith('on') || (isLink && !attribute.value.startsWith('#'))) node.removeAttribute(attribute.name);
        }
    }
    const imported = document.importNode(root, true) as unknown as SVGSVGElement;
    for (const style of Array.from(imported.querySelectorAll('style'))) style.setAttribute('nonce', nonce);
    return imported;
}

function show(graph: DiagramGraph): void {
    const text = renderSvg(graph, { theme: 'vscode', standalone: false });
    const root = parseSvg(text);
    if (!root) {
        failLayout('the renderer produced invalid SVG');
        return;
    }
    nodesById.clear();
    edgesById.clear();
    elementsById.clear();
    const index = (list: DiagramNode[]) => list.forEach(node => {
        nodesById.set(node.id, node);
        index(node.children);
    });
    index(graph.nodes);
    for (const edge of graph.edges) edgesById.set(edge.id, edge);

    shown = { graph };
    svgSize = svgDimensions(root, graph);
    root.setAttribute('width', String(svgSize.width));
    root.setAttribute('height', String(svgSize.height));
    for (const item of Array.from(root.querySelectorAll<SVGGraphicsElement>('[data-id]'))) {
        const id = item.getAttribute('data-id');
        if (!id || elementsById.has(id)) continue;
        elementsById.set(id, item);
        // Elements with findings get the richer tooltip below instead of the browser's.
        const data = nodesById.get(id) ?? edgesById.get(id);
        if (data && data.findings.length > 0) {
            for (const title of Array.from(item.querySelectorAll('title'))) title.remove();
        }
    }
    canvas.replaceChildren(root, highlightBox);
    tooltip.hidden = true;

    if (nodesById.size === 0) showNotice('This model has no components yet.');
    else notice.hidden = true;

    if (!hasView) {
        hasView = true;
        const restore = pendingSavedView;
        pendingSavedView = undefined;
        if (restore && restore.uri === currentUri && typeof restore.zoom === 'number') {
            setView(restore.zoom, restore.x ?? 0, restore.y ?? 0);
        } else {
            fit();
        }
    } else {
        applyView();
    }
    runSearch(false);
    applyHighlight();
}

function svgDimensions(root: SVGSVGElement, graph: DiagramGraph): { width: number; height: number } {
    const box = root.viewBox?.baseVal;
    if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
    const width = parseFloat(root.getAttribute('width') ?? '') || graph.width || 100;
    const height = parseFloat(root.getAttribute('height') ?? '') || graph.height || 100;
    return { width, height };
}

// ------------------------------------------------------------------ pan and zoom

function clampZoom(zoom: number): number {
    return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

function setView(zoom: number, x: number, y: number): void {
    view.zoom = clampZoom(zoom);
    view.x = x;
    view.y = y;
    applyView();
}

function applyView(): void {
    canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.zoom})`;
    saveState();
}

/** Zooms by `factor` keeping the point (px, py) of the viewport in place (default: its centre). */
function zoomBy(factor: number, px = viewport.clientWidth / 2, py = viewport.clientHeight / 2): void {
    const zoom = clampZoom(view.zoom * factor);
    const ratio = zoom / view.zoom;
    setView(zoom, px - (px - view.x) * ratio, py - (py - view.y) * ratio);
}

function fit(): void {
    const padding = 24;
    const width = Math.max(1, viewport.clientWidth - 2 * padding);
    const height = Math.max(1, viewport.clientHeight - 2 * padding);
    if (svgSize.width <= 0 || svgSize.height <= 0) return;
    const zoom = clampZoom(Math.min(width / svgSize.width, height / svgSize.height, 1.5));
    setView(zoom, (viewport.clientWidth - svgSize.width * zoom) / 2, (viewport.clientHeight - svgSize.height * zoom) / 2);
}

/** The box of a diagram element in canvas (unscaled diagram) coordinates. */
function boxOf(target: Element): { x: number; y: number; width: number; height: number } {
    const rect = target.getBoundingClientRect();
    const origin = canvas.getBoundingClientRect();
    return {
        x: (rect.left - origin.left) / view.zoom,
        y: (rect.top - origin.top) / view.zoom,
        width: rect.width / view.zoom,
        height: rect.height / view.zoom
    };
}

function centreOn(id: string): void {
    const target = elementsById.get(id);
    if (!target) return;
    const box = boxOf(target);
    const zoom = Math.max(view.zoom, 0.6);
    view.zoom = clampZoom(zoom);
    setView(view.zoom, viewport.clientWidth / 2 - (box.x + box.width / 2) * view.zoom, viewport.clientHeight / 2 - (box.y + box.height / 2) * view.zoom);
}

viewport.addEventListener('wheel', event => {
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? viewport.clientHeight : 1;
    // A trackpad pinch arrives as a wheel event with ctrlKey: it deserves a finer response.
    const speed = event.ctrlKey ? 0.01 : 0.0015;
    const rect = viewport.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY * unit * speed), event.clientX - rect.left, event.clientY - rect.top);
}, { passive: false });

const pointers = new Map<number, { x: number; y: number }>();
let drag: { x: number; y: number; viewX: number; viewY: number; moved: boolean; target: Element | null } | undefined;
let pinch: { distance: number; zoom: number } | undefined;

function pinchDistance(): number {
    const [a, b] = [...pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
}

viewport.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    viewport.setPointerCapture(event.pointerId);
    if (pointers.size === 1) {
        drag = { x: event.clientX, y: event.clientY, viewX: view.x, viewY: view.y, moved: false, target: event.target as Element | null };
    } else if (pointers.size === 2) {
        drag = undefined;
        pinch = { distance: pinchDistance(), zoom: view.zoom };
    }
});

viewport.addEventListener('pointermove', event => {
    if (pointers.has(event.pointerId)) pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pinch && pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const rect = viewport.getBoundingClientRect();
        const factor = (pinch.zoom * pinchDistance() / Math.max(1, pinch.distance)) / view.zoom;
        zoomBy(factor, (a.x + b.x) / 2 - rect.left, (a.y + b.y) / 2 - rect.top);
        return;
    }
    if (drag) {
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) > 4) {
            drag.moved = true;
            viewport.classList.add('panning');
            tooltip.hidden = true;
        }
        if (drag.moved) setView(view.zoom, drag.viewX + dx, drag.viewY + dy);
        return;
    }
    updateTooltip(event);
});

function endPointer(event: PointerEvent): void {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = undefined;
    if (drag && event.type === 'pointerup' && !drag.moved) {
        const id = idAt(drag.target);
        if (id) post({ type: 'reveal', id });
    }
    if (pointers.size === 0) {
        drag = undefined;
        viewport.classList.remove('panning');
    }
}
viewport.addEventListener('pointerup', endPointer);
viewport.addEventListener('pointercancel', endPointer);
viewport.addEventListener('pointerleave', () => {
    if (!drag) tooltip.hidden = true;
});

/** The id of the diagram element (node or edge) at or around `target`. */
function idAt(target: Element | null): string | undefined {
    const owner = target?.closest('[data-id]');
    const id = owner?.getAttribute('data-id') ?? undefined;
    return id && (nodesById.has(id) || edgesById.has(id)) ? id : undefined;
}

document.addEventListener('keydown', event => {
    if (event.target === searchInput) return;
    if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-' || event.key === '_') zoomBy(1 / 1.25);
    else if (event.key === '0') fit();
    else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        searchInput.focus();
        searchInput.select();
    }
});

new ResizeObserver(() => {
    if (hasView) applyView();
}).observe(viewport);

// ------------------------------------------------------------------ tooltip (findings)

const SEVERITY_LABEL: Record<DiagramFinding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' };

function updateTooltip(event: PointerEvent): void {
    const id = idAt(event.target as Element | null);
    const item = id ? nodesById.get(id) ?? edgesById.get(id) : undefined;
    if (!item || item.findings.length === 0) {
        tooltip.hidden = true;
        return;
    }
    if (tooltip.dataset.id !== id) {
        tooltip.dataset.id = id;
        const title = element('div', { className: 'tooltip-title', textContent: 'label' in item ? item.label : (item.label ?? id) });
        const list = element('ul');
        for (const finding of item.findings) {
            const entry = element('li', { className: `severity-${finding.severity}` });
            entry.append(
                element('span', { className: 'severity', textContent: `${SEVERITY_LABEL[finding.severity]}: ` }),
                document.createTextNode(finding.message),
                element('span', { className: 'rule', textContent: ` (${finding.ruleId})` })
            );
            list.append(entry);
        }
        tooltip.replaceChildren(title, list);
    }
    tooltip.hidden = false;
    const margin = 12;
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    let left = event.clientX + margin;
    let top = event.clientY + margin;
    if (left + width > window.innerWidth) left = Math.max(0, event.clientX - width - margin);
    if (top + height > window.innerHeight) top = Math.max(0, event.clientY - height - margin);
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${top}px`;
}

// ------------------------------------------------------------------ highlight and search

/** Outlines the host's element (cursor) or else the current search match. */
function applyHighlight(): void {
    for (const marked of Array.from(canvas.querySelectorAll('.sysd-highlight'))) marked.classList.remove('sysd-highlight');
    const match = searchInput.value.trim() ? searchMatches[searchIndex] : undefined;
    const id = hostHighlight ?? match?.id;
    const target = id ? elementsById.get(id) : undefined;
    if (!target) {
        highlightBox.hidden = true;
        return;
    }
    target.classList.add('sysd-highlight');
    if (edgesById.has(id!)) {
        highlightBox.hidden = true;
        return;
    }
    const box = boxOf(target);
    const pad = 5;
    highlightBox.style.left = `${box.x - pad}px`;
    highlightBox.style.top = `${box.y - pad}px`;
    highlightBox.style.width = `${box.width + 2 * pad}px`;
    highlightBox.style.height = `${box.height + 2 * pad}px`;
    highlightBox.hidden = false;
}

function runSearch(move: boolean): void {
    const query = searchInput.value.trim().toLowerCase();
    if (!query) {
        searchMatches = [];
        searchStatus.textContent = '';
        searchInput.classList.remove('no-match');
        applyHighlight();
        return;
    }
    const rank = (node: DiagramNode) => {
        const label = node.label.toLowerCase();
        return label === query ? 0 : label.startsWith(query) ? 1 : 2;
    };
    const previous = searchMatches[searchIndex]?.id;
    searchMatches = [...nodesById.values()]
        .filter(node => node.label.toLowerCase().includes(query) || node.id.toLowerCase().includes(query))
        .sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
    const kept = searchMatches.findIndex(node => node.id === previous);
    searchIndex = kept >= 0 && !move ? kept : 0;
    searchInput.classList.toggle('no-match', searchMatches.length === 0);
    searchStatus.textContent = searchMatches.length === 0 ? 'No match' : `${searchIndex + 1} of ${searchMatches.length}`;
    if (move && searchMatches.length > 0) centreOn(searchMatches[searchIndex].id);
    applyHighlight();
}

searchInput.addEventListener('input', () => {
    hostHighlight = null;
    runSearch(true);
});
searchInput.addEventListener('keydown', event => {
    if (event.key === 'Enter' && searchMatches.length > 0) {
        searchIndex = (searchIndex + (event.shiftKey ? searchMatches.length - 1 : 1)) % searchMatches.length;
        searchStatus.textContent = `${searchIndex + 1} of ${searchMatches.length}`;
        centreOn(searchMatches[searchIndex].id);
        applyHighlight();
    } else if (event.key === 'Escape') {
        searchInput.value = '';
        runSearch(false);
        viewport.focus();
    }
});

// ------------------------------------------------------------------ export

/**
 * The SVG as a standalone file: the theme's CSS variables are replaced by the colours they have
 * right now, so the file looks like the panel without VS Code around it.
 */
function standaloneSvg(): string | undefined {
    if (!shown) return undefined;
    const styles = getComputedStyle(document.documentElement);
    const bodyStyles = getComputedStyle(document.body);
    // Innermost first, until none is left: `var(--vscode-a, var(--vscode-b, #fff))`.
    const pattern = /var\(\s*(--vscode-[\w-]+)\s*(?:,\s*([^()]*))?\)/g;
    let text = renderSvg(shown.graph, { theme: 'vscode', standalone: true });
    for (let previous = ''; previous !== text;) {
        previous = text;
        text = text.replace(pattern, (_whole, name: string, fallback?: string) => {
            const value = styles.getPropertyValue(name).trim() || bodyStyles.getPropertyValue(name).trim();
            return value || (fallback ?? '').trim() || 'currentColor';
        });
    }
    return text;
}

async function exportSvg(): Promise<void> {
    const svg = standaloneSvg();
    if (svg) post({ type: 'export', format: 'svg', data: svg });
}

async function exportPng(): Promise<void> {
    const svg = standaloneSvg();
    if (!svg) return;
    // Twice the diagram's size for sharp text, within what a canvas can hold.
    const scale = Math.min(2, 16_000 / Math.max(svgSize.width, svgSize.height), Math.sqrt(100_000_000 / Math.max(1, svgSize.width * svgSize.height)));
    const width = Math.max(1, Math.round(svgSize.width * scale));
    const height = Math.max(1, Math.round(svgSize.height * scale));
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.width = width;
        image.height = height;
        await new Promise<void>((resolve, reject) => {
            image.onload = () => resolve();
            image.onerror = () => reject(new Error('the SVG could not be drawn'));
            image.src = url;
        });
        const drawing = document.createElement('canvas');
        drawing.width = width;
        drawing.height = height;
        const context = drawing.getContext('2d');
        if (!context) throw new Error('no 2D canvas');
        context.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
        context.fillRect(0, 0, width, height);
        context.drawImage(image, 0, 0, width, height);
        const blob = await new Promise<Blob | null>(resolve => drawing.toBlob(resolve, 'image/png'));
        if (!blob) throw new Error('the PNG could not be encoded');
        post({ type: 'export', format: 'png', data: await toBase64(blob) });
    } catch (error) {
        post({ type: 'error', message: `PNG export failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
        URL.revokeObjectURL(url);
    }
}

function toBase64(blob: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => {
            const result = String(reader.result);
            resolve(result.slice(result.indexOf(',') + 1));
        };
        reader.onerror = () => reject(reader.error ?? new Error('could not read the PNG'));
        reader.readAsDataURL(blob);
    });
}

// ------------------------------------------------------------------ host messages

function onHostMessage(message: HostMessage): void {
    switch (message.type) {
        case 'diagram':
            onDiagram(message.uri, message.graph);
            break;
        case 'highlight':
            hostHighlight = message.id;
            applyHighlight();
            break;
        case 'notice':
            showNotice(message.message);
            break;
    }
}

window.addEventListener('message', event => {
    // Anything that is not a well-formed host message is ignored.
    if (isHostMessage(event.data)) onHostMessage(event.data);
});

post({ type: 'ready' });
