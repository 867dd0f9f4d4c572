/**
 * The diagram webview. Receives diagrams from the extension host, lays them out in a worker,
 * renders them with the shared SVG renderer and lets people pick the view, pan, zoom, search, read
 * the legend, export, and jump to a definition. No VS Code API here beyond the `acquireVsCodeApi()`
 * the webview page provides.
 *
 * This file only wires the parts together: state.ts (what is shown), messaging.ts (the host),
 * layout-client.ts (the ELK worker), render.ts (drawing), interaction.ts (pan, zoom, search,
 * click), export.ts (SVG and PNG files), dom.ts (the page's elements), what-if-view.ts and what-if.ts
 * (the what-if mode: fail zones, regions and components, see what breaks).
 */
import type { DiagramGraph } from '@sysd/diagram';
import { applyDiagramPatch } from '@sysd/protocol';
import { button, element, createPage } from './dom.js';
import { exportPng, exportSvg } from './export.js';
import { bindKeyboard, bindPointer, Navigation, Search, ZOOM_STEP } from './interaction.js';
import { LayoutClient, startWorker } from './layout-client.js';
import { acquireHost } from './messaging.js';
import { Progress, Renderer, ThemeStyles } from './render.js';
import { createState, openDocument, pickerGroups, setViews, toSavedState } from './state.js';
import { UpdateTracer } from './trace.js';
import { WhatIfView } from './what-if-view.js';

// The page's script tag names the worker script and carries the nonce (the renderer's `<style>`
// elements need it to pass the CSP). `currentScript` is only set while this script first runs.
const script = document.currentScript as HTMLScriptElement | null;
const workerUrl = script?.getAttribute('data-worker') ?? '';
const nonce = script?.nonce ?? '';

const host = acquireHost();
const state = createState(host.savedState());
const page = createPage();

const styles = new ThemeStyles(nonce, () => {
    // The stylesheet already carries the new colours; the legend's samples are drawn per theme.
    if (state.legend) drawer.drawLegend();
});
const drawer = new Renderer(page, state, nonce, () => styles.theme);
const progress = new Progress(page);
const saveState = () => host.saveState(() => toSavedState(state));
const navigation = new Navigation(page, state, drawer, saveState);
const search = new Search(page, state, navigation, drawer);

const legendButton = button('Legend', 'Show or hide the legend', () => {
    state.legend = !state.legend;
    showLegend();
    saveState();
});

function showLegend(): void {
    legendButton.setAttribute('aria-pressed', String(state.legend));
    drawer.showLegend(state.legend);
}

const whatIf = new WhatIfView(page, state, {
    post: message => host.post(message),
    save: saveState,
    reveal: id => navigation.reveal(id)
});

page.toolbar.append(
    whatIf.toggle,
    button('\u2212', 'Zoom out (-)', () => navigation.zoomBy(1 / ZOOM_STEP)),
    button('+', 'Zoom in (+)', () => navigation.zoomBy(ZOOM_STEP)),
    button('Fit', 'Fit to view (0)', () => navigation.fit()),
    legendButton,
    button('SVG', 'Export the diagram as SVG', () => exportSvg(state, styles.theme, host.post)),
    button('PNG', 'Export the diagram as PNG', () => void exportPng(state, styles.theme, host.post))
);
showLegend();

/** Fills the picker with the host's views, the one shown selected. */
function fillPicker(): void {
    const picker = page.picker;
    const groups = pickerGroups(state.views, state.graph?.view);
    const options = groups.map(group => element('optgroup', { label: group.label },
        ...group.options.map(view => element('option', { value: view.key, textContent: view.title, title: view.detail ?? view.title }))));
    picker.replaceChildren(...options);
    picker.disabled = groups.length === 0;
    // Nothing selected rather than a wrong name, while the view shown is not known.
    const shown = state.viewKey ?? state.graph?.view?.key;
    picker.value = shown ?? '';
    if (picker.value !== shown) picker.selectedIndex = -1;
}

page.picker.addEventListener('change', () => {
    const key = page.picker.value;
    if (key && key !== state.viewKey) host.post({ type: 'selectView', key });
});

function failLayout(message: string): void {
    progress.hide();
    drawer.showNotice(`The diagram could not be laid out: ${message}`);
    host.post({ type: 'error', message: `layout failed: ${message}` });
}

/** What the last drawn picture showed: the next one of the same document and view moves into place. */
let drawnView: string | undefined;
/** A highlight that asked to be revealed before its diagram was drawn. */
let revealPending = false;
/** The newest graph from the host (not laid out) and its server version: a patch applies to it. */
let latest: { graph: DiagramGraph; version: string | undefined } | undefined;
const tracer = new UpdateTracer();

function show(graph: DiagramGraph): void {
    tracer.mark('laid-out');
    const shows = `${state.uri ?? ''}\n${graph.view?.key ?? ''}`;
    if (!drawer.draw(graph, shows === drawnView)) {
        failLayout('the renderer produced invalid SVG');
        return;
    }
    tracer.drawn(state.nodes.size, state.edges.size);
    drawnView = shows;
    navigation.settle();
    search.refresh(false);
    drawer.applyHighlight();
    whatIf.drawn();
    fillPicker();
    if (revealPending && state.hostHighlight) navigation.reveal(state.hostHighlight);
    revealPending = false;
}

const layout = new LayoutClient(handlers => startWorker(workerUrl, handlers), {
    laidOut: show,
    failed: failLayout,
    busy: graph => {
        tracer.mark('layout-start');
        progress.later(graph);
    },
    idle: () => progress.hide()
});

// In the what-if mode a click fails what it lands on; elsewhere (and on what cannot fail) it opens the definition.
bindPointer(page, state, navigation, id => {
    if (!whatIf.click(id)) host.post({ type: 'reveal', id });
});
bindKeyboard(page, navigation, search);

host.listen(message => {
    switch (message.type) {
        case 'diagram':
            tracer.received(message.trace, false);
            latest = { graph: message.graph, version: message.version };
            if (openDocument(state, message.uri, message.graph.view?.key)) saveState();
            layout.request(message.graph);
            break;
        case 'diagramPatch': {
            tracer.received(message.trace, true);
            const { patch } = message;
            const patched = latest && latest.version === patch.base && message.uri === state.uri ? applyDiagramPatch(latest.graph, patch) : undefined;
            if (!patched) {
                // Not a patch to the graph held here (the page was reloaded meanwhile): the whole graph, please.
                host.post({ type: 'needDiagram' });
                break;
            }
            latest = { graph: patched, version: patch.version };
            // Nothing changed but the version: the picture stays as it is (the analysis may have changed: what-if asks again).
            if (patch.nodes.length === 0 && patch.edges.length === 0 && patch.view?.title === state.graph?.view?.title) {
                whatIf.drawn();
                break;
            }
            // The same structure: the layout client gives it the layout of its base, without the worker.
            layout.request(patched);
            break;
        }
        case 'views':
            setViews(state, message);
            fillPicker();
            saveState();
            break;
        case 'highlight':
            state.hostHighlight = message.id;
            drawer.applyHighlight();
            if (message.id && message.reveal) {
                // The element may belong to a diagram still being laid out: reveal it once drawn.
                if (state.nodes.has(message.id) || state.edges.has(message.id)) navigation.reveal(message.id);
                else revealPending = true;
            }
            break;
        case 'notice':
            drawer.showNotice(message.message);
            break;
        case 'exportRequest':
            if (message.format === 'svg') exportSvg(state, styles.theme, host.post);
            else void exportPng(state, styles.theme, host.post);
            break;
        case 'whatIfMode':
            whatIf.setMode(message.on, message.focus);
            break;
        case 'whatIfResult':
            whatIf.answered(message.seq, message.result);
            break;
    }
});

host.post({ type: 'ready' });
