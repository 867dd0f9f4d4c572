import type { CstNode, LangiumDocument } from 'langium';
import { CstUtils, GrammarUtils, type MaybePromise } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { SourceLocation } from '../model/types.js';
import { resolveViewName } from '../model/views.js';
import type { ArchModel } from '../model/workspace.js';
import { enclosingSystem } from '../names.js';
import type { SysdServices } from '../sysd-module.js';

/**
 * Go to definition, plus the names of diagram views: they are resolved against the workspace model
 * (`model/views.ts`), not linked by Langium, so the model says where the element they stand for is
 * declared. Every other name is Langium's.
 */
export class SysdDefinitionProvider extends DefaultDefinitionProvider {
    constructor(private readonly sysd: SysdServices) {
        super(sysd);
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): MaybePromise<LocationLink[] | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const node = leaf?.astNode;
        if (leaf && ast.isViewPredicate(node)) {
            for (const feature of ['source', 'target', 'placementName'] as const) {
                const text = node[feature];
                const cst = GrammarUtils.findNodeForProperty(node.$cstNode, feature);
                if (!text || text === '*' || !cst || cst.offset > leaf.offset || cst.end < leaf.end) continue;
                const model = this.sysd.model.ModelService.workspaceModel();
                const target = resolveViewName(model, text, enclosingSystem(node), feature === 'placementName' ? node.placement ?? 'region' : 'element');
                const loc = target && declaration(model, target.kind, target.id);
                return loc ? [link(cst, loc)] : [];
            }
        }
        return super.getDefinition(document, params);
    }
}

/** Where a component, system, region or zone is declared. */
function declaration(model: ArchModel, kind: 'component' | 'system' | 'region' | 'zone', id: string): SourceLocation | undefined {
    if (kind === 'component') return model.component(id)?.loc;
    if (kind === 'system') return model.systems.get(id)?.loc;
    if (kind === 'region') return model.regions.get(id)?.loc;
    return model.regions.get(model.regionOf(id) ?? '')?.zones.find(z => z.id === id)?.loc;
}

function link(source: CstNode, loc: SourceLocation): LocationLink {
    return {
        originSelectionRange: source.range,
        targetUri: loc.uri,
        targetRange: loc.range,
        targetSelectionRange: loc.nameRange ?? loc.range
    };
}
