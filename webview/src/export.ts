/**
 * SVG and PNG export: the view on screen as a standalone file, with its legend, handed to the host,
 * which asks where to save it. The picture is drawn again by the shared renderer (not copied from
 * the page), in the renderer's palette of the page's theme, its colours written in.
 */
import { renderSvg } from '@sysd/diagram';
import type { DiagramGraph, DiagramTheme } from '@sysd/diagram';
import type { WebviewMessage } from '@sysd/protocol';
import type { PreviewState, Size } from './state.js';

type Post = (message: WebviewMessage) => void;

/** Twice the diagram's size for sharp text. */
const PNG_SCALE = 2;
/** What a canvas can hold: at most this many pixels a side, and this many in all. */
const CANVAS_MAX_SIDE = 16_000;
const CANVAS_MAX_AREA = 100_000_000;

/**
 * Replaces the `var(--vscode-...)` references of `svg` by their values: `valueOf(name)`, else the
 * reference's fallback, else `currentColor`. Nested references resolve innermost first, until
 * none is left: `var(--vscode-a, var(--vscode-b, #fff))`.
 */
export function resolveThemeVariables(svg: string, valueOf: (name: string) => string): string {
    const pattern = /var\(\s*(--vscode-[\w-]+)\s*(?:,\s*([^()]*))?\)/g;
    let text = svg;
    for (let previous = ''; previous !== text;) {
        previous = text;
        text = text.replace(pattern, (_whole, name: string, fallback?: string) => valueOf(name) || (fallback ?? '').trim() || 'currentColor');
    }
    return text;
}

/** The pixel size of the PNG of a picture of `size`: sharp, within what a canvas can hold, at least 1x1. */
export function pngSize(size: Size): Size {
    const scale = Math.min(PNG_SCALE, CANVAS_MAX_SIDE / Math.max(size.width, size.height), Math.sqrt(CANVAS_MAX_AREA / Math.max(1, size.width * size.height)));
    return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * The SVG as a standalone file, legend included (a reader of the file has no legend button). Any
 * VS Code variable left in it is replaced by the colour it has right now, so the file looks like
 * the panel without VS Code around it.
 */
function standaloneSvg(graph: DiagramGraph, theme: DiagramTheme): string {
    const styles = getComputedStyle(document.documentElement);
    const bodyStyles = getComputedStyle(document.body);
    return resolveThemeVariables(renderSvg(graph, { theme, standalone: true, legend: true }),
        name => styles.getPropertyValue(name).trim() || bodyStyles.getPropertyValue(name).trim());
}

/** The pixel size an SVG file declares (the legend makes it larger than the picture on screen). */
function declaredSize(svg: string, fallback: Size): Size {
    const head = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
    const width = Number(/\swidth="([\d.]+)"/.exec(head)?.[1]);
    const height = Number(/\sheight="([\d.]+)"/.exec(head)?.[1]);
    return width > 0 && height > 0 ? { width, height } : fallback;
}

export function exportSvg(state: PreviewState, theme: DiagramTheme, post: Post): void {
    if (state.graph) post({ type: 'export', format: 'svg', data: standaloneSvg(state.graph, theme) });
}

export async function exportPng(state: PreviewState, theme: DiagramTheme, post: Post): Promise<void> {
    if (!state.graph) return;
    const svg = standaloneSvg(state.graph, theme);
    const { width, height } = pngSize(declaredSize(svg, state.size));
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
            const result = reader.result;
            if (typeof result === 'string') resolve(result.slice(result.indexOf(',') + 1));
            else reject(new Error('could not read the PNG'));
        };
        reader.onerror = () => reject(reader.error ?? new Error('could not read the PNG'));
        reader.readAsDataURL(blob);
    });
}
