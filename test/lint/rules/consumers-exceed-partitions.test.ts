import rule from '../../../language/src/lint/rules/consumers-exceed-partitions.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'as many instances as partitions', code: `service C { replicas 6; consumes Bus.t { group g } }\nbroker Bus : kafka { topic t { partitions 6 } }` },
        { name: 'separate groups each read every partition', code: `service A { replicas 3; consumes Bus.t }\nservice B { replicas 3; consumes Bus.t }\nbroker Bus : kafka { topic t { partitions 3 } }` },
        { name: 'an in-memory broker balances messages, not partitions', code: `service C { replicas 8; consumes Q.jobs }\nbroker Q : rabbitmq { queue jobs { partitions 2 } }` },
        { name: 'partitions not stated', code: `service C { replicas 8; consumes Bus.t }\nbroker Bus : kafka { topic t }` },
        { name: 'broker type unknown', code: `service C { replicas 8; consumes Bus.t }\nbroker Bus { topic t { partitions 2 } }` }
    ],
    invalid: [
        {
            name: 'two services in one group exceed the partitions',
            code: `service A { replicas 3; consumes Bus.t { group billing } }\nservice B { replicas 2; consumes Bus.t { group billing } }\nbroker Bus : kafka {\n    topic t { partitions 4 }\n}`,
            errors: [{ messageId: 'group', line: 1, message: "Consumer group 'billing' runs 5 instances (A, B) on 't', which has 4 partitions" }],
            output: `service A { replicas 3; consumes Bus.t { group billing } }\nservice B { replicas 2; consumes Bus.t { group billing } }\nbroker Bus : kafka {\n    topic t { partitions 5 }\n}`
        },
        {
            name: 'one consumer without a group',
            code: `service C {\n    replicas 12\n    consumes Bus.t\n}\nbroker Bus : kafka { topic t { partitions 8 } }`,
            errors: [{ messageId: 'single', line: 3, message: 'so 4 of them sit idle' }],
            output: `service C {\n    replicas 12\n    consumes Bus.t\n}\nbroker Bus : kafka { topic t { partitions 12 } }`
        },
        {
            name: 'an active-passive pair counts two',
            code: `service C { ha active-passive; consumes Bus.t }\nbroker Bus : kinesis { topic t { partitions 1 } }`,
            errors: [{ messageId: 'single' }]
        },
        {
            name: 'only the oversized group is reported',
            code: `service A { replicas 2; consumes Bus.t { group a } }\nservice B { replicas 9; consumes Bus.t { group b } }\nbroker Bus : kafka { topic t { partitions 4 } }`,
            errors: [{ messageId: 'group', line: 2, message: "'b'" }]
        }
    ]
});
