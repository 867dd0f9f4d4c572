import type { AstNodeDescription } from 'langium';
import { DefaultWorkspaceSymbolProvider, type LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, SymbolKind, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { COMPONENT_SYMBOL } from './symbols.js';
import { kindOf } from '../model/values.js';

/**
 * Workspace symbols under their qualified names (`Shop.Events.orders`), found by a query that
 * matches the whole name or any of its trailing parts (`orders`, `Events.orders`), with a symbol
 * kind per component kind and the enclosing name as container.
 *
 * Langium's shared default matches only from the start of the qualified name; the server installs
 * this provider in its place (see server/src/server-features.ts).
 */
export class SysdWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    constructor(services: LangiumSharedServices) {
        super(services);
    }

    // The index is in memory, so the search runs synchronously; the promise only keeps the signature of
    // the default provider it replaces.
    override getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const result: WorkspaceSymbol[] = [];
        const query = params.query;
        let count = 0;
        for (const description of this.indexManager.allElements()) {
            if ((++count & 255) === 0 && cancelToken.isCancellationRequested) break;
            if (query.length > 0 && !this.matches(query, description.name)) continue;
            const symbol = this.getWorkspaceSymbol(description);
            if (symbol) result.push(symbol);
        }
        return Promise.resolve(result);
    }

    private matches(query: string, name: string): boolean {
        if (this.fuzzyMatcher.match(query, name)) return true;
        for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (this.fuzzyMatcher.match(query, name.substring(dot + 1))) return true;
        }
        return false;
    }

    protected override getWorkspaceSymbol(description: AstNodeDescription): WorkspaceSymbol | undefined {
        const symbol = super.getWorkspaceSymbol(description);
        if (!symbol) return undefined;
        const node = description.node;
        if (ast.isComponent(node)) symbol.kind = COMPONENT_SYMBOL[kindOf(node.kind) ?? 'service'];
        else if (ast.isRegion(node)) symbol.kind = SymbolKind.Namespace;
        else if (ast.isZone(node)) symbol.kind = SymbolKind.EnumMember;
        const dot = description.name.lastIndexOf('.');
        if (dot > 0) symbol.containerName = description.name.substring(0, dot);
        return symbol;
    }
}
