/**
 * The what-if mode's state and its transitions: whether the mode is on, what the user failed, the
 * side list's focused entry, and the newest answer of the server. No DOM here (`what-if-view.ts`
 * draws it), so it runs and is tested in Node.
 *
 * The failure set is kept as the server names it (`zone:<id>`, `region:<id>`, `component:<id>`), not
 * as node ids: it survives a redraw, a layout and a switch of view, and a failure the model no longer
 * has (an edit deleted the zone) is dropped when the server says so.
 */
import type { WhatIfElementState, WhatIfPath, WhatIfResult, WhatIfStatus, WhatIfTarget } from '@sysd/protocol';

/** More failures than this at once are refused (the protocol's limit). */
export const MAX_FAILURES = 1_000;

export interface WhatIfState {
    on: boolean;
    /** What fails, in the order it was clicked. */
    fail: string[];
    /** The side list's entry whose path stays highlighted (`flow <id>` / `slo <id>`). */
    focus: string | undefined;
    /** The entry under the pointer or keyboard focus: its path is highlighted while it is. */
    hover: string | undefined;
    /** The newest answer (for the failure set it names); undefined until the first arrives. */
    result: WhatIfResult | undefined;
    /** The number of the newest request: an answer to an older one is dropped. */
    seq: number;
}

/** What survives a reload of the webview (kept in the page state with the pan and zoom). */
export interface SavedWhatIf {
    on: boolean;
    fail: string[];
    focus?: string;
}

const TARGET = /^(zone|region|component):.+$/;

function isTargetKey(value: unknown): value is string {
    return typeof value === 'string' && value.length <= 2_000 && TARGET.test(value);
}

/** A fresh what-if state, from a saved one as far as it checks out. */
export function createWhatIf(saved?: unknown): WhatIfState {
    const record = typeof saved === 'object' && saved !== null ? saved as Record<string, unknown> : {};
    const fail = Array.isArray(record.fail) ? [...new Set(record.fail.filter(isTargetKey))].slice(0, MAX_FAILURES) : [];
    const focus = typeof record.focus === 'string' && record.focus.length <= 2_000 ? record.focus : undefined;
    return { on: record.on === true, fail, focus, hover: undefined, result: undefined, seq: 0 };
}

export function savedWhatIf(state: WhatIfState): SavedWhatIf {
    return { on: state.on, fail: [...state.fail], ...(state.focus ? { focus: state.focus } : {}) };
}

/** The key of a side-list entry: `flow Shop.Checkout`, `slo Shop.Redirects`. */
export function pathKey(path: Pick<WhatIfPath, 'kind' | 'id'>): string {
    return `${path.kind} ${path.id}`;
}

/** Turns the mode on or off (the failure set is kept for the next time); `focus` picks the side-list entry. Returns whether a request is due. */
export function setMode(state: WhatIfState, on: boolean, focus?: string): boolean {
    if (focus !== undefined) state.focus = focus;
    if (state.on === on) return false;
    state.on = on;
    state.hover = undefined;
    return on;
}

/** Fails `target` or brings it back. */
export function toggleTarget(state: WhatIfState, target: string): void {
    const at = state.fail.indexOf(target);
    if (at >= 0) state.fail.splice(at, 1);
    else if (state.fail.length < MAX_FAILURES) state.fail.push(target);
}

/** Brings everything back. Returns whether anything was failed. */
export function resetFailures(state: WhatIfState): boolean {
    if (state.fail.length === 0) return false;
    state.fail = [];
    return true;
}

/** The next request for the server: a new number, the failure set as it is now. */
export function nextRequest(state: WhatIfState): { seq: number; fail: string[] } {
    state.seq += 1;
    return { seq: state.seq, fail: [...state.fail] };
}

/**
 * An answer arrived. Only the answer to the newest request counts; it drops from the failure set what
 * the model no longer has. Returns whether it was taken.
 */
export function acceptResult(state: WhatIfState, seq: number, result: WhatIfResult | null): boolean {
    if (seq !== state.seq || !result) return false;
    if (result.dropped.length > 0) {
        const dropped = new Set(result.dropped);
        state.fail = state.fail.filter(target => !dropped.has(target));
    }
    state.result = result;
    return true;
}

/** The target a click on node `id` toggles: the component, zone or region it stands for; undefined for anything else (a system, a client). */
export function targetOfNode(result: WhatIfResult | undefined, id: string): WhatIfTarget | undefined {
    if (!result) return undefined;
    let byNode = targetsByNode.get(result);
    if (!byNode) {
        byNode = new Map();
        for (const target of result.targets) for (const node of target.nodes) if (!byNode.has(node)) byNode.set(node, target);
        targetsByNode.set(result, byNode);
    }
    return byNode.get(id);
}

/** Each answer's targets by node id, built once per answer (the restyling asks for every drawn node). */
const targetsByNode = new WeakMap<WhatIfResult, Map<string, WhatIfTarget>>();

/** The target named `key` in the newest answer (for its label). */
export function targetByKey(result: WhatIfResult | undefined, key: string): WhatIfTarget | undefined {
    return result?.targets.find(target => target.target === key);
}

/** How a failure is shown in the side list when the view does not draw it: `zone apSouth.a`, `Links`. */
export function failureLabel(result: WhatIfResult | undefined, key: string): string {
    const target = targetByKey(result, key);
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const name = target?.label ?? key.slice(colon + 1);
    return kind === 'component' ? name : `${kind} ${name}`;
}

/** The classes the restyling puts on the picture: each node's state, each edge's status, the highlighted path. */
export interface WhatIfStyle {
    nodes: Map<string, { state: WhatIfElementState; why: string[] }>;
    edges: Map<string, Exclude<WhatIfStatus, 'up'>>;
    /** The nodes and edges of the focused (or hovered) entry's path. */
    path: Set<string>;
}

/** What to draw for the newest answer; nothing when the mode is off or no answer came yet. */
export function whatIfStyle(state: WhatIfState): WhatIfStyle {
    const style: WhatIfStyle = { nodes: new Map(), edges: new Map(), path: new Set() };
    const result = state.result;
    if (!state.on || !result) return style;
    for (const element of result.elements) style.nodes.set(element.id, { state: element.state, why: element.why });
    for (const edge of result.edges) style.edges.set(edge.id, edge.status);
    const shown = state.hover ?? state.focus;
    const path = shown ? result.paths.find(p => pathKey(p) === shown) : undefined;
    if (path) for (const id of [...path.nodes, ...path.edges]) style.path.add(id);
    return style;
}

/** The words a status is told with (never colour alone). */
export const STATUS_LABEL: Readonly<Record<WhatIfStatus, string>> = { up: 'Up', degraded: 'Degraded', down: 'Down' };

/** The side list's headline: how many flows and SLOs break or degrade. */
export function summary(state: WhatIfState): string {
    const result = state.result;
    if (!result) return state.fail.length === 0 ? 'Nothing fails.' : 'Analysing\u2026';
    if (result.paths.length === 0) return 'This workspace declares no flow and no SLO: add one to see what breaks.';
    const down = result.paths.filter(p => p.status === 'down').length;
    const degraded = result.paths.filter(p => p.status === 'degraded').length;
    if (result.fail.length === 0) return 'Nothing fails: every flow and SLO as declared.';
    const parts: string[] = [];
    if (down > 0) parts.push(`${down} down`);
    if (degraded > 0) parts.push(`${degraded} degraded`);
    parts.push(`${result.paths.length - down - degraded} up`);
    return parts.join(', ');
}
