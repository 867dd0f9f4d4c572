import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { inject, type LangiumCoreServices, type LangiumSharedCoreServices, type Module } from 'langium';
import { SysdGeneratedModule, SysdGeneratedSharedModule } from './generated/module.js';
import { SysdModelService } from './model-service.js';
import { SysdValueConverter } from './value-converter.js';
import { SysdLinker, SysdScopeComputation, SysdScopeProvider } from './scope.js';
import { registerValidationChecks, SysdValidator, type DocsUrl } from './validator.js';
import { SysdLspModule } from './lsp/lsp-module.js';
import { SysdWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';

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

export function createSysdModule(options: SysdModuleOptions = {}): Module<SysdServices, PartialLangiumServices & SysdAddedServices> {
    return {
        parser: {
            ValueConverter: () => new SysdValueConverter()
        },
        references: {
            ScopeComputation: (services: SysdServices) => new SysdScopeComputation(services as unknown as LangiumCoreServices),
            ScopeProvider: (services: SysdServices) => new SysdScopeProvider(services as unknown as LangiumCoreServices),
            Linker: (services: SysdServices) => new SysdLinker(services as unknown as LangiumCoreServices)
        },
        model: {
            ModelService: (services: SysdServices) => new SysdModelService(services.shared as unknown as LangiumSharedCoreServices)
        },
        validation: {
            SysdValidator: (services: SysdServices) => new SysdValidator(services)
        },
        lint: {
            docsUrl: () => options.docsUrl ?? (() => undefined)
        }
    };
}

/**
 * Creates the shared services and the sysd language services. `context.connection` is set by the
 * language server and left out by the CLI and the tests.
 */
export function createSysdServices(context: DefaultSharedModuleContext, options: SysdModuleOptions = {}): {
    shared: LangiumSharedServices;
    Sysd: SysdServices;
} {
    const shared = inject(createDefaultSharedModule(context), SysdGeneratedSharedModule, {
        lsp: { WorkspaceSymbolProvider: (services: LangiumSharedServices) => new SysdWorkspaceSymbolProvider(services) }
    });
    const Sysd: SysdServices = inject(createDefaultModule({ shared }), SysdGeneratedModule, createSysdModule(options), SysdLspModule);
    shared.ServiceRegistry.register(Sysd);
    registerValidationChecks(Sysd);
    if (!context.connection) {
        // Without a language server nobody triggers the configuration-loaded event.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Sysd };
}
