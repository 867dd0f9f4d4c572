import type { AstNode, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { AstUtils, DefaultDocumentBuilder } from 'langium';
import { isModel, isSystem, isView, type View } from './generated/ast.js';

/** Whether a view is a diagram view that names something (`include`/`exclude`): its names are looked up in the workspace. */
function namesElements(view: View): boolean {
    return view.settings.some(s => s.include || s.exclude);
}

/** Whether a file declares a diagram view: views are declarations, so only files and systems are walked. */
function declaresDiagramView(root: AstNode): boolean {
    const nodes = AstUtils.streamAst(root).iterator();
    for (let next = nodes.next(); !next.done; next = nodes.next()) {
        const node = next.value;
        if (isView(node)) {
            if (namesElements(node)) return true;
            nodes.prune();
        } else if (!isModel(node) && !isSystem(node)) {
            nodes.prune();
        }
    }
    return false;
}

/**
 * Langium's document builder, with one more reason to link a document again after an edit elsewhere:
 * it declares a diagram view. A view's names (`include Shop.Orders -> *`) are not Langium references
 * (they are resolved against the workspace model, `model/views.ts`), so Langium does not know that a
 * component added, renamed or deleted in another file changes what the view's names resolve to. Such
 * a document is linked and validated again with the others, so its "could not resolve" errors come
 * and go with the names they are about. Documents without views are left alone, as before.
 */
export class SysdDocumentBuilder extends DefaultDocumentBuilder {
    /** Whether each parse result declares a diagram view with names; one walk of the tree per parse. */
    private readonly declaresViews = new WeakMap<object, boolean>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.shouldRelink(document, changedUris) || this.hasDiagramViews(document);
    }

    private hasDiagramViews(document: LangiumDocument): boolean {
        const root = document.parseResult?.value;
        if (!root) return false;
        let found = this.declaresViews.get(root);
        if (found === undefined) {
            found = declaresDiagramView(root);
            this.declaresViews.set(root, found);
        }
        return found;
    }
}
