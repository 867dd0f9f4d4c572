import rule from '../../../language/src/lint/rules/consumer-without-dlq.js';
import { describe, expect, it } from 'vitest';
import { applyFix, lintWith, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the consume names a DLQ', code: `service C { consumes Bus.orders { dlq Bus.ordersDlq } }\nbroker Bus : kafka { topic orders; topic ordersDlq }` },
        { name: 'the topic has a DLQ', code: `service C { consumes Bus.orders }\nbroker Bus : kafka { topic orders { dlq ordersDlq }; topic ordersDlq }` },
        { name: 'the broker has a DLQ for every channel', code: `service C { consumes Bus.orders }\nbroker Bus : rabbitmq { dlq Bus.dead; queue orders; queue dead }` },
        { name: 'reading the dead-letter queue itself', code: `service Ops { consumes Bus.ordersDlq }\nservice C { consumes Bus.orders { dlq Bus.ordersDlq } }\nbroker Bus : kafka { topic orders; topic ordersDlq }` },
        { name: 'a channel named as a dead-letter queue', code: `service Ops { consumes Bus.deadLetters }\nbroker Bus : kafka { topic deadLetters }` }
    ],
    invalid: [
        {
            name: 'a matching dead-letter topic exists: the fix names it',
            code: `service C {\n    consumes Events.orders { idempotent }\n}\nbroker Events : kafka {\n    topic orders\n    topic ordersDlq\n}`,
            errors: [{ messageId: 'missing', line: 2, message: "'C' consumes 'orders'" }],
            output: `service C {\n    consumes Events.orders { idempotent; dlq Events.ordersDlq }\n}\nbroker Events : kafka {\n    topic orders\n    topic ordersDlq\n}`
        },
        {
            name: 'a dash-named dead-letter queue',
            code: `service C { consumes Bus.payments }\nbroker Bus : rabbitmq { queue payments; queue payments-dlq }`,
            errors: [{ messageId: 'missing' }],
            output: `service C { consumes Bus.payments { dlq Bus.payments-dlq } }\nbroker Bus : rabbitmq { queue payments; queue payments-dlq }`
        },
        {
            name: 'no dead-letter channel anywhere: reported without a fix',
            code: `service C { consumes Bus.orders }\nbroker Bus : kafka { topic orders }`,
            errors: [{ messageId: 'missing', line: 1 }]
        },
        {
            name: 'a stand-alone queue',
            code: `function Worker { consumes Jobs }\nqueue Jobs : sqs`,
            errors: [{ messageId: 'missing' }]
        }
    ]
});

describe('consumer-without-dlq second fix', () => {
    it('can give the topic itself the dead-letter queue', async () => {
        const code = `service C { consumes Bus.orders }\nbroker Bus : kafka {\n    topic orders { partitions 3 }\n    topic ordersDlq\n}`;
        const { findings } = await lintWith(rule, code);
        const fixed = applyFix(code, findings[0].fixes[1]);
        expect(fixed).toBe(`service C { consumes Bus.orders }\nbroker Bus : kafka {\n    topic orders { partitions 3; dlq ordersDlq }\n    topic ordersDlq\n}`);
        expect((await lintWith(rule, fixed)).findings).toEqual([]);
    });
});
