import rule from '../../../language/src/lint/rules/sla-stricter-than-slo.js';
import { ruleTester } from '../rule-tester.js';

const PARTS = `client Web : browser\ngateway Edge\nservice Api { replicas 2 }\n`;

ruleTester(rule, {
    valid: [
        {
            name: 'the internal objective is stricter than the SLA',
            code: `${PARTS}slo Internal { path Web -> Edge -> Api; availability 99.95%; latency p99 300ms }\nslo Promised { external; path Web -> Edge -> Api; availability 99.9%; latency p99 500ms }`
        },
        {
            name: 'an SLA about another path',
            code: `${PARTS}slo Internal { path Web -> Edge -> Api; availability 99.9% }\nslo Promised { external; path Web -> Edge; availability 99.95% }`
        },
        {
            name: 'an SLA about another target',
            code: `${PARTS}slo Internal { target Api; availability 99.9% }\nslo Promised { external; target Edge; availability 99.95% }`
        },
        {
            name: 'two internal objectives are not compared',
            code: `${PARTS}slo A { target Api; availability 99.9% }\nslo B { target Api; availability 99.95% }`
        },
        {
            name: 'different percentiles are not compared',
            code: `${PARTS}slo Internal { target Api; latency p99 500ms }\nslo Promised { external; target Api; latency p50 100ms }`
        },
        { name: 'an SLA alone', code: `${PARTS}slo Promised { external; target Api; availability 99.9% }` },
        { name: 'half-typed: an SLA with nothing stated yet', code: `${PARTS}slo Internal { target Api; availability 99.9% }\nslo Promised { external }` }
    ],
    invalid: [
        {
            name: 'the SLA promises more availability than the SLO aims for',
            code: `${PARTS}slo Internal { path Web -> Edge -> Api; availability 99.9% }\nslo Promised {\n    external\n    path Web -> Edge -> Api\n    availability 99.95%\n}`,
            errors: [{ messageId: 'availability', line: 8, data: { sla: 'Promised', slo: 'Internal', promised: 99.95, internal: 99.9 }, elements: ['Promised', 'Internal'] }]
        },
        {
            name: 'an equal target leaves no margin',
            code: `${PARTS}slo Promised { external; target Api; availability 99.9% }\nslo Internal { target Api; availability 99.9% }`,
            errors: [{ messageId: 'availability', line: 4 }]
        },
        {
            name: 'a tighter promised latency at the same percentile',
            code: `${PARTS}slo Internal { target Api; latency p99 400ms; latency p50 100ms }\nslo Promised { external; target Api; latency P99 300ms; latency p50 200ms }`,
            errors: [{ messageId: 'latency', line: 5, data: { sla: 'Promised', slo: 'Internal', percentile: 'P99', promised: 300, internal: 400 } }]
        },
        {
            name: 'every internal objective on the same subject is compared',
            code: `${PARTS}slo A { target Api; availability 99.5% }\nslo B { target Api; availability 99.9% }\nslo Promised { external; target Api; availability 99.9% }`,
            errors: [{ messageId: 'availability', message: "'A'" }, { messageId: 'availability', message: "'B'" }]
        }
    ]
});
