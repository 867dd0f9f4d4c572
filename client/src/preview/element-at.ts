// Which diagram element the editor's cursor is in. No `vscode` import (unit-tested in Node).
import type { DiagramEdge, DiagramGraph, DiagramNode, Position, Range, SourceLocation } from '@sysd/protocol';

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(range: Range, position: Position): boolean {
    return !before(position, range.start) && !before(range.end, position);
}

/** Ranges nest in a document, so the shortest containing range is the innermost element. */
function size(range: Range): number {
    return (range.end.line - range.start.line) * 1_000_000 + (range.end.character - range.start.character);
}

/** Every node (groups and nested components included) and edge of the graph. */
export function* elements(graph: DiagramGraph): Generator<DiagramNode | DiagramEdge> {
    const stack = [...graph.nodes];
    while (stack.length > 0) {
        const node = stack.pop()!;
        yield node;
        stack.push(...node.children);
    }
    yield* graph.edges;
}

/** The id of the innermost node or edge whose definition in `uri` contains `position`. */
export function elementAt(graph: DiagramGraph, uri: string, position: Position): string | undefined {
    let best: { id: string; size: number } | undefined;
    for (const item of elements(graph)) {
        const loc = item.loc;
        if (!loc || loc.uri !== uri || !contains(loc.range, position)) continue;
        const itemSize = size(loc.range);
        if (!best || itemSize < best.size) best = { id: item.id, size: itemSize };
    }
    return best?.id;
}

/** Where a node or edge is defined. */
export function locationOf(graph: DiagramGraph, id: string): SourceLocation | undefined {
    for (const item of elements(graph)) if (item.id === id) return item.loc;
    return undefined;
}
