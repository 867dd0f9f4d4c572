import rule from '../../../language/src/lint/rules/outbox-without-relay.js';
import { describe, expect, it } from 'vitest';
import { applyFix, lintWith, ruleTester } from '../rule-tester.js';

const bus = `broker Bus : kafka { topic orders }`;

ruleTester(rule, {
    valid: [
        { name: 'a relay is named', code: `service A { writes Db; publishes Bus.orders via outbox relay R }\nservice R { style message-relay; reads Db; publishes Bus.orders }\ndatabase Db : postgres\n${bus}` },
        { name: 'the database streams its changes (cdc)', code: `service A { writes Db; publishes Bus.orders via outbox }\ndatabase Db : postgres { cdc }\n${bus}` },
        { name: 'a polling relay reads the database and publishes', code: `service A { writes Db; publishes Bus.orders via outbox }\nservice Poller { reads Db; publishes Bus.orders }\ndatabase Db : postgres\n${bus}` },
        { name: 'the database syncs via cdc', code: `service A { writes Db; publishes Bus.orders via outbox }\ndatabase Db : postgres { syncs Search via cdc }\nsearch Search : elasticsearch\n${bus}` },
        { name: 'publishing directly is another rule', code: `service A { writes Db; publishes Bus.orders }\ndatabase Db : postgres\n${bus}` }
    ],
    invalid: [
        {
            name: 'the fix adds a relay service next to the publisher',
            code: `service A {\n    writes Db\n    publishes Bus.orders via outbox\n}\ndatabase Db : postgres\n${bus}`,
            errors: [{ messageId: 'noRelay', line: 3, message: "'Db' has no change data capture" }],
            output: `service A {\n    writes Db\n    publishes Bus.orders via outbox relay AOutboxRelay\n}\nservice AOutboxRelay { style message-relay; reads Db; publishes Bus.orders }\ndatabase Db : postgres\n${bus}`
        },
        {
            name: 'inside a system the relay keeps the indentation',
            code: `system Shop {\n    service A { writes Db; publishes Bus.orders via outbox { key orderId } }\n    database Db : postgres\n    ${bus}\n}`,
            errors: [{ messageId: 'noRelay', line: 2 }],
            output: `system Shop {\n    service A { writes Db; publishes Bus.orders via outbox relay AOutboxRelay { key orderId } }\n    service AOutboxRelay { style message-relay; reads Db; publishes Bus.orders }\n    database Db : postgres\n    ${bus}\n}`
        },
        {
            name: 'the relay name is taken: the fix enables cdc instead',
            code: `service A { writes Db; publishes Bus.orders via outbox }\nservice AOutboxRelay\ndatabase Db : postgres\n${bus}`,
            errors: [{ messageId: 'noRelay' }],
            output: `service A { writes Db; publishes Bus.orders via outbox }\nservice AOutboxRelay\ndatabase Db : postgres { cdc }\n${bus}`
        },
        {
            name: 'no database written and no relay',
            code: `service A { publishes Bus.orders via outbox }\n${bus}`,
            errors: [{ messageId: 'noStore', line: 1 }]
        },
        {
            name: 'a reader that does not publish is not a relay',
            code: `service A { writes Db; publishes Bus.orders via outbox }\nservice Report { reads Db }\ndatabase Db : postgres\n${bus}`,
            errors: [{ messageId: 'noRelay' }]
        }
    ]
});

describe('outbox-without-relay second fix', () => {
    it('enables cdc on the written database', async () => {
        const code = `service A { writes Db; publishes Bus.orders via outbox }\ndatabase Db : postgres {\n    replicas 2\n}\n${bus}`;
        const { findings } = await lintWith(rule, code);
        expect(findings[0].fixes).toHaveLength(2);
        const fixed = applyFix(code, findings[0].fixes[1]);
        expect(fixed).toBe(`service A { writes Db; publishes Bus.orders via outbox }\ndatabase Db : postgres {\n    replicas 2\n    cdc\n}\n${bus}`);
        expect((await lintWith(rule, fixed)).findings).toEqual([]);
    });
});
