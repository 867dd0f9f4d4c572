import rule from '../../../language/src/lint/rules/dual-write-without-outbox.js';
import { describe, expect, it } from 'vitest';
import { applyFix, lintWith, ruleTester } from '../rule-tester.js';

const broker = `database Db : postgres\nbroker Bus : kafka { topic orders }`;

ruleTester(rule, {
    valid: [
        { name: 'publishing through an outbox', code: `service A { writes Db; publishes Bus.orders via outbox relay R }\nservice R { style message-relay; reads Db; publishes Bus.orders }\n${broker}` },
        { name: 'publishing from the change log', code: `service A { writes Db; publishes Bus.orders via cdc }\n${broker}` },
        { name: 'event-sourced publishing', code: `service A { writes Db; publishes Bus.orders via event-sourced }\n${broker}` },
        { name: 'a service that only reads the database', code: `service A { reads Db; publishes Bus.orders }\n${broker}` },
        { name: 'a relay service is exempt (publishing is its job)', code: `service R { style message-relay; writes Db; publishes Bus.orders }\n${broker}` },
        { name: 'writing a cache is not a dual write to a system of record', code: `service A { writes K; publishes Bus.orders }\ncache K : redis\nbroker Bus : kafka { topic orders }` }
    ],
    invalid: [
        {
            name: 'no via at all: the fix adds via outbox after the target',
            code: `service A {\n    writes Db\n    publishes Bus.orders\n}\n${broker}`,
            errors: [{ messageId: 'dualWrite', line: 3, message: "'A' writes 'Db' and publishes to 'orders' directly" }],
            output: `service A {\n    writes Db\n    publishes Bus.orders via outbox\n}\n${broker}`
        },
        {
            name: 'via direct is replaced, options kept',
            code: `service A { writes Db; publishes Bus.orders via direct { key orderId } }\n${broker}`,
            errors: [{ messageId: 'dualWrite', line: 1 }],
            output: `service A { writes Db; publishes Bus.orders via outbox { key orderId } }\n${broker}`
        },
        {
            name: 'top-level arrows are flagged (no fix: arrows cannot say via)',
            code: `service A\n${broker}\nA -> Db\nA -> Bus.orders`,
            errors: [{ messageId: 'dualWrite', line: 5 }]
        },
        {
            name: 'two databases and two publishes: one finding per publish',
            code: `service A { writes Db; writes Db2; publishes Bus.orders; publishes Bus.audit }\ndatabase Db : postgres\ndatabase Db2 : mysql\nbroker Bus : kafka { topic orders; topic audit }`,
            errors: [{ messageId: 'dualWrite', message: "'Db', 'Db2'" }, { messageId: 'dualWrite' }]
        }
    ]
});

describe('dual-write-without-outbox second fix', () => {
    it('offers via cdc, which also clears the finding', async () => {
        const code = `service A { writes Db; publishes Bus.orders }\n${broker}`;
        const { findings } = await lintWith(rule, code);
        expect(findings[0].fixes.map(f => f.preferred ?? false)).toEqual([true, false]);
        const fixed = applyFix(code, findings[0].fixes[1]);
        expect(fixed).toBe(`service A { writes Db; publishes Bus.orders via cdc }\n${broker}`);
        expect((await lintWith(rule, fixed)).findings).toEqual([]);
    });
});
