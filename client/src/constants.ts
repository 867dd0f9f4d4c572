// Plain values the client shares with package.json contributions and tests. No imports here.

/** The language id registered by the extension. */
export const LANGUAGE_ID = 'sysd';

/** The id of the language client: VS Code reads the `sysd.trace.server` setting through it. */
export const CLIENT_ID = 'sysd';

/** The name of the client and of its output channel. */
export const CLIENT_NAME = 'SysD';

/** The settings section sent to the server on every change. */
export const CONFIGURATION_SECTION = 'sysd';

/** The bundled server, relative to the extension root. */
export const SERVER_MODULE = 'out/server/main.cjs';

/** Files whose changes the server hears about. */
export const SOURCE_FILE_GLOB = '**/*.sysd';
export const CONFIG_FILE_GLOBS = ['**/sysd.config.json', '**/.sysdrc.json'] as const;

export const COMMAND_RESTART_SERVER = 'sysd.restartServer';
export const COMMAND_SHOW_OUTPUT = 'sysd.showOutput';

/** "SysD: Fix All in File": applies the server's `source.fixAll.sysd` code action to the active editor. */
export const COMMAND_FIX_ALL = 'sysd.fixAll';
/** The code action kind of the server's fix-all (`SOURCE_FIX_ALL_SYSD` in the language package). */
export const CODE_ACTION_KIND_FIX_ALL = 'source.fixAll.sysd';
