import rule from '../../../language/src/lint/rules/multi-leader-topology-spof.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'all-to-all', code: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution crdt } }` },
        { name: 'two leaders: every topology is one link', code: `database Db { replication multi-leader { leaders 2; topology circle; conflict resolution crdt } }` },
        { name: 'topology not stated', code: `database Db { replication multi-leader { leaders 4; conflict resolution crdt } }` }
    ],
    invalid: [
        {
            name: 'a circle of three',
            code: `database Db { replication multi-leader { leaders 3; topology circle; conflict resolution crdt } }`,
            errors: [{ messageId: 'circle', line: 1, data: { store: 'Db', count: 3 }, elements: ['Db'] }],
            output: `database Db { replication multi-leader { leaders 3; topology all-to-all; conflict resolution crdt } }`
        },
        {
            name: 'a star, written as hub-and-spoke',
            code: `region eu { zones a }\nregion us { zones a }\nregion ap { zones a }\ndatabase Db {\n    replication multi-leader {\n        leaders 3 across eu, us, ap\n        topology hub-and-spoke\n    }\n}`,
            errors: [{ messageId: 'star', line: 4, message: 'between 3 leaders in a star' }],
            output: `region eu { zones a }\nregion us { zones a }\nregion ap { zones a }\ndatabase Db {\n    replication multi-leader {\n        leaders 3 across eu, us, ap\n        topology all-to-all\n    }\n}`
        },
        {
            name: 'a ring of five',
            code: `database Db { replication multi-leader { leaders 5; topology ring; conflict resolution crdt } }`,
            errors: [{ messageId: 'circle', message: 'between 5 leaders in a circle' }],
            output: `database Db { replication multi-leader { leaders 5; topology all-to-all; conflict resolution crdt } }`
        }
    ]
});
