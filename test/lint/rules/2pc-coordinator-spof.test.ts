import rule from '../../../language/src/lint/rules/2pc-coordinator-spof.js';
import { ruleTester } from '../rule-tester.js';

const stores = `database A : postgres\ndatabase B : postgres\n`;

ruleTester(rule, {
    valid: [
        { name: 'a replicated coordinator', code: `${stores}service Tx { replicas 3 }\ntransaction Move 2pc { coordinator Tx; participants A, B }` },
        { name: 'an active-passive pair', code: `${stores}service Tx { ha active-passive }\ntransaction Move 2pc { coordinator Tx; participants A, B }` },
        { name: 'a managed coordinator', code: `${stores}service Tx { managed }\ntransaction Move 2pc { coordinator Tx; participants A, B }` },
        { name: 'no coordinator named: unknown', code: `${stores}transaction Move 2pc { participants A, B }` },
        { name: 'a local transaction has no coordinator to lose', code: `${stores}service Tx\ntransaction Move local { coordinator Tx; participants A, B }` }
    ],
    invalid: [
        {
            name: 'a coordinator with no replica count',
            code: `${stores}service Tx\ntransaction Move 2pc {\n  coordinator Tx\n  participants A, B\n}`,
            errors: [{ messageId: 'single', line: 4, message: 'its participants (A, B) keep their locks' }],
            output: `${stores}service Tx { replicas 2 }\ntransaction Move 2pc {\n  coordinator Tx\n  participants A, B\n}`
        },
        {
            name: 'replicas 1 is raised',
            code: `${stores}service Tx {\n  replicas 1\n  health check "/healthz"\n}\ntransaction Move 2pc { coordinator Tx; participants A, B }`,
            errors: [{ messageId: 'single', line: 7 }],
            output: `${stores}service Tx {\n  replicas 2\n  health check "/healthz"\n}\ntransaction Move 2pc { coordinator Tx; participants A, B }`
        },
        {
            name: 'the fix count is an option',
            code: `${stores}service Tx { style orchestrator }\ntransaction Move 2pc { coordinator Tx; participants A, B }`,
            options: { replicas: 3 },
            errors: [{ messageId: 'single' }],
            output: `${stores}service Tx { style orchestrator; replicas 3 }\ntransaction Move 2pc { coordinator Tx; participants A, B }`
        }
    ]
});
