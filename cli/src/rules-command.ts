import * as fs from 'node:fs';
import { ruleCatalog } from '@sysd/language';
import { ruleDocsUrl, rulePagePath } from './package-info.js';

export interface RuleEntry {
    id: string;
    type: 'problem' | 'suggestion';
    defaultSeverity: 'error' | 'warning' | 'info' | 'hint' | 'off';
    description: string;
    /** The `file://` URL of the rule's page, or null when the rule has no page yet. */
    docs: string | null;
    fixable: boolean;
}

function ruleEntries(): RuleEntry[] {
    return ruleCatalog()
        .map(rule => ({
            id: rule.id,
            type: rule.type,
            defaultSeverity: rule.defaultSeverity,
            description: rule.description,
            docs: fs.existsSync(rulePagePath(rule.id)) ? ruleDocsUrl(rule.id) : null,
            fixable: rule.fixable
        }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function formatRulesJson(): string {
    return `${JSON.stringify(ruleEntries(), null, 2)}\n`;
}

/** An aligned table: id, type, default severity, fixable, description. */
export function formatRulesTable(): string {
    const header = ['RULE', 'TYPE', 'SEVERITY', 'FIXABLE', 'DESCRIPTION'];
    const rows = ruleEntries().map(rule => [rule.id, rule.type, rule.defaultSeverity, rule.fixable ? 'yes' : 'no', rule.description]);
    const widths = header.slice(0, 4).map((title, i) => Math.max(title.length, ...rows.map(row => row[i].length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
    return `${[line(header), ...rows.map(line)].join('\n')}\n\n${rows.length} rules. Configure them in sysd.config.json or with --rule id=severity.\n`;
}
