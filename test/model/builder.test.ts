import { describe, expect, it } from 'vitest';
import { diagnosticText, exampleWorkspaces, workspace } from '../helpers.js';

describe('semantic model: components and technology defaults', () => {
    it('applies technology defaults and marks their origin', async () => {
        const { model } = await workspace(`
            database Orders : postgres
            database Seats : cassandra { replication leaderless { n 3; w 2; r 2 } }
            broker Events : kafka { topic orders { partitions 6 } }
            cache Sessions : memcached
            loadbalancer Edge : aws-elb
        `);
        const orders = model.component('Orders')!;
        expect(orders.props.replication?.type).toBe('single-leader');
        expect(orders.origins.replication).toBe('technology');
        const seats = model.component('Seats')!;
        expect(seats.props.replication).toMatchObject({ type: 'leaderless', n: 3, w: 2, r: 2, conflictResolution: 'lww' });
        expect(seats.origins.replication).toBe('declared');
        expect(model.component('Events.orders')!.props.brokerType).toBe('log-based');
        expect(model.component('Events.orders')!.parent).toBe('Events');
        expect(model.component('Events.orders')!.props.partitions).toBe(6);
        expect(model.component('Sessions')!.props.eviction).toBe('lru');
        expect(model.component('Edge')!.props.managed).toBe(true);
    });

    it('lets declared properties override technology defaults', async () => {
        const { model } = await workspace(`database D : postgres { replication none }\nloadbalancer L : aws-elb`);
        expect(model.component('D')!.props.replication).toEqual({ type: 'none' });
        expect(model.component('D')!.origins.replication).toBe('declared');
    });

    it('warns when a technology does not fit the kind and applies no defaults', async () => {
        const { model, diagnostics } = await workspace(`service S : kafka`);
        expect(model.component('S')!.props.brokerType).toBeUndefined();
        expect(model.component('S')!.technologyKnown).toBe(false);
        expect(diagnostics().map(diagnosticText).join('\n')).toContain("'kafka' is a technology for broker or topic");
    });

    it('keeps placement, doc comments and qualified ids', async () => {
        const { model } = await workspace(`
            system Shop {
                region eu { zones a, b }
                /** Takes orders. */
                service Orders { replicas 3 across a, b }
            }
        `);
        const orders = model.component('Shop.Orders')!;
        expect(orders.doc).toBe('Takes orders.');
        expect(orders.system).toBe('Shop');
        expect(orders.props.replicas).toBe(3);
        expect(orders.props.placements).toEqual(['Shop.eu.a', 'Shop.eu.b']);
        expect(model.regionOf('Shop.eu.a')).toBe('Shop.eu');
        expect(orders.loc.nameRange?.start.line).toBe(4);
    });
});

describe('semantic model: relations', () => {
    it('resolves relations written inside a component and at top level', async () => {
        const { model } = await workspace(`
            system S {
                client Web : browser
                loadbalancer Lb { routes A }
                service A { calls B over grpc { timeout 500ms; retry 3 exponential jitter; circuit-breaker; idempotency-key } }
                service B { writes Db; publishes Bus.t via outbox }
                database Db
                broker Bus : kafka { topic t }
                service C { consumes Bus.t { delivery at-least-once; idempotent; group g } }
                Web -> Lb : https
                Lb -> B
                A -> Db
                A -> Bus.t
                C calls A async
            }
        `);
        const kinds = model.relations.map(r => `${r.source} ${r.kind} ${r.target}`);
        expect(kinds).toEqual(expect.arrayContaining([
            'S.Lb routes S.A', 'S.A calls S.B', 'S.B writes S.Db', 'S.B publishes S.Bus.t', 'S.C consumes S.Bus.t',
            'S.Web calls S.Lb', 'S.Lb routes S.B', 'S.A uses S.Db', 'S.A publishes S.Bus.t', 'S.C calls S.A'
        ]));
        const call = model.relations.find(r => r.id === 'S.A calls S.B')!;
        expect(call).toMatchObject({ sync: true, timeoutMs: 500, circuitBreaker: true, idempotencyKey: true, protocol: 'grpc' });
        expect(call.retry).toEqual({ count: 3, unbounded: false, backoff: 'exponential', jitter: true, maxDelayMs: undefined });
        expect(model.relations.find(r => r.id === 'S.C calls S.A')!.sync).toBe(false);
        expect(model.relations.find(r => r.kind === 'publishes' && !r.arrow)!.via).toBe('outbox');
        expect(model.relations.find(r => r.kind === 'consumes')).toMatchObject({ delivery: 'at-least-once', idempotent: true, group: 'g' });
        expect(model.outgoing('S.A', 'calls').map(r => r.target)).toEqual(['S.B']);
        expect(model.incoming('S.Db').length).toBe(2);
    });

    it('numbers repeated relations so ids stay unique', async () => {
        const { model } = await workspace(`service A { calls B; calls B }\nservice B`);
        expect(model.relations.map(r => r.id)).toEqual(['A calls B', 'A calls B #2']);
    });
});

describe('semantic model: blocks', () => {
    it('resolves sagas, cqrs, views, event sourcing, transactions, slos and flows', async () => {
        const { model } = await workspace(`
            service Orders
            service Billing
            database Db
            database ReadDb
            broker Bus : kafka { topic events }
            saga Booking orchestrated by Orders {
                step Billing.charge compensate Billing.refund
                step Orders.confirm
            }
            cqrs Catalog { command Orders; command store Db; query Billing; query store ReadDb; sync via broker Bus }
            view Totals materialized { store ReadDb; sources Db; refresh on-change }
            event-sourcing Ledger { store Bus.events; snapshots every 100 }
            transaction Pay 2pc { coordinator Orders; participants Db, ReadDb }
            slo Checkout { path Orders -> Billing; availability 99.95%; latency p99 300ms; latency p99.9 1s }
            flow Buy { path Orders -> Billing; user-facing; requires read-your-writes }
        `);
        expect(model.sagas[0]).toMatchObject({ name: 'Booking', mode: 'orchestration', orchestrator: 'Orders' });
        expect(model.sagas[0].steps.map(s => [s.service, s.action, s.compensation?.action])).toEqual([
            ['Billing', 'charge', 'refund'], ['Orders', 'confirm', undefined]
        ]);
        expect(model.cqrs[0]).toMatchObject({ command: 'Orders', commandStore: 'Db', query: 'Billing', queryStore: 'ReadDb', syncVia: 'broker', syncThrough: 'Bus' });
        expect(model.views[0]).toMatchObject({ materialized: true, store: 'ReadDb', sources: ['Db'], refresh: 'on-change' });
        expect(model.eventSourcing[0]).toMatchObject({ store: 'Bus.events', snapshots: 100 });
        expect(model.transactions[0]).toMatchObject({ protocol: '2pc', coordinator: 'Orders', participants: ['Db', 'ReadDb'] });
        expect(model.slos[0]).toMatchObject({ path: ['Orders', 'Billing'], availability: 99.95, latencies: [{ percentile: 'p99', ms: 300 }, { percentile: 'p99.9', ms: 1000 }] });
        expect(model.flows[0]).toMatchObject({ userFacing: true, requires: 'read-your-writes', path: ['Orders', 'Billing'] });
    });
});

describe('semantic model: problems', () => {
    it('reports impossible numbers with the range of the value', async () => {
        const { diagnostics } = await workspace(`service A { replicas 0 }\ndatabase D { replication single-leader { followers -1 } }`);
        const messages = diagnostics().map(d => `${d.range.start.line}:${d.range.start.character} ${diagnosticText(d)}`);
        expect(messages).toContain('0:21 replicas must be at least 1, not 0.');
        expect(messages).toContain('1:51 followers must be at least 0, not -1.');
    });

    it('rejects a saga step compensated by another service', async () => {
        const { diagnostics } = await workspace(`service A\nservice B\nsaga S orchestrated by A { step A.pay compensate B.refund }`);
        const problem = diagnostics().find(d => d.code === 'foreign-compensation');
        expect(problem?.message).toContain('an action of another service');
        expect(problem?.range.start).toEqual({ line: 2, character: 49 });
    });

    it('rejects relations whose target has the wrong kind', async () => {
        const { diagnostics } = await workspace(`service A { reads B; publishes B; owns B }\nservice B`);
        const codes = diagnostics().filter(d => d.code === 'invalid-target').map(d => d.message);
        expect(codes).toHaveLength(3);
    });

    it('warns about a property set twice', async () => {
        const { diagnostics } = await workspace(`service A {\n    replicas 2\n    replicas 3\n}`);
        const warning = diagnostics().find(d => d.code === 'duplicate-property');
        expect(warning?.range.start.line).toBe(2);
    });
});

describe('semantic model: every property, option and setting', () => {
    it('reads each component property into the effective props, marked as declared', async () => {
        const { model } = await workspace(`
            region eu { zones a, b }
            database Store
            service Api {
                replicas 2 across eu.a, eu.b
                stateful
                internal
                health check "/healthz"
                owns Store
                rate limit 100/s per user burst 20
                tls mutual
                auth jwt
                ha active-passive
                scaling horizontal
                style bff
                session external
                holds Orders, PII
                availability 99.9%
                consistency causal
                isolation snapshot
            }
            loadbalancer Lb { algorithm least-connections; in eu }
            function Job { trigger schedule }
            cache C { write-back; eviction lfu; ttl 5m; placement global; invalidation both }
            cdn Edge { push; origin Api }
            broker Bus { type in-memory; retention until-ack; pattern point-to-point; delivery at-most-once; ordering per-key; managed
                queue jobs { partitions 4; key tenant; dlq Bus.dead; retention 7d }
                queue dead
            }
            database Db { partition by created_at as timestamp range into 8; failover manual; replication single-leader }
        `);
        const api = model.component('Api')!;
        expect(api.props).toMatchObject({
            replicas: 2, placements: ['eu.a', 'eu.b'], stateful: true, internal: true, external: false,
            healthCheck: { path: '/healthz', kind: undefined }, owns: ['Store'],
            rateLimit: { count: 100, unit: 's', per: 'user', burst: 20 }, tls: 'mutual', auth: 'jwt', ha: 'active-passive',
            scaling: 'horizontal', style: 'bff', session: 'external', holds: ['orders', 'pii'], availability: 99.9,
            consistency: 'causal', isolation: 'snapshot'
        });
        for (const key of ['replicas', 'placements', 'stateful', 'healthCheck', 'owns', 'rateLimit', 'tls', 'holds', 'isolation'] as const) {
            expect(api.origins[key], key).toBe('declared');
        }
        expect(model.component('Lb')!.props).toMatchObject({ algorithm: 'least-connections', placements: ['eu'] });
        expect(model.component('Job')!.props.trigger).toBe('schedule');
        expect(model.component('C')!.props).toMatchObject({ cachePolicy: 'write-back', eviction: 'lfu', ttlMs: 300_000, cachePlacement: 'global', invalidation: 'both' });
        const edge = model.component('Edge')!;
        expect(edge.props).toMatchObject({ cdnMode: 'push', origins: ['Api'] });
        // An origin is also a route from the CDN.
        expect(model.relations.find(r => r.source === 'Edge')).toMatchObject({ kind: 'routes', target: 'Api', arrow: false });
        expect(model.component('Bus')!.props).toMatchObject({ brokerType: 'in-memory', retention: 'until-ack', pattern: 'point-to-point', delivery: 'at-most-once', ordering: 'per-key', managed: true });
        // A queue takes its broker's nature unless it says otherwise.
        const jobs = model.component('Bus.jobs')!;
        expect(jobs.props).toMatchObject({ partitions: 4, key: 'tenant', dlq: 'Bus.dead', retention: { ms: 604_800_000 }, brokerType: 'in-memory', pattern: 'point-to-point', managed: true });
        expect(model.component('Bus.dead')!.props.retention).toBe('until-ack');
        const db = model.component('Db')!;
        expect(db.props.partition).toEqual({ key: 'created_at', keyKind: 'timestamp', strategy: 'range', count: 8 });
        // The failover stated before the replication carries into the leader's settings.
        expect(db.props.replication).toMatchObject({ type: 'single-leader', failover: 'manual' });
    });

    it('keeps a technology default the declaration does not replace, and lets a later failover update the leader', async () => {
        const { model } = await workspace(`
            database Keys : dynamodb { partition by tenant }
            database Pg : postgres { replication single-leader { followers 2; mode semi-sync; read from followers; election manual; fencing tokens }; failover automatic }
        `);
        const keys = model.component('Keys')!;
        expect(keys.props.partition).toEqual({ key: 'tenant', keyKind: undefined, strategy: 'hash', count: undefined });
        expect(keys.origins.partition).toBe('declared');
        expect(model.component('Pg')!.props.replication).toEqual({
            type: 'single-leader', followers: 2, followerPlacements: [], mode: 'semi-sync', failover: 'automatic', readFrom: 'followers',
            election: { coordinator: undefined, method: 'manual' }, fencingTokens: true
        });
    });

    it('reads multi-leader, leaderless and consensus settings', async () => {
        const { model } = await workspace(`
            region us { zones c }
            coordinator Zk : zookeeper
            database M { replication multi-leader { leaders 3 across us.c; topology star; conflict resolution crdt; mode async } }
            database L { replication leaderless { n 5; w 3; r 3; sloppy quorum; read repair; anti-entropy; hinted-handoff; conflict resolution version-vectors } }
            database K { replication consensus raft { nodes 5 } }
            database S { replication single-leader { election via Zk } }
        `);
        expect(model.component('M')!.props.replication).toEqual({
            type: 'multi-leader', leaders: 3, leaderPlacements: ['us.c'], topology: 'star', conflictResolution: 'crdt', mode: 'async'
        });
        expect(model.component('L')!.props.replication).toEqual({
            type: 'leaderless', n: 5, w: 3, r: 3, sloppyQuorum: true, readRepair: true, antiEntropy: true, hintedHandoff: true, conflictResolution: 'version-vectors'
        });
        expect(model.component('K')!.props.replication).toEqual({ type: 'consensus', protocol: 'raft', nodes: 5 });
        expect(model.component('S')!.props.replication).toMatchObject({ election: { coordinator: 'Zk', method: undefined } });
    });

    it('reads the options of reads, publishes, consumes, routes, replicates and syncs', async () => {
        const { model } = await workspace(`
            database Db
            database Replica
            cache Hot
            broker Bus : kafka { topic t; topic dead }
            service Relay
            service A {
                reads Db { read from followers; requires read-your-writes; via Hot }
                publishes Bus.t via outbox relay Relay { key orderId; retry 5 exponential jitter max 30s }
                consumes Bus.t { idempotency-key; dlq Bus.dead; replay; ordered; retry forever fixed }
                calls B { fallback cache; tls }
            }
            service B
            gateway G { routes A, B }
            Db replicates to Replica semi-sync
            Db syncs Replica via batch
        `);
        const find = (kind: string, source = 'A') => model.relations.find(r => r.kind === kind && r.source === source)!;
        expect(find('reads')).toMatchObject({ readFrom: 'followers', requires: 'read-your-writes', viaCache: 'Hot' });
        expect(find('publishes')).toMatchObject({ via: 'outbox', relay: 'Relay', key: 'orderId', retry: { count: 5, unbounded: false, backoff: 'exponential', jitter: true, maxDelayMs: 30_000 } });
        expect(find('consumes')).toMatchObject({ idempotencyKey: true, idempotent: false, dlq: 'Bus.dead', replay: true, ordered: true, retry: { count: undefined, unbounded: true, backoff: 'fixed' } });
        expect(find('calls')).toMatchObject({ fallback: { target: undefined, cache: true, defaultValue: false }, tls: 'enabled', sync: true });
        const routes = model.relations.filter(r => r.kind === 'routes');
        expect(routes.map(r => r.target)).toEqual(['A', 'B']);
        // Each route points at its own target in the text, so findings land on the right name.
        expect(routes[0].targetRange).not.toEqual(routes[1].targetRange);
        expect(find('replicates', 'Db')).toMatchObject({ target: 'Replica', mode: 'semi-sync' });
        expect(find('syncs', 'Db')).toMatchObject({ target: 'Replica', via: 'batch' });
    });
});

describe('semantic model: arrows', () => {
    it('infers the kind of an arrow from its ends', async () => {
        const { model, diagnostics } = await workspace(`
            loadbalancer Lb
            cdn Edge
            service A
            database Db
            broker Bus { topic t }
            Lb -> A
            Edge -> A
            A -> Db { timeout 1s }
            A -> Bus.t
            A -> Bus
            A -> Lb : https async
        `);
        expect(model.relations.map(r => `${r.source} ${r.kind} ${r.target}${r.arrow ? ' (arrow)' : ''}`)).toEqual([
            'Lb routes A (arrow)', 'Edge routes A (arrow)', 'A uses Db (arrow)', 'A publishes Bus.t (arrow)', 'A publishes Bus (arrow)', 'A calls Lb (arrow)'
        ]);
        expect(model.relations.find(r => r.kind === 'calls')).toMatchObject({ protocol: 'https', sync: false });
        // Call settings on an arrow that is not a call are reported, and still recorded.
        expect(diagnostics().find(d => d.code === 'ignored-options')?.message).toContain("this arrow is read as 'uses'");
        expect(model.relations.find(r => r.kind === 'uses')!.timeoutMs).toBe(1000);
    });
});

describe('semantic model: more problems', () => {
    it('reports components nested where they cannot be, and routes and arrows from the wrong kind', async () => {
        const { diagnostics } = await workspace(`
            service A { service Inner }
            broker Bus { topic t; service Wrong }
            service B { routes A }
            Bus.t -> A
        `);
        const problems = diagnostics().map(d => `${d.code}: ${diagnosticText(d)}`);
        expect(problems).toContain("misplaced-component: Only a broker can contain components (its topics and queues); 'A' is a service.");
        expect(problems).toContain('misplaced-component: A service cannot be declared inside a service; only topics and queues nest (inside a broker).');
        expect(problems).toContain('misplaced-component: A service cannot be declared inside a broker; only topics and queues nest (inside a broker).');
        expect(problems).toContain("invalid-source: 'routes' is for load balancers, gateways and CDNs; a service calls its targets: use 'calls'.");
        expect(problems).toContain("invalid-source: Messages flow from a topic to its consumers: write 'A consumes Bus.t'.");
    });

    it('reports saga steps and orchestrators that do not run code, and a call to a store', async () => {
        const { diagnostics } = await workspace(`
            database Db
            service S { calls Db }
            saga X orchestrated by Db { step Db.write }
        `);
        const problems = diagnostics().map(d => `${d.code}: ${diagnosticText(d)}`);
        expect(problems).toContain("invalid-target: 'calls' is for request/response between components; 'Db' is a database: use 'reads' or 'writes' for a data store.");
        expect(problems).toContain("invalid-target: A saga step runs in a service or function; 'Db' is a database.");
        expect(problems).toContain("invalid-target: A saga is orchestrated by a service or function; 'Db' is a database.");
    });

    it('reports an availability outside 0-100% and a property set twice by its first words', async () => {
        const { model, diagnostics } = await workspace(`service A {\n    availability 0%\n    rate limit 5/s\n    rate limit none\n    write-through\n    write-around\n}`);
        const problems = diagnostics().map(d => `${d.range.start.line} ${d.code}: ${diagnosticText(d)}`);
        expect(problems).toContain('1 invalid-number: availability must be a percentage between 0% and 100%, not 0%.');
        expect(problems).toContain("3 duplicate-property: 'rate limit' is already set on line 3; this one wins.");
        expect(problems).toContain("5 duplicate-property: 'write policy' is already set on line 5; this one wins.");
        expect(model.component('A')!.props).toMatchObject({ rateLimit: 'none', cachePolicy: 'write-around' });
        expect(model.component('A')!.props.availability).toBeUndefined();
    });
});

describe('semantic model: the examples', () => {
    it('builds the ticket reservation example into the systems, sagas and relations it describes', async () => {
        const example = exampleWorkspaces().find(w => w.name === 'ticket-reservation')!;
        const { model } = await workspace(example.files);
        expect(model.problems).toEqual([]);
        expect(model.components.size).toBeGreaterThan(10);
        // Every relation's ends are components of the model, and ids are unique.
        for (const r of model.relations) {
            expect(model.component(r.source), r.id).toBeDefined();
            expect(model.component(r.target), r.id).toBeDefined();
        }
        expect(new Set(model.relations.map(r => r.id)).size).toBe(model.relations.length);
        expect([...model.systems.keys()].sort()).toEqual(['Payments', 'Tickets']);
        const booking = model.sagas.find(s => s.id === 'Tickets.Booking')!;
        expect(booking).toMatchObject({ mode: 'orchestration', orchestrator: 'Tickets.Orders' });
        expect(booking.steps.map(s => `${s.action}/${s.compensation?.action ?? '-'}`)).toEqual(['reserve/release', 'charge/refund', 'confirm/-']);
        // A step may name a service of another file's system; it resolves to its qualified id.
        expect(booking.steps[1].service).toBe('Payments.Billing');
        const checkout = model.slos.find(s => s.id === 'Tickets.Checkout')!;
        expect(checkout).toMatchObject({ path: ['Tickets.Web', 'Tickets.Api', 'Tickets.Orders', 'Payments.Billing'], availability: 99.95, latencies: [{ percentile: 'p99', ms: 300 }] });
        expect(model.relations.find(r => r.id === 'Tickets.Api calls Tickets.Orders')).toMatchObject({
            arrow: true, protocol: 'http', timeoutMs: 2000, circuitBreaker: true, idempotencyKey: true, retry: { count: 2, backoff: 'exponential', jitter: true }
        });
    });
});

describe('semantic model: incomplete text', () => {
    it('builds what it can of a document with syntax errors', async () => {
        const { model, diagnostics } = await workspace(`database D { replication }\nservice A { calls }\nA ->\nservice B { replicas 2 }`);
        expect(diagnostics().some(d => d.severity === 1)).toBe(true);
        expect(model.component('D')).toBeDefined();
        expect(model.component('B')!.props.replicas).toBe(2);
        expect(model.relations).toEqual([]);
    });
});
