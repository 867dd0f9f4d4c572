import { describe, expect, test } from 'vitest';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import {
    aspectRatio, closeParallels, edgeBoxCrossings, labelDistance, labelOverlaps, nodeOverlaps, placedNodes, segmentCrossesBox
} from '../../diagram/src/geometry.js';
import { layoutDiagram } from '../../diagram/src/layout.js';
import { buildViewGraph, listViews, parseViewKey, resolveView } from '../../diagram/src/views/index.js';
import { categoryColours, contrastRatio, PALETTES, VSCODE_PALETTE, type KindCategory } from '../../diagram/src/theme.js';
import type { DiagramEdge, DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import { generateWorkspace } from '../../scripts/bench-diagram.js';
import { exampleModel, modelOf } from './diagram-helpers.js';

const EXAMPLES = [['online-store.sysd'], ['chat.sysd'], ['url-shortener.sysd'], ['ad-analytics.sysd'], ['online-education.sysd'],
    ['ticket-reservation/tickets.sysd', 'ticket-reservation/payments.sysd'],
    ['ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd']];

const elk = createNodeElk();

function node(id: string, x: number, y: number, children: DiagramNode[] = [], kind: DiagramNode['kind'] = 'service'): DiagramNode {
    return { id, kind, label: id, replicas: 1, managed: false, children, findings: [], x, y, width: 100, height: 40 };
}

function edge(id: string, source: string, target: string, points: { x: number; y: number }[], label?: DiagramEdge['labelPosition']): DiagramEdge {
    return {
        id, relation: 'calls', style: 'sync-call', source, target, findings: [], highlighted: false,
        sections: [{ startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }],
        ...(label ? { label: 'https', labelPosition: label } : {})
    };
}

/** Every problem of a laid-out graph, by name, so a failure lists what to look at. */
function problems(graph: DiagramGraph): string[] {
    return [
        ...edgeBoxCrossings(graph).map(c => `${c.edge} crosses ${c.node}`),
        ...labelOverlaps(graph).map(o => `label of ${o.edge} overlaps ${'edge' in o.other ? `label of ${o.other.edge}` : o.other.node}`),
        ...nodeOverlaps(graph).map(o => `${o.a} overlaps ${o.b}`)
    ];
}

describe('geometry measures', () => {
    test('a segment through a box crosses it; one along its border or outside does not', () => {
        const box = { x: 10, y: 10, width: 20, height: 20 };
        expect(segmentCrossesBox({ x: 0, y: 20 }, { x: 40, y: 20 }, box)).toBe(true);
        expect(segmentCrossesBox({ x: 20, y: 0 }, { x: 20, y: 15 }, box)).toBe(true);
        expect(segmentCrossesBox({ x: 0, y: 10 }, { x: 40, y: 10 }, box)).toBe(false);
        expect(segmentCrossesBox({ x: 0, y: 35 }, { x: 40, y: 35 }, box)).toBe(false);
        expect(segmentCrossesBox({ x: 0, y: 20 }, { x: 10, y: 20 }, box)).toBe(false);
    });

    test('edgeBoxCrossings names the edge and the box, and ignores the ends and their containers', () => {
        const broker = node('B', 400, 0, [node('B.t', 10, 30)], 'broker');
        broker.width = 140;
        broker.height = 90;
        const graph: DiagramGraph = {
            nodes: [node('A', 0, 0), node('M', 200, 0), broker, node('C', 0, 200)],
            edges: [
                edge('through', 'A', 'B.t', [{ x: 100, y: 20 }, { x: 410, y: 50 }].map((p, i) => (i === 0 ? p : { x: 410, y: 20 }))),
                edge('around', 'A', 'C', [{ x: 50, y: 40 }, { x: 50, y: 200 }])
            ],
            structureKey: '', width: 600, height: 300
        };
        expect(edgeBoxCrossings(graph).map(c => `${c.edge}@${c.node}`)).toEqual(['through@M']);
    });

    test('labelOverlaps finds labels on labels and on boxes; nodeOverlaps finds boxes on boxes', () => {
        const graph: DiagramGraph = {
            nodes: [node('A', 0, 0), node('B', 300, 0), node('C', 350, 20)],
            edges: [
                edge('e1', 'A', 'B', [{ x: 100, y: 20 }, { x: 300, y: 20 }], { x: 150, y: 12, width: 40, height: 16 }),
                edge('e2', 'A', 'B', [{ x: 100, y: 30 }, { x: 300, y: 30 }], { x: 170, y: 22, width: 40, height: 16 }),
                edge('e3', 'A', 'B', [{ x: 100, y: 35 }, { x: 300, y: 35 }], { x: 80, y: 30, width: 40, height: 16 })
            ],
            structureKey: '', width: 500, height: 100
        };
        const found = labelOverlaps(graph).map(o => `${o.edge}:${'edge' in o.other ? o.other.edge : o.other.node}`);
        expect(found).toEqual(['e1:e2', 'e3:A']);
        expect(nodeOverlaps(graph).map(o => [o.a, o.b].sort().join('+'))).toEqual(['B+C']);
        expect(aspectRatio(graph)).toBe(5);
    });
});

describe('laid-out examples: no line through a box, no label on a label or a box', () => {
    for (const files of EXAMPLES) {
        test(files[0], async () => {
            const { model, findings } = await exampleModel(...files);
            // Every view the picker offers: systems, all, deployment, declared views, flows, sagas.
            const views = listViews(model);
            expect(views.length).toBeGreaterThan(1);
            for (const info of views) {
                const ref = parseViewKey(info.key);
                expect(ref, info.key).toBeDefined();
                const view = resolveView(model, ref!);
                if ('error' in view) throw new Error(`${info.key}: ${view.error}`);
                const graph = buildViewGraph(model, findings, view);
                if (graph.nodes.length === 0) continue;
                const laidOut = await layoutDiagram(graph, elk);
                expect(problems(laidOut), info.key).toEqual([]);
                // No two lines run within 12 px of each other for 300 px (online-education had two 10 px apart for 600 px).
                expect(closeParallels(laidOut, { gap: 12, length: 300 }), info.key).toEqual([]);
                // Every label sits on its own line (centred on the route), not somewhere near its source.
                for (const e of laidOut.edges) {
                    if (!e.label) continue;
                    expect(labelDistance(e), `${info.key}: label of ${e.id}`).toBeLessThanOrEqual(12);
                }
            }
        });
    }

    test('ticket-reservation is not a strip', async () => {
        const { model, findings } = await exampleModel('ticket-reservation/tickets.sysd', 'ticket-reservation/payments.sysd');
        const laidOut = await layoutDiagram(buildDiagram(model, findings), elk);
        expect(aspectRatio(laidOut)).toBeLessThan(3);
    });
});

describe('messages flow left to right', () => {
    const centreX = (graph: DiagramGraph, id: string) => {
        const p = placedNodes(graph).find(q => q.node.id === id)!;
        return p.box.x + p.box.width / 2;
    };

    test('in Rides, the broker is right of the publisher even though the sync call cycle runs through both', async () => {
        const { model, findings } = await exampleModel('ride-sharing/platform.sysd', 'ride-sharing/trips.sysd', 'ride-sharing/location.sysd');
        const laidOut = await layoutDiagram(buildDiagram(model, findings, { system: 'Rides' }), elk);
        expect(centreX(laidOut, 'Rides.Dispatch.tripRequests')).toBeGreaterThan(centreX(laidOut, 'Rides.Trips'));
        // The broker is no longer among the clients in the first column.
        expect(centreX(laidOut, 'Rides.Dispatch')).toBeGreaterThan(centreX(laidOut, 'Rides.RiderApp'));
    });

    test('a broker between its publisher and its consumer, also when a call goes back', async () => {
        const { model, findings } = await modelOf(`system S {
            client App : web
            service Orders { publishes Bus.orders; writes OrdersDb }
            broker Bus : kafka { topic orders }
            service Mailer { consumes Bus.orders; calls Orders over http { timeout 1s } }
            database OrdersDb : postgres
            App -> Orders : https
        }`);
        const laidOut = await layoutDiagram(buildDiagram(model, findings), elk);
        const publisher = centreX(laidOut, 'S.Orders');
        const topic = centreX(laidOut, 'S.Bus.orders');
        const consumer = centreX(laidOut, 'S.Mailer');
        expect(publisher).toBeLessThan(topic);
        expect(topic).toBeLessThan(consumer);
        expect(problems(laidOut)).toEqual([]);
    });
});

describe('generated workspaces', () => {
    for (const size of [100, 300]) {
        test(`${size} components: no line through a box, no overlapping labels`, async () => {
            const { model, findings } = await modelOf(generateWorkspace(size));
            const laidOut = await layoutDiagram(buildDiagram(model, findings), elk);
            expect(problems(laidOut)).toEqual([]);
            expect(aspectRatio(laidOut)).toBeLessThan(4);
        }, 60_000);
    }
});

describe('theme contrast (WCAG AA)', () => {
    const categories: KindCategory[] = ['client', 'entry', 'compute', 'store', 'message'];
    for (const [theme, p] of Object.entries(PALETTES)) {
        test(theme, () => {
            const failures: string[] = [];
            const text = (fg: keyof typeof p, bg: keyof typeof p) => {
                const ratio = contrastRatio(p[fg], p[bg]);
                if (ratio < 4.5) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
            };
            const stroke = (key: keyof typeof p, against: keyof typeof p = 'bg') => {
                const ratio = contrastRatio(p[key], p[against]);
                if (ratio < 3) failures.push(`${key} against ${against}: ${ratio.toFixed(2)}`);
            };
            for (const category of categories) {
                const { fill, stroke: line } = categoryColours(category);
                text('fg', fill);
                text('muted', fill);
                stroke(line);
                stroke(line, fill);
            }
            for (const bar of ['group-bar', 'region-bar', 'zone-bar', 'group-fill', 'bg'] as const) {
                text('muted', bar);
                text('fg', bar);
            }
            text('muted', 'label-bg');
            text('on-error', 'error');
            text('on-warning', 'warning');
            text('on-info', 'info');
            text('badge-fg', 'badge-bg');
            for (const key of ['edge', 'group-stroke', 'error', 'warning', 'info', 'node-stroke'] as const) stroke(key);
            expect(failures).toEqual([]);
        });
    }
});

describe('theme contrast in VS Code themes (the webview\'s `vscode` palette)', () => {
    /** VS Code's default themes: editor background and foreground. */
    const THEMES = {
        'Dark Modern': { bg: '#1f1f1f', fg: '#cccccc' },
        'Light Modern': { bg: '#ffffff', fg: '#3b3b3b' },
        'Solarized Light': { bg: '#fdf6e3', fg: '#657b83' },
        'High Contrast': { bg: '#000000', fg: '#ffffff' }
    };
    const hex = (c: number[]) => `#${c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    const rgb = (h: string) => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16));
    /** Evaluates the palette's `color-mix(in srgb, var(--vscode-editor-background, …) P%, #colour)` for a background. */
    const evaluate = (value: string, bg: string): string | undefined => {
        const mix = /^color-mix\(in srgb, var\(--vscode-editor-background, #[0-9a-f]{6}\) (\d+)%, (#[0-9a-f]{6})\)$/.exec(value);
        if (!mix) return undefined;
        const share = Number(mix[1]) / 100;
        const a = rgb(bg);
        const b = rgb(mix[2]);
        return hex(a.map((v, i) => v * share + b[i] * (1 - share)));
    };
    for (const [name, theme] of Object.entries(THEMES)) {
        test(name, () => {
            const failures: string[] = [];
            for (const category of ['client', 'entry', 'store', 'message'] as const) {
                const fill = evaluate(VSCODE_PALETTE[categoryColours(category).fill], theme.bg);
                expect(fill, `${category} fill is a tint of the editor background`).toBeDefined();
                const ratio = contrastRatio(theme.fg, fill!);
                // AA, or (for a theme whose own text misses AA, such as Solarized Light at 4.1:1)
                // nearly the contrast the theme itself gives its text.
                const needed = Math.min(4.5, 0.85 * contrastRatio(theme.fg, theme.bg));
                if (ratio < needed) failures.push(`${category}: ${ratio.toFixed(2)} < ${needed.toFixed(2)}`);
                // And the tint is visible: the fill is not the background itself.
                expect(fill).not.toBe(theme.bg);
            }
            expect(failures).toEqual([]);
        });
    }
});
