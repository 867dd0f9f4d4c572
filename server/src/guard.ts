import { isOperationCancelled } from 'langium';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { errorMessage, logInternalError } from '@sysd/language';

/**
 * Keeps the server up when sysd's own code fails. An exception that escapes a listener of the document
 * builder or a request handler is a bug in sysd; it must cost the user one feature for one
 * keystroke, not the editor's findings until a restart. Failures are logged once each, with their stack.
 */

/**
 * Logs exceptions and rejections that nothing handled, instead of letting Node end the process.
 * Langium starts builds without awaiting them (`DocumentUpdateHandler`), so a build that throws
 * surfaces here; the next edit starts a new build from where that one stopped, so carrying on is safe.
 * A failure to write to the client (it went away) still ends the process: there is no one to serve.
 */
export function installProcessGuards(): void {
    process.on('uncaughtException', error => {
        if (isBrokenPipe(error)) process.exit(1);
        logInternalError('running (an exception nothing caught)', error);
    });
    process.on('unhandledRejection', reason => {
        if (isOperationCancelled(reason)) return;
        if (isBrokenPipe(reason)) process.exit(1);
        logInternalError('running (a rejected promise nothing awaited)', reason);
    });
}

function isBrokenPipe(error: unknown): boolean {
    const code = (error as { code?: unknown } | null | undefined)?.code;
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/**
 * Registers a request handler that always answers: when `handler` throws, the failure is logged once
 * and the client gets an error response naming it (a cancellation stays a cancellation).
 */
export function onGuardedRequest<P, R>(connection: Connection, method: string, handler: (params: P, token: CancellationToken) => R | Promise<R>): void {
    connection.onRequest(method, async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
        try {
            return await handler(params, token);
        } catch (error) {
            if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
            logInternalError(`answering ${method}`, error);
            return new ResponseError(ErrorCodes.InternalError, `sysd could not answer ${method}: ${errorMessage(error)}`);
        }
    });
}

/** Runs a builder listener; a failure is logged once and does not stop the build it runs in. */
export function guardListener(context: string, listener: () => void): void {
    try {
        listener();
    } catch (error) {
        if (isOperationCancelled(error)) throw error;
        logInternalError(context, error);
    }
}
