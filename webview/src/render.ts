/**
 * Drawing into the page: the diagram (the shared SVG renderer's output, parsed and defused), its
 * theme, the view transform, the highlight outline, the findings tooltip, the notice and the
 * layout progress.
 *
 * Text never becomes markup here: the diagram comes from the renderer, which escapes every label,
 * and is parsed as XML (scripts and event attributes are dropped all the same); everything else
 * is built with DOM APIs and `textContent`.
 */
import { diagramStyles, renderSvg } from '@sysd/diagram';
import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramNode } from '@sysd/diagram';
import { element, type Page } from './dom.js';
import { countNodes, highlightedId, itemById, showGraph, type Box, type PreviewState, type Size } from './state.js';

/** A layout that takes longer than this shows a progress indicator. */
const PROGRESS_DELAY_MS = 500;
/** Space between an outlined element and its outline. */
const HIGHLIGHT_PADDING = 5;

/** Adds the diagram's stylesheet (the theme's variables) to the page, once, with the page's nonce (CSP). */
export function installDiagramStyles(nonce: string): void {
    const style = document.createElement('style');
    style.setAttribute('nonce', nonce);
    style.textContent = diagramStyles('vscode');
    document.head.append(style);
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

    constructor(private readonly page: Page, private readonly state: PreviewState, private readonly nonce: string) {}

    /** Draws a laid-out graph and makes it the one on screen; false if the renderer's SVG could not be read. */
    draw(graph: DiagramGraph): boolean {
        const root = parseSvg(renderSvg(graph, { theme: 'vscode', standalone: false }), this.nonce);
        if (!root) return false;
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
        return true;
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
