import rule from '../../../language/src/lint/rules/event-sourcing-without-snapshots.js';
import { ruleTester } from '../rule-tester.js';

const store = `service Accounts { owns Ledger; writes Ledger }\ndatabase Ledger : postgres\n`;

ruleTester(rule, {
    valid: [
        { name: 'snapshots every 500 events', code: `${store}event-sourcing AccountHistory {\n  store Ledger\n  snapshots every 500\n}` },
        { name: 'snapshots deliberately off', code: `${store}event-sourcing Sessions {\n  store Ledger\n  snapshots none\n}` },
        { name: 'no event sourcing at all', code: store.trim() }
    ],
    invalid: [
        {
            name: 'a multi-line block',
            code: `${store}event-sourcing AccountHistory {\n  store Ledger\n}`,
            errors: [{ messageId: 'missing', line: 3, message: "Event sourcing 'AccountHistory' (store 'Ledger')" }],
            output: `${store}event-sourcing AccountHistory {\n  store Ledger\n  snapshots every 1000\n}`
        },
        {
            name: 'a one-line block, with the interval as an option',
            code: `${store}event-sourcing AccountHistory { store Ledger; projections Accounts }`,
            options: { snapshotEvery: 200 },
            errors: [{ messageId: 'missing' }],
            output: `${store}event-sourcing AccountHistory { store Ledger; projections Accounts; snapshots every 200 }`
        },
        {
            name: 'a block without a store',
            code: `event-sourcing Carts {\n}`,
            errors: [{ messageId: 'missing', line: 1, message: "Event sourcing 'Carts' declares" }],
            output: `event-sourcing Carts {\n    snapshots every 1000\n}`
        }
    ]
});
