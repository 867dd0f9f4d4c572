// A deterministic generator of large sysd workspaces, for benchmarks and scale tests: the same
// options always give the same files. It writes no file and imports nothing from sysd.
//
// A workspace has `systems` systems over `files` files. With more files than systems, a system is
// split into parts declared in several files (`system Sys0 { … }` in each); with more systems than
// files, a file holds several systems. Each part holds services, databases, caches, brokers with
// topics and gateways, about two relations per element: most to elements of the same part, some to
// other parts of the same system (relative names, declared in another file) and some to other
// systems (qualified names).

import { mulberry32 as random } from '../../test/fuzz/mutate.js';

export interface ScaleOptions {
    /** About how many components (topics included); the result says exactly how many. */
    components: number;
    /** How many systems. */
    systems: number;
    /** How many files. */
    files: number;
    /** Seed of the pseudo-random choice of relation targets. */
    seed?: number;
}

export interface ScaleFile {
    /** A relative path: `scale/f0.sysd`. */
    path: string;
    text: string;
}

export interface ScaleWorkspace {
    files: ScaleFile[];
    /** How many components were written (topics included). */
    components: number;
    /** How many relations (references between components) were written. */
    relations: number;
}


const TOPICS_PER_BROKER = 4;

/** How many elements of each kind one part holds. */
interface PartShape {
    services: number;
    databases: number;
    caches: number;
    brokers: number;
    gateways: number;
}

function shape(perPart: number): PartShape {
    const brokers = Math.max(1, Math.floor(perPart * 0.02));
    const databases = Math.max(1, Math.floor(perPart * 0.2));
    const caches = Math.max(1, Math.floor(perPart * 0.1));
    const gateways = Math.max(1, Math.floor(perPart * 0.05));
    const services = Math.max(1, perPart - brokers * (1 + TOPICS_PER_BROKER) - databases - caches - gateways);
    return { services, databases, caches, brokers, gateways };
}

export function generateWorkspace(options: ScaleOptions): ScaleWorkspace {
    const systems = Math.max(1, Math.floor(options.systems));
    const fileCount = Math.max(1, Math.floor(options.files));
    const parts = Math.max(systems, fileCount);
    const perPart = Math.max(12, Math.round(options.components / parts));
    const s = shape(perPart);
    const next = random(options.seed ?? 1);
    const pick = (n: number) => Math.floor(next() * n);
    // Part `p` belongs to system `p % systems` and sits in file `p % files`; the parts of a system are
    // `system`, `system + systems`, `system + 2 * systems`, …
    const partsOf = (system: number) => {
        const result: number[] = [];
        for (let p = system; p < parts; p += systems) result.push(p);
        return result;
    };
    const bodies: string[][] = Array.from({ length: fileCount }, () => []);
    let components = 0;
    let relations = 0;

    for (let p = 0; p < parts; p++) {
        const system = p % systems;
        const siblings = partsOf(system).filter(q => q !== p);
        const out: string[] = [`system Sys${system} {`];
        // The region is declared once per system; the other parts name its zones without it.
        if (p < systems) out.push('    region r { zones a, b, c }');
        /** A service to call from part `p`: mostly its own, sometimes another part of its system or another system. */
        const serviceTarget = (self: number): string => {
            const roll = next();
            if (roll < 0.1 && systems > 1) {
                const other = (system + 1 + pick(systems - 1)) % systems;
                const part = partsOf(other)[pick(partsOf(other).length)];
                return `Sys${other}.Svc${part}_${pick(s.services)}`;
            }
            if (roll < 0.3 && siblings.length > 0) return `Svc${siblings[pick(siblings.length)]}_${pick(s.services)}`;
            return `Svc${p}_${(self + 1 + pick(Math.max(1, s.services - 1))) % s.services}`;
        };
        const topicTarget = (): string => {
            const part = siblings.length > 0 && next() < 0.2 ? siblings[pick(siblings.length)] : p;
            return `Bus${part}_${pick(s.brokers)}.t${pick(TOPICS_PER_BROKER)}`;
        };
        for (let g = 0; g < s.gateways; g++) {
            out.push(`    gateway Gw${p}_${g} { replicas 2 across a, b }`);
            out.push(`    Gw${p}_${g} -> Svc${p}_${pick(s.services)} : http { timeout 2s; circuit-breaker }`);
            components++;
            relations++;
        }
        for (let b = 0; b < s.brokers; b++) {
            out.push(`    broker Bus${p}_${b} : kafka {`, '        replicas 3 across a, b, c');
            for (let t = 0; t < TOPICS_PER_BROKER; t++) out.push(`        topic t${t} { partitions 12; key id }`);
            out.push('    }');
            components += 1 + TOPICS_PER_BROKER;
        }
        for (let d = 0; d < s.databases; d++) out.push(`    database Db${p}_${d} : postgres`);
        for (let c = 0; c < s.caches; c++) out.push(`    cache Cache${p}_${c} : redis { ttl 30s }`);
        components += s.databases + s.caches;
        for (let i = 0; i < s.services; i++) {
            out.push(`    service Svc${p}_${i} {`, '        replicas 2 across a, b');
            out.push(`        writes Db${p}_${pick(s.databases)}`);
            out.push(`        calls ${serviceTarget(i)} over grpc { timeout 500ms; circuit-breaker }`);
            out.push(`        publishes ${topicTarget()}`);
            relations += 3;
            if (i % 2 === 0) {
                out.push(`        reads Cache${p}_${pick(s.caches)}`);
                relations++;
            } else {
                out.push(`        consumes ${topicTarget()} { group g${i} }`);
                relations++;
            }
            out.push('    }');
            components++;
        }
        out.push('}');
        bodies[p % fileCount].push(out.join('\n'));
    }
    const files = bodies.map((body, f) => ({
        path: `scale/f${f}.sysd`,
        text: `/** Generated: part of a workspace of ${systems} systems over ${fileCount} files. */\n${body.join('\n\n')}\n`
    }));
    return { files, components, relations };
}
