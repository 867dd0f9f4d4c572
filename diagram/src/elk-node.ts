/**
 * ELK for Node (the CLI, tests, benchmarks): the bundled build runs the layout in the calling
 * thread, which is what a one-shot command wants. The preview runs ELK in a Web Worker instead.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkLike, ElkNode } from './layout.js';

export function createNodeElk(): ElkLike {
    const elk = new ELK();
    return {
        layout: (graph: ElkNode, options?: unknown) => elk.layout(graph as never, options as never) as Promise<ElkNode>
    };
}
