import { describe, expect, it } from 'vitest';
import { resolveConfig, parseRuleFlag, type ConfigProblem } from '../../language/src/lint/config.js';
import { formatMessage, lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { defineRule } from '../../language/src/lint/define-rule.js';
import { RULE_FAILED, type Rule } from '../../language/src/lint/types.js';
import type { SourceLocation } from '../../language/src/model/types.js';
import { workspace } from '../helpers.js';

const timeoutRule = ALL_RULES.find(r => r.meta.id === 'sync-call-without-timeout')!;
const unused = ALL_RULES.find(r => r.meta.id === 'unused-suppression')!;

async function run(code: string, rules: readonly Rule[] = [timeoutRule, unused], layers: Parameters<typeof resolveConfig>[1] = []) {
    const { model, documents } = await workspace({ 'engine.sysd': code });
    const config = resolveConfig(ALL_RULES, layers);
    return lint({ model, documents: () => documents[0], config, rules });
}

describe('lint engine', () => {
    it('fills message templates', () => {
        expect(formatMessage("'{{a}}' calls '{{ b }}'", { a: 'A', b: 2 })).toBe("'A' calls '2'");
        expect(formatMessage('{{missing}} stays', {})).toBe('{{missing}} stays');
    });

    it('turns a throwing rule into one finding that names it, and keeps running the others', async () => {
        const broken = defineRule({
            meta: { id: 'broken-rule', type: 'problem', defaultSeverity: 'warning', description: 'Always throws.', grounding: { seeds: [], catalog: [] }, messages: {}, options: {}, fixable: false },
            check() { throw new Error('boom'); }
        });
        const findings = await run(`service A { calls B }\nservice B`, [broken, timeoutRule]);
        expect(findings.map(f => f.ruleId).sort()).toEqual(['broken-rule', 'sync-call-without-timeout']);
        const crash = findings.find(f => f.ruleId === 'broken-rule')!;
        // Information, not an error: nothing is wrong with the user's design.
        expect(crash.severity).toBe('info');
        expect(crash.messageId).toBe(RULE_FAILED);
        expect(crash.elements).toEqual([]);
        expect(crash.message).toBe("Rule 'broken-rule' failed and was skipped (boom), so its findings are left out for now. This is a bug in sysd, not in your design; please report it.");
    });

    it('puts a failed rule on the first document the run covers, not on another group\'s', async () => {
        const broken = defineRule({
            meta: { id: 'broken-rule', type: 'problem', defaultSeverity: 'warning', description: 'Always throws.', grounding: { seeds: [], catalog: [] }, messages: {}, options: {}, fixable: false },
            check() { throw new Error('boom'); }
        });
        const { model } = await workspace({ 'one.sysd': 'service A', 'two.sysd': 'service B', 'three.sysd': 'service C' });
        const config = resolveConfig(ALL_RULES, []);
        const documents = () => undefined;
        expect(lint({ model, documents, config, rules: [broken] }).map(f => f.loc.uri)).toEqual([model.uris[0]]);
        const covered = [model.uris[2], model.uris[1]];
        const findings = lint({ model, documents, config, rules: [broken], uris: covered });
        expect(findings.map(f => [f.loc.uri, f.loc.range.start.line, f.severity])).toEqual([[model.uris[2], 0, 'info']]);
    });

    it('fails only the rule that reports a finding without a location', async () => {
        const placeless = defineRule({
            meta: { id: 'placeless', type: 'problem', defaultSeverity: 'warning', description: 'Reports nowhere.', grounding: { seeds: [], catalog: [] }, messages: { here: 'Here.' }, options: {}, fixable: false },
            check({ report }) { report({ messageId: 'here', loc: undefined as unknown as SourceLocation }); }
        });
        const findings = await run(`service A { calls B }\nservice B`, [placeless, timeoutRule, unused]);
        expect(findings.map(f => [f.ruleId, f.messageId])).toEqual([['placeless', RULE_FAILED], ['sync-call-without-timeout', 'missing']]);
        expect(findings[0].message).toContain("rule 'placeless' reported 'here' without a location");
    });

    it('hands the rules only what a half-typed file names: a queue without a name is skipped, not a crash', async () => {
        const { model } = await workspace({ 'typing.sysd': 'broker Bus : rabbitmq { queue jobs }\nservice Worker { consumes Bus.jobs }' });
        // What the parser leaves while the queue's name is being retyped.
        const queue = model.components.get('Bus.jobs')!;
        (queue as { name: string | undefined }).name = undefined;
        const dlqRule = ALL_RULES.find(r => r.meta.id === 'consumer-without-dlq')!;
        const findings = lint({ model, documents: () => undefined, config: resolveConfig(ALL_RULES, []), rules: [dlqRule] });
        expect(findings).toEqual([]);
    });

    it('applies severities from configuration layers, the last one winning', async () => {
        const findings = await run(`service A { calls B }\nservice B`, [timeoutRule], [
            { source: 'file', config: { rules: { 'sync-call-without-timeout': 'error' } } },
            { source: 'settings', config: { rules: { 'sync-call-without-timeout': 'info' } } }
        ]);
        expect(findings.map(f => f.severity)).toEqual(['info']);
        const off = await run(`service A { calls B }\nservice B`, [timeoutRule], [{ source: 'x', config: { rules: { 'sync-call-without-timeout': 'off' } } }]);
        expect(off).toEqual([]);
    });

    it('passes options merged over defaults to the rule', async () => {
        const findings = await run(`service A { calls B }\nservice B`, [timeoutRule], [
            { source: 'file', config: { rules: { 'sync-call-without-timeout': ['warning', { defaultTimeout: '3s' }] } } }
        ]);
        expect(findings[0].fixes[0].edits[0].newText).toBe(' { timeout 3s }');
    });

    it('reports configuration mistakes instead of throwing', () => {
        const problems: ConfigProblem[] = [];
        resolveConfig(ALL_RULES, [{ source: 'sysd.config.json', config: { rules: {
            'no-such-rule': 'error',
            'sync-call-without-timeout': 'loud' as never,
            'shared-database': ['warning', { threshold: 3 }]
        } } }], problems);
        expect(problems.map(p => p.message)).toEqual([
            "Unknown rule 'no-such-rule'. Run 'sysd rules' to list the rules.",
            "Rule 'sync-call-without-timeout': severity must be one of off, hint, info, warning, error, not \"loud\".",
            "Rule 'shared-database': unknown option 'threshold' (the rule has no options)."
        ]);
    });

    it('parses --rule flags', () => {
        expect(parseRuleFlag('shared-database=off')).toEqual({ id: 'shared-database', setting: 'off' });
        expect(parseRuleFlag('shared-database')).toBeUndefined();
        expect(parseRuleFlag('shared-database=loud')).toBeUndefined();
    });
});

describe('suppression comments', () => {
    it('silences a rule for the element below, with a reason', async () => {
        const findings = await run(`service A {\n    // sysd-ignore sync-call-without-timeout -- B answers from memory\n    calls B\n}\nservice B`);
        expect(findings).toEqual([]);
    });

    it('looks through a doc comment between the directive and the element', async () => {
        const findings = await run(`service A {\n    // sysd-ignore sync-call-without-timeout -- local call\n    /** The lookup. */\n    calls B\n}\nservice B`);
        expect(findings).toEqual([]);
    });

    it('silences a rule in the whole file', async () => {
        const findings = await run(`// sysd-ignore-file sync-call-without-timeout -- prototype\nservice A { calls B }\nservice B { calls A }`);
        expect(findings).toEqual([]);
    });

    it('does not silence other rules or other elements', async () => {
        const findings = await run(`// sysd-ignore shared-database -- legacy\nservice A { calls B }\nservice B`);
        expect(findings.map(f => f.ruleId).sort()).toEqual(['sync-call-without-timeout', 'unused-suppression']);
    });

    it('reports a suppression without a reason, with no rule, an unknown rule, or that silences nothing', async () => {
        const findings = await run([
            'service A {',
            '    // sysd-ignore sync-call-without-timeout',
            '    calls B',
            '}',
            '// sysd-ignore',
            'service B',
            '// sysd-ignore made-up-rule -- because',
            'service C',
            '// sysd-ignore sync-call-without-timeout -- nothing here calls',
            'service D'
        ].join('\n'));
        expect(findings.map(f => `${f.loc.range.start.line + 1} ${f.ruleId}: ${f.message}`)).toEqual([
            "2 unused-suppression: Say why 'sync-call-without-timeout' is silenced: add '-- <reason>' to the comment.",
            "5 unused-suppression: 'sysd-ignore' must name at least one rule to silence, e.g. '// sysd-ignore shared-database -- reason'.",
            "7 unused-suppression: 'made-up-rule' is not a sysd rule; run 'sysd rules' to list them.",
            "9 unused-suppression: This 'sysd-ignore' names 'sync-call-without-timeout' but nothing here reports it; remove it so it cannot hide a future finding."
        ]);
    });

    it('ignores the directive text inside a string', async () => {
        const findings = await run(`service A { health check "// sysd-ignore x"; calls B }\nservice B`);
        expect(findings.map(f => f.ruleId)).toEqual(['sync-call-without-timeout']);
    });
});
