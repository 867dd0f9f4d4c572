import { defineRule } from '../define-rule.js';

export const UNUSED_SUPPRESSION_ID = 'unused-suppression';

/**
 * Reported by the engine itself (it is the only one that sees which findings a comment silenced);
 * declared as a rule so it has a severity, a page and can be configured like the others.
 */
export default defineRule({
    meta: {
        id: UNUSED_SUPPRESSION_ID,
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A `sysd-ignore` comment that silences nothing, names an unknown rule, or gives no reason.',
        grounding: { seeds: [], catalog: [] },
        messages: {
            unused: "This 'sysd-ignore' names '{{rule}}' but nothing here reports it; remove it so it cannot hide a future finding.",
            unknownRule: "'{{rule}}' is not a sysd rule; run 'sysd rules' to list them.",
            noRule: "'sysd-ignore' must name at least one rule to silence, e.g. '// sysd-ignore shared-database -- reason'.",
            noReason: "Say why '{{rules}}' is silenced: add '-- <reason>' to the comment."
        },
        options: {},
        fixable: false
    },
    check() {
        // Findings come from the engine (see engine.ts).
    }
});
