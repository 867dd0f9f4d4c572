/**
 * ELK for Node (the CLI, tests, benchmarks): the bundled build runs the layout in the calling
 * thread, which is what a one-shot command wants. The preview runs ELK in a Web Worker instead.
 */
import * as elkModule from 'elkjs/lib/elk.bundled.js';
import type { ElkLike, ElkNode } from './layout.js';

type ElkConstructor = new () => { layout(graph: unknown, options?: unknown): Promise<unknown> };

/** The module is CommonJS (`module.exports = ELK`); depending on the loader it arrives as `default` or as the module itself. */
function elkConstructor(): ElkConstructor {
    const loaded = elkModule as unknown as { default?: unknown };
    const candidate = typeof loaded.default === 'function' ? loaded.default : (loaded.default as { default?: unknown } | undefined)?.default ?? loaded;
    return candidate as ElkConstructor;
}

export function createNodeElk(): ElkLike {
    const elk = new (elkConstructor())();
    return {
        layout: async (graph: ElkNode, options?: unknown) => (await elk.layout(graph, options)) as ElkNode
    };
}
