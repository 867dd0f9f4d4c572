/** The webview's messaging with the host and the pure parts of its export, in Node (no DOM). */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { DiagramGraph } from '../../diagram/src/types.js';
import type { HostMessage } from '../../protocol/src/webview.js';
import { pngSize, resolveThemeVariables } from '../../webview/src/export.js';
import { connectHost, type VsCodeApi } from '../../webview/src/messaging.js';

const GRAPH: DiagramGraph = {
    structureKey: 'k',
    nodes: [{ id: 'A', kind: 'service', label: 'A', replicas: 1, managed: false, findings: [], width: 100, height: 50, children: [] }],
    edges: []
};

function fakeApi(saved: unknown = undefined) {
    const posted: unknown[] = [];
    const states: unknown[] = [];
    const api: VsCodeApi = {
        postMessage: message => posted.push(message),
        getState: () => saved,
        setState: state => states.push(state)
    };
    return { api, posted, states };
}

afterEach(() => {
    vi.useRealTimers();
});

describe('messages from and to the host', () => {
    test('only well-formed host messages reach the handler', () => {
        const { api } = fakeApi();
        const window = new EventTarget();
        const received: HostMessage[] = [];
        connectHost(api, window).listen(message => received.push(message));
        const send = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
        send({ type: 'diagram', uri: 'file:///a.sysd', graph: GRAPH });
        send({ type: 'highlight', id: null });
        send({ type: 'diagram', uri: 'file:///a.sysd', graph: { nodes: [{ id: 1 }], edges: [], structureKey: 'k' } });
        send({ type: 'highlight', id: 42 });
        send({ type: 'reveal', id: 'A' });
        send('diagram');
        expect(received).toEqual([{ type: 'diagram', uri: 'file:///a.sysd', graph: GRAPH }, { type: 'highlight', id: null }]);
    });

    test('posts go to the API as they are; post works on its own', () => {
        const { api, posted } = fakeApi();
        const { post } = connectHost(api, new EventTarget());
        post({ type: 'ready' });
        post({ type: 'reveal', id: 'A' });
        expect(posted).toEqual([{ type: 'ready' }, { type: 'reveal', id: 'A' }]);
    });

    test('the state is saved once the changes rest, as it is then', () => {
        vi.useFakeTimers();
        const { api, states } = fakeApi({ uri: 'file:///a.sysd' });
        const host = connectHost(api, new EventTarget());
        expect(host.savedState()).toEqual({ uri: 'file:///a.sysd' });
        let zoom = 1;
        for (let i = 0; i < 5; i++) {
            zoom += 1;
            host.saveState(() => ({ zoom }));
            vi.advanceTimersByTime(50);
        }
        expect(states).toEqual([]);
        zoom = 10;
        vi.advanceTimersByTime(200);
        expect(states).toEqual([{ zoom: 10 }]);
    });
});

describe('export', () => {
    test('theme variables become the colours they have, else their fallback, else currentColor', () => {
        const colours: Record<string, string> = { '--vscode-editor-background': '#1e1e1e', '--vscode-b': '#222' };
        const valueOf = (name: string) => colours[name] ?? '';
        expect(resolveThemeVariables('fill="var(--vscode-editor-background)"', valueOf)).toBe('fill="#1e1e1e"');
        expect(resolveThemeVariables('var(--vscode-missing, #abc )', valueOf)).toBe('#abc');
        expect(resolveThemeVariables('var(--vscode-missing)', valueOf)).toBe('currentColor');
        expect(resolveThemeVariables('var(--vscode-a, var(--vscode-b, #fff))', valueOf)).toBe('#222');
        expect(resolveThemeVariables('var(--vscode-a, var(--vscode-c, #fff))', valueOf)).toBe('#fff');
        expect(resolveThemeVariables('var(--other)', valueOf)).toBe('var(--other)');
    });

    test('the PNG is twice the size, within what a canvas can hold', () => {
        expect(pngSize({ width: 300, height: 200 })).toEqual({ width: 600, height: 400 });
        expect(pngSize({ width: 32_000, height: 100 })).toEqual({ width: 16_000, height: 50 });
        const large = pngSize({ width: 10_000, height: 10_000 });
        expect(large.width * large.height).toBeLessThanOrEqual(100_000_000);
        expect(pngSize({ width: 0.1, height: 0.1 })).toEqual({ width: 1, height: 1 });
    });
});
