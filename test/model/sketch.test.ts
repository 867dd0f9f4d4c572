import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticText, workspace } from '../helpers.js';

describe('the language sketch', () => {
    it('parses and links without errors', async () => {
        const text = readFileSync(new URL('../fixtures/sketch.sysd', import.meta.url), 'utf8');
        const { documents, model, diagnostics } = await workspace({ 'sketch.sysd': text });
        const doc = documents[0];
        expect(doc.parseResult.lexerErrors).toEqual([]);
        expect(doc.parseResult.parserErrors.map(e => e.message)).toEqual([]);
        const errors = diagnostics('sketch.sysd').filter(d => d.severity === 1);
        expect(errors.map(e => `${e.range.start.line + 1}: ${diagnosticText(e)}`)).toEqual([]);
        expect(model.component('Tickets.Orders')?.props.replicas).toBe(3);
        expect(model.component('Tickets.Events.orderEvents')?.props.brokerType).toBe('log-based');
    });
});
