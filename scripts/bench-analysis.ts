// The what-if analysis benchmark: every single-zone and every single-component failure of a generated
// 1,000-component workspace, analysed one after another (`analyze(model, { fail })` for each), on two
// shapes: layered (services call down chains of ten) and a ring (every service waits on the next, so
// every flow needs the whole workspace: the worst case for the analysis). Prints a table; called from
// scripts/bench.ts. Figures are CPU time of this process (process.cpuUsage), median of the runs, so
// other load on the machine inflates them less than wall time; the plan (paths, dependencies, latency
// budgets, the report without failures) is rebuilt on a fresh model for each run and counted.
import { URI } from 'langium';
import { createSysdServices } from '../language/src/sysd-module.js';
import { ArchModel } from '../language/src/model/workspace.js';
import { analyze, singleFailures } from '../language/src/analysis/index.js';
import { MemoryFileSystem } from './bench/memory-fs.js';

type Shape = 'layered' | 'ring';

/** One system per file: gateways, services, databases, caches, a broker with topics, a coordinator; flows and SLOs through the gateways. */
function generate(shape: Shape, fileIndex: number, perFile: number, files: number): string {
    const sys = `Sys${fileIndex}`;
    const next = `Sys${(fileIndex + 1) % files}`;
    const services = Math.floor(perFile * 0.4);
    const databases = Math.floor(perFile * 0.2);
    const caches = Math.floor(perFile * 0.1);
    const topics = 4;
    const gateways = Math.max(1, perFile - services - databases - caches - (1 + topics) - 1 - 1);
    const out: string[] = [`system ${sys} {`, `    region r { zones a, b, c }`, `    client User : browser`];
    out.push(`    coordinator Zk : zookeeper { replicas 3 across a, b, c }`);
    out.push(`    broker Bus : kafka {`, `        replicas 3 across a, b, c`);
    for (let t = 0; t < topics; t++) out.push(`        topic t${t} { partitions 12; key id; delivery at-least-once }`);
    out.push('    }');
    for (let g = 0; g < gateways; g++) out.push(`    gateway Gw${g} { replicas 2 across a, b }`);
    for (let d = 0; d < databases; d++) {
        out.push(d % 3 === 0
            ? `    database Db${d} : cassandra { replicas 6 across a, b, c; replication leaderless { n 3; w 2; r 2 } }`
            : `    database Db${d} : postgres { replicas 3 across a, b, c; replication single-leader { followers 2 across b, c; mode semi-sync; failover automatic; election via Zk } }`);
    }
    for (let c = 0; c < caches; c++) out.push(`    cache Cache${c} : redis { cache-aside; replicas 2 across a, b }`);
    for (let s = 0; s < services; s++) {
        out.push(`    service Svc${s} {`, `        replicas 3 across a, b, c`, `        writes Db${s % databases}`, `        reads Cache${s % caches}`);
        const calls = shape === 'ring' ? true : (s + 1) % 10 !== 0;
        if (calls) out.push(`        calls Svc${(s + 1) % services} over grpc { timeout 300ms; retry 2 exponential; circuit-breaker }`);
        if (shape === 'ring' && s % 5 === 0) out.push(`        calls ${next}.Svc${s} over http { timeout 1s; retry 1; circuit-breaker }`);
        out.push(`        publishes Bus.t${s % topics} via outbox`, `        consumes Bus.t${(s + 1) % topics} { idempotent; group g${s} }`, '    }');
    }
    for (let g = 0; g < gateways; g++) {
        const target = (g * 10) % services;
        out.push(`    User -> Gw${g} : https`, `    Gw${g} -> Svc${target} : grpc { timeout 2s }`);
        out.push(`    flow F${g} { path User -> Gw${g} -> Svc${target}; user-facing }`);
        if (g % 2 === 0) out.push(`    slo S${g} { path User -> Gw${g} -> Svc${target}; availability 99.9%; latency p99 500ms }`);
    }
    out.push('}');
    return out.join('\n');
}

async function build(shape: Shape, components: number, files: number) {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const perFile = Math.ceil(components / files);
    const documents = [];
    for (let i = 0; i < files; i++) {
        const uri = URI.parse(`memory:///bench-analysis/${shape}${i}.sysd`);
        fileSystem.files.set(uri.toString(), generate(shape, i, perFile, files));
        documents.push(shared.workspace.LangiumDocumentFactory.fromString(fileSystem.files.get(uri.toString())!, uri));
    }
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    const service = Sysd.model.ModelService;
    return documents.map(d => service.fragment(d));
}

const cpuMs = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface AnalysisBenchRow {
    shape: Shape;
    components: number;
    flowsAndSlos: number;
    scenarios: number;
    planMs: number;
    allMs: number;
    perScenarioUs: number;
}

/** Measures and prints the table; returns the rows (for scripts that compare runs). */
export async function runAnalysisBench(options: { components?: number; files?: number; runs?: number } = {}): Promise<AnalysisBenchRow[]> {
    const components = options.components ?? 1000;
    const files = options.files ?? 10;
    const runs = options.runs ?? 3;
    const rows: AnalysisBenchRow[] = [];
    for (const shape of ['layered', 'ring'] as const) {
        const fragments = await build(shape, components, files);
        const plans: number[] = [];
        const totals: number[] = [];
        let scenarios = 0;
        let size = 0;
        let paths = 0;
        for (let run = 0; run < runs; run++) {
            const model = new ArchModel(fragments);
            size = model.components.size;
            paths = model.flows.length + model.slos.length;
            const start = process.cpuUsage();
            analyze(model);
            plans.push(cpuMs(start));
            const failures = singleFailures(model);
            scenarios = failures.length;
            for (const fail of failures) analyze(model, { fail });
            totals.push(cpuMs(start));
        }
        const allMs = median(totals);
        rows.push({ shape, components: size, flowsAndSlos: paths, scenarios, planMs: median(plans), allMs, perScenarioUs: (allMs / Math.max(1, scenarios)) * 1000 });
    }
    console.log(`What-if analysis — every single-zone and single-component failure, CPU time, median of ${runs} runs, node ${process.version}`);
    console.log('');
    console.log('| model | components | flows + SLOs | failure scenarios | plan + baseline | all scenarios (goal < 2 s) | per scenario |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) {
        console.log(`| ${r.shape} | ${r.components} | ${r.flowsAndSlos} | ${r.scenarios} | ${r.planMs.toFixed(1)} ms | ${r.allMs.toFixed(1)} ms | ${r.perScenarioUs.toFixed(0)} µs |`);
    }
    return rows;
}
