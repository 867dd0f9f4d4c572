import rule, { compensationName } from '../../../language/src/lint/rules/saga-step-without-compensation.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';

const services = `service Orders\nservice Billing\nservice Seats\nservice Email\n`;

describe('compensationName', () => {
    it('camel-cases the action behind the prefix', () => {
        expect(compensationName('cancel', 'reserve')).toBe('cancelReserve');
        expect(compensationName('cancel', 'reserve-seat')).toBe('cancelReserveSeat');
        expect(compensationName('undo', 'chargeCard')).toBe('undoChargeCard');
        expect(compensationName('', 'reserve-seat')).toBe('reserveSeat');
    });

    it('gives no name for an action without a word in it', () => {
        expect(compensationName('', '-')).toBeUndefined();
        expect(compensationName('cancel', '_-_')).toBeUndefined();
        expect(compensationName('', '')).toBeUndefined();
    });
});

ruleTester(rule, {
    valid: [
        {
            name: 'every step but the last is compensated',
            code: `${services}saga Booking orchestrated by Orders {\n  step Billing.authorize compensate Billing.refund\n  step Seats.reserve compensate Seats.release\n  step Email.confirm\n}`
        },
        {
            name: 'an explicit no-compensation is a decision',
            code: `${services}saga Booking orchestrated by Orders {\n  step Billing.check no-compensation\n  step Seats.reserve compensate Seats.release\n  step Email.confirm\n}`
        },
        { name: 'a single step needs no compensation', code: `${services}saga Ping orchestrated by Orders {\n  step Email.confirm\n}` },
        { name: 'the last step is the pivot', code: `${services}saga Pay orchestrated by Orders {\n  step Seats.hold compensate Seats.release\n  step Billing.charge external\n}` }
    ],
    invalid: [
        {
            name: 'a middle step without compensation',
            code: `${services}saga Booking orchestrated by Orders {\n  step Billing.authorize compensate Billing.refund\n  step Seats.reserve\n  step Email.confirm\n}`,
            errors: [{ messageId: 'missing', line: 7, message: "'Seats.reserve' of saga 'Booking'" }],
            output: `${services}saga Booking orchestrated by Orders {\n  step Billing.authorize compensate Billing.refund\n  step Seats.reserve compensate Seats.cancelReserve\n  step Email.confirm\n}`
        },
        {
            name: 'an external step keeps its marker after the fix',
            code: `${services}saga Pay orchestrated by Orders {\n  step Billing.charge-card external\n  step Email.confirm\n}`,
            errors: [{ messageId: 'missing', line: 6 }],
            output: `${services}saga Pay orchestrated by Orders {\n  step Billing.charge-card compensate Billing.cancelChargeCard external\n  step Email.confirm\n}`
        },
        {
            name: 'one finding per uncompensated step, on one line with semicolons',
            code: `${services}saga Booking choreographed { step Billing.authorize; step Seats.reserve; step Email.confirm }`,
            errors: [{ messageId: 'missing', message: 'Billing.authorize' }, { messageId: 'missing', message: 'Seats.reserve' }],
            output: `${services}saga Booking choreographed { step Billing.authorize compensate Billing.cancelAuthorize; step Seats.reserve; step Email.confirm }`
        },
        {
            name: 'the verb of the fix is an option',
            code: `${services}saga Booking orchestrated by Orders {\n  step Seats.reserve\n  step Email.confirm\n}`,
            options: { compensationPrefix: 'undo' },
            errors: [{ messageId: 'missing' }],
            output: `${services}saga Booking orchestrated by Orders {\n  step Seats.reserve compensate Seats.undoReserve\n  step Email.confirm\n}`
        }
    ]
});
