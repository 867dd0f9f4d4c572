import rule from '../../../language/src/lint/rules/sloppy-quorum-without-hinted-handoff.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
    valid: [
        { name: 'sloppy quorum with hinted handoff', code: `database Db { replication leaderless { n 3; sloppy quorum; hinted-handoff } }` },
        { name: 'a strict quorum', code: `database Db { replication leaderless { n 3; w 2; r 2 } }` },
        { name: 'a technology that hands off', code: `database Db : cassandra` }
    ],
    invalid: [
        {
            name: 'sloppy quorum alone',
            code: `database Db { replication leaderless { n 3; sloppy quorum } }`,
            errors: [{ messageId: 'noHandoff', line: 1, data: { store: 'Db' }, elements: ['Db'] }],
            output: `database Db { replication leaderless { n 3; sloppy quorum; hinted-handoff } }`
        },
        {
            name: 'a multi-line block',
            code: `database Db {\n    replication leaderless {\n        n 5\n        sloppy quorum\n    }\n}`,
            errors: [{ messageId: 'noHandoff' }],
            output: `database Db {\n    replication leaderless {\n        n 5\n        sloppy quorum\n        hinted-handoff\n    }\n}`
        },
        {
            name: 'sloppy quorum with repairs but no handoff',
            code: `database Db { replication leaderless { sloppy quorum; read repair; anti-entropy } }`,
            errors: [{ messageId: 'noHandoff' }],
            output: `database Db { replication leaderless { sloppy quorum; read repair; anti-entropy; hinted-handoff } }`
        }
    ]
});
