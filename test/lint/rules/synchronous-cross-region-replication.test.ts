import rule from '../../../language/src/lint/rules/synchronous-cross-region-replication.js';
import { ruleTester } from '../rule-tester.js';

const regions = `region euWest { zones a, b }\nregion usEast { zones c, d }\n`;

ruleTester(rule, {
    valid: [
        { name: 'synchronous within one region', code: `${regions}database Primary : postgres { in a; replicates to Standby sync }\ndatabase Standby : postgres { in b }` },
        { name: 'asynchronous across regions', code: `${regions}database Primary : postgres { in euWest; replicates to Dr async }\ndatabase Dr : postgres { in usEast }` },
        { name: 'placements unknown on one side', code: `${regions}database Primary : postgres { in euWest; replicates to Dr sync }\ndatabase Dr : postgres` },
        {
            name: 'semi-sync with a follower in the leader region (it can be the synchronous one)',
            code: `${regions}database Db : postgres { replicas 3 across a; replication single-leader { followers 2 in b, c; mode semi-sync } }`
        },
        {
            name: 'leader placed in two regions: its region is not certain',
            code: `${regions}database Db : postgres { replicas 2 across a, c; replication single-leader { followers 1 in d; mode sync } }`
        }
    ],
    invalid: [
        {
            name: 'a replicates-to relation across regions',
            code: `${regions}database Primary : postgres {\n    in euWest\n    replicates to Dr sync\n}\ndatabase Dr : postgres { in usEast }`,
            errors: [{ messageId: 'relation', line: 5, message: "'Primary' (euWest) replicates synchronously to 'Dr' (usEast)" }],
            output: `${regions}database Primary : postgres {\n    in euWest\n    replicates to Dr async\n}\ndatabase Dr : postgres { in usEast }`
        },
        {
            name: 'semi-sync relation from zones to another region',
            code: `${regions}database Primary : mysql { replicas 2 across a, b }\ndatabase Dr : mysql { in c }\nPrimary replicates to Dr semi-sync`,
            errors: [{ messageId: 'relation', line: 5, message: 'semi-synchronously' }],
            output: `${regions}database Primary : mysql { replicas 2 across a, b }\ndatabase Dr : mysql { in c }\nPrimary replicates to Dr async`
        },
        {
            name: 'semi-sync followers all in another region',
            code: `${regions}database Db : postgres { in euWest; replication single-leader { followers 2 in usEast; mode semi-sync } }`,
            errors: [{ messageId: 'followers', line: 3, message: 'leader in euWest' }],
            output: `${regions}database Db : postgres { in euWest; replication single-leader { followers 2 in usEast; mode async } }`
        },
        {
            name: 'sync followers, one of them remote',
            code: `${regions}database Db : postgres {\n    replicas 3 across a, b\n    replication single-leader {\n        followers 2 across b, d\n        mode sync\n    }\n}`,
            errors: [{ messageId: 'followers', line: 3, message: 'followers in usEast' }],
            output: `${regions}database Db : postgres {\n    replicas 3 across a, b\n    replication single-leader {\n        followers 2 across b, d\n        mode async\n    }\n}`
        }
    ]
});
