/**
 * The real Mermaid parser in Node: Mermaid needs a DOM (and DOMPurify, which it builds on the
 * window) before it is imported, so jsdom's window and document are installed on globalThis first.
 */
import { JSDOM } from 'jsdom';

type Mermaid = typeof import('mermaid').default;

let loaded: Promise<Mermaid> | undefined;

export function loadMermaid(): Promise<Mermaid> {
    loaded ??= (async () => {
        const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
        const g = globalThis as Record<string, unknown>;
        g.window = dom.window;
        g.document = dom.window.document;
        g.DOMParser = dom.window.DOMParser;
        g.Element = dom.window.Element;
        g.HTMLElement = dom.window.HTMLElement;
        g.Node = dom.window.Node;
        const mermaid = (await import('mermaid')).default;
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        return mermaid;
    })();
    return loaded;
}

export interface ParsedFlowchart {
    vertices: { id: string; text: string; type?: string }[];
    edges: { start: string; end: string; text: string; stroke?: string }[];
    subgraphs: { id: string; title: string; nodes: string[] }[];
}

/** Parses a flowchart with Mermaid and returns what its parser understood (edges: the visible ones). Throws on a syntax error. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
    const mermaid = await loadMermaid();
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as {
        getVertices(): Map<string, { id: string; text: string; type?: string }>;
        getEdges(): { start: string; end: string; text: string; stroke?: string }[];
        getSubGraphs(): { id: string; title: string; nodes: string[] }[];
    };
    // Invisible links (`~~~`) only arrange the legend's entries: they are not edges of the picture.
    return { vertices: [...db.getVertices().values()], edges: db.getEdges().filter(e => e.stroke !== 'invisible'), subgraphs: db.getSubGraphs() };
}

export interface ParsedSequence {
    actors: { name: string; description: string; type: string }[];
    messages: { from?: string; to?: string; message: string; type: number }[];
    title?: string;
}

/** Parses a sequence diagram with Mermaid. Throws on a syntax error. */
export async function parseSequence(text: string): Promise<ParsedSequence> {
    const mermaid = await loadMermaid();
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as {
        getActors(): Map<string, { name: string; description: string; type: string }>;
        getMessages(): { from?: string; to?: string; message: string; type: number }[];
        getDiagramTitle?(): string;
    };
    return { actors: [...db.getActors().values()], messages: db.getMessages(), title: db.getDiagramTitle?.() };
}

/**
 * Mermaid keeps entity codes in its model in an internal form and turns them into characters only
 * when it draws; this does the same, so tests can compare labels with the original texts.
 */
export function decodeMermaid(text: string): string {
    return text
        .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
        .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => NAMED[name] ?? `&${name};`);
}

const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };
