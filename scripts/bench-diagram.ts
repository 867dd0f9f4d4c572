// Prints how long the diagram takes for generated workspaces of 50, 100 and 300 components (or the
// sizes given): graph building, ELK layout with each hierarchy handling, and SVG rendering.
// Usage (after bundling to out/bench/diagram.cjs): node out/bench/diagram.cjs [--sizes 50,100,300] [--runs 3] [--out DIR]
// (--out writes each size's diagram as DIR/diagram-<size>.svg, to look at.)
import { EmptyFileSystem, URI } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Model } from '../language/src/generated/ast.js';
import { createSysdServices } from '../language/src/sysd-module.js';
import { buildDiagram } from '../diagram/src/build-graph.js';
import { createNodeElk } from '../diagram/src/elk-node.js';
import { chooseHierarchy, countNodes, layoutDiagram, type HierarchyMode } from '../diagram/src/layout.js';
import { renderSvg } from '../diagram/src/render-svg.js';

function option(name: string): string | undefined {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
}

const SIZES = (option('sizes') ?? '50,100,300').split(',').map(Number).filter(n => n > 0);
const RUNS = Number(option('runs') ?? 3);
const OUT = option('out');

/**
 * A workspace of about `components` components in systems of 25: each system has a region with
 * three zones, a gateway, services spread over the zones, databases, caches and a broker with topics.
 * About 1.5 relations per component, some of them between systems.
 */
export function generateWorkspace(components: number): string {
    const perSystem = 25;
    const systems = Math.max(1, Math.round(components / perSystem));
    const out: string[] = [];
    let made = 0;
    for (let s = 0; s < systems; s++) {
        const budget = s === systems - 1 ? components - made : perSystem;
        const sys = `Sys${s}`;
        const next = `Sys${(s + 1) % systems}`;
        const topics = 3;
        const gateways = 1;
        const rest = Math.max(3, budget - gateways - 1 - topics);
        const services = Math.max(1, Math.floor(rest * 0.55));
        const databases = Math.max(1, Math.floor(rest * 0.3));
        const caches = Math.max(1, rest - services - databases);
        made += gateways + 1 + topics + services + databases + caches;
        out.push(`system ${sys} {`, '  region r { zones a, b, c }', '  gateway Gw { replicas 2 across a, b }');
        out.push('  broker Bus : kafka {', '    replicas 3 across a, b, c');
        for (let t = 0; t < topics; t++) out.push(`    topic t${t}`);
        out.push('  }');
        for (let d = 0; d < databases; d++) out.push(`  database Db${d} : postgres { in ${'abc'[d % 3]} }`);
        for (let c = 0; c < caches; c++) out.push(`  cache Cache${c} : redis { replicas 2 }`);
        for (let v = 0; v < services; v++) {
            const placement = v % 4 === 3 ? 'replicas 2 across a, b' : `in ${'abc'[v % 3]}`;
            out.push(`  service Svc${v} {`, `    ${placement}`, `    writes Db${v % databases}`);
            if (v + 1 < services) out.push(`    calls Svc${v + 1} over grpc { timeout 500ms }`);
            if (v % 3 === 0) out.push(`    publishes Bus.t${v % topics}`);
            if (v % 3 === 1) out.push(`    consumes Bus.t${v % topics}`);
            if (v % 4 === 0) out.push(`    reads Cache${v % caches}`);
            if (v % 8 === 0 && systems > 1) out.push(`    calls ${next}.Svc${v % services} over http { timeout 1s }`);
            out.push('  }');
        }
        out.push('  Gw -> Svc0 : http { timeout 2s }', '}');
    }
    return out.join('\n');
}

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

async function main(): Promise<void> {
    const elk = createNodeElk();
    // Warm up the JIT so the first size is not penalised.
    const warm = await modelOf(generateWorkspace(30));
    await layoutDiagram(buildDiagram(warm.model, warm.findings), elk);
    console.log(`diagram benchmark: median of ${RUNS} runs, Node ${process.version}`);
    console.log('| components | nodes | edges | build graph | INCLUDE_CHILDREN | SEPARATE_CHILDREN | chosen | render SVG |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const size of SIZES) {
        const { model, findings } = await modelOf(generateWorkspace(size));
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
