import type { RuleMeta } from '../language/src/lint/types.js';

export const RULES_DIR: string;
export const INDEX_BEGIN: string;
/** The index block of docs/rules/README.md, markers included. */
export function ruleIndex(metas: readonly RuleMeta[]): string;
/** The README with its index block replaced; undefined when the page has no index block. */
export function withRuleIndex(page: string, metas: readonly RuleMeta[]): string | undefined;
export function generateRuleDocs(options?: { check?: boolean; dir?: string }): Promise<{ stale: string[]; missing: string[] }>;
