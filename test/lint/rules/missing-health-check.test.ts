import rule from '../../../language/src/lint/rules/missing-health-check.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the service declares a health endpoint', code: `loadbalancer Lb { routes A }\nservice A { replicas 2; health check "/healthz" }` },
        { name: 'the load balancer checks its targets', code: `loadbalancer Lb { health check poll; routes A }\nservice A { replicas 2 }` },
        { name: 'called, not routed', code: `service B { calls A }\nservice A` },
        { name: 'functions are run by the platform', code: `gateway G { routes F }\nfunction F` },
        { name: 'one of two routers checks', code: `loadbalancer L1 { health check poll; routes A }\nloadbalancer L2 { routes A }\nservice A` }
    ],
    invalid: [
        {
            name: 'nobody checks',
            code: `loadbalancer Lb { routes A }\nservice A { replicas 2 }`,
            errors: [{ messageId: 'missing', line: 2, message: "from 'Lb'" }],
            output: `loadbalancer Lb { routes A }\nservice A { replicas 2; health check "/healthz" }`
        },
        {
            name: 'health check none is replaced',
            code: `gateway G { routes A }\nservice A {\n    health check none\n}`,
            errors: [{ messageId: 'missing' }],
            output: `gateway G { routes A }\nservice A {\n    health check "/healthz"\n}`
        },
        {
            name: 'a top-level arrow from a load balancer and a custom path',
            code: `loadbalancer Lb\nservice A\nLb -> A`,
            options: { path: '/ready' },
            errors: [{ messageId: 'missing', line: 2 }],
            output: `loadbalancer Lb\nservice A { health check "/ready" }\nLb -> A`
        }
    ]
});
