import rule from '../../../language/src/lint/rules/broker-exposed-publicly.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'an internal broker behind an ingestion service', code: `client App : mobile\nservice Ingest { publishes Bus.t }\nbroker Bus : kafka { topic t }\nApp -> Ingest : https` },
        { name: 'an internal client may publish', code: `client Batch { internal; publishes Bus.t }\nbroker Bus : kafka { topic t }` },
        { name: 'a public gateway is fine', code: `gateway Api { public }\nbroker Bus : kafka { topic t }` },
        { name: 'a service consuming the broker', code: `service C { consumes Bus.t }\nbroker Bus : kafka { topic t }` }
    ],
    invalid: [
        {
            name: 'a broker marked public: the fix removes the flag line',
            code: `broker Bus : kafka {\n    replicas 3\n    public\n    topic t\n}`,
            errors: [{ messageId: 'public', line: 1 }],
            output: `broker Bus : kafka {\n    replicas 3\n    topic t\n}`
        },
        {
            name: 'a public topic: the fix removes the inline flag',
            code: `broker Bus : kafka {\n    topic t { public; partitions 3 }\n}`,
            errors: [{ messageId: 'public', line: 2, message: "'t' is marked public" }],
            output: `broker Bus : kafka {\n    topic t { partitions 3 }\n}`
        },
        {
            name: 'a browser publishing straight to a topic',
            code: `client Web : browser\nbroker Bus : kafka { topic clicks }\nWeb -> Bus.clicks`,
            errors: [{ messageId: 'client', line: 3, message: "External client 'Web' talks to 'clicks'" }]
        },
        {
            name: 'a partner consuming a stand-alone queue',
            code: `client Partner : external { consumes Jobs }\nqueue Jobs : sqs`,
            errors: [{ messageId: 'client', line: 1 }]
        }
    ]
});
