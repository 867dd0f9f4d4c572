import { defineRule } from '../define-rule.js';

export default defineRule({
    meta: {
        id: 'stateful-function',
        type: 'problem',
        defaultSeverity: 'error',
        description: 'A serverless function is declared stateful or keeps sessions locally.',
        grounding: {
            seeds: [
                '003 › "## Serverless Architecture" (cloud functions are stateless between invocations)',
                '001 › "## Serverless Computing"'
            ],
            catalog: ['R125']
        },
        messages: {
            stateful: "Function '{{name}}' is declared stateful, but a function instance lives for one invocation and shares nothing with the next: whatever it keeps in memory is gone, or seen by only some calls.",
            session: "Function '{{name}}' keeps sessions locally, but a function instance lives for one invocation and shares nothing with the next: the session is gone on the following request."
        },
        options: {},
        fixable: true
    },
    check({ model, report, fixer }) {
        for (const c of model.components.values()) {
            if (c.kind !== 'function') continue;
            if (c.props.stateful) {
                // Only the function's own members are searched, so a function named `stateful` keeps its name.
                report({
                    messageId: 'stateful',
                    data: { name: c.name },
                    loc: c.loc,
                    elements: [c.id],
                    fixes: () => {
                        const edit = fixer.removeMember(c.loc, 'FlagProp', p => p.flag === 'stateful');
                        return edit ? [{ title: 'Remove `stateful` (keep state in a data store)', edits: [edit], preferred: true }] : [];
                    }
                });
            } else if (c.props.session === 'local') {
                report({
                    messageId: 'session',
                    data: { name: c.name },
                    loc: c.loc,
                    elements: [c.id],
                    fixes: () => {
                        const edit = fixer.setValue(c.loc, 'SessionProp', 'where', 'external', s => s.where === 'local');
                        return edit ? [{ title: 'Keep sessions in an external store', edits: [edit], preferred: true }] : [];
                    }
                });
            }
        }
    }
});
