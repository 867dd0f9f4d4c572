/**
 * Messages between the VS Code extension host and the diagram webview, in both directions, with
 * runtime validators. Each side validates what it receives: a webview is a browser page, and the
 * host must not trust an id or a file it names; the webview must not render anything that is not
 * a well-formed diagram. No `vscode` and no DOM here: both sides import this module.
 */
import type { DiagramEdge, DiagramGraph, DiagramNode, ViewKind } from '@sysd/diagram';
import type { DiagramPatch, EdgePatch, NodePatch } from './diagram-patch.js';
import type { WhatIfPath, WhatIfResult } from './lsp.js';

// The client imports the view types from here (it never depends on the diagram code itself).
export type { ViewInfo, ViewKind } from '@sysd/diagram';

// ---------------------------------------------------------------- host -> webview

/**
 * When the host took each step of a preview update, in milliseconds since the epoch (`Date.now()`;
 * the host and the webview run on the same machine): the model-changed notification arrived, the
 * diagram was asked for, the answer arrived, the message was posted. The webview records them with
 * its own steps as performance marks (`webview/src/trace.ts`), so an update can be followed from the
 * keystroke to the picture.
 */
export interface UpdateTrace {
    changed?: number;
    requested: number;
    answered: number;
    posted: number;
}

/** A new diagram for the document `uri`; `version` is the server's (a later patch names it as its base). */
export interface DiagramMessage {
    type: 'diagram';
    uri: string;
    graph: DiagramGraph;
    version?: string;
    trace?: UpdateTrace;
}

/**
 * The diagram shown changed only in its decorations: apply `patch` to the graph whose version is
 * `patch.base` (the last one sent) and keep its layout. A webview that holds another graph asks for
 * the whole one (`needDiagram`).
 */
export interface DiagramPatchMessage {
    type: 'diagramPatch';
    uri: string;
    patch: DiagramPatch;
    trace?: UpdateTrace;
}

/**
 * Outline the element (node or edge id) under the editor's cursor; `null` clears the outline.
 * With `reveal` (the cursor moved), an element outside the viewport is panned into it; without
 * (the same element again, after a redraw), the view stays where the user left it.
 */
export interface HighlightMessage {
    type: 'highlight';
    id: string | null;
    reveal?: boolean;
}

/** The heading each kind of view is listed under, in the webview's picker and the title bar's quick pick. */
export const VIEW_GROUP_LABEL: Readonly<Record<ViewKind, string>> = {
    file: 'This file',
    system: 'Systems',
    all: 'Workspace',
    deployment: 'Workspace',
    declared: 'Declared views',
    neighbourhood: 'Neighbourhoods',
    flow: 'Flows',
    saga: 'Sagas'
};

/** A view as the webview's picker lists it (a trimmed `ViewInfo`). */
export interface ViewOption {
    key: string;
    kind: ViewKind;
    title: string;
    detail?: string;
}

/**
 * The views the picker offers and the panel's choice. `current` is the key of the view shown;
 * `selected` the view the user picked (absent: the document's default); `locked` whether the
 * preview stays on its document. The webview keeps `selected` and `locked` in its saved state, so
 * the panel serializer can restore them after a window reload.
 */
export interface ViewsMessage {
    type: 'views';
    views: ViewOption[];
    current: string;
    selected?: string;
    locked: boolean;
}

/** The host asks for an export of the view shown (the title bar's Export command). */
export interface ExportRequestMessage {
    type: 'exportRequest';
    format: 'svg' | 'png';
}

/**
 * The answer to the webview's `whatIf` request `seq` (an older answer than the newest request is
 * dropped): the analysis mapped onto the view shown, or `null` when the server could not answer.
 */
export interface WhatIfResultMessage {
    type: 'whatIfResult';
    seq: number;
    result: WhatIfResult | null;
}

/**
 * Turn the what-if mode on or off (the `SysD: What If...` command and the CodeLens on a flow or SLO);
 * `focus` names the entry of the side list to show first (`flow Shop.Checkout`, `slo Shop.Redirects`).
 */
export interface WhatIfModeMessage {
    type: 'whatIfMode';
    on: boolean;
    focus?: string;
}

export type HostMessage = DiagramMessage | DiagramPatchMessage | HighlightMessage | NoticeMessage | ViewsMessage | ExportRequestMessage | WhatIfResultMessage | WhatIfModeMessage;

/** Nothing to show (no document, the server failed): the webview shows the text instead of a diagram. */
export interface NoticeMessage {
    type: 'notice';
    message: string;
}

// ---------------------------------------------------------------- webview -> host

/** The webview is loaded and listens; the host answers with the current diagram. */
export interface ReadyMessage {
    type: 'ready';
}

/** Open the definition of a node or edge in the editor. */
export interface RevealMessage {
    type: 'reveal';
    id: string;
}

/** Save an export: `data` is the SVG text, or the PNG bytes in base64. */
export interface ExportMessage {
    type: 'export';
    format: 'svg' | 'png';
    data: string;
}

/** The user picked a view in the webview's picker. */
export interface SelectViewMessage {
    type: 'selectView';
    key: string;
}

/** The webview got a patch it cannot apply (it holds another graph): the host sends the whole diagram. */
export interface NeedDiagramMessage {
    type: 'needDiagram';
}

/** Something went wrong in the webview (e.g. the layout failed); the host logs it. */
export interface ErrorMessage {
    type: 'error';
    message: string;
}

/**
 * The what-if mode asks for the analysis of the view shown under `fail` (`zone:<id>`, `region:<id>`,
 * `component:<id>`); the host answers with a `whatIfResult` of the same `seq`.
 */
export interface WhatIfRequestMessage {
    type: 'whatIf';
    seq: number;
    fail: string[];
}

export type WebviewMessage = ReadyMessage | RevealMessage | ExportMessage | SelectViewMessage | NeedDiagramMessage | ErrorMessage | WhatIfRequestMessage;

// ---------------------------------------------------------------- validation

/** Upper bounds that keep a malformed or hostile message from exhausting either side. */
export const LIMITS = {
    id: 2_000,
    text: 20_000,
    structureKey: 5_000_000,
    /** Base64 PNG or SVG text. */
    exportData: 200_000_000,
    nesting: 32,
    elements: 50_000,
    /** Views a picker lists (a workspace with thousands of systems and flows stays under it). */
    views: 20_000,
    /** Failures the what-if mode names at once. */
    failures: 1_000
} as const;

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const VIEW_KINDS = new Set(['file', 'system', 'all', 'declared', 'neighbourhood', 'flow', 'saga', 'deployment']);

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, max: number = LIMITS.text): value is string {
    return typeof value === 'string' && value.length <= max;
}

function isId(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= LIMITS.id;
}

function isOptionalString(value: unknown): boolean {
    return value === undefined || isString(value);
}

function isNumber(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalNumber(value: unknown): boolean {
    return value === undefined || isNumber(value);
}

function isOptionalBoolean(value: unknown): boolean {
    return value === undefined || typeof value === 'boolean';
}

function isPoint(value: unknown): boolean {
    return isObject(value) && isNumber(value.x) && isNumber(value.y);
}

function isPosition(value: unknown): boolean {
    return isObject(value) && isNumber(value.line) && isNumber(value.character);
}

function isRange(value: unknown): boolean {
    return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isLocation(value: unknown): boolean {
    if (value === undefined) return true;
    return isObject(value) && isString(value.uri) && isRange(value.range) && (value.nameRange === undefined || isRange(value.nameRange));
}

function isFindings(value: unknown): boolean {
    return Array.isArray(value) && value.length <= LIMITS.elements && value.every(finding =>
        isObject(finding) && isString(finding.ruleId) && SEVERITIES.has(finding.severity as string) && isString(finding.message));
}

function isSeverity(value: unknown): boolean {
    return value === undefined || SEVERITIES.has(value as string);
}

interface Budget {
    left: number;
}

function isNode(value: unknown, depth: number, budget: Budget): value is DiagramNode {
    if (--budget.left < 0 || depth > LIMITS.nesting || !isObject(value)) return false;
    return isId(value.id)
        && isId(value.kind)
        && isString(value.label)
        && isOptionalString(value.detail)
        && isNumber(value.replicas)
        && typeof value.managed === 'boolean'
        && isOptionalBoolean(value.stub) && isOptionalBoolean(value.focus)
        && isFindings(value.findings)
        && isSeverity(value.severity)
        && isLocation(value.loc)
        && isNumber(value.width) && value.width >= 0
        && isNumber(value.height) && value.height >= 0
        && isOptionalNumber(value.x) && isOptionalNumber(value.y)
        && Array.isArray(value.children)
        && value.children.every(child => isNode(child, depth + 1, budget));
}

function isSection(value: unknown): boolean {
    return isObject(value) && isPoint(value.startPoint) && isPoint(value.endPoint)
        && (value.bendPoints === undefined || (Array.isArray(value.bendPoints) && value.bendPoints.length <= LIMITS.elements && value.bendPoints.every(isPoint)));
}

function isEdge(value: unknown, budget: Budget): value is DiagramEdge {
    if (--budget.left < 0 || !isObject(value)) return false;
    const label = value.labelPosition;
    return isId(value.id)
        && isId(value.relation)
        && isId(value.style)
        && isId(value.source)
        && isId(value.target)
        && isOptionalString(value.label)
        && isFindings(value.findings)
        && isSeverity(value.severity)
        && typeof value.highlighted === 'boolean'
        && isOptionalBoolean(value.focus)
        && isLocation(value.loc)
        && (value.sections === undefined || (Array.isArray(value.sections) && value.sections.length <= LIMITS.elements && value.sections.every(isSection)))
        && (label === undefined || (isPoint(label) && isObject(label) && isNumber(label.width) && isNumber(label.height)));
}

function isGraphView(value: unknown): boolean {
    return value === undefined || (isObject(value) && isId(value.key) && isString(value.title) && isOptionalString(value.description));
}

function isViewOption(value: unknown): value is ViewOption {
    return isObject(value) && isId(value.key) && VIEW_KINDS.has(value.kind as string) && isString(value.title) && isOptionalString(value.detail);
}

/** A structurally sound diagram: every field the renderer reads has the type it expects. */
export function isDiagramGraph(value: unknown): value is DiagramGraph {
    if (!isObject(value)) return false;
    const budget: Budget = { left: LIMITS.elements };
    return isString(value.structureKey, LIMITS.structureKey)
        && isGraphView(value.view)
        && Array.isArray(value.nodes) && value.nodes.every(node => isNode(node, 0, budget))
        && Array.isArray(value.edges) && value.edges.every(edge => isEdge(edge, budget))
        && isOptionalNumber(value.width) && isOptionalNumber(value.height);
}

function isNodePatch(value: unknown): value is NodePatch {
    return isObject(value) && isId(value.id) && isId(value.kind) && isString(value.label) && isOptionalString(value.detail)
        && isNumber(value.replicas) && typeof value.managed === 'boolean'
        && isOptionalBoolean(value.stub) && isOptionalBoolean(value.external) && isOptionalBoolean(value.focus)
        && isFindings(value.findings) && isSeverity(value.severity) && isLocation(value.loc);
}

function isEdgePatch(value: unknown): value is EdgePatch {
    return isObject(value) && isId(value.id) && isId(value.relation) && isId(value.style) && isOptionalString(value.label)
        && isFindings(value.findings) && isSeverity(value.severity) && typeof value.highlighted === 'boolean'
        && isOptionalBoolean(value.focus) && isLocation(value.loc);
}

/** A structurally sound patch: the fields of each changed element have the types the renderer expects. */
export function isDiagramPatch(value: unknown): value is DiagramPatch {
    return isObject(value) && isId(value.base) && isId(value.version) && isString(value.structureKey, LIMITS.structureKey)
        && isGraphView(value.view)
        && Array.isArray(value.nodes) && value.nodes.length <= LIMITS.elements && value.nodes.every(isNodePatch)
        && Array.isArray(value.edges) && value.edges.length <= LIMITS.elements && value.edges.every(isEdgePatch);
}

function isTrace(value: unknown): boolean {
    return value === undefined || (isObject(value) && isOptionalNumber(value.changed) && isNumber(value.requested) && isNumber(value.answered) && isNumber(value.posted));
}

const WHAT_IF_KINDS = new Set(['component', 'zone', 'region']);
const WHAT_IF_STATES = new Set(['failed', 'down', 'degraded']);
const STATUSES = new Set(['up', 'degraded', 'down']);

function isList<T>(value: unknown, max: number, item: (entry: unknown) => entry is T): value is T[];
function isList(value: unknown, max: number, item: (entry: unknown) => boolean): boolean;
function isList(value: unknown, max: number, item: (entry: unknown) => boolean): boolean {
    return Array.isArray(value) && value.length <= max && value.every(item);
}

const isIdList = (value: unknown): value is string[] => isList(value, LIMITS.elements, isId);
const isTextList = (value: unknown): value is string[] => isList(value, LIMITS.elements, (entry): entry is string => isString(entry));

function isWhatIfPath(value: unknown): value is WhatIfPath {
    return isObject(value) && (value.kind === 'flow' || value.kind === 'slo') && isId(value.id) && isString(value.name)
        && STATUSES.has(value.status as string) && isString(value.availability) && isString(value.baseline)
        && isOptionalString(value.objective) && isString(value.path)
        && isList(value.consequences, LIMITS.elements, entry => isObject(entry) && (entry.status === 'down' || entry.status === 'degraded')
            && isNumber(entry.step) && isString(entry.component) && isString(entry.text))
        && isNumber(value.moreConsequences) && isIdList(value.nodes) && isIdList(value.edges)
        && (value.view === undefined || isId(value.view));
}

/** A structurally sound what-if answer: every field the side list and the restyling read has the type they expect. */
export function isWhatIfResult(value: unknown): value is WhatIfResult {
    return isObject(value) && isId(value.view) && isList(value.fail, LIMITS.failures, isId) && isTextList(value.dropped)
        && isList(value.targets, LIMITS.elements, entry => isObject(entry) && isId(entry.target) && WHAT_IF_KINDS.has(entry.kind as string)
            && isString(entry.label) && isIdList(entry.nodes))
        && isList(value.elements, LIMITS.elements, entry => isObject(entry) && isId(entry.id) && WHAT_IF_STATES.has(entry.state as string) && isTextList(entry.why))
        && isList(value.edges, LIMITS.elements, entry => isObject(entry) && isId(entry.id) && (entry.status === 'down' || entry.status === 'degraded'))
        && isList(value.paths, LIMITS.elements, isWhatIfPath);
}

/** Validates a message the webview received from the host. */
export function isHostMessage(value: unknown): value is HostMessage {
    if (!isObject(value)) return false;
    switch (value.type) {
        case 'diagram':
            return isString(value.uri) && isDiagramGraph(value.graph) && (value.version === undefined || isId(value.version)) && isTrace(value.trace);
        case 'diagramPatch':
            return isString(value.uri) && isDiagramPatch(value.patch) && isTrace(value.trace);
        case 'highlight':
            return (value.id === null || isId(value.id)) && (value.reveal === undefined || typeof value.reveal === 'boolean');
        case 'notice':
            return isString(value.message);
        case 'views':
            return Array.isArray(value.views) && value.views.length <= LIMITS.views && value.views.every(isViewOption)
                && isId(value.current) && (value.selected === undefined || isId(value.selected)) && typeof value.locked === 'boolean';
        case 'exportRequest':
            return value.format === 'svg' || value.format === 'png';
        case 'whatIfResult':
            return isNumber(value.seq) && (value.result === null || isWhatIfResult(value.result));
        case 'whatIfMode':
            return typeof value.on === 'boolean' && (value.focus === undefined || isId(value.focus));
        default:
            return false;
    }
}

/** Validates a message the host received from the webview. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
    if (!isObject(value)) return false;
    switch (value.type) {
        case 'ready':
        case 'needDiagram':
            return true;
        case 'reveal':
            return isId(value.id);
        case 'export':
            return (value.format === 'svg' || value.format === 'png') && isString(value.data, LIMITS.exportData) && value.data.length > 0;
        case 'selectView':
            return isId(value.key);
        case 'error':
            return isString(value.message);
        case 'whatIf':
            return isNumber(value.seq) && isList(value.fail, LIMITS.failures, isId);
        default:
            return false;
    }
}
