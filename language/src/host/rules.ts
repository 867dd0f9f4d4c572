import { ALL_RULES } from '../lint/rules/index.js';
import type { RuleMeta } from '../lint/types.js';

/** What a host shows about a lint rule (a catalog, SARIF's rule list, flag checks); the rule's code stays inside. */
export type RuleSummary = Pick<RuleMeta, 'id' | 'type' | 'defaultSeverity' | 'description' | 'fixable'>;

/** Every lint rule, in registration order. */
export function ruleCatalog(): RuleSummary[] {
    return ALL_RULES.map(({ meta }) => ({
        id: meta.id,
        type: meta.type,
        defaultSeverity: meta.defaultSeverity,
        description: meta.description,
        fixable: meta.fixable
    }));
}
