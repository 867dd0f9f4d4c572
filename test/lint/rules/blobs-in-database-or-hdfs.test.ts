import rule from '../../../language/src/lint/rules/blobs-in-database-or-hdfs.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'blobs in an object store', code: `objectstore Media : s3 { holds blobs }` },
        { name: 'records in a database', code: `database Orders : postgres { holds orders }` },
        { name: 'a database holding nothing stated', code: `database Orders` },
        { name: 'static assets not counted by the option', code: `database Cms { holds static-assets }`, options: { blobKinds: ['blobs'] } }
    ],
    invalid: [
        {
            name: 'blobs in Postgres',
            code: `database Files : postgres { holds blobs }`,
            errors: [{ messageId: 'blobs', line: 1, data: { store: 'Files', technology: ' (postgres)', kinds: 'blobs' }, elements: ['Files'] }]
        },
        {
            name: 'static assets in a document store',
            code: `database Cms : mongodb {\n    holds articles, static-assets\n}`,
            errors: [{ messageId: 'blobs', data: { store: 'Cms', technology: ' (mongodb)', kinds: 'static-assets' } }]
        },
        {
            name: 'no technology stated',
            code: `database Attachments { holds Blobs }`,
            errors: [{ messageId: 'blobs', data: { store: 'Attachments', technology: '', kinds: 'blobs' } }]
        }
    ]
});
