import type { Rule } from '../types.js';
import { ANALYSIS_RULES } from './group-analysis.js';
import { BOUNDARY_RULES } from './group-boundaries.js';
import { DATA_RULES } from './group-data.js';
import { MESSAGING_RULES } from './group-messaging.js';
import { RESILIENCE_RULES } from './group-resilience.js';
import unusedSuppression from './unused-suppression.js';

/**
 * Every rule sysd knows. A rule is one file in this folder; each group file lists the rules of one
 * area (so that rules of different areas can be added without touching the same list).
 */
export const ALL_RULES: readonly Rule[] = [
    ...RESILIENCE_RULES,
    ...BOUNDARY_RULES,
    ...MESSAGING_RULES,
    ...DATA_RULES,
    ...ANALYSIS_RULES,
    unusedSuppression
];
