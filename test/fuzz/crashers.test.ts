/**
 * Every crasher the fuzzer found and minimised (test/fuzz/crashers/) goes through the whole pipeline,
 * ELK layout included, without an exception or a failed rule.
 */
import { describe, expect, it } from 'vitest';
import { savedCrashers } from './crashers.js';
import { Pipeline } from './pipeline.js';

describe('fuzz crashers', () => {
    const pipeline = new Pipeline({ elkShare: 1 });
    const crashers = savedCrashers();

    it('has crashers to replay', () => {
        expect(crashers.length).toBeGreaterThan(0);
    });

    for (const crasher of crashers) {
        it(`${crasher.name} passes every stage`, async () => {
            const result = await pipeline.run(crasher.text, 0);
            expect(result.failures.map(f => `${f.signature}\n${f.stack ?? ''}`)).toEqual([]);
        });
    }
});
