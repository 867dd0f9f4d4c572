import rule from '../../../language/src/lint/rules/zone-failure-breaks-flow.js';
import { ruleTester } from '../rule-tester.js';

const shop = (db: string, flow = 'user-facing') => `region eu { zones a, b }

client Web : browser
service Api {
    replicas 2 across a, b
    writes Db
}
database Db : postgres { ${db} }
Web -> Api : https

flow Checkout {
    path Web -> Api
    ${flow}
}`;

ruleTester(rule, {
    valid: [
        { name: 'the database fails over to the other zone', code: shop('replicas 2 across a, b; replication single-leader { followers 1 across b; failover automatic }') },
        { name: 'a flow that is not user-facing', code: shop('replicas 1 across a', 'requires strong') },
        { name: 'placement not stated: no zone reaches it', code: shop('replicas 1') },
        { name: 'an asynchronous hop only delays work', code: `region eu { zones a, b }\nclient Web : browser\nservice Api { replicas 2 across a, b; calls Mail async }\nservice Mail { replicas 1 across a }\nWeb -> Api : https\nflow Signup {\n    path Web -> Api -> Mail\n    user-facing\n}` }
    ],
    invalid: [
        {
            name: 'a single-zone database',
            code: shop('replicas 1 across a'),
            errors: [{ messageId: 'down', line: 11, message: "User-facing flow 'Checkout' goes down when zone 'eu.a' fails: Api → Db:", elements: ['Checkout', 'Db'] }]
        },
        {
            name: 'a step whose replicas share a zone',
            code: `region eu { zones a, b }\nclient Web : browser\nservice Api { replicas 3 across b }\nWeb -> Api : https\nflow Browse {\n    path Web -> Api\n    user-facing\n}`,
            errors: [{ messageId: 'down', line: 5, message: "zone 'eu.b' fails" }]
        },
        {
            name: 'a quorum store that no zone may lose',
            code: shop('replicas 2 across a, b; replication leaderless { n 2; w 2; r 1 }'),
            errors: [{ messageId: 'down', message: "zone 'eu.a' or 'eu.b' fails" }]
        }
    ]
});
