import rule from '../../../language/src/lint/rules/pull-cdn-origin-spof.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'a replicated origin', code: `cdn Edge { pull; origin Web }\nservice Web { replicas 2 }` },
        { name: 'a managed origin', code: `cdn Edge { pull; origin Assets }\nobjectstore Assets : s3` },
        { name: 'a push CDN does not fetch on a miss', code: `cdn Edge { push; origin Web }\nservice Web` },
        { name: 'an active-passive origin', code: `cdn Edge { pull; origin Web }\nservice Web { ha active-passive }` }
    ],
    invalid: [
        {
            name: 'a single-instance origin',
            code: `cdn Edge { pull; origin Web }\nservice Web`,
            errors: [{ messageId: 'origin', line: 1, data: { cdn: 'Edge', origin: 'Web' }, elements: ['Edge', 'Web'] }],
            output: `cdn Edge { pull; origin Web }\nservice Web { replicas 2 }`
        },
        {
            name: 'one instance stated',
            code: `cdn Edge { pull; origin Web }\nservice Web {\n    replicas 1\n}`,
            errors: [{ messageId: 'origin' }],
            output: `cdn Edge { pull; origin Web }\nservice Web {\n    replicas 2\n}`
        },
        {
            name: 'one of two origins',
            code: `cdn Edge { pull; origin Web, Assets }\nservice Web { replicas 3 }\nobjectstore Assets`,
            errors: [{ messageId: 'origin', data: { cdn: 'Edge', origin: 'Assets' } }]
        }
    ]
});
