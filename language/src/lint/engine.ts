import type { LangiumDocument } from 'langium';
import type { ArchModel } from '../model/workspace.js';
import { completeModel } from './complete.js';
import type { SourceLocation } from '../model/types.js';
import type { ResolvedConfig } from './config.js';
import { createFixer } from './fixer.js';
import { ALL_RULES } from './rules/index.js';
import unusedSuppression, { UNUSED_SUPPRESSION_ID } from './rules/unused-suppression.js';
import { DocumentSuppressions } from './suppression.js';
import { fillTemplate } from '../words.js';
import { logInternalError } from '../host/internal-error.js';
import { RULE_FAILED, type Finding, type FixModel, type LintContext, type ReportDescriptor, type Rule, type Severity } from './types.js';

export interface LintRequest {
    model: ArchModel;
    /** A parsed document of the model, by URI (for fixes and suppression comments). */
    documents: (uri: string) => LangiumDocument | undefined;
    config: ResolvedConfig;
    rules?: readonly Rule[];
    /**
     * The documents whose findings the caller keeps, in order (all of the model's when absent). A rule
     * that fails is reported on the first of them, so the report is never dropped with another group's.
     */
    uris?: readonly string[];
    /**
     * Whether the documents are still as they were when they were linted (always, when absent). Fixes
     * are built when first read (`Finding.fixes`): once this says no, those not built yet are empty.
     */
    current?: () => boolean;
}

/**
 * Fills the placeholders of a message template: `{{name}}` with `data.name`, and the plural form
 * `{{name:one|other}}` with the form that agrees with the number `data.name` (see `words.ts`).
 */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
    return fillTemplate(template, data);
}

/** Where the time each rule's check takes is added up, while someone asks (`TIMING=1 sysd check`). */
let ruleTiming: Map<string, number> | undefined;

/**
 * Adds the milliseconds each rule's `check` takes to `into` (by rule id) on every lint run from now
 * on, until called with undefined: what `TIMING=1 sysd check` prints, like ESLint's `TIMING`.
 */
export function collectRuleTiming(into: Map<string, number> | undefined): void {
    ruleTiming = into;
}

/**
 * Runs every enabled rule over the model, applies severities and `sysd-ignore` comments, and
 * reports unused or unexplained suppressions. A rule that throws becomes one finding naming it.
 * Rules see only the part of the model that is complete enough to be named (see `completeModel`).
 */
export function lint(request: LintRequest): Finding[] {
    const rules = request.rules ?? ALL_RULES;
    const fixer = createFixer(request.documents);
    const text = (uri: string) => request.documents(uri)?.textDocument.getText();
    const model = completeModel(request.model);
    const findings: Finding[] = [];
    for (const rule of rules) {
        const setting = request.config.get(rule.meta.id);
        const severity = setting?.severity ?? rule.meta.defaultSeverity;
        if (severity === 'off' || rule.meta.id === UNUSED_SUPPRESSION_ID) continue;
        const reported: Finding[] = [];
        const context: LintContext = {
            model,
            // Without a setting the rule gets its defaults: `defineRule` reads options through the schema.
            options: setting?.options ?? {},
            text,
            fixer,
            report(descriptor: ReportDescriptor) {
                reported.push(toFinding(rule, severity, descriptor, request.current));
            }
        };
        const started = ruleTiming ? performance.now() : 0;
        try {
            rule.check(context);
            // One by one: spreading a very large list into push() overflows the call stack.
            for (const finding of reported) findings.push(finding);
        } catch (error) {
            findings.push(crashFinding(rule, request, error));
        }
        if (ruleTiming) ruleTiming.set(rule.meta.id, (ruleTiming.get(rule.meta.id) ?? 0) + performance.now() - started);
    }
    return applySuppressions(findings, request, rules);
}

function toFinding(rule: Rule, severity: Severity, descriptor: ReportDescriptor, current?: () => boolean): Finding {
    const template = rule.meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`rule '${rule.meta.id}' reported unknown messageId '${descriptor.messageId}'`);
    // A finding without a place cannot be shown or suppressed: fail the rule here, not the whole run later.
    if (!isLocation(descriptor.loc)) throw new Error(`rule '${rule.meta.id}' reported '${descriptor.messageId}' without a location`);
    const finding = {
        ruleId: rule.meta.id,
        messageId: descriptor.messageId,
        severity,
        message: formatMessage(template, descriptor.data),
        loc: descriptor.loc,
        elements: [...new Set(descriptor.elements ?? [])],
        related: descriptor.related ?? []
    };
    const given = descriptor.fixes;
    if (typeof given !== 'function') return { ...finding, fixes: usableFixes(given) };
    let fixes: FixModel[] | undefined;
    return Object.defineProperty(finding, 'fixes', {
        enumerable: true,
        get: () => fixes ??= current && !current() ? [] : usableFixes(buildFixes(rule, given))
    }) as Finding;
}

/** The fixes whose edits were all made (a fixer method answers undefined when it cannot edit). */
function usableFixes(fixes: readonly FixModel[] | undefined): FixModel[] {
    return fixes?.filter(fix => fix.edits.length > 0 && fix.edits.every(Boolean)) ?? [];
}

/** A rule's lazy fixes; a rule whose fix builder throws offers no fix (its finding stands). */
function buildFixes(rule: Rule, build: () => FixModel[]): FixModel[] {
    try {
        return build();
    } catch (error) {
        logInternalError(`building the quick fixes of rule '${rule.meta.id}'`, error);
        return [];
    }
}

function isLocation(loc: unknown): loc is SourceLocation {
    const candidate = loc as Partial<SourceLocation> | undefined;
    return typeof candidate?.uri === 'string' && typeof candidate.range?.start.line === 'number' && typeof candidate.range.end.line === 'number';
}

/**
 * The finding that stands for a rule that threw. It is information, not an error: nothing is wrong
 * with the user's design, sysd just could not check it. It sits at the top of the first document the
 * run covers, so the caller keeps it, and it names the rule so the bug can be reported.
 */
function crashFinding(rule: Rule, request: LintRequest, error: unknown): Finding {
    const uri = request.uris?.[0] ?? request.model.uris[0] ?? 'unknown:';
    const loc: SourceLocation = { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const reason = error instanceof Error ? error.message : String(error);
    return {
        ruleId: rule.meta.id, messageId: RULE_FAILED, severity: 'info', loc, elements: [], related: [], fixes: [],
        message: `Rule '${rule.meta.id}' failed and was skipped (${reason}), so its findings are left out for now. This is a bug in sysd, not in your design; please report it.`
    };
}

type UnusedSuppressionMessage = keyof typeof unusedSuppression.meta.messages;

function applySuppressions(findings: Finding[], request: LintRequest, rules: readonly Rule[]): Finding[] {
    const perDocument = new Map<string, DocumentSuppressions | undefined>();
    const documentInfo = (uri: string) => {
        if (!perDocument.has(uri)) {
            const document = request.documents(uri);
            perDocument.set(uri, document && new DocumentSuppressions(document));
        }
        return perDocument.get(uri);
    };
    const kept: Finding[] = [];
    for (const finding of findings) {
        // Most documents have no directive at all: `at` looks nothing up then.
        const match = documentInfo(finding.loc.uri)?.at(finding.loc.range).find(s => s.rules.includes(finding.ruleId));
        if (match) match.used.add(finding.ruleId);
        else kept.push(finding);
    }
    const unusedRule = rules.find(rule => rule.meta.id === UNUSED_SUPPRESSION_ID);
    const unusedSeverity = request.config.get(UNUSED_SUPPRESSION_ID)?.severity ?? unusedRule?.meta.defaultSeverity ?? 'warning';
    if (!unusedRule || unusedSeverity === 'off') return kept;
    const known = new Set(rules.map(rule => rule.meta.id));
    // Every document of the model may hold directives, also those without findings.
    for (const uri of request.model.uris) documentInfo(uri);
    for (const info of perDocument.values()) {
        for (const suppression of info?.all ?? []) {
            const loc = { uri: suppression.uri, range: suppression.range };
            // A comment is text, not architecture: these findings name no element.
            const report = (messageId: UnusedSuppressionMessage, data: Record<string, string>) =>
                kept.push(toFinding(unusedRule, unusedSeverity, { messageId, data, loc }));
            if (suppression.rules.length === 0) {
                report('noRule', {});
                continue;
            }
            for (const id of suppression.rules) {
                if (!known.has(id)) report('unknownRule', { rule: id });
                else if (!suppression.used.has(id)) report('unused', { rule: id });
            }
            if (!suppression.reason) report('noReason', { rules: suppression.rules.join(', ') });
        }
    }
    return kept;
}
