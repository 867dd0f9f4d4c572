import rule from '../../../language/src/lint/rules/split-brain-risk.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'consensus election', code: `database Db : postgres { replication single-leader { followers 2; failover automatic; election consensus } }` },
        { name: 'election through a coordinator', code: `coordinator Zk : zookeeper { replicas 3 }\ndatabase Db : postgres { replication single-leader { followers 2; failover automatic; election via Zk } }` },
        { name: 'fencing tokens', code: `database Db : postgres { replication single-leader { followers 2; failover automatic; fencing tokens } }` },
        { name: 'manual failover', code: `database Db : postgres { replication single-leader { followers 2; failover manual } }` },
        { name: 'a managed store', code: `database Db : dynamodb { replication single-leader { followers 2; failover automatic } }` },
        { name: 'no followers to promote', code: `database Db { replication single-leader { followers 0; failover automatic } }` }
    ],
    invalid: [
        {
            name: 'automatic failover with nothing against two leaders',
            code: `database Db : postgres { replication single-leader { followers 2; failover automatic } }`,
            errors: [{ messageId: 'risk', line: 1, message: 'no stated election' }],
            output: `database Db : postgres { replication single-leader { followers 2; failover automatic; election consensus } }`
        },
        {
            name: 'a timeout election is replaced',
            code: `database Db : postgres {\n    replication single-leader { followers 1; failover automatic; election timeout }\n}`,
            errors: [{ messageId: 'risk', line: 1, message: 'timeout' }],
            output: `database Db : postgres {\n    replication single-leader { followers 1; failover automatic; election consensus }\n}`
        },
        {
            name: 'failover on the component, replication from the technology',
            code: `database Db : mysql { failover automatic }`,
            errors: [{ messageId: 'risk' }],
            output: `database Db : mysql { failover automatic; replication single-leader { election consensus } }`
        },
        {
            name: 'a bare single-leader keyword',
            code: `database Db {\n    replication single-leader\n    failover automatic\n}`,
            errors: [{ messageId: 'risk' }],
            output: `database Db {\n    replication single-leader { election consensus }\n    failover automatic\n}`
        }
    ]
});
