import rule from '../../../language/src/lint/rules/multi-leader-single-datacenter.js';
import { ruleTester } from '../rule-tester.js';

const regions = `region eu { zones a, b, c }\nregion us { zones a, b }`;

ruleTester(rule, {
    valid: [
        { name: 'one leader per region', code: `${regions}\ndatabase Db { replication multi-leader { leaders 2 across eu, us; conflict resolution crdt } }` },
        { name: 'leaders in zones of two regions', code: `${regions}\ndatabase Db { replication multi-leader { leaders 2 across eu.a, us.a; conflict resolution crdt } }` },
        { name: 'placement not stated', code: `database Db { replication multi-leader { leaders 3; conflict resolution crdt } }` },
        { name: 'single-leader in one region', code: `${regions}\ndatabase Db { replication single-leader { followers 2 across eu.b, eu.c } }` }
    ],
    invalid: [
        {
            name: 'leaders in zones of one region',
            code: `${regions}\ndatabase Db { replication multi-leader { leaders 2 across eu.a, eu.b; conflict resolution crdt } }`,
            errors: [{ messageId: 'oneRegion', line: 3, data: { store: 'Db', count: 2, region: 'eu' }, elements: ['Db'] }]
        },
        {
            name: 'zones named without their region',
            code: `region eu { zones a, b, c }\ndatabase Db { replication multi-leader { leaders 3 across a, b, c; conflict resolution crdt } }`,
            errors: [{ messageId: 'oneRegion', message: '3 leaders, all in region' }]
        },
        {
            name: 'the region itself',
            code: `${regions}\ndatabase Db { replication multi-leader { leaders 2 across us; conflict resolution crdt } }`,
            errors: [{ messageId: 'oneRegion', data: { store: 'Db', count: 2, region: 'us' } }]
        }
    ]
});
