// The preview's what-if request on a generated 1,000-component workspace: what the server does for
// each click in the what-if mode (`whatIfForView`, server/src/what-if.ts: the failures read, the
// analysis run, its result mapped onto the view graph), for the whole workspace's view and one
// system's view, under no failure, one zone, two zones, a region and a component. Prints a table;
// called from scripts/bench.ts (`node out/bench/bench.cjs --what-if`). CPU time of this process
// (process.cpuUsage), median of the runs, the cases interleaved run by run, so other load on the
// machine inflates them less than wall time. The first request of a model also builds the analysis'
// plan (cached per model); it is shown on its own.
import { URI } from 'langium';
import { buildViewGraph } from '../diagram/src/build-graph.js';
import { resolveView } from '../diagram/src/views/resolve.js';
import type { ResolvedView } from '../diagram/src/views/types.js';
import { createSysdServices } from '../language/src/sysd-module.js';
import { ArchModel } from '../language/src/model/workspace.js';
import { whatIfForView } from '../server/src/what-if.js';
import { MemoryFileSystem } from './bench/memory-fs.js';

/** One system: a region with three zones, gateways, a chain of services, stores and caches, flows and SLOs. */
function system(index: number, size: number): string {
    const services = Math.floor(size * 0.5);
    const databases = Math.floor(size * 0.25);
    const caches = size - services - databases - 2;
    const out = [`system S${index} {`, '    region r { zones a, b, c }', '    client User : browser', '    gateway Gw { replicas 2 across a, b }'];
    for (let d = 0; d < databases; d++) {
        out.push(d % 2 === 0
            ? `    database Db${d} : cassandra { replicas 6 across a, b, c; replication leaderless { n 3; w 2; r 2 } }`
            : `    database Db${d} : postgres { replicas 2 in ${'abc'[d % 3]} }`);
    }
    for (let c = 0; c < caches; c++) out.push(`    cache C${c} : redis { cache-aside; replicas 2 across a, b }`);
    for (let s = 0; s < services; s++) {
        out.push(`    service Svc${s} {`, `        replicas 3 across a, b, c`, `        writes Db${s % databases}`, `        reads C${s % Math.max(1, caches)}`);
        if ((s + 1) % 10 !== 0) out.push(`        calls Svc${s + 1} over grpc { timeout 300ms; retry 2 exponential }`);
        out.push('    }');
    }
    out.push('    User -> Gw : https');
    for (let f = 0; f * 10 < services; f++) {
        out.push(`    Gw -> Svc${f * 10} : grpc { timeout 2s }`);
        out.push(`    flow F${f} { path User -> Gw -> Svc${f * 10} -> Svc${f * 10 + 1}; user-facing }`);
        out.push(`    slo O${f} { path User -> Gw -> Svc${f * 10}; availability 99.9% }`);
    }
    out.push('}');
    return out.join('\n');
}

const cpuMs = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runWhatIfBench(options: { components?: number; systems?: number; runs?: number } = {}): Promise<void> {
    const components = options.components ?? 1000;
    const systems = options.systems ?? 10;
    const runs = options.runs ?? 9;
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const documents = [];
    for (let i = 0; i < systems; i++) {
        const uri = URI.parse(`memory:///bench-what-if/s${i}.sysd`);
        fileSystem.files.set(uri.toString(), system(i, Math.ceil(components / systems)));
        documents.push(shared.workspace.LangiumDocumentFactory.fromString(fileSystem.files.get(uri.toString())!, uri));
    }
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    const fragments = documents.map(d => Sysd.model.ModelService.fragment(d));

    const cases: { name: string; fail: string[] }[] = [
        { name: 'nothing fails', fail: [] },
        { name: 'one zone', fail: ['zone:S0.r.a'] },
        { name: 'two zones', fail: ['zone:S0.r.a', 'zone:S0.r.b'] },
        { name: 'a region', fail: ['region:S1.r'] },
        { name: 'a component', fail: ['component:S2.Svc1'] }
    ];
    const views = [{ name: 'all (whole workspace)', ref: { kind: 'all' } as const }, { name: 'system S0', ref: { kind: 'system', id: 'S0' } as const }];
    const first: number[] = [];
    const times = new Map<string, number[]>();
    let size = 0;
    let paths = 0;
    const nodes = new Map<string, number>();
    for (let run = 0; run < runs; run++) {
        // A fresh model each run: the first request pays for the analysis' plan, as after an edit.
        const model = new ArchModel(fragments);
        size = model.components.size;
        paths = model.flows.length + model.slos.length;
        const graphs = views.map(view => ({ view, graph: buildViewGraph(model, [], resolveView(model, view.ref) as ResolvedView) }));
        let start = process.cpuUsage();
        whatIfForView(model, graphs[0].graph, []);
        first.push(cpuMs(start));
        for (const { view, graph } of graphs) {
            nodes.set(view.name, JSON.stringify(graph.nodes).split('"id"').length - 1);
            for (const c of cases) {
                start = process.cpuUsage();
                whatIfForView(model, graph, c.fail);
                const key = `${view.name}\n${c.name}`;
                times.set(key, [...times.get(key) ?? [], cpuMs(start)]);
            }
        }
    }
    console.log(`What-if requests of the preview (server/src/what-if.ts) — ${size} components, ${paths} flows + SLOs; CPU time, median of ${runs} runs, node ${process.version}`);
    console.log('');
    console.log(`First request after an edit (builds the analysis' plan): ${median(first).toFixed(1)} ms`);
    console.log('');
    console.log('| view | nodes | failures | request |');
    console.log('|---|---|---|---|');
    for (const view of views) {
        for (const c of cases) console.log(`| ${view.name} | ${nodes.get(view.name)} | ${c.name} | ${median(times.get(`${view.name}\n${c.name}`)!).toFixed(2)} ms |`);
    }
}
