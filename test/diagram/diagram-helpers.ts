import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspace } from '../helpers.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import type { Finding } from '../../language/src/lint/types.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';

export const EXAMPLES = path.resolve(__dirname, '../../examples');

/** Model and lint findings of some .sysd text or of example files (absolute paths). */
export async function modelOf(files: Record<string, string> | string): Promise<{ model: ArchModel; findings: Finding[] }> {
    const { services, model } = await workspace(files);
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    return { model, findings };
}

export async function exampleModel(...names: string[]): Promise<{ model: ArchModel; findings: Finding[] }> {
    const files: Record<string, string> = {};
    for (const name of names) {
        const file = path.join(EXAMPLES, name);
        files[file] = fs.readFileSync(file, 'utf8');
    }
    return modelOf(files);
}

/** Every node of the graph, depth first, with its parent's id. */
export function allNodes(graph: DiagramGraph): { node: DiagramNode; parent?: DiagramNode }[] {
    const result: { node: DiagramNode; parent?: DiagramNode }[] = [];
    const walk = (list: DiagramNode[], parent?: DiagramNode) => {
        for (const node of list) {
            result.push({ node, parent });
            walk(node.children, node);
        }
    };
    walk(graph.nodes);
    return result;
}

export function nodeById(graph: DiagramGraph, id: string): DiagramNode | undefined {
    return allNodes(graph).find(entry => entry.node.id === id)?.node;
}

export function parentOf(graph: DiagramGraph, id: string): DiagramNode | undefined {
    return allNodes(graph).find(entry => entry.node.id === id)?.parent;
}

/** Absolute boxes of every node of a laid-out graph. */
export function absoluteBoxes(graph: DiagramGraph): Map<string, { x: number; y: number; width: number; height: number; parent?: string }> {
    const boxes = new Map<string, { x: number; y: number; width: number; height: number; parent?: string }>();
    const walk = (list: DiagramNode[], ox: number, oy: number, parent?: string) => {
        for (const node of list) {
            const x = ox + (node.x ?? NaN);
            const y = oy + (node.y ?? NaN);
            boxes.set(node.id, { x, y, width: node.width, height: node.height, parent });
            walk(node.children, x, y, node.id);
        }
    };
    walk(graph.nodes, 0, 0);
    return boxes;
}

/**
 * A small well-formedness check for the renderer's XML: tags balance, attributes are quoted, no
 * raw `<` or stray `&` in text. (No XML parser is installed.)
 */
export function checkWellFormed(xml: string): string | undefined {
    const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
    const stack: string[] = [];
    const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
    let match: RegExpExecArray | null;
    let end = 0;
    while ((match = token.exec(body)) !== null) {
        end = token.lastIndex;
        const [, closing, name, , selfClosing, text, stray] = match;
        if (stray) return `stray '<' at ${match.index}: ${body.slice(match.index, match.index + 40)}`;
        if (text !== undefined) {
            if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return `unescaped '&' in text: ${text.slice(0, 60)}`;
            if (text.includes('>') && stack.length > 0 && stack[stack.length - 1] !== 'style') return `raw '>' in text: ${text.slice(0, 60)}`;
            continue;
        }
        if (closing) {
            const open = stack.pop();
            if (open !== name) return `</${name}> closes <${open}>`;
        } else if (!selfClosing) {
            stack.push(name);
        }
    }
    if (end !== body.length) return `unparsed rest at ${end}`;
    if (stack.length > 0) return `unclosed <${stack.join('>, <')}>`;
    return undefined;
}
