import rule from '../../../language/src/lint/rules/stateful-service-behind-round-robin.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'sessions kept externally', code: `loadbalancer Lb { algorithm round-robin; routes A }\nservice A { replicas 3; stateful; session external }` },
        { name: 'sticky sessions', code: `loadbalancer Lb { algorithm sticky-session; routes A }\nservice A { replicas 3; stateful }` },
        { name: 'ip hash', code: `loadbalancer Lb { algorithm ip-hash; routes A }\nservice A { replicas 3; session local }` },
        { name: 'one instance', code: `loadbalancer Lb { routes A }\nservice A { stateful }` },
        { name: 'stateless', code: `loadbalancer Lb { routes A }\nservice A { replicas 3 }` },
        { name: 'a gateway with no stated algorithm', code: `gateway G { routes A }\nservice A { replicas 2; stateful }` },
        { name: 'an unset algorithm is not assumed when configured so', code: `loadbalancer Lb { routes A }\nservice A { replicas 2; stateful }`, options: { unsetIsRoundRobin: false } }
    ],
    invalid: [
        {
            name: 'round robin over stateful instances',
            code: `loadbalancer Lb { algorithm round-robin; routes Cart }\nservice Cart { replicas 3; stateful }`,
            errors: [{ messageId: 'spread', line: 2, message: "'Lb' spreads requests by round-robin" }],
            output: `loadbalancer Lb { algorithm round-robin; routes Cart }\nservice Cart { replicas 3; stateful; session external }`
        },
        {
            name: 'session local is replaced',
            code: `loadbalancer Lb { algorithm least-connections; routes Cart }\nservice Cart {\n    replicas 2\n    session local\n}`,
            errors: [{ messageId: 'spread', message: 'least-connections' }],
            output: `loadbalancer Lb { algorithm least-connections; routes Cart }\nservice Cart {\n    replicas 2\n    session external\n}`
        },
        {
            name: 'a load balancer without an algorithm',
            code: `loadbalancer Lb { routes Cart }\nservice Cart { replicas 2; stateful }`,
            errors: [{ messageId: 'spread', message: 'no algorithm stated' }],
            output: `loadbalancer Lb { routes Cart }\nservice Cart { replicas 2; stateful; session external }`
        },
        {
            name: 'active-passive counts two instances',
            code: `loadbalancer Lb { algorithm random }\nservice Cart { ha active-active; stateful }\nLb -> Cart`,
            errors: [{ messageId: 'spread' }]
        }
    ]
});
