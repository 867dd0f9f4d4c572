import { describe, expect, test } from 'vitest';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { layoutDiagram } from '../../diagram/src/layout.js';
import { escapeXml, renderSvg } from '../../diagram/src/render-svg.js';
import { diagramStyles, PALETTES } from '../../diagram/src/theme.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import { buildViewGraph, listViews, parseViewKey, resolveView } from '../../diagram/src/views/index.js';
import { checkWellFormed, exampleModel, modelOf } from './diagram-helpers.js';

const elk = createNodeElk();

async function draw(text: string | Record<string, string>): Promise<{ graph: DiagramGraph; svg: string }> {
    const { model, findings } = await modelOf(text);
    const graph = await layoutDiagram(buildDiagram(model, findings), elk);
    return { graph, svg: renderSvg(graph) };
}

/** The `<g>` element (opening tag up to its matching close is not needed: its opening tag and content until the next node). */
function groupOf(svg: string, id: string): string {
    const start = svg.indexOf(`data-id="${escapeXml(id)}"`);
    expect(start, `no element for ${id}`).toBeGreaterThan(-1);
    const open = svg.lastIndexOf('<g ', start);
    let depth = 0;
    const tag = /<(\/?)g\b[^>]*?(\/?)>/g;
    tag.lastIndex = open;
    let match: RegExpExecArray | null;
    while ((match = tag.exec(svg)) !== null) {
        if (match[2]) continue;
        depth += match[1] ? -1 : 1;
        if (depth === 0) return svg.slice(open, tag.lastIndex);
    }
    throw new Error('unbalanced');
}

const ALL_KINDS = `
system All {
  client Web : browser
  client Phone : mobile
  cdn Static : cloudfront { origin Site }
  loadbalancer Edge { routes Site }
  gateway Api { replicas 2 }
  service Site { replicas 4; reads Db; writes Db }
  function Thumb
  broker Bus : kafka {
    topic events
    queue jobs
  }
  database Db : postgres
  cache Hot : redis
  objectstore Files : s3
  search Find : elasticsearch
  coordinator Zk : zookeeper { replicas 3 }
  Web -> Api : https
  Api -> Site : http { timeout 1s }
}`;

describe('renderSvg', () => {
    test('every kind has its shape and icon, and every node and edge a tagged <g>', async () => {
        const { graph, svg } = await drawAll();
        expect(checkWellFormed(svg)).toBeUndefined();
        for (const kind of ['client', 'cdn', 'loadbalancer', 'gateway', 'service', 'function', 'broker', 'topic', 'queue', 'database', 'cache', 'objectstore', 'search', 'coordinator']) {
            expect(svg).toMatch(new RegExp(`<g class="sysd-node sysd-kind-${kind}[ "][^>]*data-kind="${kind}"`));
            expect(svg).toContain(`sysd-icon-${kind}`);
        }
        // Cylinder for the database: two elliptic arcs; hexagon for the gateway; a pipe for the broker.
        const db = groupOf(svg, 'All.Db');
        expect(db.match(/ A/g)!.length).toBeGreaterThanOrEqual(3);
        expect(groupOf(svg, 'All.Api')).toMatch(/<path class="sysd-shape" d="M12,0 H[\d.]+ L[\d.]+,[\d.]+ L/);
        expect(groupOf(svg, 'All.Hot')).toContain('sysd-store');
        // A browser client and a mobile client get different glyphs.
        expect(groupOf(svg, 'All.Web')).toContain('<rect class="sysd-icon" x="1" y="3"');
        expect(groupOf(svg, 'All.Phone')).toContain('<rect class="sysd-icon" x="5" y="1"');
        for (const edge of graph.edges) {
            const g = groupOf(svg, edge.id);
            expect(g).toContain(`data-kind="${edge.style}"`);
            expect(g).toContain('class="sysd-line"');
        }
        expect(svg).toContain('class="sysd-group sysd-group-system" data-id="system:All" data-kind="system"');
    });

    test('replicated components are stacked and carry a ×N badge', async () => {
        const { svg } = await drawAll();
        const site = groupOf(svg, 'All.Site');
        expect(site).toContain('sysd-replicated');
        expect(site.match(/class="sysd-stack"/g)).toHaveLength(2); // at most two copies are drawn
        expect(site).toContain('>×4</text>');
        const api = groupOf(svg, 'All.Api');
        expect(api.match(/class="sysd-stack"/g)).toHaveLength(1);
        expect(api).toContain('>×2</text>');
        const thumb = groupOf(svg, 'All.Thumb');
        expect(thumb).not.toContain('sysd-stack');
        expect(thumb).not.toContain('×');
    });

    test('edge styles: reads point at the reader, writes at the store, async is dashed with an open head', async () => {
        const { svg } = await draw(`
system S {
  service A { reads Db; writes Db; publishes Bus.t; calls B async }
  service B
  database Db : postgres
  broker Bus : kafka { topic t }
}`);
        const css = diagramStyles('light');
        const read = svg.match(/<g class="sysd-edge sysd-edge-read [^]*?<\/g>/)![0];
        expect(read).toContain('marker-start="url(#sysd-arrow-start)"');
        expect(read).not.toContain('marker-end');
        const write = svg.match(/<g class="sysd-edge sysd-edge-write [^]*?<\/g>/)![0];
        expect(write).toContain('marker-end="url(#sysd-arrow)"');
        const async = svg.match(/<g class="sysd-edge sysd-edge-async-call [^]*?<\/g>/)![0];
        expect(async).toContain('marker-end="url(#sysd-arrow-open)"');
        expect(css).toMatch(/\.sysd-edge-async-call \.sysd-line[^{]*\{ stroke-dasharray/);
        expect(css).toMatch(/\.sysd-edge-write \.sysd-line \{ stroke-width: 2.6/);
        expect(css).toMatch(/\.sysd-edge-replication \.sysd-line \{ stroke-dasharray: 1.5/);
    });

    test('findings: a badge coloured by the worst severity with the count and a tooltip; cycle edges highlighted', async () => {
        const { graph, svg } = await draw(`
system S {
  service A { calls B over http { timeout 1s } }
  service B { calls A over http { timeout 1s } }
}`);
        const cycle = graph.edges.filter(e => e.highlighted);
        expect(cycle).toHaveLength(2);
        for (const edge of cycle) {
            const g = groupOf(svg, edge.id);
            expect(g).toContain('sysd-highlighted');
            expect(g).toContain('marker-end="url(#sysd-arrow-error)"');
        }
        expect(diagramStyles('light')).toContain(`.sysd-highlighted .sysd-line { stroke: ${PALETTES.light.error}; stroke-width: 3; }`);
        const withFindings = graph.edges.find(e => e.findings.length > 0)!;
        const badge = groupOf(svg, withFindings.id).match(/<g class="sysd-finding-badge sysd-sev-(\w+)" data-count="(\d+)"><title>([^<]*)<\/title>/)!;
        expect(badge[1]).toBe(withFindings.severity);
        expect(Number(badge[2])).toBe(withFindings.findings.length);
        expect(badge[3]).toContain('sync-call-cycle');

        const store = await exampleModel('online-store.sysd');
        const laidOut = await layoutDiagram(buildDiagram(store.model, store.findings), elk);
        const storeSvg = renderSvg(laidOut, { theme: 'dark' });
        const db = laidOut.nodes.flatMap(function all(n): typeof laidOut.nodes { return [n, ...n.children.flatMap(all)]; }).find(n => n.id === 'Store.OrdersDb')!;
        const g = groupOf(storeSvg, 'Store.OrdersDb');
        expect(g).toContain(`sysd-sev-${db.severity}`);
        expect(g).toMatch(new RegExp(`<g class="sysd-finding-badge sysd-sev-${db.severity}" data-count="${db.findings.length}">`));
        expect(g).toContain('shared-database');
        expect(storeSvg).toContain(`.sysd-finding-badge.sysd-sev-warning circle { fill: ${PALETTES.dark.warning}; }`);
    });

    test('a malicious name comes out as text, and the document stays well-formed', () => {
        const evil = '<img src=x onerror=alert(1)>';
        const graph: DiagramGraph = {
            nodes: [{
                id: evil, kind: 'service', label: evil, detail: '"quoted" & \'single\'', replicas: 2, managed: false, children: [], x: 0, y: 0,
                width: 300, height: 60, findings: [{ ruleId: 'x', severity: 'error', message: '</title><script>alert(1)</script>' }], severity: 'error'
            }, {
                id: 'b', kind: 'database', label: 'b\u0000\u0007', replicas: 1, managed: false, children: [], x: 400, y: 0, width: 120, height: 60, findings: []
            }],
            edges: [{
                id: `${evil} calls b #1`, relation: 'calls', style: 'sync-call', source: evil, target: 'b', label: '<b>&amp;</b>', findings: [], highlighted: false,
                sections: [{ startPoint: { x: 300, y: 30 }, endPoint: { x: 400, y: 30 } }], labelPosition: { x: 320, y: 10, width: 60, height: 16 }
            }],
            structureKey: 'k', width: 520, height: 60
        };
        for (const theme of ['light', 'dark', 'high-contrast', 'vscode'] as const) {
            for (const standalone of [true, false]) {
                const svg = renderSvg(graph, { theme, standalone });
                expect(checkWellFormed(svg)).toBeUndefined();
                expect(svg).not.toContain('<img');
                expect(svg).not.toContain('<script');
                expect(svg).not.toContain('<b>');
                expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
                expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
                expect(svg).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
                expect(svg).toContain('&quot;quoted&quot; &amp; &apos;single&apos;');
                expect(svg).not.toContain('\u0000');
            }
        }
        // The well-formedness check itself notices broken markup.
        expect(checkWellFormed('<svg><g></svg>')).toBeDefined();
        expect(checkWellFormed('<svg><text>a<b</text></svg>')).toBeDefined();
        expect(checkWellFormed('<svg><text>a & b</text></svg>')).toBeDefined();
        expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    });

    test('themes: standalone files embed concrete colours; the vscode theme reads VS Code variables; no style without standalone', () => {
        const graph: DiagramGraph = { nodes: [], edges: [], structureKey: 'k' };
        const light = renderSvg({ ...graph, nodes: [{ id: 'a', kind: 'service', label: 'a', replicas: 1, managed: false, children: [], findings: [], x: 0, y: 0, width: 120, height: 42 }], width: 120, height: 42 });
        expect(light.startsWith('<?xml')).toBe(true);
        expect(light).toContain(`fill: ${PALETTES.light['node-fill']}`);
        expect(light).not.toMatch(/fill: var\(/);
        const vscode = diagramStyles('vscode');
        expect(vscode).toContain('--sysd-fg: var(--vscode-editor-foreground');
        expect(vscode).toContain('fill: var(--sysd-node-fill)');
        const bare = renderSvg(graph, { standalone: false });
        expect(bare).not.toContain('<style');
        expect(bare).toContain('No components to show.');
        expect(checkWellFormed(bare)).toBeUndefined();
    });
});

let cached: { graph: DiagramGraph; svg: string } | undefined;
async function drawAll(): Promise<{ graph: DiagramGraph; svg: string }> {
    cached ??= await draw(ALL_KINDS);
    return cached;
}

describe('legend, groups and kind colours', () => {
    test('a standalone file carries the legend below the picture and grows to hold it; legend: false leaves it out', async () => {
        const { model, findings } = await exampleModel('online-store.sysd');
        const graph = await layoutDiagram(buildDiagram(model, findings), elk);
        const withLegend = renderSvg(graph);
        const without = renderSvg(graph, { legend: false });
        expect(checkWellFormed(withLegend)).toBeUndefined();
        expect(withLegend).toContain('class="sysd-legend"');
        expect(without).not.toContain('class="sysd-legend"');
        const heightOf = (svg: string) => Number(/<svg[^>]*height="(\d+)"/.exec(svg)![1]);
        expect(heightOf(withLegend)).toBeGreaterThan(heightOf(without) + 40);
        // The legend sits below the picture: its translation is at the picture's bottom.
        const at = /class="sysd-legend" transform="translate\(8,(\d+)\)"/.exec(withLegend)!;
        expect(Number(at[1])).toBeGreaterThanOrEqual(Math.ceil(graph.height!));
        // One entry per legend item, each with a swatch drawn with the picture's own classes.
        expect(withLegend.match(/class="sysd-legend-entry"/g)!.length).toBeGreaterThan(3);
        expect(withLegend).toMatch(/<g class="sysd-legend-entry" data-kind="line"[^>]*><g class="sysd-edge-/);
        // The swatches are not picture elements: the count of nodes and edges is the graph's.
        expect(withLegend.match(/class="sysd-edge /g)!.length).toBe(graph.edges.length);
        // A page that brings its own stylesheet gets no legend unless it asks.
        expect(renderSvg(graph, { standalone: false })).not.toContain('class="sysd-legend"');
        expect(renderSvg(graph, { standalone: false, legend: true })).toContain('class="sysd-legend"');
    });

    test('groups are solid boxes with a tinted title bar; components carry their colour family', async () => {
        const { model, findings } = await exampleModel('ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd');
        const svg = renderSvg(await layoutDiagram(buildDiagram(model, findings), elk));
        expect(svg).toMatch(/<g class="sysd-group sysd-group-region"[^>]*>.*<path class="sysd-group-bar"/);
        const styles = diagramStyles('light');
        // No dashes on any group border: dashes and dots mean relations.
        expect(styles).not.toMatch(/sysd-group[^{]*\{[^}]*stroke-dasharray/);
        expect(groupOf(svg, 'Rides.TripsDb')).toContain('sysd-cat-store');
        expect(groupOf(svg, 'Rides.Dispatch')).toContain('sysd-cat-message');
        expect(groupOf(svg, 'Rides.RiderApp')).toContain('sysd-cat-client');
        expect(groupOf(svg, 'Rides.Mobile')).toContain('sysd-cat-entry');
        // Each family has its own fill and stroke in every concrete theme.
        for (const theme of ['light', 'dark'] as const) {
            const css = diagramStyles(theme);
            expect(css).toContain(`.sysd-cat-store .sysd-shape, svg.sysd-diagram .sysd-cat-store .sysd-copy { fill: ${PALETTES[theme]['store-fill']}; stroke: ${PALETTES[theme]['store-stroke']}; }`);
            expect(PALETTES[theme]['store-fill']).not.toBe(PALETTES[theme]['message-fill']);
            expect(PALETTES[theme]['store-fill']).not.toBe(PALETTES[theme]['node-fill']);
        }
    });
});

describe('flow views and external components', () => {
    test('the path of a flow is drawn bold (class sysd-focus), and its legend entry shows a bold line, not a red one', async () => {
        const { model, findings } = await exampleModel('ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd');
        const flow = listViews(model).find(v => v.kind === 'flow')!;
        expect(flow).toBeDefined();
        const view = resolveView(model, parseViewKey(flow.key)!);
        if ('error' in view) throw new Error(view.error);
        const graph = await layoutDiagram(buildViewGraph(model, findings, view), elk);
        const svg = renderSvg(graph);
        const focused = graph.edges.filter(e => e.focus);
        expect(focused.length).toBeGreaterThan(0);
        for (const e of focused) expect(groupOf(svg, e.id)).toMatch(/^<g class="sysd-edge [^"]*sysd-focus/);
        expect(svg).toMatch(/<g class="sysd-legend-entry" data-kind="highlight"[^>]*><g class="sysd-edge-sync-call sysd-focus">/);
        expect(diagramStyles('light')).toMatch(/\.sysd-focus \.sysd-line \{ stroke: #1f2328; stroke-width: 3\.2; \}/);
    });

    test('an external component gets a dashed outline', () => {
        const graph: DiagramGraph = {
            nodes: [{ id: 'S.Psp', kind: 'service', label: 'Psp', replicas: 1, managed: false, external: true, children: [], findings: [], x: 0, y: 0, width: 120, height: 42 }],
            edges: [], structureKey: 'x', width: 120, height: 42
        };
        expect(groupOf(renderSvg(graph), 'S.Psp')).toMatch(/^<g class="[^"]*sysd-external/);
        expect(diagramStyles('light')).toContain('.sysd-external .sysd-shape, svg.sysd-diagram .sysd-external .sysd-copy { stroke-dasharray: 5 3; }');
    });
});
