import type { BaseLanguageClient } from 'vscode-languageclient';

/**
 * How commands reach the language server: the extension's current client, asked at each use (a
 * restart from the stopped state creates a new client).
 */
export type ClientGetter = () => BaseLanguageClient | undefined;
