/**
 * The what-if mode on the page: the toolbar toggle, the side list of consequences, clicks that fail a
 * component, zone or region, and the restyling of the drawn SVG (classes and small markers on the
 * elements that are already there: the layout never runs again just to colour). The state and its
 * transitions are `what-if.ts`; this module only draws them and forwards the user's actions.
 */
import type { WhatIfPath, WhatIfResult, WhatIfTarget, WebviewMessage } from '@sysd/protocol';
import { button, element, type Page } from './dom.js';
import type { PreviewState } from './state.js';
import {
    acceptResult, failureLabel, nextRequest, pathKey, resetFailures, setMode, STATUS_LABEL, summary, targetOfNode, toggleTarget,
    whatIfStyle, type WhatIfState
} from './what-if.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Classes the restyling sets; each restyle removes them all first. */
const NODE_CLASSES = ['sysd-wi-failed', 'sysd-wi-down', 'sysd-wi-degraded', 'sysd-wi-path'];
const EDGE_CLASSES = ['sysd-wi-edge-down', 'sysd-wi-edge-degraded', 'sysd-wi-path'];
/** The marker in a node's corner, so a state never rests on colour alone. */
const MARK: Readonly<Record<'failed' | 'down' | 'degraded', { glyph: string; word: string }>> = {
    failed: { glyph: '\u2715', word: 'Failed' },
    down: { glyph: '!', word: 'Unavailable' },
    degraded: { glyph: '~', word: 'Degraded' }
};
const STATUS_GLYPH = { up: '\u2713', degraded: '~', down: '\u2715' } as const;

export interface WhatIfCallbacks {
    post: (message: WebviewMessage) => void;
    /** The page state changed (the failure set, the mode, the focus): save it. */
    save: () => void;
    /** Centre the picture on a node or edge. */
    reveal: (id: string) => void;
}

/** The mode's part of the page: built once, redrawn from the state. */
export class WhatIfView {
    readonly toggle: HTMLButtonElement;
    private readonly panel: HTMLElement;
    private readonly status: HTMLParagraphElement;
    private readonly failedList: HTMLUListElement;
    private readonly placesList: HTMLDivElement;
    private readonly pathsList: HTMLUListElement;
    private readonly reset: HTMLButtonElement;
    private readonly whatIf: WhatIfState;
    /** The host asked for an entry: its path is shown once the answer that holds it arrives. */
    private showFocusOnAnswer = false;

    constructor(private readonly page: Page, private readonly state: PreviewState, private readonly callbacks: WhatIfCallbacks) {
        this.whatIf = state.whatIf;
        this.toggle = button('What if', 'What if: click zones, regions or components to fail them (Escape leaves)', () => this.setMode(!this.whatIf.on));
        this.toggle.id = 'what-if-toggle';
        this.reset = button('Reset', 'Bring back everything that was failed', () => this.resetAll());
        this.reset.id = 'what-if-reset';
        const close = button('\u2715', 'Leave the what-if mode (Escape)', () => this.setMode(false));
        close.className = 'what-if-close';
        this.status = element('p', { className: 'what-if-status' });
        this.status.setAttribute('aria-live', 'polite');
        this.failedList = element('ul', { className: 'what-if-failed' });
        this.failedList.setAttribute('aria-label', 'Failed');
        this.placesList = element('div', { className: 'what-if-places' });
        this.pathsList = element('ul', { className: 'what-if-paths' });
        this.pathsList.setAttribute('aria-label', 'Flows and SLOs');
        const hint = element('p', { className: 'what-if-hint', textContent: 'Click a component, zone or region in the diagram, or a zone below, to fail it; click it again to bring it back.' });
        this.panel = element('aside', { id: 'what-if', hidden: true },
            element('div', { className: 'what-if-head' }, element('h2', { textContent: 'What if' }), this.reset, close),
            hint,
            element('h3', { textContent: 'Failed' }), this.failedList,
            this.placesList,
            element('h3', { textContent: 'Consequences' }), this.status, this.pathsList);
        this.panel.setAttribute('role', 'region');
        this.panel.setAttribute('aria-label', 'What if: failures and their consequences');
        page.viewport.parentElement?.append(this.panel);

        document.addEventListener('keydown', event => {
            if (event.key !== 'Escape' || !this.whatIf.on || event.target === page.searchInput || event.defaultPrevented) return;
            event.preventDefault();
            this.setMode(false);
            this.toggle.focus();
        });
        this.render();
    }

    /** Turns the mode on or off (the toolbar button, Escape, the host's command); `focus` picks the entry to show. */
    setMode(on: boolean, focus?: string): void {
        const request = setMode(this.whatIf, on, focus);
        this.callbacks.save();
        if (request) this.request();
        this.render();
        this.restyle();
        if (on && focus) {
            this.showFocusOnAnswer = true;
            this.showFocused();
        }
    }

    /**
     * A click on the drawn element `id`: in the mode, fails (or brings back) what it stands for (a
     * system or a client cannot fail: nothing happens) and returns true; outside it, returns false
     * (the click opens the definition).
     */
    click(id: string): boolean {
        if (!this.whatIf.on) return false;
        const target = targetOfNode(this.whatIf.result, id);
        if (target) this.toggleTarget(target.target);
        return true;
    }

    /** A new picture is drawn: its elements get their style again, and the analysis is asked for the model it shows. */
    drawn(): void {
        if (!this.whatIf.on) return;
        this.restyle();
        this.request();
    }

    /** The host's answer to a request. */
    answered(seq: number, result: WhatIfResult | null): void {
        const before = this.whatIf.fail.length;
        if (!acceptResult(this.whatIf, seq, result)) return;
        if (this.whatIf.fail.length !== before) this.callbacks.save();
        this.render();
        this.restyle();
        if (this.showFocusOnAnswer) {
            this.showFocusOnAnswer = false;
            this.showFocused();
        }
    }

    private toggleTarget(target: string): void {
        toggleTarget(this.whatIf, target);
        this.callbacks.save();
        this.request();
        this.renderFailed();
    }

    private resetAll(): void {
        if (!resetFailures(this.whatIf)) return;
        this.callbacks.save();
        this.request();
        this.renderFailed();
    }

    private request(): void {
        if (!this.whatIf.on) return;
        const { seq, fail } = nextRequest(this.whatIf);
        this.callbacks.post({ type: 'whatIf', seq, fail });
    }

    // ------------------------------------------------------------------ side list

    private render(): void {
        const on = this.whatIf.on;
        this.toggle.setAttribute('aria-pressed', String(on));
        this.panel.hidden = !on;
        this.page.viewport.parentElement?.classList.toggle('what-if-on', on);
        if (!on) return;
        this.renderFailed();
        this.renderPaths();
    }

    /** The failed things (each a button that brings it back) and the zones and regions of the view (each a toggle). */
    private renderFailed(): void {
        const result = this.whatIf.result;
        const failed = this.whatIf.fail;
        this.reset.disabled = failed.length === 0;
        this.failedList.replaceChildren(...(failed.length === 0
            ? [element('li', { className: 'what-if-none', textContent: 'Nothing yet.' })]
            : failed.map(key => {
                const label = failureLabel(result, key);
                const restore = button(`\u2715 ${label}`, `Bring back ${label}`, () => this.toggleTarget(key));
                restore.className = 'what-if-chip';
                return element('li', {}, restore);
            })));
        const places = (result?.targets ?? []).filter(target => target.kind !== 'component');
        const regions = places.filter(target => target.kind === 'region');
        const groups: HTMLElement[] = [];
        if (places.length > 0) groups.push(element('h3', { textContent: 'Zones and regions' }));
        for (const region of regions) {
            const zones = places.filter(target => target.kind === 'zone' && target.label.startsWith(`${region.label}.`));
            groups.push(element('div', { className: 'what-if-zones' }, this.placeToggle(region), ...zones.map(zone => this.placeToggle(zone))));
        }
        const loose = places.filter(target => target.kind === 'zone' && !regions.some(region => target.label.startsWith(`${region.label}.`)));
        if (loose.length > 0) groups.push(element('div', { className: 'what-if-zones' }, ...loose.map(zone => this.placeToggle(zone))));
        this.placesList.replaceChildren(...groups);
        this.status.textContent = summary(this.whatIf);
    }

    private placeToggle(target: WhatIfTarget): HTMLButtonElement {
        const failed = this.whatIf.fail.includes(target.target);
        const label = target.kind === 'region' ? `region ${target.label}` : `zone ${target.label}`;
        const toggle = button(target.kind === 'region' ? target.label : target.label.slice(target.label.lastIndexOf('.') + 1),
            `${failed ? 'Bring back' : 'Fail'} ${label}`, () => this.toggleTarget(target.target));
        toggle.className = `what-if-place what-if-${target.kind}`;
        toggle.dataset.target = target.target;
        toggle.setAttribute('aria-pressed', String(failed));
        return toggle;
    }

    /** Every flow and SLO: status (word and glyph), availability before and after, the steps that break it. */
    private renderPaths(): void {
        const result = this.whatIf.result;
        const entries = (result?.paths ?? []).map(path => this.pathEntry(path));
        this.pathsList.replaceChildren(...entries);
        this.status.textContent = summary(this.whatIf);
    }

    private pathEntry(path: WhatIfPath): HTMLLIElement {
        const key = pathKey(path);
        const focused = this.whatIf.focus === key;
        const title = element('button', { type: 'button', className: 'what-if-path-title' },
            element('span', { className: 'what-if-glyph', textContent: STATUS_GLYPH[path.status] }),
            element('span', { className: 'what-if-name', textContent: `${path.kind === 'slo' ? 'SLO' : 'Flow'} ${path.name}` }),
            element('span', { className: 'what-if-word', textContent: STATUS_LABEL[path.status] }));
        title.setAttribute('aria-pressed', String(focused));
        title.setAttribute('aria-label', `${path.kind === 'slo' ? 'SLO' : 'Flow'} ${path.name}: ${STATUS_LABEL[path.status]}, availability ${path.availability}. ${focused ? 'Its path is highlighted.' : 'Highlight its path.'}`);
        title.addEventListener('click', () => this.focusPath(key));
        const details: HTMLElement[] = [
            element('div', { className: 'what-if-figures', textContent: `availability ${path.availability}${path.availability !== path.baseline ? ` (was ${path.baseline})` : ''}${path.objective ? ` \u00b7 objective ${path.objective}` : ''}` }),
            element('div', { className: 'what-if-route', textContent: path.path })
        ];
        const shown = focused ? path.consequences : path.consequences.slice(0, 3);
        if (shown.length > 0) {
            details.push(element('ul', { className: 'what-if-why' }, ...shown.map(c => element('li', { className: `what-if-${c.status}`, textContent: `${STATUS_LABEL[c.status]} at ${c.text}` }))));
        }
        const more = path.consequences.length - shown.length + path.moreConsequences;
        if (more > 0) details.push(element('div', { className: 'what-if-more', textContent: `\u2026 and ${more} more` }));
        if (path.nodes.length === 0 && path.status !== 'up') details.push(element('div', { className: 'what-if-more', textContent: 'Not drawn in this view.' }));
        const entry = element('li', { className: `what-if-path what-if-${path.status}${focused ? ' what-if-focused' : ''}` }, title, ...details);
        entry.dataset.path = key;
        entry.dataset.status = path.status;
        const hover = (on: boolean) => {
            this.whatIf.hover = on ? key : undefined;
            this.restylePath();
        };
        entry.addEventListener('pointerenter', () => hover(true));
        entry.addEventListener('pointerleave', () => hover(false));
        title.addEventListener('focus', () => hover(true));
        title.addEventListener('blur', () => hover(false));
        return entry;
    }

    private focusPath(key: string): void {
        this.whatIf.focus = this.whatIf.focus === key ? undefined : key;
        this.callbacks.save();
        this.renderPaths();
        this.restyle();
        this.showFocused();
    }

    /** Scrolls the focused entry into the list's view and centres the picture on its path. */
    private showFocused(): void {
        const key = this.whatIf.focus;
        if (!key) return;
        const entry = Array.from(this.pathsList.children).find(child => (child as HTMLElement).dataset.path === key);
        entry?.scrollIntoView({ block: 'nearest' });
        const path = this.whatIf.result?.paths.find(p => pathKey(p) === key);
        const first = path?.nodes.find(id => this.state.nodes.has(id));
        if (first) this.callbacks.reveal(first);
    }

    // ------------------------------------------------------------------ restyling the drawn SVG

    /** Puts the state classes and markers on the drawn elements (after an answer, a redraw, a change of mode). */
    restyle(): void {
        const style = whatIfStyle(this.whatIf);
        const canvas = this.page.canvas;
        for (const mark of Array.from(canvas.querySelectorAll('.sysd-wi-mark'))) mark.remove();
        for (const target of Array.from(canvas.querySelectorAll<SVGGraphicsElement>('[data-id]'))) {
            const id = target.getAttribute('data-id')!;
            const edge = target.hasAttribute('data-source');
            target.classList.remove(...(edge ? EDGE_CLASSES : NODE_CLASSES));
            target.classList.toggle('sysd-wi-failable', this.whatIf.on && !edge && targetOfNode(this.whatIf.result, id) !== undefined);
            if (!this.whatIf.on) continue;
            if (edge) {
                const status = style.edges.get(id);
                if (status) target.classList.add(`sysd-wi-edge-${status}`);
            } else {
                const node = style.nodes.get(id);
                if (node) {
                    target.classList.add(`sysd-wi-${node.state}`);
                    this.addMark(target, id, node.state, node.why);
                }
            }
            if (style.path.has(id)) target.classList.add('sysd-wi-path');
        }
    }

    /** Only the highlighted path changed (an entry hovered): the path class moves, nothing else is touched. */
    private restylePath(): void {
        const style = whatIfStyle(this.whatIf);
        const canvas = this.page.canvas;
        for (const marked of Array.from(canvas.querySelectorAll('.sysd-wi-path'))) marked.classList.remove('sysd-wi-path');
        for (const id of style.path) canvas.querySelector(`[data-id="${CSS.escape(id)}"]`)?.classList.add('sysd-wi-path');
    }

    private addMark(target: SVGGraphicsElement, id: string, state: 'failed' | 'down' | 'degraded', why: readonly string[]): void {
        const node = this.state.nodes.get(id);
        if (!node) return;
        const group = node.kind === 'system' || node.kind === 'region' || node.kind === 'zone';
        const mark = document.createElementNS(SVG_NS, 'g');
        mark.setAttribute('class', `sysd-wi-mark sysd-wi-mark-${state}`);
        const x = group ? node.width - 14 : -4;
        const y = group ? 14 : -4;
        mark.setAttribute('transform', `translate(${x},${y})`);
        const circle = document.createElementNS(SVG_NS, 'circle');
        circle.setAttribute('r', '9');
        const text = document.createElementNS(SVG_NS, 'text');
        text.setAttribute('text-anchor', 'middle');
        text.setAttribute('y', '4');
        text.textContent = MARK[state].glyph;
        const title = document.createElementNS(SVG_NS, 'title');
        title.textContent = [MARK[state].word, ...why].join(': ');
        mark.append(title, circle, text);
        target.append(mark);
    }
}
