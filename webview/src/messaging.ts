/**
 * The webview's side of the conversation with the extension host: messages out, validated
 * messages in, and the state VS Code keeps across reloads. The message types and their validator
 * come from `@sysd/protocol`, which the host uses too.
 */
import { isHostMessage, type HostMessage, type WebviewMessage } from '@sysd/protocol';

/** The part of the API that VS Code gives a webview page (`acquireVsCodeApi()`) that the preview uses. */
export interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Saving the state on every pan step would be wasteful: it is written once the view rests this long. */
const SAVE_DELAY_MS = 200;

/** Plain functions (no `this`), so each may be handed around on its own, like `post` to the exports. */
export interface Host {
    readonly post: (message: WebviewMessage) => void;
    /** Calls `handler` with each well-formed message from the host; anything else is ignored. */
    readonly listen: (handler: (message: HostMessage) => void) => void;
    /** What the last page saved, unchecked. */
    readonly savedState: () => unknown;
    /** Saves `snapshot()` once the calls to this stop for a moment; the snapshot is taken then. */
    readonly saveState: (snapshot: () => unknown) => void;
}

/** Talks to the host through `api`, hearing its messages on `target` (the window). */
export function connectHost(api: VsCodeApi, target: Pick<EventTarget, 'addEventListener'>): Host {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    return {
        post: message => api.postMessage(message),
        listen: handler => target.addEventListener('message', event => {
            const data: unknown = (event as MessageEvent).data;
            if (isHostMessage(data)) handler(data);
        }),
        savedState: () => api.getState(),
        saveState: snapshot => {
            clearTimeout(saveTimer);
            saveTimer = setTimeout(() => api.setState(snapshot()), SAVE_DELAY_MS);
        }
    };
}

/** The host of the page this script runs in. `acquireVsCodeApi()` may be called once per page. */
export function acquireHost(): Host {
    return connectHost(acquireVsCodeApi(), window);
}
