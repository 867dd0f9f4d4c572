import rule from '../../../language/src/lint/rules/stateful-function.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a stateless function', code: `function Resize { trigger event }` },
        { name: 'a stateful service is fine here', code: `service Game { stateful }` },
        { name: 'external sessions', code: `function Login { session external }` },
        { name: 'a function named stateful', code: `function stateful { trigger http }` }
    ],
    invalid: [
        {
            name: 'stateful inline',
            code: `function Cart : aws-lambda { stateful; trigger http }`,
            errors: [{ messageId: 'stateful', line: 1 }],
            output: `function Cart : aws-lambda { trigger http }`
        },
        {
            name: 'stateful on its own line',
            code: `function Cart {\n    trigger http\n    stateful\n}`,
            errors: [{ messageId: 'stateful' }],
            output: `function Cart {\n    trigger http\n}`
        },
        {
            name: 'local sessions',
            code: `function Login { session local }`,
            errors: [{ messageId: 'session' }],
            output: `function Login { session external }`
        }
    ]
});
