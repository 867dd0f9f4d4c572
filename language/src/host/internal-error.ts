/**
 * What a host does with an exception thrown by sysd's own code (the model builder, a rule, the
 * diagram): it is a bug in sysd, never the user's fault, and it must not cost the user the editor.
 * The failure is written once to the log with its stack (the server's console is its output channel,
 * so the user can copy it into a bug report), and the caller carries on with what it has.
 */

/** Failures already logged: the same bug hit on every keystroke would otherwise flood the output. */
const logged = new Set<string>();
/** Beyond this many distinct failures the log says so once and stays quiet. */
const MAX_LOGGED = 100;

/** The message of anything thrown (an `Error`, a string, an object). */
export function errorMessage(error: unknown): string {
    if (error instanceof Error) return error.message;
    try {
        return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
    } catch {
        return String(error);
    }
}

/**
 * Logs an internal error once per distinct place, message and stack. `context` says what sysd was
 * doing (`validating file:///a.sysd`, `the diagram request`). Never throws.
 */
export function logInternalError(context: string, error: unknown): void {
    try {
        const detail = error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : errorMessage(error);
        const key = `${context.replace(/ file:\S+/g, '')}\n${detail}`;
        if (logged.has(key) || logged.size > MAX_LOGGED) return;
        logged.add(key);
        const more = logged.size > MAX_LOGGED ? ' (further internal errors are not logged)' : '';
        console.error(`sysd: internal error while ${context}${more}:\n${detail}`);
    } catch {
        // Logging is best effort: a console that cannot write must not turn one failure into two.
    }
}

/** Calls `action`; when it throws, logs the error once and returns `fallback(error)`. */
export function guarded<T>(context: string, action: () => T, fallback: (error: unknown) => T): T {
    try {
        return action();
    } catch (error) {
        logInternalError(context, error);
        return fallback(error);
    }
}
