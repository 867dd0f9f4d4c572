import rule from '../../../language/src/lint/rules/cqrs-read-model-without-sync.js';
import { ruleTester } from '../rule-tester.js';

const sides = `service Reviews { owns ReviewsDb; writes ReviewsDb }\nservice Ratings { reads RatingsView }\ndatabase ReviewsDb : postgres\ndatabase RatingsView : mongodb\n`;
const block = (extra: string) => `cqrs ReviewRatings {\n  command Reviews\n  command store ReviewsDb\n  query Ratings\n  query store RatingsView\n${extra}}`;

ruleTester(rule, {
    valid: [
        { name: 'synchronised through a broker', code: `${sides}${block('  sync via broker\n')}` },
        { name: 'synchronised by CDC', code: `${sides}${block('  sync via cdc\n')}` },
        {
            name: 'the query side consumes what the command side publishes',
            code: `service Reviews { writes ReviewsDb; publishes Bus.reviews via outbox }\nservice Ratings { reads RatingsView; writes RatingsView; consumes Bus.reviews }\ndatabase ReviewsDb : postgres\ndatabase RatingsView : mongodb\nbroker Bus : kafka { topic reviews }\n${block('')}`
        },
        { name: 'a syncs relation feeds the query store', code: `${sides}ReviewsDb syncs RatingsView via db-native\n${block('')}` },
        { name: 'half a block is not judged', code: `${sides}cqrs Partial {\n  command Reviews\n}` }
    ],
    invalid: [
        {
            name: 'no sync at all',
            code: `${sides}${block('')}`,
            errors: [{ messageId: 'missing', line: 5, message: "from 'Reviews' to 'RatingsView'" }]
        },
        {
            name: 'sync via none',
            code: `${sides}${block('  sync via none\n')}`,
            errors: [{ messageId: 'none', line: 5 }]
        },
        {
            name: 'events published but consumed by nobody on the query side',
            code: `service Reviews { writes ReviewsDb; publishes Bus.reviews }\nservice Mailer { consumes Bus.reviews }\nservice Ratings { reads RatingsView }\ndatabase ReviewsDb : postgres\ndatabase RatingsView : mongodb\nbroker Bus : kafka { topic reviews }\n${block('')}`,
            errors: [{ messageId: 'missing', line: 7 }]
        }
    ]
});
