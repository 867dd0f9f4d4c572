// The one generator of large workspaces for the benchmarks and the scale tests: an abstract model of
// systems, elements and relations, deterministic by seed (the same options always give the same
// model), written as sysd files (`toSysd`) and as the equivalent LikeC4 model (`toLikeC4`: same
// elements, same relations), so `sysd check` and `likec4 validate` read the same thing. It writes no
// file and imports nothing from sysd.
//
// Users: the scale table (scripts/bench-scale.ts, `plain`), the in-process table (scripts/bench.ts,
// `rich`), the diagram benchmark and its edit → preview table (scripts/bench-diagram.ts,
// scripts/bench/edit-preview.ts: `rich`, calls as a tree) and test/model/scope-scale.test.ts.

import { mulberry32 as random } from '../../test/fuzz/mutate.js';

export type GeneratedKind = 'service' | 'database' | 'cache' | 'gateway' | 'broker' | 'topic';

export interface GeneratedElement {
    /** Index into `systems`. */
    system: number;
    /** Unique within its system (`Svc3`); a topic's name is unique within its broker (`t0`). */
    name: string;
    kind: GeneratedKind;
    /** Index of the file that declares it. */
    file: number;
    /** A topic's broker (index into `elements`). */
    parent?: number;
}

export interface GeneratedRelation {
    /** Indexes into `elements`. */
    from: number;
    to: number;
    verb: 'calls' | 'writes' | 'reads' | 'routes' | 'publishes' | 'consumes';
    /** Milliseconds, for `calls` and `routes`. */
    timeout?: number;
}

export interface GenerateOptions {
    /** Elements (components, topics included), not counting systems: exactly this many are made. */
    elements: number;
    /** How many systems share the elements (evenly, in order): 1 is one large system. */
    systems: number;
    /**
     * How many files: the elements, in order, are cut into this many contiguous parts, so a system
     * may span several files (declared in parts: `system Sys0 { … }` in each) or a file hold several.
     */
    files: number;
    seed: number;
    /**
     * `plain` (the default): services, databases, caches and gateways with their relations and
     * nothing else, the shape LikeC4 can say too. `rich`: also a region with three zones per system,
     * placements, replication, brokers with topics, publishes/consumes and resilience properties, so
     * the model builder and the lint rules have something to read.
     */
    detail?: 'plain' | 'rich';
    /**
     * Whom a service calls in its system: `random` (the default) a seeded pick, `tree` service i
     * calls service ⌊i / 3⌋ (a picture gets a few columns, not one per service).
     */
    calls?: 'random' | 'tree';
    /** Share of services that also call a service of another system (default 0.2). */
    crossSystem?: number;
    /** System names (default `Sys<index>`). */
    systemName?: (index: number) => string;
}

export interface GeneratedModel {
    options: Required<Omit<GenerateOptions, 'systemName'>>;
    systems: string[];
    elements: GeneratedElement[];
    relations: GeneratedRelation[];
}

/** Kinds by position in a system, repeating: six services, two databases, a cache, a gateway. */
const PLAIN: GeneratedKind[] = ['service', 'service', 'service', 'service', 'service', 'database', 'database', 'cache', 'service', 'gateway'];
/** The same, every twenty with a broker of three topics in place of a service, a database and a cache. */
const RICH: GeneratedKind[] = [
    'service', 'service', 'service', 'service', 'service', 'database', 'database', 'cache', 'service', 'gateway',
    'service', 'broker', 'topic', 'topic', 'topic', 'service', 'database', 'cache', 'service', 'service'
];
const PREFIX: Record<GeneratedKind, string> = { service: 'Svc', database: 'Db', cache: 'Cache', gateway: 'Gw', broker: 'Bus', topic: 't' };
const TIMEOUTS = [200, 300, 500, 800, 1000, 2000];

type ByKind = Record<GeneratedKind, number[]>;
const byKind = (): ByKind => ({ service: [], database: [], cache: [], gateway: [], broker: [], topic: [] });

/**
 * Each service calls a service of its system with a timeout, writes a database and, every other one,
 * reads a cache; a share (`crossSystem`) also calls a service of another system; each gateway routes
 * to a service. `rich` adds: every third service publishes to a topic and the next one consumes one.
 * About 1.75 relations per element.
 */
export function generate(options: GenerateOptions): GeneratedModel {
    const { elements: count, files, seed } = options;
    const detail = options.detail ?? 'plain';
    const calls = options.calls ?? 'random';
    const crossSystem = options.crossSystem ?? 0.2;
    const systemCount = Math.max(1, Math.min(options.systems, count));
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const name = options.systemName ?? ((s: number) => `Sys${s}`);
    const systems = Array.from({ length: systemCount }, (_, s) => name(s));
    const pattern = detail === 'rich' ? RICH : PLAIN;
    const elements: GeneratedElement[] = [];
    const bySystem: ByKind[] = [];
    for (let s = 0; s < systemCount; s++) {
        const size = Math.floor(count * (s + 1) / systemCount) - Math.floor(count * s / systemCount);
        const counts: Record<GeneratedKind, number> = { service: 0, database: 0, cache: 0, gateway: 0, broker: 0, topic: 0 };
        const index = byKind();
        let broker: number | undefined;
        for (let e = 0; e < size; e++) {
            // A topic needs its broker: a system cut short before its broker has a service instead.
            const wanted = pattern[e % pattern.length];
            const kind = wanted === 'topic' && broker === undefined ? 'service' : wanted;
            const at = elements.length;
            const file = Math.floor(at * files / count);
            if (kind === 'topic') {
                elements.push({ system: s, name: `t${counts.topic++}`, kind, file: elements[broker!].file, parent: broker });
            } else {
                elements.push({ system: s, name: `${PREFIX[kind]}${counts[kind]++}`, kind, file });
                if (kind === 'broker') {
                    broker = at;
                    counts.topic = 0;
                } else {
                    broker = undefined;
                }
            }
            index[kind].push(at);
        }
        bySystem.push(index);
    }
    const relations: GeneratedRelation[] = [];
    for (let s = 0; s < systemCount; s++) {
        const own = bySystem[s];
        own.service.forEach((from, i) => {
            if (calls === 'tree') {
                if (i > 0) relations.push({ from, to: own.service[Math.floor(i / 3)], verb: 'calls', timeout: TIMEOUTS[i % TIMEOUTS.length] });
            } else {
                const peers = own.service.filter(p => p !== from);
                if (peers.length > 0) relations.push({ from, to: pick(peers), verb: 'calls', timeout: pick(TIMEOUTS) });
            }
            if (own.database.length > 0) relations.push({ from, to: pick(own.database), verb: 'writes' });
            if (own.cache.length > 0 && next() < 0.5) relations.push({ from, to: pick(own.cache), verb: 'reads' });
            if (systemCount > 1 && next() < crossSystem) {
                const other = bySystem[(s + 1 + Math.floor(next() * (systemCount - 1))) % systemCount];
                if (other.service.length > 0) relations.push({ from, to: pick(other.service), verb: 'calls', timeout: pick(TIMEOUTS) });
            }
            if (detail === 'rich' && own.topic.length > 0 && i % 3 !== 2) {
                relations.push({ from, to: pick(own.topic), verb: i % 3 === 0 ? 'publishes' : 'consumes' });
            }
        });
        for (const from of own.gateway) {
            if (own.service.length > 0) relations.push({ from, to: pick(own.service), verb: 'routes', timeout: 2000 });
        }
    }
    return { options: { elements: count, systems: systemCount, files, seed, detail, calls, crossSystem }, systems, elements, relations };
}

/** `4,000` declarations of one name in one system: the pathological input of the scale table. */
export function sameNameText(declarations: number): string {
    const lines = ['system Same {'];
    for (let i = 0; i < declarations; i++) lines.push('    service Orders { replicas 2 }');
    lines.push('}', '');
    return lines.join('\n');
}

/** How an element is named from another: relative inside its system, qualified outside it. */
function reference(model: GeneratedModel, from: GeneratedElement, to: GeneratedElement): string {
    const local = to.parent === undefined ? to.name : `${model.elements[to.parent].name}.${to.name}`;
    return from.system === to.system ? local : `${model.systems[to.system]}.${local}`;
}

const TECHNOLOGY: Partial<Record<GeneratedKind, string>> = { database: ' : postgres', cache: ' : redis', broker: ' : kafka' };

/** Lines of one element's declaration (a gateway's route goes to `routes`, written at the end of its system part). */
function sysdElement(model: GeneratedModel, at: number, outgoing: GeneratedRelation[], routes: string[]): string[] {
    const element = model.elements[at];
    const rich = model.options.detail === 'rich';
    const head = `    ${element.kind} ${element.name}${TECHNOLOGY[element.kind] ?? ''}`;
    switch (element.kind) {
        case 'gateway':
            for (const r of outgoing) {
                routes.push(`    ${element.name} -> ${reference(model, element, model.elements[r.to])} : http { timeout ${r.timeout}ms${rich ? '; circuit-breaker' : ''} }`);
            }
            return [`${head} { replicas 2${rich ? ' across a, b' : ''} }`];
        case 'database':
            return [rich ? `${head} { replication single-leader { followers 2; mode semi-sync; failover automatic } }` : head];
        case 'cache':
            return [rich ? `${head} { ttl 30s; replicas 2 }` : head];
        case 'broker':
            return [`${head} {`, '        replicas 3 across a, b, c'];
        case 'topic':
            return [`        topic ${element.name} { partitions 12; key id }`];
        case 'service': {
            const lines = [`${head} {`, rich ? '        replicas 2 across a, b' : '        replicas 2'];
            if (rich && at % 4 === 0) lines.push('        health check "/healthz"');
            for (const r of outgoing) {
                const target = reference(model, element, model.elements[r.to]);
                if (r.verb === 'calls') lines.push(`        calls ${target} over grpc { timeout ${r.timeout}ms${rich ? '; circuit-breaker' : ''} }`);
                else if (r.verb === 'consumes') lines.push(`        consumes ${target} { group g${at} }`);
                else lines.push(`        ${r.verb} ${target}`);
            }
            lines.push('    }');
            return lines;
        }
    }
}

/** The sysd files: `sys<N>.sysd`, each with the parts of the systems it declares. */
export function toSysd(model: GeneratedModel): { name: string; text: string }[] {
    const outgoing = relationsBySource(model);
    const rich = model.options.detail === 'rich';
    const regions = new Set<number>();
    const out: { name: string; text: string }[] = [];
    for (let f = 0; f < model.options.files; f++) {
        const lines: string[] = [`/** Generated (seed ${model.options.seed}), file ${f}. */`];
        let open: number | undefined;
        let broker = false;
        const routes: string[] = [];
        const closeBroker = () => {
            if (broker) lines.push('    }');
            broker = false;
        };
        const close = () => {
            if (open === undefined) return;
            closeBroker();
            lines.push(...routes.splice(0), '}');
            open = undefined;
        };
        model.elements.forEach((element, at) => {
            if (element.file !== f) return;
            if (open !== element.system) {
                close();
                lines.push(`system ${model.systems[element.system]} {`);
                // The region once per system; the other parts name its zones without it.
                if (rich && !regions.has(element.system)) lines.push('    region r { zones a, b, c }');
                regions.add(element.system);
                open = element.system;
            }
            if (element.kind !== 'topic') closeBroker();
            lines.push(...sysdElement(model, at, outgoing.get(at) ?? [], routes));
            if (element.kind === 'broker') broker = true;
        });
        close();
        out.push({ name: `sys${f}.sysd`, text: lines.join('\n') + '\n' });
    }
    return out;
}

/**
 * The same model in LikeC4's DSL: `spec.c4` (the element kinds) and `model<N>.c4`; a system is
 * declared in the first file that holds a part of it and extended (`extend Sys { ... }`) in the
 * others; a topic is nested in its broker.
 */
export function toLikeC4(model: GeneratedModel): { name: string; text: string }[] {
    const outgoing = relationsBySource(model);
    const kinds = ['system', 'service', 'database', 'cache', 'gateway', ...(model.options.detail === 'rich' ? ['broker', 'topic'] : [])];
    const out = [{ name: 'spec.c4', text: ['specification {', ...kinds.map(k => `  element ${k}`), '}', ''].join('\n') }];
    const declared = new Set<number>();
    const path = (e: GeneratedElement) => `${model.systems[e.system]}.${e.parent === undefined ? '' : `${model.elements[e.parent].name}.`}${e.name}`;
    for (let f = 0; f < model.options.files; f++) {
        const lines: string[] = [`// Generated (seed ${model.options.seed}), file ${f}.`, 'model {'];
        let open: number | undefined;
        let broker = false;
        const closeBroker = () => {
            if (broker) lines.push('    }');
            broker = false;
        };
        const close = () => {
            closeBroker();
            if (open !== undefined) lines.push('  }');
            open = undefined;
        };
        model.elements.forEach((element, at) => {
            if (element.file !== f) return;
            if (open !== element.system) {
                close();
                const system = model.systems[element.system];
                lines.push(declared.has(element.system) ? `  extend ${system} {` : `  ${system} = system {`);
                declared.add(element.system);
                open = element.system;
            }
            if (element.kind === 'topic') {
                lines.push(`      ${element.name} = topic`);
                return;
            }
            closeBroker();
            if (element.kind === 'broker') {
                lines.push(`    ${element.name} = broker {`);
                broker = true;
                return;
            }
            const rels = outgoing.get(at) ?? [];
            if (rels.length === 0) {
                lines.push(`    ${element.name} = ${element.kind}`);
                return;
            }
            lines.push(`    ${element.name} = ${element.kind} {`);
            for (const r of rels) lines.push(`      -> ${path(model.elements[r.to])} '${r.verb}'`);
            lines.push('    }');
        });
        close();
        lines.push('}', '');
        out.push({ name: `model${f}.c4`, text: lines.join('\n') });
    }
    return out;
}

/** All files as one text (for a single in-memory document). */
export function toSysdText(model: GeneratedModel): string {
    return toSysd(model).map(f => f.text).join('\n');
}

/**
 * The diagram benchmark's workspace: about `elements` components in systems of 25, rich, calls as a
 * tree, one service in eight also calling another system, in one text.
 */
export function diagramWorkspace(elements: number, seed = 1): string {
    return toSysdText(generate({ elements, systems: Math.max(1, Math.round(elements / 25)), files: 1, seed, detail: 'rich', calls: 'tree', crossSystem: 0.125 }));
}

function relationsBySource(model: GeneratedModel): Map<number, GeneratedRelation[]> {
    const map = new Map<number, GeneratedRelation[]>();
    for (const r of model.relations) {
        const list = map.get(r.from);
        if (list) list.push(r);
        else map.set(r.from, [r]);
    }
    return map;
}
