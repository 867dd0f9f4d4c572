/**
 * Drawing into the page: the diagram (the shared SVG renderer's output, parsed and defused), its
 * theme, the view transform, the move from one layout to the next, the highlight outline, the
 * legend, the findings tooltip, the notice and the layout progress.
 *
 * Text never becomes markup here: the diagram comes from the renderer, which escapes every label,
 * and is parsed as XML (scripts and event attributes are dropped all the same); everything else
 * is built with DOM APIs and `textContent`.
 */
import { diagramStyles, legendFor, palette, renderSvg } from '@sysd/diagram';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode, DiagramTheme, LegendEntry } from '@sysd/diagram';
import { element, type Page } from './dom.js';
import { countNodes, highlightedId, itemById, showGraph, themeForBody, type Box, type PreviewState, type Size } from './state.js';

/** A layout that takes longer than this shows a progress indicator. */
const PROGRESS_DELAY_MS = 500;
/** Space between an outlined element and its outline. */
const HIGHLIGHT_PADDING = 5;
/** How long nodes and edges take to move to their new place. */
const MOVE_MS = 200;
/**
 * Above this many drawn elements the picture changes without moving: a transition per element
 * costs more frames than it is worth on a big model.
 */
const MOVE_LIMIT = 1_500;

export type PageTheme = Exclude<DiagramTheme, 'vscode'>;

/**
 * The diagram's stylesheet, with the page's nonce (CSP), for the theme VS Code's body class names,
 * swapped when the user changes the colour theme. The renderer's own palettes give each kind its
 * tint (VS Code's variables would paint stores, brokers and services alike); only the background
 * under the picture (stand-ins, edge labels) follows the editor's, so they blend into the page.
 */
export class ThemeStyles {
    private readonly style: HTMLStyleElement;
    private current: PageTheme;

    constructor(nonce: string, private readonly changed: (theme: PageTheme) => void) {
        this.style = document.createElement('style');
        this.style.setAttribute('nonce', nonce);
        document.head.append(this.style);
        this.current = themeForBody(document.body.classList);
        this.apply();
        new MutationObserver(() => {
            const next = themeForBody(document.body.classList);
            if (next === this.current) return;
            this.current = next;
            this.apply();
            this.changed(next);
        }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    }

    get theme(): PageTheme {
        return this.current;
    }

    private apply(): void {
        const colours = palette(this.current);
        this.style.textContent = `${diagramStyles(this.current, true)}
svg.sysd-diagram { --sysd-bg: var(--vscode-editor-background, ${colours.bg}); --sysd-label-bg: var(--vscode-editor-background, ${colours['label-bg']}); }`;
    }
}

/** Whether the system asks for reduced motion (then the picture changes without moving). */
function reducedMotion(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The (x, y) of a renderer `translate(x,y)` transform attribute. */
function translation(target: Element): { x: number; y: number } | undefined {
    const match = /^\s*translate\(\s*(-?[\d.]+(?:e-?\d+)?)[,\s]+(-?[\d.]+(?:e-?\d+)?)\s*\)/.exec(target.getAttribute('transform') ?? '');
    return match ? { x: Number(match[1]), y: Number(match[2]) } : undefined;
}

/** The path commands of an edge line, for comparing two routes' shapes. */
function commandsOf(d: string): string {
    return d.replace(/[^A-Za-z]/g, '');
}

/** Where the drawn elements were, by id: the place of a node, the route of an edge. */
interface Placement {
    nodes: Map<string, { x: number; y: number }>;
    edges: Map<string, string>;
}

/** Parses the renderer's SVG as XML and drops anything active, whatever the renderer produced. */
function parseSvg(text: string, nonce: string): SVGSVGElement | undefined {
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

function svgDimensions(root: SVGSVGElement, graph: DiagramGraph): Size {
    const box = root.viewBox?.baseVal;
    if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
    const width = parseFloat(root.getAttribute('width') ?? '') || graph.width || 100;
    const height = parseFloat(root.getAttribute('height') ?? '') || graph.height || 100;
    return { width, height };
}

/** Draws the state into the page. Holds the drawn SVG elements by id (the state holds the data). */
export class Renderer {
    private readonly elements = new Map<string, SVGGraphicsElement>();
    private settleTimer: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly page: Page, private readonly state: PreviewState, private readonly nonce: string, private readonly theme: () => PageTheme) {}

    /**
     * Draws a laid-out graph and makes it the one on screen; false if the renderer's SVG could not
     * be read. With `animate` (the next picture of the same view), what is in both pictures moves
     * from its old place to its new one and what is new fades in.
     */
    draw(graph: DiagramGraph, animate = false): boolean {
        const root = parseSvg(renderSvg(graph, { theme: this.theme(), standalone: false }), this.nonce);
        if (!root) return false;
        const before = animate && this.elements.size <= MOVE_LIMIT && !reducedMotion() ? this.placement() : undefined;
        const size = svgDimensions(root, graph);
        showGraph(this.state, graph, size);
        root.setAttribute('width', String(size.width));
        root.setAttribute('height', String(size.height));
        this.elements.clear();
        for (const item of Array.from(root.querySelectorAll<SVGGraphicsElement>('[data-id]'))) {
            const id = item.getAttribute('data-id');
            if (!id || this.elements.has(id)) continue;
            this.elements.set(id, item);
            // Elements with findings get the richer tooltip instead of the browser's.
            const data = itemById(this.state, id);
            if (data && data.findings.length > 0) {
                for (const title of Array.from(item.querySelectorAll('title'))) title.remove();
            }
        }
        this.page.canvas.replaceChildren(root, this.page.highlightBox);
        this.page.tooltip.hidden = true;
        if (this.state.nodes.size === 0) this.showNotice('This model has no components yet.');
        else this.page.notice.hidden = true;
        if (before) this.moveFrom(before);
        if (!this.page.legend.hidden) this.drawLegend();
        return true;
    }

    private placement(): Placement {
        const placement: Placement = { nodes: new Map(), edges: new Map() };
        for (const [id, target] of this.elements) {
            if (target.hasAttribute('data-source')) {
                const d = target.querySelector('.sysd-line')?.getAttribute('d');
                if (d) placement.edges.set(id, d);
            } else {
                const at = translation(target);
                if (at) placement.nodes.set(id, at);
            }
        }
        return placement;
    }

    /**
     * Starts the drawn picture where `before` had its elements and moves them to their place: a CSS
     * transition of each node's transform and each edge's route (when the route has the same
     * shape; otherwise it fades in, like a new element).
     */
    private moveFrom(before: Placement): void {
        const moving: { target: SVGElement; to: string; property: 'transform' | 'd' }[] = [];
        for (const [id, target] of this.elements) {
            if (target.hasAttribute('data-source')) {
                const line = target.querySelector<SVGPathElement>('.sysd-line');
                const to = line?.getAttribute('d');
                const from = before.edges.get(id);
                if (!line || !to || from === to) continue;
                if (from && commandsOf(from) === commandsOf(to)) {
                    line.style.setProperty('d', `path("${from}")`);
                    moving.push({ target: line, to: `path("${to}")`, property: 'd' });
                } else {
                    target.classList.add('sysd-enter');
                }
            } else {
                const to = translation(target);
                const from = before.nodes.get(id);
                if (!to) continue;
                if (!from) {
                    target.classList.add('sysd-enter');
                } else if (from.x !== to.x || from.y !== to.y) {
                    target.style.transform = `translate(${from.x}px, ${from.y}px)`;
                    moving.push({ target, to: `translate(${to.x}px, ${to.y}px)`, property: 'transform' });
                }
            }
        }
        if (moving.length === 0) return;
        // Reading a layout property applies the start positions before the transition is set.
        void this.page.canvas.getBoundingClientRect();
        for (const { target, to, property } of moving) {
            target.style.transition = `${property} ${MOVE_MS}ms ease-out`;
            if (property === 'd') target.style.setProperty('d', to);
            else target.style.transform = to;
        }
        clearTimeout(this.settleTimer);
        this.settleTimer = setTimeout(() => {
            // The attributes hold the same places: drop the inline styles, then outline again
            // what moved under the outline.
            for (const { target } of moving) {
                target.style.removeProperty('transition');
                target.style.removeProperty('transform');
                target.style.removeProperty('d');
            }
            this.applyHighlight();
        }, MOVE_MS + 30);
    }

    /** Opens or closes the legend panel. */
    showLegend(open: boolean): void {
        this.page.legend.hidden = !open;
        if (open) this.drawLegend();
    }

    /** Fills the legend panel with the entries of the graph on screen, each with a sample drawn as the picture draws it. */
    drawLegend(): void {
        const legend = this.page.legend;
        const graph = this.state.graph;
        const entries = graph ? legendFor(graph) : [];
        const list = element('ul');
        for (const entry of entries) {
            const focus = entry.kind === 'highlight' && entry.what === 'focus';
            const sample = legendSample(entry, this.theme(), this.nonce, focus);
            list.append(element('li', {}, sample ?? element('span'), element('span', { className: 'legend-label', textContent: entry.label })));
        }
        const heading = element('h2', { textContent: graph?.view ? `Legend: ${graph.view.title}` : 'Legend' });
        legend.replaceChildren(heading, entries.length > 0 ? list : element('p', { textContent: 'Nothing to explain in this picture.' }));
    }

    /** Moves and scales the canvas to the state's view. */
    applyView(): void {
        const { zoom, x, y } = this.state.view;
        this.page.canvas.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
    }

    /** The box of a drawn element in canvas (unscaled diagram) coordinates. */
    boxOf(id: string): Box | undefined {
        const target = this.elements.get(id);
        return target ? this.boxOfElement(target) : undefined;
    }

    private boxOfElement(target: Element): Box {
        const rect = target.getBoundingClientRect();
        const origin = this.page.canvas.getBoundingClientRect();
        const zoom = this.state.view.zoom;
        return { x: (rect.left - origin.left) / zoom, y: (rect.top - origin.top) / zoom, width: rect.width / zoom, height: rect.height / zoom };
    }

    /** Outlines the highlighted element (see `highlightedId`): edges by their style, nodes also by a box. */
    applyHighlight(): void {
        const { canvas, highlightBox } = this.page;
        for (const marked of Array.from(canvas.querySelectorAll('.sysd-highlight'))) marked.classList.remove('sysd-highlight');
        const id = highlightedId(this.state);
        const target = id ? this.elements.get(id) : undefined;
        if (!id || !target) {
            highlightBox.hidden = true;
            return;
        }
        target.classList.add('sysd-highlight');
        if (this.state.edges.has(id)) {
            highlightBox.hidden = true;
            return;
        }
        const box = this.boxOfElement(target);
        highlightBox.style.left = `${box.x - HIGHLIGHT_PADDING}px`;
        highlightBox.style.top = `${box.y - HIGHLIGHT_PADDING}px`;
        highlightBox.style.width = `${box.width + 2 * HIGHLIGHT_PADDING}px`;
        highlightBox.style.height = `${box.height + 2 * HIGHLIGHT_PADDING}px`;
        highlightBox.hidden = false;
    }

    /** Text in place of the diagram (nothing to show, or something failed). */
    showNotice(message: string): void {
        this.page.notice.textContent = message;
        this.page.notice.hidden = false;
    }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SAMPLE = { width: 56, height: 26 };

function svgElement(tag: string, attributes: Record<string, string | number>, ...children: Element[]): SVGElement {
    const created = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, String(value));
    created.append(...children);
    return created;
}

function sampleSvg(...children: Element[]): SVGElement {
    return svgElement('svg', { class: 'sysd-diagram', width: SAMPLE.width, height: SAMPLE.height, viewBox: `0 0 ${SAMPLE.width} ${SAMPLE.height}`, 'aria-hidden': 'true' }, ...children);
}

/** A component, drawn by the renderer itself (a one-node picture), scaled into the sample box. */
function nodeSample(node: Partial<DiagramNode> & Pick<DiagramNode, 'kind'>, theme: PageTheme, nonce: string): SVGElement | undefined {
    const sample: DiagramNode = {
        id: 'legend-sample', label: '', replicas: 1, managed: false, children: [], findings: [], width: 96, height: 44, x: 0, y: 0, ...node
    };
    const root = parseSvg(renderSvg({ structureKey: 'legend', nodes: [sample], edges: [], width: sample.width, height: sample.height }, { theme, standalone: false }), nonce);
    if (!root) return undefined;
    // The page's diagram holds the markers; the sample needs none, and no second copy of their ids.
    for (const defs of Array.from(root.querySelectorAll('defs, title'))) defs.remove();
    for (const label of Array.from(root.querySelectorAll('.sysd-label, .sysd-detail'))) label.remove();
    root.setAttribute('width', String(SAMPLE.width));
    root.setAttribute('height', String(SAMPLE.height));
    root.setAttribute('aria-hidden', 'true');
    return root;
}

/** A line of an edge style with the arrowheads the renderer puts on it (the page's diagram defines the markers). */
function lineSample(style: DiagramEdge['style'], highlighted: boolean, extraClass?: string): SVGElement {
    const open = style === 'async-call' || style === 'publish' || style === 'consume';
    const end = highlighted ? 'sysd-arrow-error' : open ? 'sysd-arrow-open' : 'sysd-arrow';
    const attributes: Record<string, string> = { class: 'sysd-line', d: `M4,${SAMPLE.height / 2} L${SAMPLE.width - 4},${SAMPLE.height / 2}` };
    if (style === 'read' || style === 'read-write') attributes['marker-start'] = `url(#${highlighted ? 'sysd-arrow-error-start' : 'sysd-arrow-start'})`;
    if (style !== 'read') attributes['marker-end'] = `url(#${end})`;
    const classes = ['sysd-edge', `sysd-edge-${style}`];
    if (highlighted) classes.push('sysd-highlighted');
    if (extraClass) classes.push(extraClass);
    return sampleSvg(svgElement('g', { class: classes.join(' ') }, svgElement('path', attributes)));
}

function legendSample(entry: LegendEntry, theme: PageTheme, nonce: string, focus: boolean): Element | undefined {
    switch (entry.kind) {
        case 'shape':
            return nodeSample({ kind: entry.component }, theme, nonce);
        case 'line':
            return lineSample(entry.style, false);
        case 'highlight':
            return focus ? lineSample('sync-call', false, 'sysd-focus') : lineSample('sync-call', true);
        case 'group':
            if (entry.group === 'broker') return nodeSample({ kind: 'broker' }, theme, nonce);
            return sampleSvg(svgElement('g', { class: `sysd-group sysd-group-${entry.group}` },
                svgElement('rect', { class: 'sysd-group-box', x: 2, y: 2, width: SAMPLE.width - 4, height: SAMPLE.height - 4, rx: 6 })));
        case 'badge':
            return sampleSvg(svgElement('g', { class: `sysd-finding-badge sysd-sev-${entry.severity}` },
                svgElement('circle', { cx: SAMPLE.width / 2, cy: SAMPLE.height / 2, r: 9 })));
        case 'stub':
            return nodeSample({ kind: 'service', stub: true }, theme, nonce);
        case 'replicas':
            return nodeSample({ kind: 'service', replicas: 3 }, theme, nonce);
    }
}

const SEVERITY_LABEL: Record<DiagramFinding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' };

/** Fills the tooltip with the findings of a node or edge (kept as it is while it shows the same id). */
export function fillTooltip(tooltip: HTMLElement, id: string, item: DiagramNode | DiagramEdge): void {
    if (tooltip.dataset.id === id) return;
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

/** The "Laying out..." indicator: it appears only when a layout takes a while. */
export class Progress {
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly page: Page) {}

    /** Shows the indicator for `graph` unless {@link hide} comes first. */
    later(graph: DiagramGraph): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.page.progressText.textContent = `Laying out ${countNodes(graph)} elements\u2026`;
            this.page.progress.hidden = false;
        }, PROGRESS_DELAY_MS);
    }

    hide(): void {
        clearTimeout(this.timer);
        this.page.progress.hidden = true;
    }
}
