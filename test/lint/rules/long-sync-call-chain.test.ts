import rule from '../../../language/src/lint/rules/long-sync-call-chain.js';
import { ruleTester } from '../rule-tester.js';

const chain = `client Web : browser\ngateway Api\nservice A\nservice B\nservice C\nservice D\nWeb -> Api : https\n`;

ruleTester(rule, {
    valid: [
        { name: 'three calls deep is the limit', code: `${chain}Api -> A : http\nA -> B : grpc\nB -> C : grpc` },
        { name: 'an asynchronous hop breaks the chain', code: `${chain}Api -> A : http\nA -> B : grpc\nB -> C : grpc async\nC -> D : grpc` },
        { name: 'a deep chain nobody enters', code: `service A { calls B }\nservice B { calls C }\nservice C { calls D }\nservice D { calls E }\nservice E` },
        { name: 'a raised limit', code: `${chain}Api -> A : http\nA -> B : grpc\nB -> C : grpc\nC -> D : grpc`, options: { maxDepth: 4 } },
        { name: 'a cycle is not measured here', code: `${chain}Api -> A : http\nA -> B : grpc\nB -> C : grpc\nC -> A : grpc` }
    ],
    invalid: [
        {
            name: 'four calls from the gateway',
            code: `${chain}Api -> A : http\nA -> B : grpc\nB -> C : grpc\nC -> D : grpc`,
            errors: [{ messageId: 'tooDeep', line: 2, message: 'Api -> A -> B -> C -> D' }]
        },
        {
            name: 'a public service is an entry point; load balancers are transparent',
            code: `service Front { public; calls Lb }\nloadbalancer Lb { routes A }\nservice A { calls B }\nservice B { calls C }\nservice C`,
            errors: [{ messageId: 'tooDeep', line: 1, message: '3 synchronous calls in a row (Front -> Lb -> A -> B -> C), more than 2' }],
            options: { maxDepth: 2 }
        },
        {
            name: "a flow's first hop is an entry point",
            code: `client App : mobile\nservice A { calls B }\nservice B { calls C }\nservice C { calls D }\nservice D { calls E }\nservice E\nflow Checkout { path App -> A -> B }`,
            errors: [{ messageId: 'tooDeep', line: 2, message: "entering at 'A' can go through 4 synchronous calls" }]
        },
        {
            name: 'a very long chain is shortened in the message',
            code: Array.from({ length: 15 }, (_, i) => `service S${i} { calls S${i + 1} }`).join('\n') + '\nservice S15\nclient Web : browser\nWeb -> S0 : https',
            errors: [{ messageId: 'tooDeep', line: 1, message: '15 synchronous calls in a row (S0 -> S1 -> S2 -> S3 -> S4 -> S5 -> S6 -> S7 -> S8 -> ... -> S14 -> S15)' }]
        },
        {
            name: 'the longest branch is reported, past a cycle',
            code: `${chain}Api -> A : http\nA -> B : grpc\nB -> A : grpc\nB -> C : grpc\nC -> D : grpc\nApi -> D : http`,
            errors: [{ messageId: 'tooDeep', message: 'through 4 synchronous calls in a row (Api -> A -> B -> C -> D), more than 2' }],
            options: { maxDepth: 2 }
        }
    ]
});
