import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../language/src/lint/config.js';
import { lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import type { Finding, FixModel, Rule } from '../../language/src/lint/types.js';
import { LineIndex } from '../../language/src/lint/text.js';
import { workspace } from '../helpers.js';

export interface ValidCase {
    /** What the case shows; defaults to the first line of the code. */
    name?: string;
    code: string;
    options?: Record<string, unknown>;
}

export interface ExpectedFinding {
    messageId: string;
    /** 1-based line of the squiggle's start. */
    line?: number;
    /** Substring the message must contain. */
    message?: string;
}

export interface InvalidCase extends ValidCase {
    errors: ExpectedFinding[];
    /** The text after applying the first fix of the first finding; the finding must then be gone. */
    output?: string;
}

/** Lints `code` with only `rule` enabled and returns its findings (parse and link errors fail the case). */
export async function lintWith(rule: Rule, code: string, options?: Record<string, unknown>): Promise<{ findings: Finding[]; text: string }> {
    const { documents, model } = await workspace({ 'case.sysd': code });
    const document = documents[0];
    const parseErrors = [...document.parseResult.lexerErrors.map(e => e.message), ...document.parseResult.parserErrors.map(e => e.message)];
    if (parseErrors.length > 0) throw new Error(`case does not parse: ${parseErrors.join('; ')}\n${code}`);
    // Syntax, linking and model errors (not lint findings, which carry their rule id in `data`).
    const linkErrors = (document.diagnostics ?? []).filter(d => d.severity === 1 && !(d.data as { ruleId?: string } | undefined)?.ruleId);
    if (linkErrors.length > 0) throw new Error(`case has errors: ${linkErrors.map(d => d.message).join('; ')}\n${code}`);
    const modelErrors = model.problems.filter(p => p.severity === 'error');
    if (modelErrors.length > 0) throw new Error(`case has model errors: ${modelErrors.map(p => p.message).join('; ')}\n${code}`);
    const config = resolveConfig(ALL_RULES, [{ source: 'test', config: { rules: { [rule.meta.id]: options ? [rule.meta.defaultSeverity, options] : rule.meta.defaultSeverity } } }]);
    const findings = lint({ model, text: () => code, config, rules: [rule] });
    return { findings: findings.filter(f => f.ruleId === rule.meta.id), text: code };
}

/** Applies the edits of a fix to a single document's text. */
export function applyFix(text: string, fix: FixModel): string {
    const lines = new LineIndex(text);
    const edits = [...fix.edits].sort((a, b) => lines.offset(b.range.start) - lines.offset(a.range.start));
    let result = text;
    for (const edit of edits) {
        result = result.slice(0, lines.offset(edit.range.start)) + edit.newText + result.slice(lines.offset(edit.range.end));
    }
    return result;
}

/**
 * ESLint-style tester. Rejects malformed suites: an invalid case without expected findings, the
 * same case twice, fewer than three valid or three invalid cases, and (when run) cases that do not parse.
 */
export function ruleTester(rule: Rule, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): void {
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
                const { findings } = await lintWith(rule, c.code, c.options);
                const byMessageId = (f: Finding) => Object.entries(rule.meta.messages).find(([, template]) => matchesTemplate(template, f.message))?.[0];
                expect(findings.map(f => byMessageId(f)), findings.map(f => f.message).join('\n')).toEqual(c.errors.map(e => e.messageId));
                c.errors.forEach((expected, index) => {
                    if (expected.line !== undefined) expect(findings[index].loc.range.start.line + 1).toBe(expected.line);
                    if (expected.message !== undefined) expect(findings[index].message).toContain(expected.message);
                });
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

function checkSuite(rule: Rule, valid: ValidCase[], invalid: InvalidCase[]): string[] {
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

function matchesTemplate(template: string, message: string): boolean {
    const pattern = template.split(/\{\{\s*\w+\s*\}\}/).map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
    return new RegExp(`^${pattern}$`).test(message);
}

function firstLine(code: string): string {
    return code.trim().split('\n')[0].slice(0, 70);
}
