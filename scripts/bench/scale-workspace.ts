// Generated workspaces for the scale benchmark (scripts/bench-scale.ts): one abstract model of
// elements and relations, deterministic by seed, written as sysd files and as the equivalent LikeC4
// model (same elements, same relations), so `sysd check` and `likec4 validate` read the same thing.

import { mulberry32 as random } from '../../test/fuzz/mutate.js';
export type ScaleKind = 'service' | 'database' | 'cache' | 'gateway';

export interface ScaleElement {
    system: string;
    name: string;
    kind: ScaleKind;
    /** Index of the file that declares it. */
    file: number;
}

export interface ScaleRelation {
    /** Index into `elements`. */
    from: number;
    to: number;
    verb: 'calls' | 'writes' | 'reads' | 'routes';
    /** Milliseconds, for `calls` and `routes`. */
    timeout?: number;
}

export interface ScaleOptions {
    /** Elements (components), not counting systems. */
    components: number;
    systems: number;
    files: number;
    seed: number;
}

export interface ScaleModel {
    options: ScaleOptions;
    systems: string[];
    elements: ScaleElement[];
    relations: ScaleRelation[];
}


/** Kinds by position in a system, repeating every ten: six services, two databases, a cache, a gateway. */
const PATTERN: ScaleKind[] = ['service', 'service', 'service', 'service', 'service', 'database', 'database', 'cache', 'service', 'gateway'];
const PREFIX: Record<ScaleKind, string> = { service: 'Svc', database: 'Db', cache: 'Cache', gateway: 'Gw' };

/**
 * Elements spread evenly over systems (system-major order), the list cut into `files` contiguous
 * parts (a system may span several files, or a file hold several systems). Each service calls a
 * service of its system with a timeout, writes a database and, every other one, reads a cache;
 * about one in five also calls a service of another system; each gateway routes to a service.
 */
export function generateScaleModel(options: ScaleOptions): ScaleModel {
    const { components, files, seed } = options;
    const systemCount = Math.max(1, Math.min(options.systems, components));
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const systems = Array.from({ length: systemCount }, (_, s) => `Sys${s}`);
    const elements: ScaleElement[] = [];
    const bySystem: { service: number[]; database: number[]; cache: number[]; gateway: number[] }[] = [];
    for (let s = 0; s < systemCount; s++) {
        const size = Math.floor(components * (s + 1) / systemCount) - Math.floor(components * s / systemCount);
        const counts: Record<ScaleKind, number> = { service: 0, database: 0, cache: 0, gateway: 0 };
        const index = { service: [] as number[], database: [] as number[], cache: [] as number[], gateway: [] as number[] };
        for (let e = 0; e < size; e++) {
            const kind = PATTERN[e % PATTERN.length];
            const at = elements.length;
            elements.push({ system: systems[s], name: `${PREFIX[kind]}${counts[kind]++}`, kind, file: Math.floor(at * files / components) });
            index[kind].push(at);
        }
        bySystem.push(index);
    }
    const relations: ScaleRelation[] = [];
    const timeouts = [200, 300, 500, 800, 1000, 2000];
    for (let s = 0; s < systemCount; s++) {
        const own = bySystem[s];
        for (const from of own.service) {
            const peers = own.service.filter(i => i !== from);
            if (peers.length > 0) relations.push({ from, to: pick(peers), verb: 'calls', timeout: pick(timeouts) });
            if (own.database.length > 0) relations.push({ from, to: pick(own.database), verb: 'writes' });
            if (own.cache.length > 0 && next() < 0.5) relations.push({ from, to: pick(own.cache), verb: 'reads' });
            if (systemCount > 1 && next() < 0.2) {
                const other = bySystem[(s + 1 + Math.floor(next() * (systemCount - 1))) % systemCount];
                if (other.service.length > 0) relations.push({ from, to: pick(other.service), verb: 'calls', timeout: pick(timeouts) });
            }
        }
        for (const from of own.gateway) {
            if (own.service.length > 0) relations.push({ from, to: pick(own.service), verb: 'routes', timeout: 2000 });
        }
    }
    return { options: { ...options, systems: systemCount }, systems, elements, relations };
}

/** `Sys1.Svc3`, or `Svc3` inside its own system. */
function reference(from: ScaleElement, to: ScaleElement): string {
    return from.system === to.system ? to.name : `${to.system}.${to.name}`;
}

const TECHNOLOGY: Partial<Record<ScaleKind, string>> = { database: ' : postgres', cache: ' : redis' };

/** The sysd files: `sys<N>.sysd`, each with the parts of the systems it declares. */
export function toSysd(model: ScaleModel): { name: string; text: string }[] {
    const outgoing = relationsBySource(model);
    const out: { name: string; text: string }[] = [];
    for (let f = 0; f < model.options.files; f++) {
        const lines: string[] = [`/** Generated for the scale benchmark (seed ${model.options.seed}), file ${f}. */`];
        let open: string | undefined;
        const routes: string[] = [];
        const close = () => {
            if (open === undefined) return;
            lines.push(...routes.splice(0), '}');
            open = undefined;
        };
        model.elements.forEach((element, at) => {
            if (element.file !== f) return;
            if (open !== element.system) {
                close();
                lines.push(`system ${element.system} {`);
                open = element.system;
            }
            const rels = outgoing.get(at) ?? [];
            const head = `    ${element.kind} ${element.name}${TECHNOLOGY[element.kind] ?? ''}`;
            if (element.kind === 'gateway') {
                lines.push(`${head} { replicas 2 }`);
                for (const r of rels) routes.push(`    ${element.name} -> ${reference(element, model.elements[r.to])} : http { timeout ${r.timeout}ms }`);
                return;
            }
            if (element.kind !== 'service') {
                lines.push(head);
                return;
            }
            lines.push(`${head} {`, '        replicas 2');
            for (const r of rels) {
                const target = reference(element, model.elements[r.to]);
                lines.push(r.verb === 'calls' ? `        calls ${target} over grpc { timeout ${r.timeout}ms }` : `        ${r.verb} ${target}`);
            }
            lines.push('    }');
        });
        close();
        out.push({ name: `sys${f}.sysd`, text: lines.join('\n') + '\n' });
    }
    return out;
}

/**
 * The same model in LikeC4's DSL: `spec.c4` (the element kinds) and `model<N>.c4`; a system is
 * declared in the first file that holds a part of it and extended (`extend Sys { ... }`) in the others.
 */
export function toLikeC4(model: ScaleModel): { name: string; text: string }[] {
    const outgoing = relationsBySource(model);
    const kinds = ['system', 'service', 'database', 'cache', 'gateway'];
    const out = [{ name: 'spec.c4', text: ['specification {', ...kinds.map(k => `  element ${k}`), '}', ''].join('\n') }];
    const declared = new Set<string>();
    for (let f = 0; f < model.options.files; f++) {
        const lines: string[] = [`// Generated for the scale benchmark (seed ${model.options.seed}), file ${f}.`, 'model {'];
        let open: string | undefined;
        const close = () => {
            if (open !== undefined) lines.push('  }');
            open = undefined;
        };
        model.elements.forEach((element, at) => {
            if (element.file !== f) return;
            if (open !== element.system) {
                close();
                lines.push(declared.has(element.system) ? `  extend ${element.system} {` : `  ${element.system} = system {`);
                declared.add(element.system);
                open = element.system;
            }
            const rels = outgoing.get(at) ?? [];
            if (rels.length === 0) {
                lines.push(`    ${element.name} = ${element.kind}`);
                return;
            }
            lines.push(`    ${element.name} = ${element.kind} {`);
            for (const r of rels) {
                const to = model.elements[r.to];
                lines.push(`      -> ${to.system}.${to.name} '${r.verb}'`);
            }
            lines.push('    }');
        });
        close();
        lines.push('}', '');
        out.push({ name: `model${f}.c4`, text: lines.join('\n') });
    }
    return out;
}

function relationsBySource(model: ScaleModel): Map<number, ScaleRelation[]> {
    const map = new Map<number, ScaleRelation[]>();
    for (const r of model.relations) {
        const list = map.get(r.from);
        if (list) list.push(r);
        else map.set(r.from, [r]);
    }
    return map;
}
