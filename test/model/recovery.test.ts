// Mistakes stay local: one wrong word is one problem at that word, and every other statement of the
// file still parses, links and is linted (language/src/recovery.ts, open value lists in the grammar
// checked by model/values.ts).
import { describe, expect, it } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import type { DocumentProblem } from '../../language/src/host/problems.js';
import { canonical, EVICTION_POLICIES, lookup, VALUE_SLOTS } from '../../language/src/model/values.js';
import { workspace } from '../helpers.js';

// A store with findings on several elements: a single-instance service that others depend on, a
// sync call without timeout or breaker, a dual write, a leader without failover, a cache without
// eviction, a gateway without auth.
const BASE = `system Shop {
  region us { zones a, b }
  gateway Edge { public; tls; rate limit 100/s per client; routes Api }
  service Api {
    replicas 2 across us.a, us.b
    health check "/healthz"
    calls Orders
    reads Cache
  }
  cache Cache : redis {
    ttl 5m
  }
  service Orders {
    writes OrdersDb
    publishes Bus.Events
  }
  database OrdersDb : postgres {
    replication single-leader { followers 1 }
    partition by orderId hash
  }
  broker Bus : kafka { topic Events }
  Api -> Orders : https { timeout 2s; retry 3 exponential jitter }
}
`;

async function problemsOf(text: string): Promise<DocumentProblem[]> {
    const { services, documents } = await workspace({ 'shop.sysd': text });
    return new SysdAnalysis(services).problems(documents[0]);
}

/** What identifies a lint finding regardless of where lines moved. */
const key = (p: DocumentProblem) => `${p.code} ${p.message}`;

function lineOf(text: string, needle: string): number {
    const index = text.indexOf(needle);
    expect(index, needle).toBeGreaterThanOrEqual(0);
    return text.slice(0, index).split('\n').length - 1;
}

/** `BASE` with `from` replaced by `to`, and the problems that are new against `BASE`. */
async function mutate(from: string, to: string) {
    expect(BASE.includes(from), from).toBe(true);
    const text = BASE.replace(from, to);
    const [before, after] = await Promise.all([problemsOf(BASE), problemsOf(text)]);
    const old = new Set(before.map(key));
    const added = after.filter(p => !old.has(key(p)));
    const baselineFindings = before.filter(p => p.source === 'lint');
    const kept = baselineFindings.filter(f => after.some(p => key(p) === key(f)));
    return { text, added, kept, baselineFindings, after };
}

describe('one wrong word is one problem', () => {
    it('the base text has findings and no errors', async () => {
        const problems = await problemsOf(BASE);
        expect(problems.filter(p => p.severity === 'error')).toEqual([]);
        expect(problems.filter(p => p.source === 'lint').length).toBeGreaterThanOrEqual(5);
    });

    // `about`: the element whose own findings may change with the mistake (the "findings kept"
    // leaves them out); every other finding must survive.
    const cases: Array<{ name: string; from: string; to: string; says: RegExp; about?: string }> = [
        { name: 'a misspelt property keyword', from: 'ttl 5m', to: 'tll 5m', says: /'tll' does not start a property, relation or component; did you mean .*'ttl'/ },
        { name: 'a misspelt relation keyword', from: 'calls Orders', to: 'calss Orders', says: /'calss' does not start .*did you mean 'calls'\?/ },
        { name: 'a misspelt call option', from: 'timeout 2s', to: 'timout 2s', says: /'timout' does not start a call option; did you mean 'timeout'\?/ },
        { name: 'a misspelt replication mode', from: 'single-leader {', to: 'single-leadr {', says: /Expected .*'single-leader'.*found 'single-leadr'; did you mean 'single-leader'\?/, about: 'Shop.OrdersDb' },
        { name: 'an unknown value', from: 'partition by orderId hash', to: 'partition by orderId hsh', says: /Unknown partitioning strategy 'hsh'; known: hash, .*Did you mean 'hash'\?/ },
        { name: 'an unknown rate-limit scope', from: 'per client', to: 'per cliant', says: /Unknown rate-limit scope 'cliant'.*Did you mean 'client'\?/ },
        { name: 'an unknown protocol (a warning, kept)', from: ': https {', to: ': htps {', says: /Unknown protocol 'htps'.*Did you mean 'https'\?/ }
    ];
    for (const c of cases) {
        it(`${c.name}: one problem at the word, every other finding kept`, async () => {
            const { text, added, kept, baselineFindings } = await mutate(c.from, c.to);
            const errors = added.filter(p => p.source !== 'lint');
            expect(errors.map(p => p.message)).toHaveLength(1);
            expect(errors[0].message).toMatch(c.says);
            expect(errors[0].range.start.line).toBe(lineOf(text, c.to));
            // Findings about other elements survive (the mutated statement's own may change).
            const others = baselineFindings.filter(f => !c.about || !f.elements.includes(c.about));
            const keptOthers = kept.filter(f => others.includes(f));
            expect(keptOthers.length).toBeGreaterThanOrEqual(others.length - (c.about ? 0 : 1));
        });
    }

    it('a misspelt component kind keeps the component, its name and its relations', async () => {
        const { added, after } = await mutate('service Orders {', 'servce Orders {');
        const errors = added.filter(p => p.source !== 'lint');
        expect(errors.map(p => p.message)).toEqual([expect.stringMatching(/^Unknown component kind 'servce'; did you mean 'service'\?/)]);
        expect(errors[0].fixes).toEqual([expect.objectContaining({ title: "Change 'servce' to 'service'", preferred: true })]);
        expect(after.some(p => p.message.includes('Could not resolve'))).toBe(false);
        // The dual write of Orders is still found.
        expect(after.some(p => p.code === 'dual-write-without-outbox')).toBe(true);
    });

    it('an unclosed block costs one error where the braces stop balancing, not one per later line', async () => {
        const text = BASE.replace('calls Orders { timeout', 'calls Orders { timeout').replace('    reads Cache\n  }', '    reads Cache\n');
        const problems = await problemsOf(text);
        expect(problems.filter(p => p.source === 'syntax').length).toBeLessThanOrEqual(2);
    });

    it('an unknown value offers the nearest value as a fix that replaces only the word', async () => {
        const { text, added } = await mutate('ttl 5m', 'ttl 5m\n    eviction volatil');
        const problem = added.find(p => p.code === 'unknown-value')!;
        expect(problem.message).toMatch(/^Unknown eviction policy 'volatil'; known: lru, lfu, fifo, random, ttl, arc, none\./);
        const fix = problem.fixes[0];
        expect(fix.edits).toHaveLength(1);
        const line = text.split('\n')[fix.edits[0].range.start.line];
        expect(line.slice(fix.edits[0].range.start.character, fix.edits[0].range.end.character)).toBe('volatil');
    });
});

describe('open value lists', () => {
    it("accept the values real technologies use (Redis's maxmemory policies) as their canonical value", async () => {
        const { model } = await workspace('cache C : redis { eviction allkeys-lfu }\ncache D : redis { eviction volatile-ttl }\ncache E { eviction noeviction }');
        expect(model.component('C')?.props.eviction).toBe('lfu');
        expect(model.component('D')?.props.eviction).toBe('ttl');
        expect(model.component('E')?.props.eviction).toBe('none');
        expect(lookup(EVICTION_POLICIES, 'ALLKEYS-LRU')).toEqual({ known: true, value: 'lru' });
    });

    it('every vocabulary is consistent: aliases point at canonical values and never shadow one', () => {
        for (const [slot, vocab] of Object.entries(VALUE_SLOTS)) {
            for (const [alias, value] of Object.entries(vocab.aliases)) {
                expect(vocab.values, `${slot}: ${alias}`).toContain(value);
                expect(vocab.values, `${slot}: alias ${alias} is also a value`).not.toContain(alias);
            }
            for (const value of vocab.values) expect(canonical(vocab, value)).toBe(value);
        }
    });

    it('topology circular, rate limit per device and RabbitMQ-style broker words read as their meaning', async () => {
        const { model, diagnostics } = await workspace([
            'database M { replication multi-leader { leaders 2; topology circular; conflict resolution crdt } }',
            'gateway G { rate limit 50/s per device }',
            'broker P : rabbitmq { type stream }'
        ].join('\n'));
        expect(diagnostics().filter(d => d.severity === 1)).toEqual([]);
        const replication = model.component('M')?.props.replication;
        expect(replication?.type === 'multi-leader' && replication.topology).toBe('circle');
        const rateLimit = model.component('G')?.props.rateLimit;
        expect(rateLimit !== 'none' && rateLimit?.per).toBe('device');
        expect(model.component('P')?.props.brokerType).toBe('log-based');
    });

    it('conflict resolution is a property of a leaderless or multi-leader store too, wherever it is written', async () => {
        const { model, diagnostics } = await workspace([
            'database L { conflict resolution version-vectors; replication leaderless { n 3; w 2; r 2 } }',
            'database S { replication single-leader; conflict resolution lww }'
        ].join('\n'));
        const leaderless = model.component('L')?.props.replication;
        expect(leaderless?.type === 'leaderless' && leaderless.conflictResolution).toBe('version-vectors');
        expect(diagnostics().map(d => d.message)).toContainEqual(expect.stringMatching(/'conflict resolution' applies to multi-leader or leaderless replication, and 'S' replicates single-leader/));
    });
});

describe('silent typos are not silent', () => {
    it('a technology close to a known one warns with the fix; an in-house name is taken as written', async () => {
        const { services, documents } = await workspace('broker B : kafa\ndatabase D : postgress\nservice S : billing-engine-v2');
        const problems = new SysdAnalysis(services).problems(documents[0]).filter(p => p.code === 'unknown-technology');
        expect(problems.map(p => p.message)).toEqual([
            "Unknown technology 'kafa'; did you mean 'kafka'? No technology defaults apply until it is one sysd knows.",
            "Unknown technology 'postgress'; did you mean 'postgres'? No technology defaults apply until it is one sysd knows."
        ]);
        expect(problems[0].severity).toBe('warning');
        expect(problems[0].fixes[0]).toMatchObject({ title: "Change 'kafa' to 'kafka'", preferred: true });
    });

    it('a misspelt zones keyword still declares the zones, so placements resolve', async () => {
        const { services, documents, model } = await workspace('region us { znoes a, b }\nservice T { replicas 2 across us.a, us.b }');
        const problems = new SysdAnalysis(services).problems(documents[0]);
        expect(problems.map(p => p.message)).toEqual(["'znoes' does not start a zone list; did you mean 'zones'? Its zones are declared anyway."]);
        expect(model.component('T')?.props.placements).toEqual(['us.a', 'us.b']);
    });

    it('self-managed overrides the managed default of a technology', async () => {
        const { model } = await workspace('database E : dynamodb { self-managed }\ndatabase F : dynamodb');
        expect(model.component('E')?.props.managed).toBe(false);
        expect(model.component('E')?.origins.managed).toBe('declared');
        expect(model.component('F')?.props.managed).toBe(true);
    });
});

describe('a name that does not resolve is reported once per document', () => {
    it('a misspelt zone declaration is one error at the first use, with the other uses related', async () => {
        const text = [
            'region us { zones a, bb }',
            'service A { replicas 2 across us.a, us.b }',
            'service B { replicas 2 across us.a, us.b }',
            'service C { replicas 2 across us.a, us.b }'
        ].join('\n');
        const { services, documents } = await workspace(text);
        const problems = new SysdAnalysis(services).problems(documents[0]).filter(p => p.source === 'reference');
        expect(problems).toHaveLength(1);
        expect(problems[0].range.start.line).toBe(1);
        expect(problems[0].message).toMatch(/The same name is used, unresolved, on 2 other lines \(3, 4\)\.$/);
        expect(problems[0].related.map(r => r.range.start.line)).toEqual([2, 3]);
    });

    it('a fix every use shares replaces the name everywhere at once', async () => {
        const { services, documents } = await workspace({
            'data.sysd': 'system Data { database ProfilesDb }',
            'app.sysd': 'system App {\n  service A { reads ProfilesDb }\n  service B { writes ProfilesDb }\n}'
        });
        const problems = new SysdAnalysis(services).problems(documents[1]).filter(p => p.source === 'reference');
        expect(problems).toHaveLength(1);
        expect(problems[0].fixes).toEqual([expect.objectContaining({ title: "Replace with 'Data.ProfilesDb' (2 places)", preferred: true })]);
        expect(problems[0].fixes[0].edits.map(e => [e.range.start.line, e.newText])).toEqual([[1, 'Data.ProfilesDb'], [2, 'Data.ProfilesDb']]);
    });
});

describe('half-typed views stay local', () => {
    // A view inside the base system, followed by a view setting and a component that must survive.
    const withView = (view: string) => BASE.replace('  Api -> Orders', `  ${view}\n  service After { replicas 2; health check "/h"; calls Api { timeout 1s; circuit-breaker } }\n  Api -> Orders`);

    for (const [typed, expectedSyntax] of [
        ['view V { include }', 1],
        ['view V { include Shop. }', 1],
        ['view V { include Shop.Orders -> }', 1],
        ['view V { include kind }', 0],
        ['view V { exclude zone }', 0],
        ['view V { include Orders -> ; title "kept" }', 1],
        ['view V { include , Api; title "kept" }', 1]
    ] as const) {
        it(`'${typed}' costs at most one syntax error, and the view and the rest of the file are still read`, async () => {
            const text = withView(typed);
            const { services, documents, model } = await workspace({ 'shop.sysd': text });
            const problems = new SysdAnalysis(services).problems(documents[0]);
            const syntax = problems.filter(p => p.source === 'syntax');
            expect(syntax.map(p => p.message), typed).toHaveLength(expectedSyntax);
            // Every syntax error is on the view's line.
            const line = lineOf(text, typed);
            for (const p of syntax) expect(p.range.start.line, p.message).toBe(line);
            // No reference error anywhere: the names after the view still resolve.
            expect(problems.filter(p => p.source === 'reference' && p.code !== 'unresolved-view-name')).toEqual([]);
            // An error about the view's names stays on the view's line.
            for (const p of problems.filter(p => p.code === 'unresolved-view-name')) expect(p.range.start.line).toBe(line);
            expect(model.component('Shop.After')).toBeDefined();
            expect(model.relations.some(r => r.source === 'Shop.After' && r.target === 'Shop.Api')).toBe(true);
            const view = model.diagramViews.find(v => v.id === 'Shop.V');
            expect(view, typed).toBeDefined();
            if (typed.includes('"kept"')) expect(view!.title).toBe('kept');
        });
    }

    it('a bad rule does not swallow the rules after it', async () => {
        const text = withView('view V {\n    include Orders ->\n    exclude kind cache\n    title "after"\n  }');
        const { model } = await workspace({ 'shop.sysd': text });
        const view = model.diagramViews.find(v => v.id === 'Shop.V')!;
        expect(view.title).toBe('after');
        expect(view.rules.map(r => [r.include, r.predicates.map(p => p.kind)])).toEqual([[true, ['element']], [false, ['kind']]]);
    });

    it("an unclosed 'view V {' is one error where the braces stop balancing", async () => {
        const text = `${BASE}view V {\n`;
        const { services, documents, model } = await workspace({ 'shop.sysd': text });
        const syntax = new SysdAnalysis(services).problems(documents[0]).filter(p => p.source === 'syntax');
        expect(syntax).toHaveLength(1);
        expect(model.component('Shop.Api')).toBeDefined();
        expect(model.diagramViews.map(v => v.id)).toEqual(['V']);
    });

    it("a punctuation mark where a name goes gets no 'did you mean' of one-letter keywords", async () => {
        const { services, documents } = await workspace({ 'shop.sysd': withView('view V { include }') });
        const [syntax] = new SysdAnalysis(services).problems(documents[0]).filter(p => p.source === 'syntax');
        expect(syntax.message).toBe("Expected a name, found '}'.");
    });
});
