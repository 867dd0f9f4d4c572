import rule from '../../../language/src/lint/rules/plaintext-behind-tls-terminator.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'the hop is https', code: `loadbalancer Lb { tls terminate }\nservice Billing { holds payments }\nLb -> Billing : https` },
        { name: 'the target accepts TLS', code: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments; tls }` },
        { name: 'TLS on the relation', code: `gateway Api { tls terminate; calls Billing over http { tls } }\nservice Billing { holds payments }` },
        { name: 'nothing sensitive behind it', code: `loadbalancer Lb { tls terminate; routes Catalog }\nservice Catalog { writes Products }\ndatabase Products { holds products }` },
        { name: 'the proxy passes TLS through', code: `loadbalancer Lb { tls passthrough; routes Billing }\nservice Billing { holds payments }` },
        { name: 'another kind of data by option', code: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments }`, options: { sensitiveKinds: ['health'] } }
    ],
    invalid: [
        {
            name: 'a route to a service that holds payments',
            code: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments }`,
            errors: [{ messageId: 'plaintext', line: 1, data: { proxy: 'Lb', target: 'Billing', kinds: 'payments' } }],
            output: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments; tls }`
        },
        {
            name: 'http to a service that writes user profiles',
            code: `gateway Api { tls terminate }\nservice Profiles { writes ProfileDb }\ndatabase ProfileDb { holds user-profile }\nApi -> Profiles : http { timeout 1s }`,
            errors: [{ messageId: 'plaintext', line: 4, data: { proxy: 'Api', target: 'Profiles', kinds: 'user-profile' } }],
            output: `gateway Api { tls terminate }\nservice Profiles { writes ProfileDb }\ndatabase ProfileDb { holds user-profile }\nApi -> Profiles : https { timeout 1s }`
        },
        {
            name: 'tls none on the hop',
            code: `gateway Api {\n    tls terminate\n    calls Billing over grpc { tls none }\n}\nservice Billing { holds financial }`,
            errors: [{ messageId: 'plaintext', line: 3 }],
            output: `gateway Api {\n    tls terminate\n    calls Billing over grpc { tls }\n}\nservice Billing { holds financial }`
        },
        {
            name: 'no protocol stated: terminating TLS means the hop behind is plain',
            code: `gateway Api { tls terminate; calls Billing }\nservice Billing { holds payments }`,
            errors: [{ messageId: 'plaintext' }],
            output: `gateway Api { tls terminate; calls Billing { tls } }\nservice Billing { holds payments }`
        },
        {
            name: 'the target says tls none',
            code: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments; tls none }`,
            errors: [{ messageId: 'plaintext' }],
            output: `loadbalancer Lb { tls terminate; routes Billing }\nservice Billing { holds payments; tls }`
        }
    ]
});
