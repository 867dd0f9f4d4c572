import rule from '../../../language/src/lint/rules/single-point-of-failure.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'two replicas behind a load balancer that runs active-passive', code: `loadbalancer Lb { ha active-passive; routes Api }\nservice Api { replicas 2 }` },
        { name: 'a managed load balancer (technology default)', code: `client Web : browser\nloadbalancer Edge : aws-elb\nWeb -> Edge : https` },
        { name: 'a single service nobody depends on', code: `service Batch { replicas 1 }` },
        { name: 'functions are exempt', code: `service A { replicas 2; calls F }\nfunction F` },
        { name: 'a single-leader store with a follower', code: `service A { replicas 2; writes Db }\ndatabase Db : postgres { replication single-leader { followers 1 } }` },
        { name: 'a leaderless store', code: `service A { replicas 2; writes Db }\ndatabase Db : cassandra` },
        { name: 'a managed store', code: `service A { replicas 2; writes T }\ndatabase T : dynamodb` },
        { name: 'a topic is as redundant as its broker', code: `service A { replicas 2; publishes Bus.t }\nbroker Bus : kafka { replicas 3; topic t }` },
        { name: 'an external third-party system', code: `service A { replicas 2; calls Stripe }\nservice Stripe : external` },
        { name: 'a three-node consensus coordinator', code: `service A { replicas 2; calls Zk }\ncoordinator Zk : zookeeper { replication consensus { nodes 3 } }` },
        { name: 'kinds can be narrowed', code: `service A { replicas 2; calls B }\nservice B`, options: { kinds: ['loadbalancer'] } }
    ],
    invalid: [
        {
            name: 'a called service without replicas',
            code: `service A { replicas 2; calls B }\nservice B`,
            errors: [{ messageId: 'service', line: 2, message: "'A' depends on it" }],
            output: `service A { replicas 2; calls B }\nservice B { replicas 2 }`
        },
        {
            name: 'replicas 1 is raised',
            code: `client Web : browser\ngateway Api {\n    replicas 1 across a\n    auth jwt\n}\nregion eu { zones a, b }\nWeb -> Api : https`,
            errors: [{ messageId: 'gateway', line: 2 }],
            output: `client Web : browser\ngateway Api {\n    replicas 2 across a\n    auth jwt\n}\nregion eu { zones a, b }\nWeb -> Api : https`
        },
        {
            name: 'a public load balancer',
            code: `loadbalancer Lb { public; routes A }\nservice A { replicas 2 }`,
            errors: [{ messageId: 'loadbalancer', line: 1, message: 'it is public' }],
            output: `loadbalancer Lb { public; routes A; replicas 2 }\nservice A { replicas 2 }`
        },
        {
            name: 'a single-node broker used through its topic',
            code: `service A { replicas 2; publishes Bus.orders }\nbroker Bus : rabbitmq {\n    topic orders\n}`,
            errors: [{ messageId: 'broker', line: 2 }],
            output: `service A { replicas 2; publishes Bus.orders }\nbroker Bus : rabbitmq {\n    topic orders\n    replicas 2\n}`
        },
        {
            name: 'postgres without followers gets a replication block',
            code: `service A { replicas 2; writes Db }\ndatabase Db : postgres`,
            errors: [{ messageId: 'leader', line: 2 }],
            output: `service A { replicas 2; writes Db }\ndatabase Db : postgres { replication single-leader { followers 2 } }`
        },
        {
            name: 'followers 0 is raised inside the block',
            code: `service A { replicas 2; reads Db }\ndatabase Db : postgres {\n    replication single-leader { followers 0; failover manual }\n}`,
            errors: [{ messageId: 'leader', line: 2 }],
            output: `service A { replicas 2; reads Db }\ndatabase Db : postgres {\n    replication single-leader { followers 2; failover manual }\n}`
        },
        {
            name: 'a bare single-leader keyword opens braces',
            code: `service A { replicas 2; reads Db }\ndatabase Db { replication single-leader }`,
            errors: [{ messageId: 'leader', line: 2 }],
            output: `service A { replicas 2; reads Db }\ndatabase Db { replication single-leader { followers 2 } }`
        },
        {
            name: 'replication none becomes single-leader',
            code: `service A { replicas 2; reads S }\nsearch S { replication none }`,
            errors: [{ messageId: 'store', line: 2 }],
            output: `service A { replicas 2; reads S }\nsearch S { replication single-leader { followers 2 } }`
        },
        {
            name: 'a one-node coordinator on an SLO path',
            code: `service A { replicas 2 }\ncoordinator Zk : etcd { replication consensus { nodes 1 } }\nslo Locks { path A -> Zk; availability 99.9% }`,
            errors: [{ messageId: 'consensus', line: 2, message: "SLO 'Locks'" }],
            output: `service A { replicas 2 }\ncoordinator Zk : etcd { replication consensus { nodes 3 } }\nslo Locks { path A -> Zk; availability 99.9% }`
        },
        {
            name: 'a kind without a message of its own (a CDN added to kinds) gets the general one',
            code: `client Web : browser\ncdn Edge\nWeb -> Edge : https`,
            options: { kinds: ['cdn'] },
            errors: [{ messageId: 'other', line: 2, data: { name: 'Edge', why: "'Web' depends on it" } }],
            output: `client Web : browser\ncdn Edge { replicas 2 }\nWeb -> Edge : https`
        },
        {
            name: 'a monolith on a user-facing flow',
            code: `client Web : browser\nservice Shop { style monolith }\nflow Buy { user-facing; path Web -> Shop }`,
            errors: [{ messageId: 'service', line: 2, message: "flow 'Buy'" }]
        },
        {
            name: 'a comment mentioning replicas is not edited',
            code: `service A { replicas 2; calls B }\nservice B {\n    // replicas 1 was enough in staging\n    replicas 1\n}`,
            errors: [{ messageId: 'service', line: 2 }],
            output: `service A { replicas 2; calls B }\nservice B {\n    // replicas 1 was enough in staging\n    replicas 2\n}`
        }
    ]
});
