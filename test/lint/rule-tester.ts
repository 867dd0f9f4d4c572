import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../language/src/lint/config.js';
import { formatMessage, lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import type { Finding, FixModel, OptionValues, OptionsSchema, Rule } from '../../language/src/lint/types.js';
import { textDocument } from '../../language/src/lint/text.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { workspace } from '../helpers.js';

export interface ValidCase<S extends OptionsSchema = OptionsSchema> {
    /** What the case shows; defaults to the first line of the code. */
    name?: string;
    code: string;
    /** Options of the rule under test, typed by its schema (a misspelt option name does not compile). */
    options?: Partial<OptionValues<S>>;
}

export interface ExpectedFinding<M extends string = string> {
    /** The message id the rule must report (a key of its `meta.messages`). */
    messageId: M;
    /** 1-based line of the squiggle's start. */
    line?: number;
    /** The values the template is filled with: the message must equal the template filled with them. */
    data?: Record<string, string | number>;
    /** Substring the message must contain. */
    message?: string;
    /** The ids of the elements the finding is about, in any order. */
    elements?: string[];
}

export interface InvalidCase<S extends OptionsSchema = OptionsSchema, M extends string = string> extends ValidCase<S> {
    errors: ExpectedFinding<M>[];
    /** The text after applying the first fix of the first finding; the finding must then be gone. */
    output?: string;
}

/** Lints `code` with only `rule` enabled and returns its findings (parse and link errors fail the case). */
export async function lintWith(rule: Rule, code: string, options?: Readonly<Record<string, unknown>>): Promise<{ findings: Finding[]; text: string; model: ArchModel }> {
    const { documents, model } = await workspace({ 'case.sysd': code });
    const document = documents[0];
    const parseErrors = [...document.parseResult.lexerErrors.map(e => e.message), ...document.parseResult.parserErrors.map(e => e.message)];
    if (parseErrors.length > 0) throw new Error(`case does not parse: ${parseErrors.join('; ')}\n${code}`);
    // Syntax, linking and model errors (not lint findings, which carry their rule id in `data`).
    const linkErrors = (document.diagnostics ?? []).filter(d => d.severity === 1 && !(d.data as { ruleId?: string } | undefined)?.ruleId);
    if (linkErrors.length > 0) throw new Error(`case has errors: ${linkErrors.map(d => (typeof d.message === 'string' ? d.message : d.message.value)).join('; ')}\n${code}`);
    const modelErrors = model.problems.filter(p => p.severity === 'error');
    if (modelErrors.length > 0) throw new Error(`case has model errors: ${modelErrors.map(p => p.message).join('; ')}\n${code}`);
    const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules: { [rule.meta.id]: options ? [testedSeverity(rule), options] : testedSeverity(rule) } } }]);
    const findings = lint({ model, documents: () => document, config, rules: [rule] });
    return { findings: findings.filter(f => f.ruleId === rule.meta.id), text: code, model };
}

/** Every id a finding may name: components, relations and the blocks of the model. */
export function elementIds(model: ArchModel): Set<string> {
    return new Set([
        ...model.components.keys(),
        ...[...model.relations, ...model.sagas, ...model.cqrs, ...model.views, ...model.eventSourcing, ...model.transactions, ...model.slos, ...model.flows].map(e => e.id)
    ]);
}

/** Applies the edits of a fix to a single document's text. */
export function applyFix(text: string, fix: FixModel): string {
    const document = textDocument(text);
    const edits = [...fix.edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
    let result = text;
    for (const edit of edits) {
        result = result.slice(0, document.offsetAt(edit.range.start)) + edit.newText + result.slice(document.offsetAt(edit.range.end));
    }
    return result;
}

/**
 * ESLint-style tester. Findings are matched by message id (and by the filled template when a case
 * gives `data`), in order. Rejects malformed suites: an invalid case without expected findings, the
 * same case twice, fewer than three valid or three invalid cases, and (when run) cases that do not parse.
 * Every finding must name at least one element of the model. The rule's types check the cases: an
 * expected message id or an option the rule does not have is a compile error.
 */
export function ruleTester<S extends OptionsSchema, M extends string>(
    rule: Rule<S, M>,
    cases: { valid: (ValidCase<NoInfer<S>> | string)[]; invalid: InvalidCase<NoInfer<S>, NoInfer<M>>[] }
): void {
    const valid = cases.valid.map(c => (typeof c === 'string' ? { code: c } : c));
    const problems = checkSuite(rule, valid, cases.invalid);
    describe(`rule ${rule.meta.id}`, () => {
        it('has a well-formed test suite', () => {
            expect(problems).toEqual([]);
        });
        for (const [i, c] of valid.entries()) {
            it(`valid #${i + 1}: ${c.name ?? firstLine(c.code)}`, async () => {
                const { findings } = await lintWith(rule, c.code, c.options);
                expect(findings.map(f => f.message)).toEqual([]);
            });
        }
        for (const [i, c] of cases.invalid.entries()) {
            it(`invalid #${i + 1}: ${c.name ?? firstLine(c.code)}`, async () => {
                const { findings, model } = await lintWith(rule, c.code, c.options);
                expect(findings.map(f => f.messageId), findings.map(f => f.message).join('\n')).toEqual(c.errors.map(e => e.messageId));
                c.errors.forEach((expected, index) => {
                    const finding = findings[index];
                    if (expected.line !== undefined) expect(finding.loc.range.start.line + 1).toBe(expected.line);
                    if (expected.data !== undefined) expect(finding.message).toBe(formatMessage(rule.meta.messages[expected.messageId], expected.data));
                    if (expected.message !== undefined) expect(finding.message).toContain(expected.message);
                    if (expected.elements !== undefined) expect([...finding.elements].sort()).toEqual([...expected.elements].sort());
                });
                const known = elementIds(model);
                for (const finding of findings) {
                    expect(finding.elements.length, `'${finding.message}' names no element`).toBeGreaterThan(0);
                    for (const id of finding.elements) expect(known.has(id), `'${id}' is not an element of the model`).toBe(true);
                }
                if (c.output !== undefined) {
                    expect(findings[0].fixes.length, 'the first finding has no fix').toBeGreaterThan(0);
                    const fixed = applyFix(c.code, findings[0].fixes[0]);
                    expect(fixed).toBe(c.output);
                    const after = await lintWith(rule, fixed, c.options);
                    expect(after.findings.length, 'the fix leaves the finding in place').toBeLessThan(findings.length);
                }
            });
        }
    });
}

/** The severity a rule is tested at: its default, or `info` for a rule that is off until a project turns it on. */
function testedSeverity(rule: Rule): 'error' | 'warning' | 'info' | 'hint' {
    return rule.meta.defaultSeverity === 'off' ? 'info' : rule.meta.defaultSeverity;
}

function checkSuite(rule: Rule, valid: readonly ValidCase[], invalid: readonly InvalidCase[]): string[] {
    const problems: string[] = [];
    if (valid.length < 3) problems.push(`needs at least 3 valid cases, has ${valid.length}`);
    if (invalid.length < 3) problems.push(`needs at least 3 invalid cases, has ${invalid.length}`);
    const seen = new Set<string>();
    for (const c of [...valid, ...invalid]) {
        const key = JSON.stringify([c.code.trim(), c.options ?? null]);
        if (seen.has(key)) problems.push(`duplicate case: ${firstLine(c.code)}`);
        seen.add(key);
    }
    for (const c of invalid) {
        if (!c.errors || c.errors.length === 0) problems.push(`invalid case without expected findings: ${firstLine(c.code)}`);
        for (const e of c.errors ?? []) {
            if (!(e.messageId in rule.meta.messages)) problems.push(`unknown messageId '${e.messageId}'`);
        }
    }
    if (rule.meta.fixable && !invalid.some(c => c.output !== undefined)) problems.push('fixable rule without a case checking its fix output');
    return problems;
}

function firstLine(code: string): string {
    return code.trim().split('\n')[0].slice(0, 70);
}
