// Prints how long the diagram takes for generated workspaces of 50, 100 and 300 components (or the
// sizes given): graph building, ELK layout with each hierarchy handling, and SVG rendering. Then how
// steady the picture stays (every view of every example, one service added and removed again, laid
// out without and with the previous picture) and how long an edit takes to reach the preview of a
// 100- and a 300-component view in a workspace of 1,000 components (scripts/bench/edit-preview.ts).
// Usage (after bundling to out/bench/diagram.cjs):
//   node out/bench/diagram.cjs [--sizes 50,100,300] [--runs 3] [--out DIR] [--edits 20] [--total 1000] [--only sizes,stability,edits]
// (--out writes each size's diagram as DIR/diagram-<size>.svg, to look at.)
import { EmptyFileSystem, URI } from 'langium';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Model } from '../language/src/generated/ast.js';
import { createSysdServices } from '../language/src/sysd-module.js';
import { buildDiagram } from '../diagram/src/build-graph.js';
import { createNodeElk } from '../diagram/src/elk-node.js';
import { chooseHierarchy, countNodes, layoutDiagram, type HierarchyMode } from '../diagram/src/layout.js';
import { renderSvg } from '../diagram/src/render-svg.js';
import { editTable, measureEdits } from './bench/edit-preview.js';
import { measurePatchBytes, patchBytesTable } from './bench/patch-bytes.js';
import { measureStability, stabilityTable, viewGraph, type StabilityRow } from './bench/stability.js';
import { diagramWorkspace } from './bench/generate.js';

function option(name: string): string | undefined {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
}

const SIZES = (option('sizes') ?? '50,100,300').split(',').map(Number).filter(n => n > 0);
const RUNS = Number(option('runs') ?? 3);
const OUT = option('out');
const EDITS = Number(option('edits') ?? 20);
const TOTAL = Number(option('total') ?? 1000);
const ONLY = new Set((option('only') ?? 'sizes,stability,edits').split(','));
/** Issue 14's targets for edit → updated preview, p95 by view size (components). */
const EDIT_TARGETS: Record<number, number> = { 100: 300, 300: 1000 };

/** The generated workspace (scripts/bench/generate.ts); test/diagram/geometry.test.ts draws it too. */
export { diagramWorkspace as generateWorkspace } from './bench/generate.js';

async function modelOf(text: string) {
    const { shared, Sysd } = createSysdServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse('memory:///bench.sysd'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const service = Sysd.model.ModelService;
    return { model: service.workspaceModel(), findings: [...service.allFindings().values()].flat() };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** The examples as workspaces: each top-level .sysd file alone, each folder with all its files. */
function exampleWorkspaces(root: string): { name: string; files: Record<string, string> }[] {
    const result: { name: string; files: Record<string, string> }[] = [];
    for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(root, entry.name);
        if (entry.isDirectory()) {
            const files: Record<string, string> = {};
            for (const file of fs.readdirSync(full).filter(f => f.endsWith('.sysd')).sort()) files[`${entry.name}/${file}`] = fs.readFileSync(path.join(full, file), 'utf8');
            if (Object.keys(files).length > 0) result.push({ name: entry.name, files });
        } else if (entry.name.endsWith('.sysd')) {
            result.push({ name: entry.name, files: { [entry.name]: fs.readFileSync(full, 'utf8') } });
        }
    }
    return result;
}

async function stability(elk: ReturnType<typeof createNodeElk>): Promise<void> {
    const rows: StabilityRow[] = [];
    for (const example of exampleWorkspaces(path.resolve('examples'))) rows.push(...await measureStability(example.name, example.files, elk, viewGraph));
    console.log('');
    console.log('Stability: one service added to the view\'s first system (calling one of its services), then removed again.');
    console.log('Each cell: mean / max displacement of the nodes both pictures draw (px, top-left corners relative to the');
    console.log('picture\'s) / mean after aligning the pictures (the preview\'s alignmentOffset) / swaps within a layer.');
    console.log(stabilityTable(rows));
}

async function edits(elk: ReturnType<typeof createNodeElk>): Promise<void> {
    const rows = await measureEdits(elk, viewGraph, { views: [100, 300], total: TOTAL, edits: EDITS, wholeEvery: 5 });
    console.log('');
    console.log(`Edit → updated preview: p50 / p95 over ${EDITS} edits (each adds a service to the view's file), workspace of ${TOTAL} components.`);
    // Wall-clock times: on a shared machine they include waiting for the CPU, so the load is printed with them.
    console.log(`${os.cpus().length} CPUs, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}.`);
    console.log('Server: incremental rebuild of the changed document, lint, view graph. Client: the layout in-thread (a Web Worker in');
    console.log('the preview) with the previous picture (new nodes placed into it by sysd, ELK when that fails), SVG. CPU time: of this');
    console.log('process, without waiting for a core. Whole workspace: today\'s unfiltered diagram of the same workspace.');
    console.log(editTable(rows, EDIT_TARGETS));
    console.log('');
    console.log(`Bytes the diagram request answers with after an edit (JSON), a 300-component view of a ${TOTAL}-component workspace:`);
    console.log('before, the whole graph every time; now a patch to the graph the preview holds when the structure is the same.');
    console.log(patchBytesTable(await measurePatchBytes(300, TOTAL)));
}

async function main(): Promise<void> {
    const elk = createNodeElk();
    // Warm up the JIT so the first size is not penalised.
    const warm = await modelOf(diagramWorkspace(30));
    await layoutDiagram(buildDiagram(warm.model, warm.findings), elk);
    if (ONLY.has('sizes')) await sizes(elk);
    if (ONLY.has('stability')) await stability(elk);
    if (ONLY.has('edits')) await edits(elk);
}

async function sizes(elk: ReturnType<typeof createNodeElk>): Promise<void> {
    console.log(`diagram benchmark: median of ${RUNS} runs, Node ${process.version}`);
    console.log('| components | nodes | edges | build graph | INCLUDE_CHILDREN | SEPARATE_CHILDREN | chosen | render SVG |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const size of SIZES) {
        const { model, findings } = await modelOf(diagramWorkspace(size));
        const builds: number[] = [];
        let graph = buildDiagram(model, findings);
        for (let i = 0; i < RUNS; i++) {
            const start = performance.now();
            graph = buildDiagram(model, findings);
            builds.push(performance.now() - start);
        }
        const times: Record<HierarchyMode, number[]> = { INCLUDE_CHILDREN: [], SEPARATE_CHILDREN: [] };
        let laidOut = graph;
        for (const hierarchy of ['INCLUDE_CHILDREN', 'SEPARATE_CHILDREN'] as HierarchyMode[]) {
            for (let i = 0; i < RUNS; i++) {
                const start = performance.now();
                const result = await layoutDiagram(graph, elk, { hierarchy });
                times[hierarchy].push(performance.now() - start);
                if (hierarchy === chooseHierarchy(graph)) laidOut = result;
            }
        }
        const renders: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            const start = performance.now();
            renderSvg(laidOut);
            renders.push(performance.now() - start);
        }
        if (OUT) fs.writeFileSync(path.join(OUT, `diagram-${size}.svg`), renderSvg(laidOut));
        const ms = (values: number[]) => `${Math.round(median(values))} ms`;
        console.log(`| ${model.components.size} | ${countNodes(graph.nodes)} | ${graph.edges.length} | ${ms(builds)} | ${ms(times.INCLUDE_CHILDREN)} | ${ms(times.SEPARATE_CHILDREN)} | ${chooseHierarchy(graph) === 'INCLUDE_CHILDREN' ? 'include' : 'separate'} | ${ms(renders)} |`);
    }
}

if (!process.env.VITEST) {
    main().catch(error => {
        console.error(error);
        process.exitCode = 1;
    });
}
