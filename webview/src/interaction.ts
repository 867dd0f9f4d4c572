/**
 * What people do with the diagram: pan (drag), zoom (wheel, pinch, keys, buttons), fit, search,
 * hover for findings, click to open a definition. The arithmetic is in state.ts; this module turns
 * DOM events into it and asks the renderer to redraw.
 */
import type { Page } from './dom.js';
import { fillTooltip, type Renderer } from './render.js';
import {
    centredView, fittedView, initialView, itemById, knownId, revealedView, runSearch, searchStatus, setView, stepSearch, viewAfterDraw,
    zoomedView, type PreviewState, type View
} from './state.js';

/** One step of the zoom buttons and keys. */
export const ZOOM_STEP = 1.25;
/** A pointer that moves less than this (px) between press and release clicks instead of panning. */
const CLICK_SLOP = 4;
const TOOLTIP_MARGIN = 12;

/** Pan, zoom and fit. Every change is drawn and reported to `viewChanged` (which saves it). */
export class Navigation {
    constructor(
        private readonly page: Page,
        private readonly state: PreviewState,
        private readonly renderer: Renderer,
        private readonly viewChanged: () => void
    ) {}

    private get viewportSize() {
        return { width: this.page.viewport.clientWidth, height: this.page.viewport.clientHeight };
    }

    setView(view: View): void {
        setView(this.state, view);
        this.apply();
    }

    /** Draws the current view again (after a resize, or for a new diagram that keeps the view). */
    apply(): void {
        this.renderer.applyView();
        this.viewChanged();
    }

    /** Zooms by `factor` keeping the point (px, py) of the viewport in place (default: its centre). */
    zoomBy(factor: number, px = this.page.viewport.clientWidth / 2, py = this.page.viewport.clientHeight / 2): void {
        this.setView(zoomedView(this.state.view, factor, px, py));
    }

    fit(): void {
        const view = fittedView(this.state.size, this.viewportSize);
        if (view) this.setView(view);
    }

    centreOn(id: string): void {
        const box = this.renderer.boxOf(id);
        if (box) this.setView(centredView(this.state.view, box, this.viewportSize));
    }

    /** Pans an element outside the viewport into it (the element under the editor's cursor); one inside stays put. */
    reveal(id: string): void {
        const box = this.renderer.boxOf(id);
        const view = box ? revealedView(this.state.view, box, this.viewportSize) : undefined;
        if (view) this.setView(view);
    }

    /** The view of a diagram just drawn: see `viewAfterDraw`. */
    settle(): void {
        const next = viewAfterDraw(this.state);
        if (next.kind === 'restore') this.setView(next.view);
        else if (next.kind === 'initial') {
            const view = initialView(this.state.size, this.viewportSize);
            if (view) this.setView(view);
            else this.apply();
        } else this.apply();
    }
}

/** The search box: finds components by name, centres on and outlines the current match. */
export class Search {
    constructor(
        private readonly page: Page,
        private readonly state: PreviewState,
        private readonly navigation: Navigation,
        private readonly renderer: Renderer
    ) {
        const input = page.searchInput;
        input.addEventListener('input', () => {
            // Typing takes the outline over from the editor's cursor.
            this.state.hostHighlight = null;
            this.refresh(true);
        });
        input.addEventListener('keydown', event => {
            if (event.key === 'Enter' && this.state.search.matches.length > 0) {
                const id = stepSearch(this.state, event.shiftKey);
                this.showStatus();
                if (id) this.navigation.centreOn(id);
                this.renderer.applyHighlight();
            } else if (event.key === 'Escape') {
                input.value = '';
                this.refresh(false);
                page.viewport.focus();
            }
        });
    }

    /** Searches again: after typing (`move`: go to the best match) or for a new diagram (stay on the current one). */
    refresh(move: boolean): void {
        const centre = runSearch(this.state, this.page.searchInput.value, move);
        this.showStatus();
        if (centre) this.navigation.centreOn(centre);
        this.renderer.applyHighlight();
    }

    /** Puts the search box's focus and selection in place, ready to type. */
    focus(): void {
        this.page.searchInput.focus();
        this.page.searchInput.select();
    }

    private showStatus(): void {
        const search = this.state.search;
        this.page.searchInput.classList.toggle('no-match', search.query !== '' && search.matches.length === 0);
        this.page.searchStatus.textContent = searchStatus(search);
    }
}

/** The id of the diagram element (node or edge) at or around `target`. */
function idAt(state: PreviewState, target: EventTarget | null): string | undefined {
    const owner = target instanceof Element ? target.closest('[data-id]') : null;
    return knownId(state, owner?.getAttribute('data-id'));
}

/** Shows the findings of the element under the pointer, beside the pointer and inside the window. */
function updateTooltip(page: Page, state: PreviewState, event: PointerEvent): void {
    const tooltip = page.tooltip;
    const id = idAt(state, event.target);
    const item = id ? itemById(state, id) : undefined;
    if (!id || !item || item.findings.length === 0) {
        tooltip.hidden = true;
        return;
    }
    fillTooltip(tooltip, id, item);
    tooltip.hidden = false;
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    let left = event.clientX + TOOLTIP_MARGIN;
    let top = event.clientY + TOOLTIP_MARGIN;
    if (left + width > window.innerWidth) left = Math.max(0, event.clientX - width - TOOLTIP_MARGIN);
    if (top + height > window.innerHeight) top = Math.max(0, event.clientY - height - TOOLTIP_MARGIN);
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${top}px`;
}

/**
 * Wheel and pointer events on the viewport: wheel and two-finger pinch zoom, a drag pans, a press
 * and release without moving is a click that `reveal`s the element under it, hovering shows
 * findings. Resizing the panel redraws the view.
 */
export function bindPointer(page: Page, state: PreviewState, navigation: Navigation, reveal: (id: string) => void): void {
    const { viewport, tooltip } = page;
    const pointers = new Map<number, { x: number; y: number }>();
    let drag: { x: number; y: number; viewX: number; viewY: number; moved: boolean; target: EventTarget | null } | undefined;
    let pinch: { distance: number; zoom: number } | undefined;

    const pinchDistance = () => {
        const [a, b] = [...pointers.values()];
        return Math.hypot(a.x - b.x, a.y - b.y);
    };

    viewport.addEventListener('wheel', event => {
        event.preventDefault();
        const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? viewport.clientHeight : 1;
        // A trackpad pinch arrives as a wheel event with ctrlKey: it deserves a finer response.
        const speed = event.ctrlKey ? 0.01 : 0.0015;
        const rect = viewport.getBoundingClientRect();
        navigation.zoomBy(Math.exp(-event.deltaY * unit * speed), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    viewport.addEventListener('pointerdown', event => {
        if (event.button !== 0) return;
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        viewport.setPointerCapture(event.pointerId);
        if (pointers.size === 1) {
            drag = { x: event.clientX, y: event.clientY, viewX: state.view.x, viewY: state.view.y, moved: false, target: event.target };
        } else if (pointers.size === 2) {
            drag = undefined;
            pinch = { distance: pinchDistance(), zoom: state.view.zoom };
        }
    });

    viewport.addEventListener('pointermove', event => {
        if (pointers.has(event.pointerId)) pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pinch && pointers.size === 2) {
            const [a, b] = [...pointers.values()];
            const rect = viewport.getBoundingClientRect();
            const factor = (pinch.zoom * pinchDistance() / Math.max(1, pinch.distance)) / state.view.zoom;
            navigation.zoomBy(factor, (a.x + b.x) / 2 - rect.left, (a.y + b.y) / 2 - rect.top);
            return;
        }
        if (drag) {
            const dx = event.clientX - drag.x;
            const dy = event.clientY - drag.y;
            if (!drag.moved && Math.hypot(dx, dy) > CLICK_SLOP) {
                drag.moved = true;
                viewport.classList.add('panning');
                tooltip.hidden = true;
            }
            if (drag.moved) navigation.setView({ zoom: state.view.zoom, x: drag.viewX + dx, y: drag.viewY + dy });
            return;
        }
        updateTooltip(page, state, event);
    });

    const endPointer = (event: PointerEvent) => {
        pointers.delete(event.pointerId);
        if (pointers.size < 2) pinch = undefined;
        if (drag && event.type === 'pointerup' && !drag.moved) {
            const id = idAt(state, drag.target);
            if (id) reveal(id);
        }
        if (pointers.size === 0) {
            drag = undefined;
            viewport.classList.remove('panning');
        }
    };
    viewport.addEventListener('pointerup', endPointer);
    viewport.addEventListener('pointercancel', endPointer);
    viewport.addEventListener('pointerleave', () => {
        if (!drag) tooltip.hidden = true;
    });

    new ResizeObserver(() => {
        if (state.hasView) navigation.apply();
    }).observe(viewport);
}

/** Keys anywhere but in the search box: + and - zoom, 0 fits, Ctrl/Cmd+F searches. */
export function bindKeyboard(page: Page, navigation: Navigation, search: Search): void {
    document.addEventListener('keydown', event => {
        if (event.target === page.searchInput) return;
        if (event.key === '+' || event.key === '=') navigation.zoomBy(ZOOM_STEP);
        else if (event.key === '-' || event.key === '_') navigation.zoomBy(1 / ZOOM_STEP);
        else if (event.key === '0') navigation.fit();
        else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            search.focus();
        }
    });
}
