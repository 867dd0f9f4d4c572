import rule from '../../../language/src/lint/rules/replay-on-non-replayable-broker.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'replaying a Kafka topic', code: `service C { consumes Bus.t { replay } }\nbroker Bus : kafka { topic t }` },
        { name: 'an event store on a log-based topic kept forever', code: `event-sourcing Ledger { store Bus.events; snapshots every 100 }\nbroker Bus : kafka { topic events { retention forever } }` },
        { name: 'a RabbitMQ consumer that does not replay', code: `service C { consumes Q.jobs }\nbroker Q : rabbitmq { queue jobs }` },
        { name: 'an event store in a database', code: `event-sourcing Ledger { store Db }\ndatabase Db : postgres` },
        { name: 'a broker of unknown technology: nothing is known', code: `service C { consumes Bus.t { replay } }\nbroker Bus { topic t }` },
        { name: 'a RabbitMQ broker declared log-based (streams): the declared type beats the technology', code: `service C { consumes Pager.t { replay } }\nbroker Pager : rabbitmq { type log-based; topic t }` },
        { name: 'a RabbitMQ queue declared to keep messages for 7 days', code: `service C { consumes Q.jobs { replay } }\nbroker Q : rabbitmq { queue jobs { retention 7d } }` }
    ],
    invalid: [
        {
            name: 'replay on an in-memory broker',
            code: `service C {\n    consumes Q.jobs { replay }\n}\nbroker Q : rabbitmq { queue jobs }`,
            errors: [{ messageId: 'replay', line: 2, message: "'Q' is an in-memory broker" }]
        },
        {
            name: 'replay on a topic that deletes acknowledged messages',
            code: `service C { consumes Bus.t { replay } }\nbroker Bus : kafka { topic t { retention until-ack } }`,
            errors: [{ messageId: 'replay', message: "'t' keeps messages only until they are acknowledged" }]
        },
        {
            name: 'an event store on a pub-sub topic',
            code: `broker Bus : kafka { topic events { pattern pub-sub } }\nevent-sourcing Ledger {\n    store Bus.events\n}`,
            errors: [{ messageId: 'eventStore', line: 2, message: 'publish/subscribe' }]
        },
        {
            name: 'an event store on SNS',
            code: `event-sourcing Ledger { store Fanout.events }\nbroker Fanout : sns { topic events }`,
            errors: [{ messageId: 'eventStore', line: 1 }]
        }
    ]
});
