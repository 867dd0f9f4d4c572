/**
 * The page's fixed elements (toolbar with the view picker, viewport, legend, notice, progress,
 * tooltip) and the helpers that build elements. Text goes in through `textContent`, never as markup.
 */

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
    const created = document.createElement(tag);
    Object.assign(created, props);
    for (const child of children) created.append(child);
    return created;
}

export function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
    const created = element('button', { type: 'button', textContent: label, title });
    created.setAttribute('aria-label', title);
    created.addEventListener('click', onClick);
    return created;
}

/** The elements the other modules draw into and listen on. */
export interface Page {
    /** Holds the view picker and the search box; main.ts adds the buttons after the spacer. */
    toolbar: HTMLDivElement;
    /** The view picker: the views the host offers, grouped by kind. */
    picker: HTMLSelectElement;
    searchInput: HTMLInputElement;
    searchStatus: HTMLSpanElement;
    /** Receives pointer, wheel and resize events; `canvas` moves and scales inside it. */
    viewport: HTMLDivElement;
    /** The drawn diagram and the highlight outline. */
    canvas: HTMLDivElement;
    highlightBox: HTMLDivElement;
    notice: HTMLDivElement;
    progress: HTMLDivElement;
    progressText: HTMLSpanElement;
    tooltip: HTMLDivElement;
    /** The legend panel over the viewport's corner (hidden until the Legend button opens it). */
    legend: HTMLDivElement;
}

/** Builds the page's elements and puts them in the document body. */
export function createPage(): Page {
    const picker = element('select', { id: 'view-picker', title: 'The view shown' });
    picker.setAttribute('aria-label', 'Diagram view');
    const searchInput = element('input', { type: 'search', placeholder: 'Find component', spellcheck: false, id: 'search' });
    searchInput.setAttribute('aria-label', 'Find a component by name');
    const searchStatus = element('span', { className: 'search-status' });
    searchStatus.setAttribute('aria-live', 'polite');
    const toolbar = element('div', { id: 'toolbar', role: 'toolbar' }, picker, searchInput, searchStatus, element('span', { className: 'spacer' }));
    const canvas = element('div', { id: 'canvas' });
    const highlightBox = element('div', { className: 'highlight-box' });
    const legend = element('div', { id: 'legend', hidden: true });
    legend.setAttribute('role', 'region');
    legend.setAttribute('aria-label', 'Legend');
    const viewport = element('div', { id: 'viewport', tabIndex: 0 }, canvas);
    viewport.setAttribute('aria-label', 'Architecture diagram');
    const stage = element('div', { id: 'stage' }, viewport, legend);
    const notice = element('div', { id: 'notice', hidden: true });
    const progressText = element('span', { textContent: 'Laying out the diagram\u2026' });
    const progress = element('div', { id: 'progress', hidden: true }, element('div', { className: 'bar' }), progressText);
    progress.setAttribute('role', 'status');
    const tooltip = element('div', { id: 'tooltip', hidden: true });
    tooltip.setAttribute('role', 'tooltip');
    document.body.append(toolbar, stage, notice, progress, tooltip);
    return { toolbar, picker, searchInput, searchStatus, viewport, canvas, highlightBox, notice, progress, progressText, tooltip, legend };
}
