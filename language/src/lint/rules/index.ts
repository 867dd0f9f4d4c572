import type { Rule } from '../types.js';
import unusedSuppression from './unused-suppression.js';

/** Every rule sysd knows, in catalog order. Add a rule: one file in this folder, one line here. */
export const ALL_RULES: readonly Rule[] = [
    unusedSuppression
] as unknown as readonly Rule[];
