import { describe, expect, test } from 'vitest';
import type { WhatIfResult } from '../../protocol/src/lsp.js';
import { isHostMessage, isWebviewMessage, isWhatIfResult } from '../../protocol/src/webview.js';
import { createState, toSavedState } from '../../webview/src/state.js';
import {
    acceptResult, createWhatIf, failureLabel, nextRequest, pathKey, resetFailures, savedWhatIf, setMode, summary, targetOfNode,
    toggleTarget, whatIfStyle, MAX_FAILURES
} from '../../webview/src/what-if.js';

const ZONE_A = 'zone:Shop.eu.a';
const ZONE_B = 'zone:Shop.eu.b';

function answer(fail: string[], overrides: Partial<WhatIfResult> = {}): WhatIfResult {
    return {
        view: 'flow:Shop.Buy',
        fail,
        dropped: [],
        targets: [
            { target: 'region:Shop.eu', kind: 'region', label: 'eu', nodes: ['region:system:Shop/Shop.eu'] },
            { target: ZONE_A, kind: 'zone', label: 'eu.a', nodes: ['zone:region:system:Shop/Shop.eu/Shop.eu.a'] },
            { target: ZONE_B, kind: 'zone', label: 'eu.b', nodes: [] },
            { target: 'component:Shop.Api', kind: 'component', label: 'Api', nodes: ['Shop.Api'] }
        ],
        elements: fail.length === 0 ? [] : [
            { id: 'zone:region:system:Shop/Shop.eu/Shop.eu.a', state: 'failed', why: ['zone Shop.eu.a failed'] },
            { id: 'Shop.Api', state: 'down', why: ['no instance left'] }
        ],
        edges: fail.length === 0 ? [] : [{ id: 'Shop.Web calls Shop.Api', status: 'down' }],
        paths: [
            {
                kind: 'flow', id: 'Shop.Buy', name: 'Buy', status: fail.length === 0 ? 'up' : 'down', availability: fail.length === 0 ? '99.9%' : '0%',
                baseline: '99.9%', path: 'Web → Api', consequences: [], moreConsequences: 0,
                nodes: ['Shop.Web', 'Shop.Api'], edges: ['Shop.Web calls Shop.Api'], view: 'flow:Shop.Buy'
            },
            {
                kind: 'slo', id: 'Shop.Buy', name: 'Buy', status: 'up', availability: '99.9%', baseline: '99.9%', objective: '99.5% met',
                path: 'Web → Api', consequences: [], moreConsequences: 0, nodes: ['Shop.Web'], edges: []
            }
        ],
        ...overrides
    };
}

describe('what-if state (webview)', () => {
    test('clicks toggle failures; each change is one numbered request; only the newest answer counts', () => {
        const state = createWhatIf();
        expect(setMode(state, true)).toBe(true);
        const first = nextRequest(state);
        expect(first).toEqual({ seq: 1, fail: [] });
        expect(acceptResult(state, 1, answer([]))).toBe(true);
        // A click on a zone group fails its zone; a click on what stands for nothing (a system) names no target.
        const zone = targetOfNode(state.result, 'zone:region:system:Shop/Shop.eu/Shop.eu.a')!;
        expect(zone.target).toBe(ZONE_A);
        expect(targetOfNode(state.result, 'system:Shop')).toBeUndefined();
        toggleTarget(state, zone.target);
        toggleTarget(state, ZONE_B);
        expect(state.fail).toEqual([ZONE_A, ZONE_B]);
        const second = nextRequest(state);
        toggleTarget(state, ZONE_B);
        const third = nextRequest(state);
        expect([second.seq, third.seq]).toEqual([2, 3]);
        expect(third.fail).toEqual([ZONE_A]);
        // The answer to the second request arrives late: dropped.
        expect(acceptResult(state, second.seq, answer([ZONE_A, ZONE_B]))).toBe(false);
        expect(acceptResult(state, third.seq, answer([ZONE_A]))).toBe(true);
        expect(state.result?.fail).toEqual([ZONE_A]);
        // No answer (the server failed): the last one stays.
        const fourth = nextRequest(state);
        expect(acceptResult(state, fourth.seq, null)).toBe(false);
        expect(state.result?.fail).toEqual([ZONE_A]);
    });

    test('what the model lost drops out of the failure set', () => {
        const state = createWhatIf({ on: true, fail: [ZONE_A, ZONE_B] });
        const { seq } = nextRequest(state);
        acceptResult(state, seq, answer([ZONE_A], { dropped: [ZONE_B] }));
        expect(state.fail).toEqual([ZONE_A]);
    });

    test('the style: node states, edge statuses, the focused path, hover over focus; nothing when off', () => {
        const state = createWhatIf();
        setMode(state, true, 'flow Shop.Buy');
        acceptResult(state, nextRequest(state).seq, answer([ZONE_A]));
        let style = whatIfStyle(state);
        expect(style.nodes.get('Shop.Api')).toEqual({ state: 'down', why: ['no instance left'] });
        expect(style.nodes.get('zone:region:system:Shop/Shop.eu/Shop.eu.a')?.state).toBe('failed');
        expect(style.edges.get('Shop.Web calls Shop.Api')).toBe('down');
        expect([...style.path].sort()).toEqual(['Shop.Api', 'Shop.Web', 'Shop.Web calls Shop.Api']);
        state.hover = 'slo Shop.Buy';
        expect([...whatIfStyle(state).path]).toEqual(['Shop.Web']);
        setMode(state, false);
        style = whatIfStyle(state);
        expect([style.nodes.size, style.edges.size, style.path.size]).toEqual([0, 0, 0]);
    });

    test('reset, labels and the headline', () => {
        const state = createWhatIf();
        setMode(state, true);
        expect(summary(state)).toBe('Nothing fails.');
        toggleTarget(state, ZONE_A);
        expect(summary(state)).toBe('Analysing\u2026');
        acceptResult(state, nextRequest(state).seq, answer([ZONE_A]));
        expect(summary(state)).toBe('1 down, 1 up');
        expect(failureLabel(state.result, ZONE_A)).toBe('zone eu.a');
        expect(failureLabel(state.result, 'component:Shop.Api')).toBe('Api');
        expect(failureLabel(state.result, 'region:Other.x')).toBe('region Other.x');
        expect(resetFailures(state)).toBe(true);
        expect(resetFailures(state)).toBe(false);
        expect(state.fail).toEqual([]);
        expect(pathKey({ kind: 'slo', id: 'Shop.Buy' })).toBe('slo Shop.Buy');
    });

    test('persists with the page state, trusting only what checks out', () => {
        const page = createState(undefined);
        setMode(page.whatIf, true, 'flow Shop.Buy');
        toggleTarget(page.whatIf, ZONE_A);
        const saved = JSON.parse(JSON.stringify(toSavedState(page))) as ReturnType<typeof toSavedState>;
        expect(saved.whatIf).toEqual({ on: true, fail: [ZONE_A], focus: 'flow Shop.Buy' });
        const again = createState(saved);
        expect(savedWhatIf(again.whatIf)).toEqual(saved.whatIf);
        expect(again.whatIf.result).toBeUndefined();
        const garbage = createWhatIf({ on: 'yes', fail: [3, 'zone:', 'Links', ZONE_A, ZONE_A, 'region:x'], focus: 7 });
        expect(savedWhatIf(garbage)).toEqual({ on: false, fail: [ZONE_A, 'region:x'] });
        const many = createWhatIf({ fail: Array.from({ length: MAX_FAILURES + 5 }, (_, i) => `component:C${i}`) });
        expect(many.fail).toHaveLength(MAX_FAILURES);
        toggleTarget(many, 'component:Extra');
        expect(many.fail).toHaveLength(MAX_FAILURES);
    });
});

describe('what-if messages (protocol)', () => {
    test('requests, answers and mode changes are validated both ways', () => {
        expect(isWebviewMessage({ type: 'whatIf', seq: 1, fail: [ZONE_A] })).toBe(true);
        expect(isWebviewMessage({ type: 'whatIf', seq: '1', fail: [] })).toBe(false);
        expect(isWebviewMessage({ type: 'whatIf', seq: 1, fail: [''] })).toBe(false);
        expect(isWebviewMessage({ type: 'whatIf', seq: 1, fail: Array.from({ length: 1_001 }, () => ZONE_A) })).toBe(false);
        expect(isHostMessage({ type: 'whatIfResult', seq: 2, result: answer([ZONE_A]) })).toBe(true);
        expect(isHostMessage({ type: 'whatIfResult', seq: 2, result: null })).toBe(true);
        expect(isHostMessage({ type: 'whatIfMode', on: true, focus: 'flow Shop.Buy' })).toBe(true);
        expect(isHostMessage({ type: 'whatIfMode', on: 'yes' })).toBe(false);
        // A malformed answer is never drawn.
        expect(isWhatIfResult(answer([], { elements: [{ id: 'x', state: 'exploded', why: [] }] as never }))).toBe(false);
        expect(isWhatIfResult(answer([], { targets: [{ target: 'zone:x', kind: 'planet', label: 'x', nodes: [] }] as never }))).toBe(false);
        expect(isWhatIfResult(answer([], { edges: [{ id: 'e', status: 'up' }] as never }))).toBe(false);
        const path = answer([]).paths[0];
        expect(isWhatIfResult(answer([], { paths: [{ ...path, consequences: [{ status: 'down', step: 'one', component: 'A', text: '' }] }] as never }))).toBe(false);
        expect(isWhatIfResult(answer([], { view: '' }))).toBe(false);
    });
});
