import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers.js';

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
        expect(diagnostics().map(d => d.message).join('\n')).toContain("'kafka' is a technology for broker or topic");
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
        expect(call.retry).toEqual({ count: 3, unbounded: false, backoff: 'exponential', jitter: true, maxDurationMs: undefined });
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
        const messages = diagnostics().map(d => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
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
