// Parses a Mermaid file with the real mermaid package under jsdom, in a process of its own (mermaid
// wants a global window). Prints JSON: { ok, type, vertices, edges } or { ok: false, error }.
//   node test/e2e/mermaid-parse.mjs FILE.mmd
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const file = process.argv[2];
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
Object.assign(globalThis, {
    window: dom.window, document: dom.window.document, DOMParser: dom.window.DOMParser,
    Element: dom.window.Element, HTMLElement: dom.window.HTMLElement, Node: dom.window.Node
});
try {
    const text = readFileSync(file, 'utf8');
    const mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const parsed = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = typeof db.getVertices === 'function' ? [...db.getVertices().values()].map(v => ({ id: v.id, text: String(v.text ?? '') })) : [];
    const edges = typeof db.getEdges === 'function' ? db.getEdges().length : 0;
    console.log(JSON.stringify({ ok: true, type: parsed?.diagramType ?? diagram.type, vertices, edges }));
} catch (error) {
    console.log(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}
process.exit(0);
