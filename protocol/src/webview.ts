/**
 * Messages between the VS Code extension host and the diagram webview, in both directions, with
 * runtime validators. Each side validates what it receives: a webview is a browser page, and the
 * host must not trust an id or a file it names; the webview must not render anything that is not
 * a well-formed diagram. No `vscode` and no DOM here: both sides import this module.
 */
import type { DiagramEdge, DiagramGraph, DiagramNode } from '@sysd/diagram';

// ---------------------------------------------------------------- host -> webview

/** A new diagram for the document `uri`. */
export interface DiagramMessage {
    type: 'diagram';
    uri: string;
    graph: DiagramGraph;
}

/** Outline the element (node or edge id) under the editor's cursor; `null` clears the outline. */
export interface HighlightMessage {
    type: 'highlight';
    id: string | null;
}

/** Nothing to show (no document, the server failed): the webview shows the text instead of a diagram. */
export interface NoticeMessage {
    type: 'notice';
    message: string;
}

export type HostMessage = DiagramMessage | HighlightMessage | NoticeMessage;

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

/** Something went wrong in the webview (e.g. the layout failed); the host logs it. */
export interface ErrorMessage {
    type: 'error';
    message: string;
}

export type WebviewMessage = ReadyMessage | RevealMessage | ExportMessage | ErrorMessage;

// ---------------------------------------------------------------- validation

/** Upper bounds that keep a malformed or hostile message from exhausting either side. */
export const LIMITS = {
    id: 2_000,
    text: 20_000,
    structureKey: 5_000_000,
    /** Base64 PNG or SVG text. */
    exportData: 200_000_000,
    nesting: 32,
    elements: 50_000
} as const;

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

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
        && isLocation(value.loc)
        && (value.sections === undefined || (Array.isArray(value.sections) && value.sections.length <= LIMITS.elements && value.sections.every(isSection)))
        && (label === undefined || (isPoint(label) && isObject(label) && isNumber(label.width) && isNumber(label.height)));
}

/** A structurally sound diagram: every field the renderer reads has the type it expects. */
export function isDiagramGraph(value: unknown): value is DiagramGraph {
    if (!isObject(value)) return false;
    const budget: Budget = { left: LIMITS.elements };
    return isString(value.structureKey, LIMITS.structureKey)
        && Array.isArray(value.nodes) && value.nodes.every(node => isNode(node, 0, budget))
        && Array.isArray(value.edges) && value.edges.every(edge => isEdge(edge, budget))
        && isOptionalNumber(value.width) && isOptionalNumber(value.height);
}

/** Validates a message the webview received from the host. */
export function isHostMessage(value: unknown): value is HostMessage {
    if (!isObject(value)) return false;
    switch (value.type) {
        case 'diagram':
            return isString(value.uri) && isDiagramGraph(value.graph);
        case 'highlight':
            return value.id === null || isId(value.id);
        case 'notice':
            return isString(value.message);
        default:
            return false;
    }
}

/** Validates a message the host received from the webview. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
    if (!isObject(value)) return false;
    switch (value.type) {
        case 'ready':
            return true;
        case 'reveal':
            return isId(value.id);
        case 'export':
            return (value.format === 'svg' || value.format === 'png') && isString(value.data, LIMITS.exportData) && value.data.length > 0;
        case 'error':
            return isString(value.message);
        default:
            return false;
    }
}
