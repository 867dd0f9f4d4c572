/**
 * The layout worker: runs ELK off the webview's UI thread. It uses ELK's bundled build, which in a
 * worker computes synchronously on this thread (that is the point: this thread may block).
 *
 * The bundled build installs its own `self.onmessage` when it sees a worker scope; the handler
 * below is assigned after the import and replaces it.
 */
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import { layoutDiagram, type ElkLike } from '@sysd/diagram';
import type { LayoutRequest, LayoutResponse } from './worker-protocol.js';

// The bundle is CommonJS (`module.exports = ELK`); its typings describe an ES default export.
type ElkConstructor = new () => ElkLike;
const ELK = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;
const elk = new ELK();
const scope = self as unknown as {
    onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
    postMessage(message: LayoutResponse): void;
};

scope.onmessage = event => {
    const { seq, graph, previous } = event.data;
    const started = performance.now();
    layoutDiagram(graph, elk, { previous }).then(
        laidOut => scope.postMessage({ seq, graph: laidOut, ms: Math.round(performance.now() - started) }),
        (error: unknown) => scope.postMessage({ seq, error: error instanceof Error ? error.message : String(error) })
    );
};
