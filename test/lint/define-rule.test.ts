import { describe, expect, it } from 'vitest';
import { lint } from '../../language/src/lint/engine.js';
import { defineRule, optionValues } from '../../language/src/lint/define-rule.js';
import { RULE_FAILED, type OptionsSchema, type Rule } from '../../language/src/lint/types.js';
import longSyncCallChain from '../../language/src/lint/rules/long-sync-call-chain.js';
import { ruleTester } from './rule-tester.js';
import { workspace } from '../helpers.js';

/** A small rule whose messages and options exercise the types of `defineRule`. */
const callsWithoutTimeout = defineRule({
    meta: {
        id: 'test-calls',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'Reports every call, for testing.',
        grounding: { seeds: [], catalog: [] },
        messages: {
            call: "'{{source}}' calls '{{target}}' (limit {{limit}}).",
            loud: 'Loud.'
        },
        options: {
            limit: { type: 'number', default: 3, minimum: 1, description: 'A number.' },
            loud: { type: 'boolean', default: false, description: 'A flag.' },
            names: { type: 'string[]', default: ['x'], description: 'A list.' }
        },
        fixable: false
    },
    check({ model, options, report }) {
        const limit: number = options.limit;
        for (const r of model.relations) {
            report({ messageId: options.loud ? 'loud' : 'call', data: { source: r.source, target: r.target, limit }, loc: r.loc, elements: [r.id, r.source] });
        }
    }
});

async function findingsOf(code: string, rule: Rule, options?: Record<string, unknown>) {
    const { model, documents } = await workspace({ 'define-rule.sysd': code });
    const config = new Map(options ? [[rule.meta.id, { severity: 'warning' as const, options }]] : []);
    return lint({ model, documents: () => documents[0], config, rules: [rule] });
}

describe('defineRule', () => {
    it('keeps the message id and every element a rule reports', async () => {
        const findings = await findingsOf('service A { calls B }\nservice B', callsWithoutTimeout, { limit: 5 });
        expect(findings.map(f => [f.messageId, f.message, f.elements])).toEqual([
            ['call', "'A' calls 'B' (limit 5).", ['A calls B', 'A']]
        ]);
    });

    it('gives a rule its defaults when the configuration does not name it', async () => {
        const findings = await findingsOf('service A { calls B }\nservice B', callsWithoutTimeout);
        expect(findings.map(f => f.message)).toEqual(["'A' calls 'B' (limit 3)."]);
    });

    it('reads options through the schema: a value that does not fit is replaced by the default', () => {
        const schema = callsWithoutTimeout.meta.options;
        expect(optionValues(schema, { limit: 0, loud: 'yes', names: ['a', 'b'], unknown: 1 })).toEqual({ limit: 3, loud: false, names: ['a', 'b'] });
        // Defaults are copies: a rule that changes its options cannot change the schema.
        optionValues(schema, {}).names.push('y');
        expect(schema.names.default).toEqual(['x']);
    });

    it('turns an unknown message id reported at run time into the failed-rule finding', async () => {
        const untyped: OptionsSchema = {};
        const loose = defineRule<OptionsSchema, string>({
            meta: { id: 'loose', type: 'problem', defaultSeverity: 'warning', description: 'Loose.', grounding: { seeds: [], catalog: [] }, messages: { known: 'Known.' }, options: untyped, fixable: false },
            check({ model, report }) {
                report({ messageId: 'unknown', loc: model.components.get('A')!.loc });
            }
        });
        const findings = await findingsOf('service A', loose);
        expect(findings.map(f => [f.ruleId, f.messageId, f.severity])).toEqual([['loose', RULE_FAILED, 'info']]);
        expect(findings[0].message).toContain("reported unknown messageId 'unknown'");
    });
});

/*
 * Type-level tests: `npx tsc -p tsconfig.json` checks this file, and each `@ts-expect-error` fails
 * the typecheck when the error below it disappears. The functions are never called.
 */

export function wrongMessageIdDoesNotCompile(): Rule {
    return defineRule({
        meta: {
            id: 'typed', type: 'problem', defaultSeverity: 'warning', description: 'Typed.',
            grounding: { seeds: [], catalog: [] }, messages: { known: 'Known.' }, options: {}, fixable: false
        },
        check({ model, report }) {
            for (const c of model.components.values()) {
                report({ messageId: 'known', loc: c.loc, elements: [c.id] });
                // @ts-expect-error: 'unknown' is not a key of meta.messages
                report({ messageId: 'unknown', loc: c.loc, elements: [c.id] });
            }
        }
    });
}

export function wrongOptionNameDoesNotCompile(): Rule {
    return defineRule({
        meta: {
            id: 'typed-options', type: 'problem', defaultSeverity: 'warning', description: 'Typed options.',
            grounding: { seeds: [], catalog: [] }, messages: { deep: 'Deep.' },
            options: { maxDepth: { type: 'number', default: 3, description: 'Depth.' } },
            fixable: false
        },
        check({ options }) {
            const depth: number = options.maxDepth;
            // @ts-expect-error: the schema has no option 'maxDepht'
            void options.maxDepht;
            // @ts-expect-error: 'maxDepth' is a number, not a string
            const wrongType: string = options.maxDepth;
            void [depth, wrongType];
        }
    });
}

export function ruleTesterCasesAreTypedByTheRule(): void {
    ruleTester(longSyncCallChain, {
        valid: [
            { code: 'service A', options: { maxDepth: 4 } },
            // @ts-expect-error: long-sync-call-chain has no option 'maxDepht'
            { code: 'service B', options: { maxDepht: 4 } }
        ],
        invalid: [
            { code: 'service C', errors: [{ messageId: 'tooDeep' }] },
            // @ts-expect-error: long-sync-call-chain has no message 'tooLong'
            { code: 'service D', errors: [{ messageId: 'tooLong' }] }
        ]
    });
}
