import { describe, expect, test } from 'vitest';
import { formatTiming, timingLimit } from '../../cli/src/format/timing.js';
import { collectRuleTiming, lint } from '../../language/src/lint/engine.js';
import { resolveConfig } from '../../language/src/lint/config.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { workspace } from '../helpers.js';

describe('TIMING=1 sysd check', () => {
    test('reads TIMING as ESLint does: a count, all, or ten', () => {
        expect(timingLimit(undefined)).toBeUndefined();
        expect(timingLimit('')).toBeUndefined();
        expect(timingLimit('0')).toBeUndefined();
        expect(timingLimit('1')).toBe(1);
        expect(timingLimit('25')).toBe(25);
        expect(timingLimit('all')).toBe(Number.POSITIVE_INFINITY);
        expect(timingLimit('yes')).toBe(10);
    });

    test('the table lists the slowest rules first with their share, aligned', () => {
        const table = formatTiming(new Map([['fast-rule', 1], ['slow-rule', 3], ['middle', 2], ['tiny', 0.5]]), 3);
        const lines = table.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^Rule\s+\| Time \(ms\) \| Relative$/);
        expect(lines.slice(2).map(line => line.split('|')[0].trim())).toEqual(['slow-rule', 'middle', 'fast-rule']);
        expect(lines[2]).toContain('3.000');
        expect(lines[2]).toContain('46.2%');
        // Every row, the separator included, is as wide as the header.
        for (const line of lines) expect(line.length).toBe(lines[0].length);
        expect(lines[1]).toMatch(/^:-+\|-+:\|-+:$/);
    });

    test('the engine adds up each rule\'s time only while asked', async () => {
        const { model } = await workspace('system S { service A { calls B } service B { } }');
        const config = resolveConfig(ALL_RULES, []);
        const times = new Map<string, number>();
        collectRuleTiming(times);
        try {
            lint({ model, documents: () => undefined, config });
        } finally {
            collectRuleTiming(undefined);
        }
        expect(times.has('sync-call-without-timeout')).toBe(true);
        expect([...times.values()].every(ms => ms >= 0)).toBe(true);
        const before = new Map(times);
        lint({ model, documents: () => undefined, config });
        expect(times).toEqual(before);
    });
});
