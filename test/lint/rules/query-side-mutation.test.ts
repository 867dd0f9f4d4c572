import rule from '../../../language/src/lint/rules/query-side-mutation.js';
import { ruleTester } from '../rule-tester.js';

const block = `cqrs Catalogue {\n  command Courses\n  command store CoursesDb\n  query Search\n  query store SearchIndex\n  sync via broker\n}\n`;
const stores = `database CoursesDb : postgres\nsearch SearchIndex : elasticsearch\n`;

ruleTester(rule, {
    valid: [
        { name: 'the query service maintains its own read model', code: `service Courses { writes CoursesDb }\nservice Search { reads SearchIndex; writes SearchIndex }\n${stores}${block}` },
        { name: 'filling a cache of answers', code: `service Courses { writes CoursesDb }\nservice Search { reads SearchIndex; writes Hot }\ncache Hot : redis\n${stores}${block}` },
        { name: 'no query store declared: unknown', code: `service Courses { writes CoursesDb }\nservice Search { writes CoursesDb }\n${stores}cqrs Catalogue {\n  command Courses\n  query Search\n}` }
    ],
    invalid: [
        {
            name: 'the query service writes the command store',
            code: `service Courses { writes CoursesDb }\nservice Search { reads SearchIndex; writes CoursesDb }\n${stores}${block}`,
            errors: [{ messageId: 'mutation', line: 2, message: "writes 'CoursesDb': changes made there bypass 'Courses'" }]
        },
        {
            name: 'an arrow from the query service to another store',
            code: `service Courses { writes CoursesDb }\nservice Search { reads SearchIndex }\ndatabase Audit : postgres\n${stores}${block}Search -> Audit`,
            errors: [{ messageId: 'mutation', line: 13 }]
        },
        {
            name: 'one finding per foreign store',
            code: `service Courses { writes CoursesDb }\nservice Search {\n  writes CoursesDb\n  writes Logs\n}\nobjectstore Logs : s3\n${stores}${block}`,
            errors: [{ messageId: 'mutation', line: 3 }, { messageId: 'mutation', line: 4 }]
        }
    ]
});
