import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SysdServices } from '../sysd-module.js';
import { SysdCodeActionProvider } from './code-actions.js';
import { SysdCodeLensProvider } from './code-lens.js';
import { SysdCompletionProvider } from './completion.js';
import { SysdDefinitionProvider } from './definition.js';
import { SysdFormatter } from './formatter.js';
import { SysdHoverProvider } from './hover.js';
import { SysdRenameProvider } from './rename.js';
import { SysdSemanticTokenProvider } from './semantic-tokens.js';
import { SysdDocumentSymbolProvider } from './symbols.js';

/**
 * Editor features beyond Langium's defaults. Go to definition is Langium's plus the names of diagram
 * views; find references, document highlights, folding and workspace symbols (qualified names from
 * the index) are Langium's own. A CodeLens on each flow and SLO shows its failure analysis.
 */
export const SysdLspModule: Module<SysdServices, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: services => new SysdCompletionProvider(services),
        DefinitionProvider: services => new SysdDefinitionProvider(services),
        HoverProvider: services => new SysdHoverProvider(services),
        Formatter: () => new SysdFormatter(),
        SemanticTokenProvider: services => new SysdSemanticTokenProvider(services),
        DocumentSymbolProvider: () => new SysdDocumentSymbolProvider(),
        RenameProvider: services => new SysdRenameProvider(services),
        CodeActionProvider: services => new SysdCodeActionProvider(services),
        CodeLensProvider: services => new SysdCodeLensProvider(services)
    }
};
