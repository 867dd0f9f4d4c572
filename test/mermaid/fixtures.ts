/** Example workspaces and hand-built models for the Mermaid tests. */
import type { ComponentKind, ComponentModel, ModelFragment, RelationKind, RelationModel, SourceLocation } from '../../language/src/model/types.js';
import { ArchModel } from '../../language/src/model/workspace.js';
import { EXAMPLES_DIR, exampleWorkspaces as allExamples } from '../helpers.js';

export const EXAMPLES = EXAMPLES_DIR;

/** The example workspaces (files by absolute path, so their configuration applies), named without `.sysd`. */
export function exampleWorkspaces(): { name: string; files: Record<string, string> }[] {
    return allExamples({ absolutePaths: true }).map(example => ({ name: example.name.replace(/\.sysd$/, ''), files: example.files }));
}

let line = 0;
function loc(uri = 'file:///adversarial.sysd'): SourceLocation {
    line++;
    return { uri, range: { start: { line, character: 0 }, end: { line, character: 10 } } };
}

export function component(id: string, kind: ComponentKind, extra: Partial<ComponentModel> = {}): ComponentModel {
    return {
        id, name: id.slice(id.lastIndexOf('.') + 1), kind, technologyKnown: false,
        props: { replicas: 1, placements: [], managed: false, stateful: false, public: false, internal: false, external: false, cdc: false, owns: [], holds: [], origins: [] },
        origins: {}, loc: loc(), ...extra
    };
}

export function relation(source: string, kind: RelationKind, target: string, extra: Partial<RelationModel> = {}): RelationModel {
    return {
        id: `${source} ${kind} ${target}`, kind, source, target, arrow: false, sync: kind === 'calls',
        circuitBreaker: false, idempotent: false, idempotencyKey: false, replay: false, ordered: false, loc: loc(), ...extra
    };
}

export function fragment(parts: Partial<ModelFragment>): ModelFragment {
    return {
        uri: 'file:///adversarial.sysd', components: [], relations: [], systems: [], regions: [], sagas: [], cqrs: [], views: [], diagramViews: [],
        eventSourcing: [], transactions: [], slos: [], flows: [], problems: [], ...parts
    };
}

/** Texts no name in a .sysd file can hold, but a model built by a tool (or a future grammar) might. */
export const NASTY = [
    'say "hi"', 'arr[0]', 'a(b)c', 'curly{x}', 'hash#tag', 'semi;colon', 'pi|pe', '<b>bold</b>', '<img src=x onerror=alert(1)>',
    'end', 'End', 'graph', 'subgraph', 'class', 'classDef', 'style: #fff;', 'click', 'default', 'linkStyle 0', '%% comment',
    'a --> b', 'x -.- y', 'back`tick`', 'amp & co', 'ünïcødé 日本語 🚀', 'Straße ﬂ°¶ß', 'colon: yes', "it's", 'tab\there', 'new\nline',
    '#quot;', '&lt;', 'o--o', 'x--x', 'title', 'participant', 'Note over', 'alt', 'else', 'loop', 'opt', ''
];

/** A model whose every name, technology, action and label is hostile to Mermaid. */
export function adversarialModel(): ArchModel {
    const kinds: ComponentKind[] = ['service', 'database', 'broker', 'client', 'cache', 'gateway', 'loadbalancer', 'cdn', 'queue', 'objectstore', 'search', 'coordinator', 'function'];
    const components: ComponentModel[] = NASTY.map((name, i) => component(`Sys"${i}.${name}`, kinds[i % kinds.length], {
        name, system: `Sys"${i}`, technology: i % 3 === 0 ? NASTY[(i + 7) % NASTY.length] : undefined
    }));
    components.push(component('Bus', 'broker', { name: 'Bus <end>' }));
    components.push(component('Bus.orders', 'topic', { name: 'orders', parent: 'Bus' }));
    components.push(component('Bus.xray', 'topic', { name: 'xray', parent: 'Bus' }));
    components.push(component('end', 'service'));
    components.push(component('orders', 'service'));
    components.push(component('xray', 'database'));
    const relations: RelationModel[] = [];
    for (let i = 0; i + 1 < NASTY.length; i++) {
        relations.push(relation(components[i].id, (['calls', 'reads', 'writes', 'publishes', 'consumes', 'replicates', 'syncs', 'routes', 'uses'] as RelationKind[])[i % 9], components[i + 1].id, {
            protocol: NASTY[(i + 3) % NASTY.length] || undefined, sync: i % 2 === 0
        }));
    }
    relations.push(relation('orders', 'publishes', 'Bus.orders'), relation('xray', 'consumes', 'Bus.xray'), relation('end', 'calls', 'orders'), relation('orders', 'calls', 'xray'));
    return new ArchModel([fragment({
        components,
        relations,
        systems: [
            ...NASTY.map((name, i) => ({ id: `Sys"${i}`, name: `system ${name}`, loc: loc() })),
            { id: 'Empty', name: 'Empty <system>', loc: loc() },
            { id: 'end', name: 'end', loc: loc() }
        ],
        sagas: [{
            id: 'S', name: 'saga "end" <x>;#|', mode: 'orchestration', orchestrator: 'orders', loc: loc(),
            steps: [
                { service: 'end', action: 'do "it"; end', compensation: { service: 'end', action: 'undo <it>|#' }, noCompensation: false, external: false, loc: loc() },
                { service: components[0].id, action: 'alt', compensation: { service: components[0].id, action: 'else' }, noCompensation: false, external: true, loc: loc() },
                { service: components[1].id, action: 'end', noCompensation: true, external: false, loc: loc() }
            ]
        }, {
            id: 'C', name: 'choreo', mode: 'choreography', broker: 'Bus', loc: loc(),
            steps: [
                { service: 'orders', action: 'a;b', noCompensation: false, external: false, loc: loc() },
                { service: 'xray', action: 'loop', compensation: { service: 'xray', action: 'end' }, noCompensation: false, external: false, loc: loc() },
                { service: components[5].id, action: 'opt', compensation: { service: components[5].id, action: '#35;' }, noCompensation: false, external: false, loc: loc() }
            ]
        }],
        flows: [{ id: 'F', name: 'flow <b>"x"</b>', path: [components[3].id, 'end', 'orders', 'xray'], userFacing: true, loc: loc() },
            { id: 'G', name: 'empty', path: [], userFacing: false, loc: loc() }]
    })]);
}

/**
 * `count` components in systems of 25: every fifth a database, the others services; each service
 * calls the component before it (or writes it, when that is a database). `count - 1` relations.
 */
export function generatedSource(count: number): string {
    const name = (n: number) => `S${Math.floor(n / 25)}.${n % 5 === 4 ? 'Db' : 'Svc'}${n}`;
    const lines: string[] = [];
    for (let n = 0; n < count; n++) {
        if (n % 25 === 0) lines.push(`system S${n / 25} {`);
        const local = name(n).split('.')[1];
        if (n % 5 === 4) lines.push(`    database ${local} : postgres`);
        else if (n === 0) lines.push(`    service ${local}`);
        else if ((n - 1) % 5 === 4) lines.push(`    service ${local} { writes ${name(n - 1)} }`);
        else lines.push(`    service ${local} { calls ${name(n - 1)} over grpc }`);
        if (n % 25 === 24 || n === count - 1) lines.push('}');
    }
    return lines.join('\n');
}
