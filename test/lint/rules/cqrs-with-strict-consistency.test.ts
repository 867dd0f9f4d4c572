import rule from '../../../language/src/lint/rules/cqrs-with-strict-consistency.js';
import { ruleTester } from '../rule-tester.js';

const base = (read: string) => `service Reviews { owns ReviewsDb; writes ReviewsDb }\nservice Ratings { ${read} }\ndatabase ReviewsDb : postgres\ndatabase RatingsView : mongodb\ncqrs ReviewRatings {\n  command Reviews\n  command store ReviewsDb\n  query Ratings\n  query store RatingsView\n  sync via cdc\n}\n`;

ruleTester(rule, {
    valid: [
        { name: 'eventual reads of the read model', code: base('reads RatingsView { requires eventual }') },
        { name: 'no stated requirement', code: base('reads RatingsView') },
        { name: 'strong reads go to the command store', code: base('reads ReviewsDb { requires strong }') },
        { name: 'a strict flow that avoids the query side', code: `${base('reads RatingsView')}flow Post {\n  path Reviews -> ReviewsDb\n  requires read-your-writes\n}` }
    ],
    invalid: [
        {
            name: 'read-your-writes from the read model',
            code: base('reads RatingsView { requires read-your-writes }'),
            errors: [{ messageId: 'read', line: 2, message: "'Ratings' requires read-your-writes reads from 'RatingsView'" }]
        },
        {
            name: 'a linearizable read by another service',
            code: `${base('reads RatingsView')}service Admin { reads RatingsView { requires linearizable } }`,
            errors: [{ messageId: 'read', line: 12 }]
        },
        {
            name: 'a strict flow through the query service',
            code: `${base('reads RatingsView')}client Web : browser\nWeb -> Ratings : https\nflow ShowRating {\n  path Web -> Ratings\n  requires strong\n}`,
            errors: [{ messageId: 'flow', line: 14, message: "Flow 'ShowRating' requires strong" }]
        }
    ]
});
