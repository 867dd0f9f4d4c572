/**
 * Every rule is total: whatever model a half-written or hostile file produces, no rule throws.
 *
 * The models here are built by hand, so they can hold what the types promise never to hold but a
 * parser recovering from a half-typed line can leave behind: components without a name or an id,
 * relations whose target never resolved, channels without a broker, blocks without names or steps,
 * replication blocks without counts. Then every example file is cut in the middle of each of its lines
 * and linted the way the editor does while the user types.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, type RuleSetting } from '../../language/src/lint/config.js';
import { defineRule } from '../../language/src/lint/define-rule.js';
import { lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { RULE_FAILED, type Finding, type OptionSchema, type Rule } from '../../language/src/lint/types.js';
import {
    COMPONENT_KINDS, type ComponentKind, type ComponentModel, type ComponentProps, type ModelFragment, type RelationKind,
    type RelationModel, type Replication, type SourceLocation
} from '../../language/src/model/types.js';
import { ArchModel } from '../../language/src/model/workspace.js';
import { URI as Uri } from 'langium';
import type { Model } from '../../language/src/generated/ast.js';
import { createTestServices, exampleWorkspaces } from '../helpers.js';

const URI = 'file:///hostile.sysd';
const RELATION_KINDS: RelationKind[] = ['calls', 'reads', 'writes', 'uses', 'publishes', 'consumes', 'routes', 'replicates', 'syncs'];

/** Values the types rule out but a recovering parser can leave: a hole where a name, id or value was about to be typed. */
const hole = undefined as unknown as string;

let line = 0;
function loc(uri = URI): SourceLocation {
    line = (line + 1) % 40;
    return { uri, range: { start: { line, character: 0 }, end: { line: line + 1, character: 3 } }, nameRange: { start: { line, character: 2 }, end: { line, character: 2 } } };
}

function props(extra: Partial<ComponentProps> = {}): ComponentProps {
    return {
        replicas: 1, placements: [], managed: false, stateful: false, public: false, internal: false, external: false, cdc: false,
        owns: [], holds: [], origins: [], ...extra
    };
}

function component(id: string, name: string, kind: ComponentKind, extra: Partial<ComponentModel> = {}): ComponentModel {
    return { id, name, kind, technologyKnown: false, props: props(), origins: {}, loc: loc(), ...extra };
}

function relation(source: string, kind: RelationKind, target: string, extra: Partial<RelationModel> = {}): RelationModel {
    return {
        id: `${source} ${kind} ${target} #${line}`, kind, source, target, arrow: false, sync: true, circuitBreaker: false,
        idempotent: false, idempotencyKey: false, replay: false, ordered: false, loc: loc(), ...extra
    };
}

function fragment(parts: Partial<ModelFragment>, uri = URI): ModelFragment {
    return {
        uri, components: [], relations: [], systems: [], regions: [], sagas: [], cqrs: [], views: [], diagramViews: [],
        eventSourcing: [], transactions: [], slos: [], flows: [], problems: [], ...parts
    };
}

/** Replication blocks cut short: counts, modes and placements not typed yet, or typed as nonsense. */
const REPLICATIONS: Replication[] = [
    { type: 'single-leader', followerPlacements: [], fencingTokens: false },
    { type: 'single-leader', followers: 0, followerPlacements: [hole, 'Nowhere', ''], mode: 'sync', readFrom: 'followers', election: {}, fencingTokens: false },
    { type: 'single-leader', followers: 3, followerPlacements: ['Eu.a'], mode: 'semi-sync', failover: 'manual', election: { coordinator: hole }, fencingTokens: true },
    { type: 'multi-leader', leaderPlacements: [] },
    { type: 'multi-leader', leaders: 0, leaderPlacements: [hole, 'Us', 'Eu'], mode: 'sync' },
    { type: 'leaderless', sloppyQuorum: true, readRepair: false, antiEntropy: false, hintedHandoff: false },
    { type: 'leaderless', n: 3, sloppyQuorum: false, readRepair: false, antiEntropy: false, hintedHandoff: false },
    { type: 'leaderless', w: 2, sloppyQuorum: false, readRepair: false, antiEntropy: false, hintedHandoff: false },
    { type: 'leaderless', n: 0, w: 0, r: 0, sloppyQuorum: false, readRepair: false, antiEntropy: false, hintedHandoff: false, conflictResolution: 'lww' },
    { type: 'leaderless', n: 1, w: 5, r: 5, sloppyQuorum: true, readRepair: false, antiEntropy: false, hintedHandoff: false },
    { type: 'consensus' },
    { type: 'consensus', nodes: 0 },
    { type: 'consensus', protocol: 'raft', nodes: 2 },
    { type: 'none' }
];

/** Property sets as a half-typed component can have them, from nothing stated to every flag set with its value missing. */
const PROPS: Partial<ComponentProps>[] = [
    {},
    { public: true, stateful: true, external: true, internal: true, cdc: true, replicas: 0, placements: [hole, ''] },
    { public: true, replicas: 3, placements: ['Eu.a', 'Eu.a', 'Eu.a'], ha: 'active-passive', healthCheck: {}, rateLimit: 'none', tls: 'none' },
    { replicas: 2, placements: ['Nowhere'], owns: [hole, 'Missing', ''], holds: [hole, '', 'orders'], availability: Number.NaN },
    { partition: {}, partitions: 0, key: '', delivery: 'at-least-once', dlq: hole, ordering: 'per-key', pattern: 'pub-sub', retention: 'until-ack' },
    { partition: { strategy: 'range' }, partitions: 4, brokerType: 'in-memory', delivery: 'exactly-once', dlq: 'Missing' },
    { partition: { strategy: 'hash', keyKind: 'timestamp' }, cachePolicy: 'write-back', cachePlacement: 'local', invalidation: 'none', session: 'local' },
    { partition: { strategy: 'modulo', key: hole, count: 0 }, cachePolicy: 'write-around', eviction: 'none', ttlMs: 0, consistency: 'strong' },
    { algorithm: '', style: '', scaling: 'auto', trigger: 'http', origins: [hole, 'Missing'], cdnMode: 'pull', availability: 100.5, auth: '' },
    { rateLimit: { count: 0, unit: '' }, availability: 0, consistency: 'linearizable', isolation: '', failover: 'automatic' },
    ...REPLICATIONS.map(replication => ({ replication, replicas: 3, placements: ['Eu.a', 'Us.b'], consistency: 'strong' as const }))
];

/** Relation options typed half way: a retry without a count, a fallback to nothing, a dead-letter queue not named yet. */
const RELATION_OPTIONS: Partial<RelationModel>[] = [
    {},
    { sync: true, retry: { unbounded: false, jitter: false }, protocol: '', timeoutMs: Number.NaN },
    { sync: true, retry: { unbounded: true, jitter: false, backoff: 'exponential' }, fallback: {}, tls: '' },
    { sync: false, retry: { count: 0, unbounded: false, jitter: true }, requires: 'strong', readFrom: 'followers', viaCache: hole },
    { delivery: 'at-least-once', dlq: hole, group: '', key: '', replay: true, ordered: true, relay: hole, via: 'outbox' },
    { delivery: 'at-least-once', dlq: 'Missing', group: hole, replay: true, ordered: true, via: 'cdc', mode: 'sync', viaCache: 'Missing' },
    { mode: 'semi-sync', requires: 'read-your-writes', fallback: { target: hole, cache: true }, idempotencyKey: true, key: hole }
];

/**
 * Every kind of component, nameless and valueless in turn, each relation kind between each pair of
 * them, and every kind of block with its names, steps and references missing.
 */
function hostileModels(): { name: string; model: ArchModel }[] {
    const models: { name: string; model: ArchModel }[] = [];
    PROPS.forEach((extra, variant) => {
        // Channels without a broker, under a broker that does not exist, and under a nameless one, in turn.
        const parentOfChannels = [hole, 'Missing', 'Sys.broker0'][variant % 3];
        {
            const components: ComponentModel[] = [];
            COMPONENT_KINDS.forEach((kind, k) => {
                const channel = kind === 'topic' || kind === 'queue';
                const parent = channel ? parentOfChannels : undefined;
                const technology = [hole, '', 'postgres', 'kafka', 'redis', 'rabbitmq'][k % 6];
                // A name not typed yet and an empty name, then two named ones whose values are cut short.
                components.push(component(`Sys.${kind}0`, hole, kind, { parent, system: 'Sys', technology, props: props(extra) }));
                components.push(component(`Sys.${kind}1`, '', kind, { parent, system: hole, props: props(extra) }));
                components.push(component(`${kind}`, kind, kind, { parent: channel ? hole : undefined, technology: 'unknown-tech', props: props(extra) }));
                components.push(component(`Sys.${kind}2`, `${kind}2`, kind, {
                    parent: channel ? 'broker' : undefined, system: 'Sys', technology, props: props(extra),
                    origins: { replication: 'declared', healthCheck: 'declared', replicas: 'declared', algorithm: 'technology' }
                }));
            });
            const ids = components.map(c => c.id);
            const relations: RelationModel[] = [];
            ids.forEach((source, i) => {
                // Each component relates to a handful of others (four apart: a named one to named ones), and to
                // nothing resolved, with every kind of relation.
                for (const offset of [1, 4, 13, 28, 40]) {
                    const target = ids[(i + offset) % ids.length];
                    RELATION_KINDS.forEach((kind, k) => relations.push(relation(source, kind, target, RELATION_OPTIONS[(i + k + offset) % RELATION_OPTIONS.length])));
                }
                RELATION_KINDS.forEach((kind, k) => {
                    relations.push(relation(source, kind, hole, RELATION_OPTIONS[k % RELATION_OPTIONS.length]));
                    relations.push(relation(source, kind, 'Missing.target', RELATION_OPTIONS[(k + 1) % RELATION_OPTIONS.length]));
                });
            });
            RELATION_KINDS.forEach(kind => relations.push(relation(hole, kind, ids[0]), relation('', kind, ids[1])));
            models.push({ name: `props variant ${variant}, channels under ${String(parentOfChannels)}`, model: new ArchModel([fragment({ components, relations, ...blocks() })]) });
        }
    });
    models.push({ name: 'blocks only, nothing they name exists', model: new ArchModel([fragment(blocks())]) });
    models.push({ name: 'an empty model', model: new ArchModel([]) });
    models.push({ name: 'an empty document', model: new ArchModel([fragment({})]) });
    return models;
}

/**
 * Sagas, CQRS blocks, views, event-sourcing blocks, transactions, SLOs and flows, cut short at every
 * point; the complete ones name the named components of `hostileModels` (or nothing, in a model without them).
 */
function blocks(): Partial<ModelFragment> {
    return {
        systems: [{ id: 'Sys', name: hole, loc: loc() }, { id: hole, name: '', loc: loc(), parent: 'Missing' }],
        regions: [
            { id: 'Eu', name: 'Eu', zones: [{ id: 'Eu.a', name: 'a', loc: loc() }, { id: hole, name: hole, loc: loc() }], loc: loc() },
            { id: hole, name: hole, zones: [], loc: loc() }
        ],
        sagas: [
            { id: hole, name: hole, steps: [], loc: loc() },
            { id: 'S1', name: '', mode: 'orchestration', orchestrator: hole, steps: [{ service: hole, action: hole, noCompensation: false, external: false, loc: loc() }], loc: loc() },
            {
                id: 'S2', name: 'S2', mode: 'choreography', broker: 'Missing', loc: loc(), steps: [
                    { service: 'service', action: '', compensation: { service: hole, action: hole }, noCompensation: false, external: true, loc: loc() },
                    { service: 'Sys.service2', action: '-', noCompensation: false, external: false, loc: loc() },
                    { service: 'function', action: '_', noCompensation: true, external: true, loc: loc() },
                    { service: 'Missing', action: 'x', noCompensation: false, external: false, loc: loc() }
                ]
            },
            { id: 'S3', name: 'S3', orchestrator: 'service', loc: loc(), steps: [{ service: 'service', action: 'a', noCompensation: false, external: false, loc: loc() }, { service: 'Sys.service2', action: 'b', noCompensation: false, external: false, loc: loc() }] }
        ],
        cqrs: [
            { id: hole, name: hole, loc: loc() },
            { id: 'C1', name: '', command: hole, commandStore: 'Missing', query: 'service', queryStore: 'database', syncVia: 'broker', syncThrough: hole, loc: loc() },
            { id: 'C2', name: 'C2', command: 'service', commandStore: 'database', query: 'Sys.service2', queryStore: 'Sys.database2', syncVia: 'cdc', loc: loc() }
        ],
        views: [
            { id: hole, name: hole, materialized: true, sources: [], loc: loc() },
            { id: 'V1', name: '', materialized: true, store: hole, sources: [hole, 'Missing', 'database'], refresh: 'schedule', loc: loc() },
            { id: 'V2', name: 'V2', materialized: false, store: 'Sys.database2', sources: ['database'], loc: loc() }
        ],
        eventSourcing: [
            { id: hole, name: hole, projections: [], loc: loc() },
            { id: 'E1', name: '', store: hole, snapshots: 0, projections: [hole, 'Missing'], loc: loc() },
            { id: 'E2', name: 'E2', store: 'topic', snapshots: 'none', projections: ['database'], loc: loc() },
            { id: 'E3', name: 'E3', store: 'Missing', projections: [], loc: loc() }
        ],
        transactions: [
            { id: hole, name: hole, participants: [], loc: loc() },
            { id: 'T1', name: '', protocol: '2pc', coordinator: hole, participants: [hole, 'Missing', 'database', 'Sys.database2'], loc: loc() },
            { id: 'T2', name: 'T2', protocol: 'local', coordinator: 'coordinator', participants: ['database', 'database', 'Sys.cache2'], loc: loc() }
        ],
        slos: [
            { id: hole, name: hole, path: [], latencies: [], loc: loc() },
            { id: 'O1', name: '', path: [hole, 'Missing', 'service'], target: hole, availability: Number.NaN, latencies: [{ percentile: hole, ms: Number.NaN }], loc: loc() },
            { id: 'O2', name: 'O2', path: ['client', 'gateway', 'service', 'database'], availability: 100, availabilityLoc: loc(), latencies: [], windowMs: 0, loc: loc() },
            { id: 'O3', name: 'O3', path: ['Sys.service2'], availability: 99.999_999, latencies: [], loc: loc() }
        ],
        flows: [
            { id: hole, name: hole, path: [], userFacing: true, loc: loc() },
            { id: 'F1', name: '', path: [hole, 'Missing', 'client', 'service', 'database'], userFacing: true, requires: 'strong', loc: loc() },
            { id: 'F2', name: 'F2', path: ['Sys.client2', 'Sys.client2', 'service'], userFacing: false, requires: 'linearizable', loc: loc() }
        ]
    };
}

/** An option at its widest: every kind, the smallest allowed number, every boolean on. */
function widest(option: OptionSchema, key: string): unknown {
    switch (option.type) {
        case 'number': return option.minimum ?? 0;
        case 'boolean': return true;
        case 'string': return option.enum?.[option.enum.length - 1] ?? '';
        case 'string[]': return key === 'kinds' ? [...COMPONENT_KINDS] : [...option.default, '', 'ORDERS', 'a b'];
    }
}

/** Every rule on, with its options at their defaults or at their widest. */
function configs(): { name: string; rules: Record<string, RuleSetting> }[] {
    const on = (options: (rule: Rule) => Record<string, unknown>) =>
        Object.fromEntries(ALL_RULES.map(rule => [rule.meta.id, ['warning', options(rule)] as RuleSetting]));
    return [
        { name: 'defaults', rules: on(() => ({})) },
        { name: 'widest options', rules: on(rule => Object.fromEntries(Object.entries(rule.meta.options).map(([key, option]) => [key, widest(option, key)]))) }
    ];
}

/** The findings that stand for a rule that threw, as `rule: reason` lines (so a failure says which rule broke and how). */
function failures(findings: readonly Finding[]): string[] {
    return findings.filter(f => f.messageId === RULE_FAILED).map(f => `${f.ruleId}: ${f.message}`);
}

/** Each distinct failure once, with the first case that showed it. */
function firstOfEach(cases: Iterable<{ name: string; findings: readonly Finding[] }>): string[] {
    const seen = new Map<string, string>();
    for (const { name, findings } of cases) {
        for (const failure of failures(findings)) if (!seen.has(failure)) seen.set(failure, `${failure} (first in: ${name})`);
    }
    return [...seen.values()];
}

describe('every rule over partial models', () => {
    const models = hostileModels();
    const texts: Record<string, string | undefined>[] = [{}, { [URI]: '' }, { [URI]: 'service A {\n  calls B\n}\n'.repeat(3) }];
    // The documents the fixer and the suppressions read: parsed only, unrelated to the hand-built models.
    const { LangiumDocumentFactory } = createTestServices().shared.workspace;
    const parsed = texts.map(files => new Map(Object.entries(files).map(([uri, text]) => [uri, LangiumDocumentFactory.fromString(text ?? '', Uri.parse(uri))])));

    for (const { name, rules } of configs()) {
        it(`never throws, with ${name}`, () => {
            const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules } }]);
            // Every rule is on: none is left out by a default severity of 'off'.
            expect(ALL_RULES.filter(rule => config.get(rule.meta.id)?.severity === 'off')).toEqual([]);
            const results = models.map(({ name: modelName, model }, i) => {
                const documents = parsed[i % parsed.length];
                return { name: modelName, findings: lint({ model, documents: uri => documents.get(uri), config }) };
            });
            expect(firstOfEach(results)).toEqual([]);
            // The models reach the rules' reporting code, not only their first checks: most rules report something.
            expect(new Set(results.flatMap(r => r.findings.map(f => f.ruleId))).size).toBeGreaterThanOrEqual(30);
        });
    }
});

/** An example cut in the middle of each of its lines, as a user typing it from the top would see it. */
function* halfTyped(files: Record<string, string>): Generator<{ name: string; files: Record<string, string> }> {
    for (const [file, text] of Object.entries(files)) {
        let offset = 0;
        let written = 0;
        for (const line of text.split('\n')) {
            const cut = offset + Math.ceil(line.length / 2);
            offset += line.length + 1;
            if (line.trim() === '') continue;
            // Every third written line keeps this sweep fast in `npm test`; the fuzz suite (test/fuzz)
            // cuts the same files at random points on top of it.
            if (written++ % 3 !== 0) continue;
            // The other files of the workspace stay whole: only the one being typed is cut.
            yield { name: `${file} cut at offset ${cut}`, files: { ...files, [file]: text.slice(0, cut) } };
        }
    }
}

describe('every rule over half-typed examples', () => {
    const services = createTestServices();
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder, IndexManager } = services.shared.workspace;
    const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules: configs()[0].rules } }]);
    let count = 0;

    for (const example of exampleWorkspaces()) {
        it(`never reports a failed rule while ${example.name} is typed line by line`, async () => {
            const results: { name: string; findings: Finding[] }[] = [];
            for (const { name, files } of halfTyped(example.files)) {
                // Each case in a folder of its own, parsed and linked as the editor does (validation, which
                // would lint again, is left out), then removed so the next case sees only its own files.
                const folder = `file:///half-typed/${++count}/`;
                const documents = Object.entries(files).map(([file, text]) => {
                    const document = LangiumDocumentFactory.fromString<Model>(text, Uri.parse(folder + file));
                    LangiumDocuments.addDocument(document);
                    return document;
                });
                await DocumentBuilder.build(documents, { validation: false });
                const model = services.model.ModelService.workspaceModel();
                results.push({ name, findings: lint({ model, documents: uri => documents.find(d => d.uri.toString() === uri), config }) });
                for (const document of documents) {
                    LangiumDocuments.deleteDocument(document.uri);
                    IndexManager.remove(document.uri);
                }
            }
            expect(results.length).toBeGreaterThan(10);
            expect(firstOfEach(results)).toEqual([]);
        }, 60_000);
    }
});

/** `count` public services, each calling the next synchronously; the last calls the first when `cycle`. */
function callChain(count: number, cycle: boolean): ArchModel {
    const components = Array.from({ length: count }, (_, i) => component(`S${i}`, `S${i}`, 'service', { props: props({ public: true, replicas: 2 }) }));
    const relations = components.flatMap((c, i) => (i + 1 < count || cycle ? [relation(c.id, 'calls', `S${(i + 1) % count}`, { timeoutMs: 1000, circuitBreaker: true })] : []));
    return new ArchModel([fragment({ components, relations })]);
}

describe('rules on large models', () => {
    const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules: configs()[0].rules } }]);
    const timed = (model: ArchModel) => {
        const start = performance.now();
        const findings = lint({ model, documents: () => undefined, config });
        return { findings, ms: performance.now() - start };
    };

    it('a cycle of 3,000 synchronous calls is one finding, found in linear time', () => {
        const { findings, ms } = timed(callChain(3000, true));
        expect(failures(findings)).toEqual([]);
        expect(findings.filter(f => f.ruleId === 'sync-call-cycle')).toHaveLength(1);
        expect(ms).toBeLessThan(5000);
    });

    it('a chain of 3,000 synchronous calls, every service an entry point, costs each entry point a bounded finding', () => {
        // Before: every entry point listed every hop behind it, 4.5 million related entries and 12.6 s.
        const { findings, ms } = timed(callChain(3000, false));
        expect(failures(findings)).toEqual([]);
        const deep = findings.filter(f => f.ruleId === 'long-sync-call-chain');
        // Each service but the last four is more than three calls from the end.
        expect(deep).toHaveLength(3000 - 4);
        expect(deep[0].message).toContain("entering at 'S0' can go through 2999 synchronous calls in a row (S0 -> S1 -> S2 -> S3 -> S4 -> S5 -> S6 -> S7 -> S8 -> ... -> S2998 -> S2999)");
        expect(deep[0].related.map(r => r.message)).toEqual([
            ...Array.from({ length: 8 }, (_, i) => `'S${i}' waits on 'S${i + 1}'`),
            "'S2998' waits on 'S2999'"
        ]);
        expect(Math.max(...deep.map(f => f.related.length))).toBeLessThanOrEqual(12);
        expect(ms).toBeLessThan(5000);
    });

    it('applies suppression comments to 130,000 findings in linear time', () => {
        const lines = 130_000;
        const uri = 'file:///many.sysd';
        // Every fifth line is a suppression comment: before, each finding scanned every comment of its file.
        const text = Array.from({ length: lines }, (_, i) => (i % 5 === 0 ? '// sysd-ignore everywhere -- generated' : `service S${i}`)).join('\n');
        const everywhere = defineRule({
            meta: { id: 'everywhere', type: 'suggestion', defaultSeverity: 'info', description: 'Reports every line.', grounding: { seeds: [], catalog: [] }, messages: { line: 'Line.' }, options: {}, fixable: false },
            check({ report }) {
                for (let line = 0; line < lines; line++) report({ messageId: 'line', loc: { uri, range: { start: { line, character: 0 }, end: { line, character: 1 } } } });
            }
        });
        const model = new ArchModel([fragment({}, uri)]);
        const document = createTestServices().shared.workspace.LangiumDocumentFactory.fromString(text, Uri.parse(uri));
        const start = performance.now();
        const findings = lint({ model, documents: () => document, config: resolveConfig([everywhere, ...ALL_RULES], []), rules: [everywhere, ALL_RULES.find(r => r.meta.id === 'unused-suppression')!] });
        const ms = performance.now() - start;
        // Each comment silences its own line (a trailing directive) and the line below it.
        expect(findings.filter(f => f.ruleId === 'everywhere')).toHaveLength(lines - 2 * (lines / 5));
        expect(findings.filter(f => f.ruleId === 'unused-suppression')).toEqual([]);
        expect(ms).toBeLessThan(10_000);
    });
});
