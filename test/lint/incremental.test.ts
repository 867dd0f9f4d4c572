import { AstUtils, URI, type FileSystemNode, type FileSystemProvider, type Reference } from 'langium';
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { resolveConfig } from '../../language/src/lint/config.js';
import { defineRule } from '../../language/src/lint/define-rule.js';
import { lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import type { Finding, Fixer, LintContext, ReportDescriptor, Rule } from '../../language/src/lint/types.js';
import { createSysdServices, type SysdServices } from '../../language/src/sysd-module.js';
import { exampleWorkspaces, workspace } from '../helpers.js';

/*
 * After an edit, the editor's findings come from what the services cached (fragments, the workspace
 * model, findings whose fixes are built when first read). These tests hold that result equal to a
 * check of the same texts from scratch, for many random edits, and that fixes are built on request.
 */

/** Files in memory, so that an edit is a new text and `DocumentBuilder.update`, as in the editor. */
class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();
    stat(uri: URI): Promise<FileSystemNode> { return Promise.resolve(this.statSync(uri)); }
    statSync(uri: URI): FileSystemNode { return { isFile: true, isDirectory: false, uri }; }
    exists(uri: URI): Promise<boolean> { return Promise.resolve(this.existsSync(uri)); }
    existsSync(uri: URI): boolean { return this.files.has(uri.toString()); }
    readBinary(uri: URI): Promise<Uint8Array> { return Promise.resolve(this.readBinarySync(uri)); }
    readBinarySync(uri: URI): Uint8Array { return new TextEncoder().encode(this.readFileSync(uri)); }
    readFile(uri: URI): Promise<string> { return Promise.resolve(this.readFileSync(uri)); }
    readFileSync(uri: URI): string { return this.files.get(uri.toString()) ?? ''; }
    readDirectory(): Promise<FileSystemNode[]> { return Promise.resolve([]); }
    readDirectorySync(): FileSystemNode[] { return []; }
}

interface Workspace {
    services: SysdServices;
    fileSystem: MemoryFileSystem;
    uris: URI[];
}

async function open(files: Record<string, string>): Promise<Workspace> {
    const fileSystem = new MemoryFileSystem();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => fileSystem });
    const uris = Object.keys(files).map(name => URI.parse(`file:///incremental/${name}`));
    const documents = uris.map((uri, i) => {
        fileSystem.files.set(uri.toString(), Object.values(files)[i]);
        const document = shared.workspace.LangiumDocumentFactory.fromString(Object.values(files)[i], uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services: Sysd, fileSystem, uris };
}

/**
 * Everything a host shows of each document: every problem sysd reports (lint findings with their
 * fixes read, duplicate and view names, model problems), in order.
 */
function report(ws: Workspace): Record<string, unknown[]> {
    const analysis = new SysdAnalysis(ws.services);
    const result: Record<string, unknown[]> = {};
    for (const uri of ws.uris) {
        const document = ws.services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!document) continue;
        result[uri.toString()] = analysis.validationProblems(document).map(problem => ({ ...problem, fixes: problem.fixes }));
    }
    return result;
}

/**
 * What the editor holds of each document besides the facade's answers: the diagnostics the builder
 * left on it (published by the server), and where each of its references leads (hover, go to
 * definition), so a document that was not linked again after an edit elsewhere still points at the
 * new text.
 */
/**
 * A linking error's message without its suggestions: the closest names are taken in the order of the
 * index, in which a file indexed again comes last (as after any edit, with or without sysd's caches),
 * so among names at the same distance a fresh check may pick others.
 */
function unordered(message: string | undefined): string | undefined {
    return message?.replace(/; did you mean .*$/, '; did you mean ...');
}

function editorState(ws: Workspace): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const uri of ws.uris) {
        const document = ws.services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!document) continue;
        const diagnostics = (document.diagnostics ?? []).map(d => ({
            code: d.code, severity: d.severity, message: d.code === 'linking-error' ? unordered(typeof d.message === 'string' ? d.message : d.message.value) : d.message, range: d.range, related: d.relatedInformation?.length ?? 0
        }));
        const references = document.references.map(ref => {
            const target = (ref as Reference).ref;
            const targetDocument = target ? AstUtils.getDocument(target) : undefined;
            return [ref.$refText, unordered(ref.error?.message), targetDocument?.uri.toString(), target?.$cstNode?.range, targetDocument?.parseResult.value === AstUtils.findRootNode(target ?? document.parseResult.value)];
        });
        result[uri.toString()] = { diagnostics, references };
    }
    return result;
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * One random edit of a text: a number changed, a line removed or repeated (a component or relation
 * gone or declared twice), a name renamed, a half-typed statement, or a whole new service with a call.
 */
function edit(text: string, next: () => number): string {
    const lines = text.split('\n');
    const at = Math.floor(next() * lines.length);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    switch (Math.floor(next() * 6)) {
        case 0: return text.replace(/\d+/g, (n, offset: number) => (offset % 7 === Math.floor(next() * 7) ? String(Number(n) + 1) : n));
        case 1: return [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
        case 2: return [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join('\n');
        case 3: {
            const names = [...new Set(text.match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? [])];
            if (names.length === 0) return text;
            const name = pick(names);
            return text.replace(new RegExp(`\\b${name}\\b`, next() < 0.5 ? 'g' : ''), `${name}X`);
        }
        case 4: return [...lines.slice(0, at), pick(['    service Half {', '    calls ', 'service Typing { calls Nowhere over', '    writes ']), ...lines.slice(at)].join('\n');
        default: return `${text}\nservice Added${Math.floor(next() * 1000)} { replicas 1; calls ${pick([...new Set(text.match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? ['Nobody'])])} }\n`;
    }
}

/** Applies `count` random edits one after another, and compares the edited workspace with a fresh one after each. */
async function checkEdits(files: Record<string, string>, count: number, seed: number): Promise<void> {
    const ws = await open(files);
    const next = random(seed);
    const langiumDocuments = ws.services.shared.workspace.LangiumDocuments;
    const builder = ws.services.shared.workspace.DocumentBuilder;
    for (let i = 0; i < count; i++) {
        const uri = ws.uris[Math.floor(next() * ws.uris.length)];
        const key = uri.toString();
        let what = 'edit';
        if (!langiumDocuments.hasDocument(uri)) {
            // Deleted by an earlier step: the file comes back.
            what = 'restore';
            langiumDocuments.addDocument(ws.services.shared.workspace.LangiumDocumentFactory.fromString(ws.fileSystem.files.get(key)!, uri));
            await builder.update([uri], []);
        } else if (next() < 0.08) {
            what = 'delete';
            await builder.update([], [uri]);
        } else if (next() < 0.1) {
            // A name renamed wherever it is written (as the rename refactoring does), in one update.
            what = 'rename everywhere';
            const names = [...new Set(ws.fileSystem.files.get(key)!.match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? [])];
            const name = names[Math.floor(next() * names.length)] ?? 'Nobody';
            const changed = ws.uris.filter(u => langiumDocuments.hasDocument(u) && new RegExp(`\\b${name}\\b`).test(ws.fileSystem.files.get(u.toString())!));
            for (const u of changed) ws.fileSystem.files.set(u.toString(), ws.fileSystem.files.get(u.toString())!.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}Renamed`));
            await builder.update(changed, []);
        } else {
            ws.fileSystem.files.set(key, edit(ws.fileSystem.files.get(key)!, next));
            await builder.update([uri], []);
        }

        // In the workspace's order: a restored file comes last, and the model merges files in that order.
        const texts = Object.fromEntries(langiumDocuments.all.toArray().map(d => [d.uri.path.split('/').pop()!, ws.fileSystem.files.get(d.uri.toString())!]));
        const fresh = await open(texts);
        expect(report(ws), `${what} ${i + 1} (seed ${seed}) of ${uri.path}`).toEqual(report(fresh));
        expect(editorState(ws), `${what} ${i + 1} (seed ${seed}) of ${uri.path}: diagnostics and links`).toEqual(editorState(fresh));
    }
}

/** A generated workspace: services, stores, caches, brokers with topics and gateways in `files` systems that call each other. */
function generated(components: number, files: number): Record<string, string> {
    const result: Record<string, string> = {};
    const perFile = Math.ceil(components / files);
    for (let f = 0; f < files; f++) {
        const services = Math.floor(perFile * 0.5);
        const databases = Math.floor(perFile * 0.25);
        const lines = [`system Sys${f} {`, '    region r { zones a, b }', '    broker Bus : kafka { topic events { partitions 3 } }'];
        for (let d = 0; d < databases; d++) lines.push(`    database Db${d} : postgres { replication single-leader { followers 1; failover automatic } }`);
        lines.push(`    cache Cache : redis { replicas 2 }`, `    gateway Gw { replicas 2 across a, b }`);
        for (let s = 0; s < services; s++) {
            lines.push(`    service Svc${s} {`, `        replicas ${1 + (s % 3)}`, `        writes Db${s % databases}`, `        reads Cache`);
            lines.push(`        calls Svc${(s + 1) % services} over grpc${s % 2 === 0 ? ' { timeout 500ms }' : ''}`);
            if (s % 4 === 0) lines.push(`        calls Sys${(f + 1) % files}.Svc${s} over http { retry 3 }`);
            lines.push(s % 3 === 0 ? '        publishes Bus.events via outbox' : '        consumes Bus.events');
            lines.push('    }');
        }
        lines.push('    Gw -> Svc0 : http', '}');
        result[`sys${f}.sysd`] = lines.join('\n');
    }
    // A file that only declares a view: its names are resolved against the workspace, not linked.
    result['views.sysd'] = `view Cross { include Sys0.Svc1 -> *, Sys${files - 1}.Gw, Sys1.Svc2 }`;
    return result;
}

/**
 * One design per fixable rule (and both wordings of \`last-write-wins-data-loss\`) on which the rule
 * offers a fix, for the rules the examples do not exercise: every fixable rule is held lazy below.
 */
const FIXABLE_DESIGNS: readonly (readonly [string, string])[] = [
    ['2pc-coordinator-spof', 'database A : postgres\ndatabase B : postgres\nservice Tx\ntransaction Move 2pc {\n  coordinator Tx\n  participants A, B\n}'],
    ['all-to-all-without-causality-tracking', 'database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution lww } }'],
    ['at-most-once-for-loss-intolerant-data', 'broker B : kafka { topic payments { holds payments } }\nservice S { consumes B.payments { delivery at-most-once } }'],
    ['broker-exposed-publicly', 'broker Bus : kafka {\n    replicas 3\n    public\n    topic t\n}'],
    ['cache-on-strong-consistency-path', 'service S { reads Db { via K; requires strong } }\ndatabase Db\ncache K : redis'],
    ['circuit-breaker-without-fallback', 'service A { calls B { timeout 1s; circuit-breaker } }\nservice B'],
    ['consensus-cluster-size', 'coordinator Zk : zookeeper { replication consensus { nodes 2 } }'],
    ['consumer-without-dlq', 'service C {\n    consumes Events.orders { idempotent }\n}\nbroker Events : kafka {\n    topic orders\n    topic ordersDlq\n}'],
    ['event-sourcing-without-snapshots', 'service Accounts { owns Ledger; writes Ledger }\ndatabase Ledger : postgres\nevent-sourcing AccountHistory {\n  store Ledger\n}'],
    ['exactly-once-without-dedupe', 'broker B : kafka { topic t }\nservice S { consumes B.t { delivery exactly-once } }'],
    ['fifo-eviction', 'cache Sessions : redis { eviction fifo }'],
    ['follower-read-with-strong-requirement', 'service S { reads Db { read from followers; requires strong } }\ndatabase Db : postgres { replication single-leader { followers 2; mode async } }'],
    ['follower-read-without-read-your-writes', 'database Db : postgres { replication single-leader { followers 2; read from followers } }\nservice Profile {\n    writes Db\n    reads Db\n}'],
    ['fully-synchronous-replication', 'database Db { replication single-leader { followers 2; mode sync } }'],
    ['infeasible-availability-target', 'client Web : browser\nservice Api { replicas 2 }\nslo Checkout {\n    path Web -> Api\n    availability 100%\n}'],
    ['last-write-wins-data-loss', 'database Ledger {\n    holds payments, customers\n    replication multi-leader { leaders 2; conflict resolution lww }\n}'],
    ['last-write-wins-data-loss', 'database Events : cassandra { holds payments }'],
    ['last-write-wins-data-loss', 'database Events : cassandra {\n    holds payments\n    replication leaderless { conflict resolution lww }\n}'],
    ['leader-without-failover', 'database Db : postgres { replication single-leader { followers 2 } }'],
    ['leaderless-even-replica-count', 'database Db { replication leaderless { n 4; w 3; r 3 } }'],
    ['leaderless-without-repair', 'database Db { replication leaderless { n 3; w 2; r 2 } }'],
    ['materialized-view-without-refresh', 'database Courses : postgres\ndatabase Reviews : postgres\ndatabase Top : mongodb\nview TopCourses materialized {\n  store Top\n  sources Courses, Reviews\n}'],
    ['missing-health-check', 'loadbalancer Lb { routes A }\nservice A { replicas 2 }'],
    ['multi-leader-topology-spof', 'database Db { replication multi-leader { leaders 3; topology circle; conflict resolution crdt } }'],
    ['ordering-without-partition-key', 'broker Bus : kafka {\n    topic ledger {\n        partitions 6\n        ordering global\n    }\n}'],
    ['plaintext-behind-tls-terminator', 'loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments }'],
    ['public-endpoint-without-tls', 'client Web : browser\ngateway Api\nWeb -> Api : http { timeout 2s }'],
    ['public-ingress-without-rate-limit', 'client Web : browser\ngateway Api { auth jwt }\nWeb -> Api : https'],
    ['pull-cdn-origin-spof', 'cdn Edge { pull; origin Web }\nservice Web'],
    ['quorum-invalid', 'database Events { replication leaderless { w 2; r 2 } }'],
    ['replicas-in-single-zone', 'region eu { zones a, b, c }\nservice A { replicas 3 across a }'],
    ['saga-step-without-compensation', 'service Orders\nservice Billing\nservice Seats\nservice Email\nsaga Booking orchestrated by Orders {\n  step Billing.authorize compensate Billing.refund\n  step Seats.reserve\n  step Email.confirm\n}'],
    ['sloppy-quorum-without-hinted-handoff', 'database Db { replication leaderless { n 3; sloppy quorum } }'],
    ['slo-availability-unmet', 'client Web : browser\nservice Api { availability 99% }\nslo Checkout {\n    path Web -> Api\n    availability 99.9%\n}'],
    ['stateful-function', 'function Cart : aws-lambda { stateful; trigger http }'],
    ['synchronous-cross-region-replication', 'region euWest { zones a, b }\nregion usEast { zones c, d }\ndatabase Primary : postgres {\n    in euWest\n    replicates to Dr sync\n}\ndatabase Dr : postgres { in usEast }'],
    ['udp-for-reliable-traffic', 'service Till { holds payments; calls Ledger over udp }\nservice Ledger'],
    ['unbounded-retries', 'service A {\n    calls B { retry forever exponential jitter }\n}\nservice B'],
    ['write-around-without-invalidation', 'cache Catalog : redis { write-around }'],
    ['write-back-bypass-reads', 'cache K : redis { write-back; replicas 2 }\ndatabase Db\nservice A { reads Db { via K } }\nservice B { reads Db }'],
    ['write-back-cache-durability', 'cache Buffer : redis { write-back }'],
    ['plaintext-behind-tls-terminator', 'loadbalancer Edge {\n    tls terminate\n    routes Billing\n}\nservice Billing { writes Ledger }\ndatabase Ledger { holds payments }'],
    ['udp-for-reliable-traffic', 'service Till {\n    holds payments\n    calls Ledger over udp\n}\nservice Ledger'],
    ['fifo-eviction', 'cache Sessions : redis {\n    eviction fifo\n    ttl 30m\n}'],
    ['raft-fixed-election-timeout', 'coordinator Etcd : etcd {\n    replicas 3\n    replication consensus raft { nodes 3; election timeout 150ms }\n}'],
    ['write-back-bypass-reads', 'cache Carts : redis { write-back; replicas 2 }\ndatabase CartDb : postgres\nservice Shop {\n    writes Carts\n    reads CartDb { via Carts }\n}\nservice Checkout { reads CartDb }']
];

/**
 * Rules whose check may ask the fixer something, and what: `last-write-wins-data-loss` words its
 * finding by whether the text states `conflict resolution lww` (what its fixes would switch), so it
 * reads that from the syntax tree, for stores whose technology defaults to LWW only; `fifo-eviction`
 * reads the written eviction word of a cache whose policy is FIFO (`s3-fifo` is read as `fifo` but
 * keeps popular keys). No other rule, and no edit, may be made while checking.
 */
const QUERIES_DURING_CHECK: ReadonlyMap<string, readonly string[]> = new Map([
    ['last-write-wins-data-loss', ['replication', 'valueText']],
    ['fifo-eviction', ['valueText']]
]);

/** Every rule, with each fixer call it makes during its check (not in its lazy fixes) recorded as `rule: method`. */
function watchedRules(calls: string[]): Rule[] {
    return ALL_RULES.map(rule => ({
        meta: rule.meta,
        check: (context: LintContext) => {
            let checking = true;
            const fixer = new Proxy(context.fixer, {
                get(target, key, receiver) {
                    const value: unknown = Reflect.get(target, key, receiver);
                    if (typeof value !== 'function') return value;
                    return (...args: unknown[]) => {
                        if (checking) calls.push(`${rule.meta.id}: ${String(key)}`);
                        return Reflect.apply(value, target, args) as unknown;
                    };
                }
            }) satisfies Fixer;
            try {
                rule.check({ ...context, fixer });
            } finally {
                checking = false;
            }
        }
    }));
}

/** Every rule, with each finding's fixes built as it is reported, as when rules built them eagerly. */
function eagerRules(): Rule[] {
    return ALL_RULES.map(rule => ({
        meta: rule.meta,
        check: (context: LintContext) => rule.check({
            ...context,
            report: (descriptor: ReportDescriptor) => context.report({
                ...descriptor, fixes: typeof descriptor.fixes === 'function' ? descriptor.fixes() : descriptor.fixes
            })
        })
    }));
}

/** What a host shows of findings: where, what, and the fixes, read after every rule has checked. */
function shown(findings: readonly Finding[]): unknown[] {
    return findings.map(f => ({ ruleId: f.ruleId, message: f.message, loc: f.loc, fixes: f.fixes }));
}

describe('incremental checking', () => {
    it('builds a finding\'s fixes when they are read, once, and none once the documents changed', async () => {
        let built = 0;
        const lazy = defineRule({
            meta: {
                id: 'lazy-fix-rule', type: 'problem', defaultSeverity: 'warning', description: 'Reports every service with a lazy fix.',
                grounding: { seeds: [], catalog: [] }, messages: { found: "'{{name}}'" }, options: {}, fixable: true
            },
            check({ model, report: reportFinding, fixer }) {
                for (const c of model.components.values()) {
                    reportFinding({
                        messageId: 'found', data: { name: c.name }, loc: c.loc, elements: [c.id],
                        fixes: () => {
                            built++;
                            const added = fixer.addMember(c.loc, 'replicas 2');
                            return added ? [{ title: 'Run two', edits: [added], preferred: true }] : [];
                        }
                    });
                }
            }
        });
        const { model, documents } = await workspace({ 'lazy.sysd': 'service A\nservice B {}' });
        const config = resolveConfig(ALL_RULES, []);
        const findings = lint({ model, documents: () => documents[0], config, rules: [lazy] });
        expect(findings).toHaveLength(2);
        expect(built).toBe(0);
        expect(findings[1].fixes.map(fix => fix.edits[0].newText)).toEqual([' replicas 2 ']);
        expect(findings[1].fixes).toBe(findings[1].fixes);
        expect(built).toBe(1);

        let current = true;
        const later = lint({ model, documents: () => documents[0], config, rules: [lazy], current: () => current });
        current = false;
        expect(later[0].fixes).toEqual([]);
        expect(built).toBe(1);
    });

    it('gives the fixes a check from scratch gives, for every rule and example', async () => {
        let fixed = 0;
        for (const example of exampleWorkspaces()) {
            const ws = await open(example.files);
            const service = ws.services.model.ModelService;
            const documents = (uri: string) => ws.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
            const direct = lint({ model: service.workspaceModel(), documents, config: service.configFor(ws.uris[0].toString()) });
            const fixesOf = (list: readonly { ruleId: string; fixes: unknown }[]) => list.map(f => [f.ruleId, f.fixes]);
            for (const uri of ws.uris.map(String)) {
                expect(fixesOf(service.findingsFor(uri)), `${example.name}: ${uri}`).toEqual(fixesOf(direct.filter(f => f.loc.uri === uri)));
            }
            fixed += direct.filter(f => f.fixes.length > 0).length;
        }
        expect(fixed).toBeGreaterThan(10);
    });

    it('makes no edit while checking, for every rule, example and a 1,000-component workspace, and builds the same fixes later', async () => {
        // Every rule on, whatever its default, so that every fixable rule runs.
        const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules: Object.fromEntries(ALL_RULES.map(rule => [rule.meta.id, 'warning'])) } }]);
        const fixable = new Set(ALL_RULES.filter(rule => rule.meta.fixable).map(rule => rule.meta.id));
        const offered = new Set<string>();
        const corpus = [
            ...exampleWorkspaces(),
            { name: 'generated', files: generated(1000, 8) },
            ...FIXABLE_DESIGNS.map(([ruleId, code], i) => ({ name: `${ruleId} (design ${i})`, files: { [`fixable${i}.sysd`]: code } }))
        ];
        for (const { name, files } of corpus) {
            const { model, documents } = await workspace(files);
            const documentOf = (uri: string) => documents.find(d => d.uri.toString() === uri);
            const calls: string[] = [];
            const lazy = lint({ model, documents: documentOf, config, rules: watchedRules(calls) });
            const unexpected = calls.filter(call => {
                const [ruleId, method] = call.split(': ');
                return !QUERIES_DURING_CHECK.get(ruleId)?.includes(method);
            });
            expect(unexpected, `${name}: fixer calls during check`).toEqual([]);
            expect(lazy.filter(f => f.messageId === 'ruleFailed'), name).toEqual([]);
            const eager = lint({ model, documents: documentOf, config, rules: eagerRules() });
            expect(shown(lazy), name).toEqual(shown(eager));
            for (const finding of lazy) {
                if (!fixable.has(finding.ruleId)) expect(finding.fixes, `${name}: ${finding.ruleId} is not fixable`).toEqual([]);
                else if (finding.fixes.length > 0) offered.add(finding.ruleId);
            }
        }
        // Every fixable rule offered a fix somewhere, so none is let off the checks above.
        expect([...fixable].filter(id => !offered.has(id)), 'fixable rules that offered no fix: add a design of each to FIXABLE_DESIGNS').toEqual([]);
    }, 300_000);

    it('reports after random edits of every example what a check of the edited texts reports', async () => {
        let seed = 1;
        for (const example of exampleWorkspaces()) await checkEdits(example.files, 6, seed++);
    }, 300_000);

    it('reports after random edits, deletions and renames across the files of a small workspace what a check from scratch reports', async () => {
        // Most edits keep every name, so the files that call into the edited one keep their links
        // (re-pointed to the new text); renames, deletions and added names link them again.
        await checkEdits(generated(80, 4), 20, 7);
        await checkEdits(generated(40, 3), 15, 8);
    }, 300_000);

    it('reports after random edits of a 1,000-component workspace what a check of the edited texts reports', async () => {
        await checkEdits(generated(1000, 8), 4, 42);
    }, 300_000);
});
