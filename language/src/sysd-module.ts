import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { inject, type Module } from 'langium';
import { SysdGeneratedModule, SysdGeneratedSharedModule, SysdLanguageMetaData } from './generated/module.js';
import { SysdModelService } from './model-service.js';
import { SysdValueConverter } from './value-converter.js';
import { SysdLexer, SysdTokenBuilder } from './lexer.js';
import { SysdParserErrorMessageProvider } from './recovery.js';
import { createSysdParser } from './parser.js';
import { SysdLinker, SysdScopeComputation, SysdScopeProvider } from './scope.js';
import { registerValidationChecks, SysdDocumentValidator, SysdValidator, type DocsUrl } from './validator.js';
import { SysdLspModule } from './lsp/lsp-module.js';
import { SysdWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { SysdDocumentBuilder } from './document-builder.js';

/**
 * Defined as true by esbuild.mjs in the shipped bundles only: there the parser and lexer skip
 * Chevrotain's grammar validations and the ALL(*) ambiguity logging (Langium's 'production' mode),
 * which cost every start-up a good part of the parser's construction. The sources, and so the tests,
 * keep both: a grammar error throws there, and test/cli/grammar-checks.test.ts fails on an ambiguity warning.
 */
declare const SYSD_SKIP_GRAMMAR_CHECKS: boolean | undefined;
const grammarChecks = typeof SYSD_SKIP_GRAMMAR_CHECKS === 'boolean' && SYSD_SKIP_GRAMMAR_CHECKS ? 'production' : 'development';

export type SysdAddedServices = {
    model: {
        ModelService: SysdModelService;
    };
    validation: {
        SysdValidator: SysdValidator;
    };
    lint: {
        /** Link target for a rule's documentation; set by the host (server, CLI). */
        docsUrl: DocsUrl;
    };
};

export type SysdServices = LangiumServices & SysdAddedServices;

export interface SysdModuleOptions {
    docsUrl?: DocsUrl;
}

/**
 * The sysd services on top of Langium's defaults. Typed as Langium's examples type their modules: every
 * factory receives the complete `SysdServices`, which already are the Langium services the scoping,
 * linking and model classes ask for, so no factory needs a cast.
 */
export function createSysdModule(options: SysdModuleOptions = {}): Module<SysdServices, PartialLangiumServices & SysdAddedServices> {
    return {
        LanguageMetaData: () => ({ ...SysdLanguageMetaData, mode: grammarChecks }),
        parser: {
            ValueConverter: () => new SysdValueConverter(),
            Lexer: services => new SysdLexer(services),
            TokenBuilder: () => new SysdTokenBuilder(),
            LangiumParser: services => createSysdParser(services),
            ParserErrorMessageProvider: () => new SysdParserErrorMessageProvider()
        },
        references: {
            ScopeComputation: services => new SysdScopeComputation(services),
            ScopeProvider: services => new SysdScopeProvider(services),
            Linker: services => new SysdLinker(services)
        },
        model: {
            ModelService: services => new SysdModelService(services.shared)
        },
        validation: {
            SysdValidator: services => new SysdValidator(services),
            // Bounds what one document publishes (see capDiagnostics).
            DocumentValidator: services => new SysdDocumentValidator(services)
        },
        lint: {
            docsUrl: () => options.docsUrl ?? (() => undefined)
        }
    };
}

/**
 * The shared services sysd replaces: workspace symbols list qualified names; the document builder
 * checks a document that declares diagram views again when another document changes.
 */
export const SysdSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new SysdDocumentBuilder(services)
    },
    lsp: {
        WorkspaceSymbolProvider: services => new SysdWorkspaceSymbolProvider(services)
    }
};

/**
 * Creates the shared services and the sysd language services. `context.connection` is set by the
 * language server and left out by the CLI and the tests.
 */
export function createSysdServices(context: DefaultSharedModuleContext, options: SysdModuleOptions = {}): {
    shared: LangiumSharedServices;
    Sysd: SysdServices;
} {
    const shared = inject(createDefaultSharedModule(context), SysdGeneratedSharedModule, SysdSharedModule);
    const Sysd = inject(createDefaultModule({ shared }), SysdGeneratedModule, createSysdModule(options), SysdLspModule);
    shared.ServiceRegistry.register(Sysd);
    registerValidationChecks(Sysd);
    if (!context.connection) {
        // Without a language server nobody triggers the configuration-loaded event. Without a
        // connection the provider has nothing to register or fetch: the promise only marks it ready
        // and cannot reject, so nothing waits for it.
        void shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Sysd };
}
