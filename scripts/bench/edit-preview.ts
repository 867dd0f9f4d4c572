// Edit → updated preview, timed the way the product runs it: the server rebuilds the changed document
// incrementally, lints the workspace and builds the view's graph; the preview lays it out with ELK
// (given the previous picture, as the webview's worker does) and renders the SVG. Used by
// scripts/bench-diagram.ts.
import { URI } from 'langium';
import { MemoryFileSystem } from './memory-fs.js';
import { performance } from 'node:perf_hooks';
import type { Model } from '../../language/src/generated/ast.js';
import { createSysdServices } from '../../language/src/sysd-module.js';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { countNodes, layoutDiagram, type ElkLike } from '../../diagram/src/layout.js';
import { renderSvg } from '../../diagram/src/render-svg.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import type { ViewGraphOf } from './stability.js';
import { generate, toSysdText } from './generate.js';

/**
 * One system of `components` components (scripts/bench/generate.ts: rich, services calling each
 * other as a tree, so the picture has a few columns, not one per service), in one file.
 */
export function systemText(name: string, components: number, seed = 1): string {
    return toSysdText(generate({ elements: components, systems: 1, files: 1, seed, detail: 'rich', calls: 'tree', systemName: () => name }));
}

export interface EditTimes {
    view: string;
    /** Components of the view and of the workspace. */
    components: number;
    workspace: number;
    nodes: number;
    /** Per edit, in ms. */
    server: number[];
    layout: number[];
    svg: number[];
    total: number[];
    /**
     * CPU time of this process for the whole edit (server and client run in it): on a busy machine
     * the wall-clock times include waiting for a core, this does not.
     */
    cpu: number[];
    /** The same for the server's part and the client's (layout and SVG) part. */
    serverCpu: number[];
    clientCpu: number[];
    /** The whole-workspace path (every component drawn), for the same edits (fewer samples). */
    whole: number[];
    wholeNodes: number;
}

/**
 * A workspace of `total` components: one system of each size in `views` (a file each), the rest in
 * systems of 25. For each of those systems, `edits` edits of its file (each adds a service calling
 * an existing one, so the structure changes and the layout runs), timed from the changed text to the
 * SVG; every `wholeEvery`-th edit also times drawing the whole workspace.
 */
export async function measureEdits(elk: ElkLike, viewGraph: ViewGraphOf, options: { views: number[]; total: number; edits: number; wholeEvery: number }): Promise<EditTimes[]> {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const texts = new Map<string, string>();
    // Keys as Langium spells the URIs (`memory:/edit/...`): the file system is asked by `uri.toString()`.
    const uriOf = (name: string) => URI.parse(`memory:///edit/${name}.sysd`).toString();
    const viewNames = options.views.map(n => `View${n}`);
    options.views.forEach((n, i) => texts.set(uriOf(viewNames[i]), systemText(viewNames[i], n)));
    let rest = Math.max(0, options.total - options.views.reduce((s, n) => s + n, 0));
    for (let i = 0; rest > 0; i++) {
        const n = Math.min(25, rest);
        texts.set(uriOf(`Other${i}`), systemText(`Other${i}`, Math.max(n, 8)));
        rest -= Math.max(n, 8);
    }
    const documents = [...texts].map(([uri, text]) => {
        fileSystem.files.set(uri, text);
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const service = Sysd.model.ModelService;
    const current = () => ({ model: service.workspaceModel(), findings: [...service.workspaceFindings()] });
    const results: EditTimes[] = [];
    for (const [i, name] of viewNames.entries()) {
        const uri = uriOf(name);
        let previous = await layoutDiagram(viewGraph(current(), name), elk);
        let previousWhole: DiagramGraph | undefined;
        const times: EditTimes = { view: name, components: options.views[i], workspace: current().model.components.size, nodes: 0, server: [], layout: [], svg: [], total: [], cpu: [], serverCpu: [], clientCpu: [], whole: [], wholeNodes: 0 };
        for (let edit = 0; edit < options.edits; edit++) {
            const text = fileSystem.files.get(uri)!.replace(/\n}\n$/, `\n    service Edit${edit} { in a; calls Svc${edit % 7} over grpc { timeout 300ms } }\n}\n`);
            fileSystem.files.set(uri, text);
            const start = performance.now();
            const cpu = process.cpuUsage();
            await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
            const workspace = current();
            const graph = viewGraph(workspace, name);
            const built = performance.now();
            const serverUsed = process.cpuUsage(cpu);
            const laidOut = await layoutDiagram(graph, elk, { previous });
            const placed = performance.now();
            renderSvg(laidOut);
            const drawn = performance.now();
            const used = process.cpuUsage(cpu);
            times.cpu.push((used.user + used.system) / 1000);
            times.serverCpu.push((serverUsed.user + serverUsed.system) / 1000);
            times.clientCpu.push((used.user + used.system - serverUsed.user - serverUsed.system) / 1000);
            previous = laidOut;
            times.nodes = countNodes(graph.nodes);
            times.server.push(built - start);
            times.layout.push(placed - built);
            times.svg.push(drawn - placed);
            times.total.push(drawn - start);
            if (edit % options.wholeEvery === 0) {
                // Today's path: the whole workspace, no view filter, laid out and drawn.
                const wholeStart = performance.now();
                const whole = buildDiagram(workspace.model, workspace.findings);
                const wholeLaidOut = await layoutDiagram(whole, elk, { previous: previousWhole });
                renderSvg(wholeLaidOut);
                times.whole.push(performance.now() - wholeStart);
                times.wholeNodes = countNodes(whole.nodes);
                previousWhole = wholeLaidOut;
            }
        }
        results.push(times);
    }
    return results;
}

/** The value at a quantile (0.5: median, 0.95: p95) of some samples, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The timings as a Markdown table (p50 / p95 per step), with the targets. */
export function editTable(rows: readonly EditTimes[], targets: Record<number, number>): string {
    const ms = (values: readonly number[]) => `${Math.round(quantile(values, 0.5))} / ${Math.round(quantile(values, 0.95))} ms`;
    const lines = [
        '| view | components (workspace) | nodes | server: update + lint + view graph | client: layout | client: SVG | edit → preview | CPU time: server / client / all | target p95 | whole workspace (nodes) |',
        '|---|---|---|---|---|---|---|---|---|---|'
    ];
    for (const r of rows) {
        const target = targets[r.components];
        const verdict = target === undefined ? '' : `< ${target} ms ${quantile(r.total, 0.95) < target ? 'met' : 'missed'}`;
        lines.push(`| ${r.view} | ${r.components} (${r.workspace}) | ${r.nodes} | ${ms(r.server)} | ${ms(r.layout)} | ${ms(r.svg)} | ${ms(r.total)} | ${ms(r.serverCpu)}, ${ms(r.clientCpu)}, ${ms(r.cpu)} | ${verdict} | ${ms(r.whole)} (${r.wholeNodes}) |`);
    }
    return lines.join('\n');
}
