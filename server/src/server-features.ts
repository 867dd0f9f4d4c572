import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver/node';
import type { SysdServices } from '../../language/src/sysd-module.js';

/**
 * Wires what only a running server has: settings from the client, re-publishing findings of
 * documents that a change elsewhere in the workspace affected, and custom requests.
 */
export function installServerFeatures(_connection: Connection, _shared: LangiumSharedServices, _sysd: SysdServices): void {
    // Filled in by the server work (settings -> rule config, cross-file republish).
}
