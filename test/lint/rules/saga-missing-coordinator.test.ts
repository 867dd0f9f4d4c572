import rule from '../../../language/src/lint/rules/saga-missing-coordinator.js';
import { ruleTester } from '../rule-tester.js';

const services = `service Orders\nservice Billing\nservice Seats\n`;
const steps = `  step Billing.authorize compensate Billing.refund\n  step Seats.reserve\n`;

ruleTester(rule, {
    valid: [
        { name: 'orchestrated', code: `${services}saga Booking orchestrated by Orders {\n${steps}}` },
        { name: 'choreographed over a broker', code: `${services}broker Bus : kafka { topic events }\nsaga Booking choreographed over Bus {\n${steps}}` },
        {
            name: 'choreographed through events the step services exchange',
            code: `service Billing { publishes Bus.paid }\nservice Seats { consumes Bus.paid }\nbroker Bus : kafka { topic paid }\nsaga Booking choreographed {\n${steps}}`
        },
        { name: 'a saga without steps is not judged', code: `${services}saga Empty {\n}` }
    ],
    invalid: [
        {
            name: 'no coordination at all',
            code: `${services}saga Booking {\n${steps}}`,
            errors: [{ messageId: 'unspecified', line: 4, message: "Saga 'Booking'" }]
        },
        {
            name: 'choreographed with nothing to carry the events',
            code: `${services}saga Booking choreographed {\n${steps}}`,
            errors: [{ messageId: 'noBroker', line: 4, message: 'Billing, Seats' }]
        },
        {
            name: 'a service consuming its own events does not link the steps',
            code: `service Billing { publishes Bus.paid; consumes Bus.paid }\nservice Seats\nbroker Bus : kafka { topic paid }\nsaga Booking choreographed {\n${steps}}`,
            errors: [{ messageId: 'noBroker', line: 4 }]
        }
    ]
});
