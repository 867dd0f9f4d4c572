/**
 * One view pipeline, two renderers: for every view of every example, the ELK graph (the preview, the
 * SVG export) and the Mermaid flowchart draw the same nodes and the same edges, in the same direction.
 * The Mermaid side is checked twice: what the renderer reports, and what Mermaid's own parser reads
 * from the text.
 */
import { describe, expect, test } from 'vitest';
import { toElkGraph, type ElkNode } from '../../diagram/src/layout.js';
import { compoundId, nodeId, renderMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import { buildViewGraph, defaultViewKey, listViews, parseViewKey, resolveView } from '../../diagram/src/views/index.js';
import { exampleWorkspaces } from '../helpers.js';
import { parseFlowchart } from '../mermaid/mermaid-env.js';
import { allNodes, modelOf } from './diagram-helpers.js';

const isGroup = (node: DiagramNode) => node.kind === 'system' || node.kind === 'region' || node.kind === 'zone';

/** Component nodes (groups excluded) and edges (`id:source>target`) of the ELK graph. */
function elkContents(graph: DiagramGraph): { nodes: string[]; edges: string[] } {
    const groups = new Set(allNodes(graph).filter(e => isGroup(e.node)).map(e => e.node.id));
    // With INCLUDE_CHILDREN every edge keeps its real endpoints (no proxies on group borders).
    const root = toElkGraph(graph, { hierarchy: 'INCLUDE_CHILDREN' });
    const nodes: string[] = [];
    const edges: string[] = [];
    const walk = (node: ElkNode) => {
        for (const edge of node.edges ?? []) edges.push(`${edge.id}:${edge.sources[0]}>${edge.targets[0]}`);
        for (const child of node.children ?? []) {
            if (!groups.has(child.id)) nodes.push(child.id);
            walk(child);
        }
    };
    walk(root);
    return { nodes: nodes.sort(), edges: edges.sort() };
}

/** The same, from the Mermaid renderer's report and from Mermaid's parser. */
async function mermaidContents(graph: DiagramGraph): Promise<{ reported: { nodes: string[]; edges: string[] }; parsed: { nodes: string[]; edges: string[] } }> {
    const result = renderMermaidFlowchart(graph);
    const byId = new Map(graph.edges.map(e => [e.id, e]));
    const reported = {
        nodes: [...result.nodes].sort(),
        edges: result.edges.map(id => `${id}:${byId.get(id)!.source}>${byId.get(id)!.target}`).sort()
    };
    // Back from Mermaid ids to graph ids: a leaf is `n_...`, a component holding others (a broker) `b_...`.
    const back = new Map<string, string>();
    for (const { node } of allNodes(graph)) {
        if (isGroup(node)) continue;
        back.set(node.children.length > 0 ? compoundId(node.id) : nodeId(node.id), node.id);
    }
    const parsed = await parseFlowchart(result.text);
    const drawn = new Set<string>();
    for (const v of parsed.vertices) if (back.has(v.id)) drawn.add(back.get(v.id)!);
    for (const s of parsed.subgraphs) if (back.has(s.id)) drawn.add(back.get(s.id)!);
    // Edges are written in the graph's order, so the i-th parsed edge is the i-th reported one.
    expect(parsed.edges).toHaveLength(result.edges.length);
    const edges = parsed.edges.map((e, i) => `${result.edges[i]}:${back.get(e.start)}>${back.get(e.end)}`);
    // Nothing but the legend and the empty-view note is drawn besides the graph's nodes.
    for (const v of parsed.vertices) if (!back.has(v.id)) expect(v.id).toMatch(/^(legend_\d+|empty_view)$/);
    return { reported, parsed: { nodes: [...drawn].sort(), edges: edges.sort() } };
}

describe('the ELK graph and the Mermaid flowchart draw the same picture', () => {
    for (const example of exampleWorkspaces()) {
        test(`${example.name}: every view`, async () => {
            const { model, findings } = await modelOf(example.files);
            const keys = new Set<string>();
            for (const uri of model.uris) for (const info of listViews(model, { uri })) keys.add(info.key);
            // Neighbourhoods are not listed; one per example is checked too.
            const first = [...model.components.keys()][0];
            keys.add(`neighbourhood:${first}:2`);
            expect(keys.size).toBeGreaterThan(3);
            for (const key of keys) {
                const view = resolveView(model, parseViewKey(key)!);
                if ('error' in view) throw new Error(`${key}: ${view.error}`);
                const graph = buildViewGraph(model, findings, view);
                const elk = elkContents(graph);
                const mermaid = await mermaidContents(graph);
                expect(mermaid.reported, key).toEqual(elk);
                expect(mermaid.parsed, key).toEqual(elk);
                // Every view's graph has the same edges as ELK takes: none is dropped silently.
                expect(elk.edges, key).toHaveLength(graph.edges.length);
            }
        }, 120_000);
    }

    test('the default view of trips.sysd shows Rides (and stand-ins), not the other systems of the workspace', async () => {
        const example = exampleWorkspaces().find(e => e.name === 'ride-sharing')!;
        // Another workspace in the same model: the default view must still be trips.sysd's systems only.
        const others = Object.fromEntries(exampleWorkspaces().filter(e => e.name === 'online-store.sysd' || e.name === 'chat.sysd').flatMap(e => Object.entries(e.files)));
        const { model, findings } = await modelOf({ ...example.files, ...others });
        expect(model.systems.size).toBeGreaterThan(2);
        const uri = model.uris.find(u => u.endsWith('trips.sysd'))!;
        const view = resolveView(model, parseViewKey(defaultViewKey(model, uri))!);
        if ('error' in view) throw new Error(view.error);
        expect(view.title).toBe('Rides');
        const graph = buildViewGraph(model, findings, view);
        expect(graph.nodes.filter(n => !n.stub).map(n => n.id)).toEqual(['system:Rides']);
        const groups = allNodes(graph).filter(e => e.node.kind === 'system').map(e => e.node.id);
        expect(groups).toEqual(['system:Rides']);
        const mermaid = renderMermaidFlowchart(graph);
        const parsed = await parseFlowchart(mermaid.text);
        expect(parsed.subgraphs.filter(s => s.id.startsWith('s_')).map(s => s.id)).toEqual(['s_Rides']);
    });
});
