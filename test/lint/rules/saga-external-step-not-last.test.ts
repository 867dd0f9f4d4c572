import rule from '../../../language/src/lint/rules/saga-external-step-not-last.js';
import { ruleTester } from '../rule-tester.js';

const services = `service Orders\nservice Billing\nservice Seats\nservice Email\n`;

ruleTester(rule, {
    valid: [
        { name: 'the external step comes last', code: `${services}saga Booking orchestrated by Orders {\n  step Seats.reserve compensate Seats.release\n  step Email.confirm no-compensation external\n}` },
        { name: 'an external step that can be compensated', code: `${services}saga Booking orchestrated by Orders {\n  step Billing.charge compensate Billing.refund external\n  step Seats.reserve\n}` },
        { name: 'an internal step without compensation', code: `${services}saga Booking orchestrated by Orders {\n  step Billing.check no-compensation\n  step Seats.reserve\n}` }
    ],
    invalid: [
        {
            name: 'an email sent before the reservation',
            code: `${services}saga Booking orchestrated by Orders {\n  step Email.confirm no-compensation external\n  step Seats.reserve\n}`,
            errors: [{ messageId: 'irreversible', line: 6, message: 'yet 1 step still follows' }]
        },
        {
            name: 'two steps follow',
            code: `${services}saga Booking orchestrated by Orders {\n  step Billing.charge no-compensation external\n  step Seats.reserve compensate Seats.release\n  step Email.confirm\n}`,
            errors: [{ messageId: 'irreversible', message: 'yet 2 steps still follow:' }]
        },
        {
            name: 'each irreversible step is reported',
            code: `${services}saga Booking choreographed { step Billing.charge no-compensation external; step Email.notify no-compensation external; step Seats.reserve }`,
            errors: [{ messageId: 'irreversible', message: 'Billing.charge' }, { messageId: 'irreversible', message: 'Email.notify' }]
        }
    ]
});
