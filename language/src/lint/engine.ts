import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArchModel } from '../model/workspace.js';
import type { SourceLocation } from '../model/types.js';
import type { ResolvedConfig } from './config.js';
import { createFixer } from './fixer.js';
import { ALL_RULES } from './rules/index.js';
import unusedSuppression, { UNUSED_SUPPRESSION_ID } from './rules/unused-suppression.js';
import { parseSuppressions, suppressionsAbove, type Suppression } from './suppression.js';
import { textDocument } from './text.js';
import { RULE_FAILED, type Finding, type LintContext, type ReportDescriptor, type Rule, type Severity } from './types.js';

export interface LintRequest {
    model: ArchModel;
    /** Source text of a document of the model (for fixes and suppression comments). */
    text: (uri: string) => string | undefined;
    config: ResolvedConfig;
    rules?: readonly Rule[];
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

/**
 * Runs every enabled rule over the model, applies severities and `sysd-ignore` comments, and
 * reports unused or unexplained suppressions. A rule that throws becomes one finding naming it.
 */
export function lint(request: LintRequest): Finding[] {
    const rules = request.rules ?? ALL_RULES;
    const fixer = createFixer(request.text);
    const findings: Finding[] = [];
    for (const rule of rules) {
        const setting = request.config.get(rule.meta.id);
        const severity = setting?.severity ?? rule.meta.defaultSeverity;
        if (severity === 'off' || rule.meta.id === UNUSED_SUPPRESSION_ID) continue;
        const reported: Finding[] = [];
        const context: LintContext = {
            model: request.model,
            // Without a setting the rule gets its defaults: `defineRule` reads options through the schema.
            options: setting?.options ?? {},
            text: request.text,
            fixer,
            report(descriptor: ReportDescriptor) {
                reported.push(toFinding(rule, severity, descriptor));
            }
        };
        try {
            rule.check(context);
            findings.push(...reported);
        } catch (error) {
            findings.push(crashFinding(rule, request.model, error));
        }
    }
    return applySuppressions(findings, request, rules);
}

function toFinding(rule: Rule, severity: Severity, descriptor: ReportDescriptor): Finding {
    const template = rule.meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`rule '${rule.meta.id}' reported unknown messageId '${descriptor.messageId}'`);
    return {
        ruleId: rule.meta.id,
        messageId: descriptor.messageId,
        severity,
        message: formatMessage(template, descriptor.data),
        loc: descriptor.loc,
        elements: [...new Set(descriptor.elements ?? [])],
        related: descriptor.related ?? [],
        fixes: descriptor.fixes?.filter(fix => fix.edits.length > 0 && fix.edits.every(Boolean)) ?? []
    };
}

function crashFinding(rule: Rule, model: ArchModel, error: unknown): Finding {
    const uri = model.uris[0] ?? 'unknown:';
    const loc: SourceLocation = { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const reason = error instanceof Error ? error.message : String(error);
    return {
        ruleId: rule.meta.id, messageId: RULE_FAILED, severity: 'error', loc, elements: [], related: [], fixes: [],
        message: `Rule '${rule.meta.id}' failed and was skipped: ${reason}. This is a bug in sysd; please report it with this file.`
    };
}

type UnusedSuppressionMessage = keyof typeof unusedSuppression.meta.messages;

function applySuppressions(findings: Finding[], request: LintRequest, rules: readonly Rule[]): Finding[] {
    const perDocument = new Map<string, { document: TextDocument; all: Suppression[]; byLine: Map<number, Suppression> }>();
    const documentInfo = (uri: string) => {
        let info = perDocument.get(uri);
        if (!info) {
            const text = request.text(uri);
            const document = textDocument(text ?? '', uri);
            const all = text === undefined ? [] : parseSuppressions(uri, document);
            info = { document, all, byLine: new Map(all.map(s => [s.line, s])) };
            perDocument.set(uri, info);
        }
        return info;
    };
    const kept: Finding[] = [];
    for (const finding of findings) {
        const info = documentInfo(finding.loc.uri);
        const candidates = [
            ...info.all.filter(s => s.fileWide),
            ...suppressionsAbove(info.document, info.byLine, finding.loc.range.start.line)
        ];
        const match = candidates.find(s => s.rules.includes(finding.ruleId));
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
        for (const suppression of info.all) {
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
