/**
 * The diagram webview. Receives diagrams from the extension host, lays them out in a worker,
 * renders them with the shared SVG renderer and lets people pan, zoom, search, export, and jump
 * to a definition. No VS Code API here beyond the `acquireVsCodeApi()` the webview page provides.
 *
 * This file only wires the parts together: state.ts (what is shown), messaging.ts (the host),
 * layout-client.ts (the ELK worker), render.ts (drawing), interaction.ts (pan, zoom, search,
 * click), export.ts (SVG and PNG files), dom.ts (the page's elements).
 */
import type { DiagramGraph } from '@sysd/diagram';
import { button, createPage } from './dom.js';
import { exportPng, exportSvg } from './export.js';
import { bindKeyboard, bindPointer, Navigation, Search, ZOOM_STEP } from './interaction.js';
import { LayoutClient, startWorker } from './layout-client.js';
import { acquireHost } from './messaging.js';
import { installDiagramStyles, Progress, Renderer } from './render.js';
import { createState, openDocument, toSavedState } from './state.js';

// The page's script tag names the worker script and carries the nonce (the renderer's `<style>`
// elements need it to pass the CSP). `currentScript` is only set while this script first runs.
const script = document.currentScript as HTMLScriptElement | null;
const workerUrl = script?.getAttribute('data-worker') ?? '';
const nonce = script?.nonce ?? '';

const host = acquireHost();
const state = createState(host.savedState());
const page = createPage();
installDiagramStyles(nonce);

const renderer = new Renderer(page, state, nonce);
const progress = new Progress(page);
const saveState = () => host.saveState(() => toSavedState(state));
const navigation = new Navigation(page, state, renderer, saveState);
const search = new Search(page, state, navigation, renderer);

page.toolbar.append(
    button('\u2212', 'Zoom out (-)', () => navigation.zoomBy(1 / ZOOM_STEP)),
    button('+', 'Zoom in (+)', () => navigation.zoomBy(ZOOM_STEP)),
    button('Fit', 'Fit to view (0)', () => navigation.fit()),
    button('SVG', 'Export the diagram as SVG', () => exportSvg(state, host.post)),
    button('PNG', 'Export the diagram as PNG', () => void exportPng(state, host.post))
);

function failLayout(message: string): void {
    progress.hide();
    renderer.showNotice(`The diagram could not be laid out: ${message}`);
    host.post({ type: 'error', message: `layout failed: ${message}` });
}

function show(graph: DiagramGraph): void {
    if (!renderer.draw(graph)) {
        failLayout('the renderer produced invalid SVG');
        return;
    }
    navigation.settle();
    search.refresh(false);
    renderer.applyHighlight();
}

const layout = new LayoutClient(handlers => startWorker(workerUrl, handlers), {
    laidOut: show,
    failed: failLayout,
    busy: graph => progress.later(graph),
    idle: () => progress.hide()
});

bindPointer(page, state, navigation, id => host.post({ type: 'reveal', id }));
bindKeyboard(page, navigation, search);

host.listen(message => {
    switch (message.type) {
        case 'diagram':
            if (openDocument(state, message.uri)) saveState();
            layout.request(message.graph);
            break;
        case 'highlight':
            state.hostHighlight = message.id;
            renderer.applyHighlight();
            break;
        case 'notice':
            renderer.showNotice(message.message);
            break;
    }
});

host.post({ type: 'ready' });
