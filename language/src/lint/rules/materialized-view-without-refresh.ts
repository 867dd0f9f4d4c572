import { isCompute, isWrite } from '../../model/queries.js';
import type { ViewModel } from '../../model/types.js';
import type { ArchModel } from '../../model/workspace.js';
import { defineRule } from '../define-rule.js';
import type { FixModel } from '../types.js';

export default defineRule({
    meta: {
        id: 'materialized-view-without-refresh',
        type: 'problem',
        defaultSeverity: 'warning',
        description: 'A materialized view has no refresh strategy and nothing keeps its store up to date.',
        grounding: {
            seeds: [
                '000 › "### Materialized View Pattern" › "#### Implementation"',
                '000 › "### Materialized View Pattern" › "#### Considerations"',
                '003 › "### Materialized View Pattern"'
            ],
            catalog: ['R137']
        },
        messages: {
            missing: "Materialized view '{{view}}' has no 'refresh' and nothing writes or syncs its store: it keeps the results of its first computation while {{sources}} change.",
            none: "Materialized view '{{view}}' says 'refresh none' and nothing writes or syncs its store: it keeps the results of its first computation while {{sources}} change."
        },
        options: {
            schedule: { type: 'string', default: '0 * * * *', description: 'Cron schedule the "refresh on a schedule" quick fix inserts.' }
        },
        fixable: true
    },
    check({ model, options, report, fixer }) {
        for (const view of model.views) {
            if (!view.materialized || (view.refresh !== undefined && view.refresh !== 'none')) continue;
            if (maintained(model, view)) continue;
            const fixes = (): FixModel[] => {
                const result: FixModel[] = [];
                const onChange = view.refresh === 'none'
                    ? fixer.replaceMember(view.loc, 'ViewSetting', 'refresh on-change', s => s.refresh === 'none')
                    : fixer.addMember(view.loc, 'refresh on-change');
                if (onChange) result.push({ title: 'Refresh the view whenever its sources change', edits: [onChange], preferred: true });
                const scheduled = view.refresh === 'none'
                    ? fixer.replaceMember(view.loc, 'ViewSetting', `refresh schedule "${options.schedule}"`, s => s.refresh === 'none')
                    : fixer.addMember(view.loc, `refresh schedule "${options.schedule}"`);
                if (scheduled) result.push({ title: `Refresh the view on a schedule (${options.schedule})`, edits: [scheduled] });
                return result;
            };
            const sources = view.sources.map(id => `'${model.component(id)?.name ?? id}'`);
            report({
                messageId: view.refresh === 'none' ? 'none' : 'missing',
                data: { view: view.name, sources: sources.length > 0 ? sources.join(', ') : 'its sources' },
                loc: view.loc,
                elements: [view.id],
                fixes
            });
        }
    }
});

/** Something keeps the view's store current anyway: a `syncs` into it, or code that writes it. */
function maintained(model: ArchModel, view: ViewModel): boolean {
    if (!view.store) return false;
    if (model.incoming(view.store, 'syncs').length > 0) return true;
    return model.incoming(view.store).some(r => isWrite(r) && isCompute(model.component(r.source)));
}
