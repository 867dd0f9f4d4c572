/**
 * The picture and the exports survive whatever the editor holds: half-written declarations, odd
 * nesting, dense graphs and hostile names. Every stage stays total, bounded, and its output inert.
 */
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import type { ComponentKind, ComponentModel, RelationKind, RelationModel } from '../../language/src/model/types.js';
import type { Finding } from '../../language/src/lint/types.js';
import { ArchModel } from '../../language/src/model/workspace.js';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { ELK_EDGE_BUDGET, layoutDiagram, toElkGraph, type ElkEdge, type ElkNode } from '../../diagram/src/layout.js';
import { renderSvg } from '../../diagram/src/render-svg.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { buildMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
import { toMermaidSequences } from '../../diagram/src/mermaid/sequence.js';
import { toMarkdownPage } from '../../diagram/src/mermaid/markdown.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import { modelOf } from '../diagram/diagram-helpers.js';
import { component, fragment, relation } from '../mermaid/fixtures.js';
import { parseFlowchart, parseSequence } from '../mermaid/mermaid-env.js';
import { HOSTILE, rawControls } from './hostile.js';

/** Parses an SVG with a real XML parser (jsdom's) and lists what would be live in a browser. */
function liveParts(svg: string): string[] {
    const dom = new JSDOM(svg.replace(/^<\?xml[^?]*\?>\s*/, ''), { contentType: 'image/svg+xml' });
    const document = dom.window.document;
    if (document.getElementsByTagName('parsererror').length > 0) return ['parsererror'];
    return liveIn(document.documentElement);
}

/** Script-capable elements and event-handler or javascript: attributes under `root`. */
function liveIn(root: Element): string[] {
    const found: string[] = [];
    for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
        const name = element.localName.toLowerCase();
        if (['script', 'img', 'iframe', 'object', 'embed', 'foreignobject', 'a', 'svg'].includes(name) && element !== root) found.push(`<${name}>`);
        for (const attribute of Array.from(element.attributes)) {
            if (/^on/i.test(attribute.name)) found.push(`${name}[${attribute.name}]`);
            if (/^\s*javascript:/i.test(attribute.value)) found.push(`${name}[${attribute.name}=javascript:]`);
        }
    }
    return found;
}

/** Everything a text of a half-written model can become, run end to end. */
async function everyOutput(model: ArchModel, findings: readonly Finding[]): Promise<{ graph: DiagramGraph; svg: string; flowchart: string; sequences: string[]; markdown: string }> {
    const graph = buildDiagram(model, findings);
    toElkGraph(graph);
    const laidOut = await layoutDiagram(graph, createNodeElk());
    const svg = renderSvg(laidOut);
    const flowchart = buildMermaidFlowchart(model, findings).text;
    const sequences = toMermaidSequences(model).map(view => view.text);
    const markdown = toMarkdownPage(model, findings, { title: 'Page' });
    return { graph: laidOut, svg, flowchart, sequences, markdown };
}

describe('half-written and oddly nested models', () => {
    const sources: Record<string, string> = {
        'a kind keyword alone': 'service\n',
        'a kind with a technology and no name': 'database : postgres\n',
        'a nameless component among named ones': 'service a { calls b }\nservice b\nservice\ncache : redis\na calls\n',
        'a broker inside a service and inside a broker': 'system Shop {\n  service api {\n    broker inner : kafka {\n      topic t\n    }\n  }\n  broker b : kafka { broker deep { topic x } }\n  service s { publishes b.deep.x; consumes api.inner.t }\n}\n',
        'a nameless flow and saga': 'service a\nservice b\na calls b\nflow {\n  path a -> b\n}\nsaga {\n  step a.do compensate b.undo\n  step b.go\n}\n',
        'a saga with half-written steps': 'service a\nservice b\nsaga S orchestrated by a {\n  step a.\n  step .x compensate b.\n  step b.go compensate\n}\nflow F { path a -> }\n',
        'a nameless system, region and zone': 'system {\n  service x { in }\n}\nregion { zone }\nregion r { zone z }\nservice y { in r.z }\n',
        'relations to nothing': 'service a { calls; reads ; writes x.y.z; publishes }\n',
        'a component named like the layout root': 'service __root__ { calls b }\nservice b { calls __root__ }\n'
    };
    for (const [what, text] of Object.entries(sources)) {
        test(`${what}: graph, ELK input, layout, SVG, Mermaid and Markdown are all produced`, async () => {
            const { model, findings } = await modelOf(text);
            const out = await everyOutput(model, findings);
            expect(liveParts(out.svg)).toEqual([]);
            await parseFlowchart(out.flowchart);
            for (const sequence of out.sequences) await parseSequence(sequence);
            // Nothing drawn or written says `undefined` or `null` for a missing name.
            for (const text of [out.svg, out.flowchart, ...out.sequences, out.markdown]) expect(text).not.toMatch(/\bundefined\b|\bnull\b/);
        });
    }

    test('a keyword without a name is left out of the picture; the named components are drawn', async () => {
        const { model, findings } = await modelOf('service a { calls b }\nservice b\nservice\n');
        const graph = buildDiagram(model, findings);
        expect(graph.nodes.map(n => n.id).sort()).toEqual(['a', 'b']);
        expect(graph.edges).toHaveLength(1);
    });

    test('the ELK root never shares its id with a component', async () => {
        const { model, findings } = await modelOf(sources['a component named like the layout root']);
        const elk = toElkGraph(buildDiagram(model, findings));
        expect(elk.children?.map(c => c.id)).toContain('__root__');
        expect(elk.id).not.toBe('__root__');
    });

    test('a broker nested in a broker, and one inside a service, become nested subgraphs in Mermaid', async () => {
        const { model, findings } = await modelOf(sources['a broker inside a service and inside a broker']);
        const parsed = await parseFlowchart(buildMermaidFlowchart(model, findings).text);
        const byTitle = (title: string) => parsed.subgraphs.find(s => s.title.split('<br')[0] === title);
        // Brokers hold their channels and brokers (as in the preview); a service holds nothing.
        expect(byTitle('api')).toBeUndefined();
        expect(byTitle('inner')?.nodes).toEqual(['n_Shop__api__inner__t']);
        const deep = byTitle('deep')!;
        expect(deep.nodes).toContain('n_Shop__b__deep__x');
        expect(byTitle('b')!.nodes).toContain(deep.id);
    });

    test('a nameless saga and flow are drawn as (unnamed) sequences', async () => {
        const { model } = await modelOf(sources['a nameless flow and saga']);
        const views = toMermaidSequences(model);
        expect(views.length).toBeGreaterThanOrEqual(1);
        for (const view of views) {
            expect(view.name).toBe('(unnamed)');
            await parseSequence(view.text);
        }
    });

    test('a graph from elsewhere with a repeated node id and an edge to nothing still lays out', async () => {
        const node = (id: string) => ({ id, kind: 'service' as const, label: id, replicas: 1, managed: false, children: [], findings: [], width: 120, height: 42 });
        const graph: DiagramGraph = {
            nodes: [node('a'), node('a'), { ...node('g'), kind: 'system', children: [node('g')] }, node('b')],
            edges: [
                { id: 'e', relation: 'calls', style: 'sync-call', source: 'a', target: 'b', findings: [], highlighted: false },
                { id: 'e', relation: 'calls', style: 'sync-call', source: 'b', target: 'a', findings: [], highlighted: false },
                { id: 'f', relation: 'calls', style: 'sync-call', source: 'a', target: 'nowhere', findings: [], highlighted: false }
            ],
            structureKey: 'k'
        };
        const laidOut = await layoutDiagram(graph, createNodeElk());
        expect(liveParts(renderSvg(laidOut))).toEqual([]);
    });
});

/** `count` services, each calling every other one. */
function fullyConnected(count: number): ArchModel {
    const components: ComponentModel[] = [];
    const relations: RelationModel[] = [];
    for (let i = 0; i < count; i++) components.push(component(`s${i}`, 'service'));
    for (let i = 0; i < count; i++) for (let j = 0; j < count; j++) if (i !== j) relations.push(relation(`s${i}`, 'calls', `s${j}`));
    return new ArchModel([fragment({ components, relations })]);
}

function elkEdges(node: ElkNode): ElkEdge[] {
    return [...(node.edges ?? []), ...(node.children ?? []).flatMap(elkEdges)];
}

describe('dense graphs stay bounded', () => {
    test('ELK routes at most the edge budget of a fully connected graph, a spanning tree among them', () => {
        const graph = buildDiagram(fullyConnected(60), []);
        expect(graph.edges).toHaveLength(60 * 59);
        const elk = toElkGraph(graph);
        const edges = elkEdges(elk);
        expect(edges).toHaveLength(ELK_EDGE_BUDGET);
        expect(elk.layoutOptions?.['elk.layered.thoroughness']).toBe('1');
        // Every service is reached by some edge ELK sees, so the layout keeps the graph together.
        const touched = new Set(edges.flatMap(e => [...e.sources, ...e.targets]));
        expect(touched.size).toBe(60);
        // A graph under the budget is left exactly as before.
        const small = toElkGraph(buildDiagram(fullyConnected(8), []));
        expect(elkEdges(small)).toHaveLength(56);
        expect(small.layoutOptions?.['elk.layered.thoroughness']).toBeUndefined();
    });

    test('60 fully connected services (3,540 edges) lay out and render with every edge drawn', async () => {
        const started = performance.now();
        const graph = await layoutDiagram(buildDiagram(fullyConnected(60), []), createNodeElk());
        const svg = renderSvg(graph);
        const seconds = (performance.now() - started) / 1000;
        expect(graph.edges.every(e => (e.sections?.length ?? 0) > 0)).toBe(true);
        expect(svg.match(/class="sysd-edge /g)).toHaveLength(3540);
        // Minutes before the budget; seconds now (generous for a loaded machine).
        expect(seconds).toBeLessThan(40);
    }, 120_000);
});

/** A model whose every name, technology, protocol, action, finding and file name is hostile. */
function hostileModel(): { model: ArchModel; findings: Finding[] } {
    const kinds: ComponentKind[] = ['service', 'database', 'client', 'cache', 'gateway', 'queue', 'function', 'search'];
    const uri = (i: number) => `file:///work/${HOSTILE[i % HOSTILE.length]}/<img src=x onerror=alert(1)>.sysd`;
    const components = HOSTILE.map((name, i) => component(`Sys${i % 3}.c${i}`, kinds[i % kinds.length], {
        name, system: `Sys${i % 3}`, technology: HOSTILE[(i + 5) % HOSTILE.length] || undefined,
        loc: { uri: uri(i), range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } }
    }));
    components.push(component(`Bus`, 'broker', { name: HOSTILE[20] }), component('Bus.t', 'topic', { name: HOSTILE[21], parent: 'Bus' }));
    const kindsOfRelation: RelationKind[] = ['calls', 'reads', 'writes', 'publishes', 'uses', 'replicates', 'syncs', 'routes'];
    const relations = HOSTILE.slice(1).map((_, i) => relation(components[i].id, kindsOfRelation[i % kindsOfRelation.length], components[i + 1].id, {
        protocol: HOSTILE[(i + 9) % HOSTILE.length] || undefined, via: i % 4 === 0 ? HOSTILE[(i + 2) % HOSTILE.length] as RelationModel['via'] : undefined, sync: i % 2 === 0
    }));
    relations.push(relation(components[0].id, 'publishes', 'Bus.t'), relation(components[1].id, 'consumes', 'Bus.t'));
    const findings: Finding[] = HOSTILE.map((message, i) => ({
        ruleId: HOSTILE[(i + 1) % HOSTILE.length], messageId: 'x', severity: (['error', 'warning', 'info', 'hint'] as const)[i % 4], message,
        elements: [components[i].id, relations[i % relations.length].id], loc: components[i].loc
    }) as Finding);
    const model = new ArchModel([fragment({
        components, relations,
        systems: [0, 1, 2].map(i => ({ id: `Sys${i}`, name: HOSTILE[i * 7], loc: components[i].loc })),
        sagas: [{
            id: 'S', name: HOSTILE[17], mode: 'orchestration', orchestrator: components[2].id, loc: components[0].loc,
            steps: HOSTILE.slice(0, 12).map((action, i) => ({
                service: components[i].id, action, compensation: i % 2 === 0 ? { service: components[i + 1].id, action: HOSTILE[i + 20] } : undefined,
                noCompensation: i % 2 === 1, external: i % 3 === 0, loc: components[i].loc
            }))
        }, { id: 'C', name: HOSTILE[18], mode: 'choreography', broker: 'Bus', loc: components[1].loc,
            steps: HOSTILE.slice(30, 36).map((action, i) => ({ service: components[i + 30].id, action, compensation: { service: components[i + 31].id, action: HOSTILE[i] }, noCompensation: false, external: false, loc: components[i].loc })) }],
        flows: [{ id: 'F', name: HOSTILE[16], path: components.slice(0, 6).map(c => c.id), userFacing: true, requires: 'strong', loc: components[3].loc }]
    })]);
    return { model, findings };
}

describe('hostile names are inert in every output', () => {
    test('the corpus has what it promises', () => {
        expect(HOSTILE.length).toBeGreaterThan(60);
        expect(rawControls(HOSTILE.join(''))).toEqual(expect.arrayContaining(['U+001b', 'U+0007', 'U+0000', 'U+009b', 'U+202e', 'U+d800']));
    });

    test('the diagram graph builds and lays out; the SVG is well-formed XML with nothing live and no raw controls', async () => {
        const { model, findings } = hostileModel();
        const graph = buildDiagram(model, findings);
        const laidOut = await layoutDiagram(graph, createNodeElk());
        expect(laidOut.width).toBeGreaterThan(0);
        for (const theme of ['light', 'dark', 'vscode'] as const) {
            const svg = renderSvg(laidOut, { theme });
            expect(liveParts(svg)).toEqual([]);
            expect(rawControls(svg)).toEqual([]);
            expect(svg).not.toMatch(/<(?:script|img)\b/i);
        }
        // Labels are one line of at most 200 characters, whatever the name.
        for (const node of graph.nodes.flatMap(n => [n, ...n.children])) {
            expect([...node.label].length).toBeLessThanOrEqual(200);
            expect(rawControls(node.label, [])).toEqual([]);
        }
        // The ELK input is JSON with the same guarantees (the elk-json export).
        expect(rawControls(JSON.stringify(toElkGraph(graph)))).toEqual([]);
    });

    test('the Mermaid flowchart and sequences parse with Mermaid and hold no raw controls or directives', async () => {
        const { model, findings } = hostileModel();
        const flowchart = buildMermaidFlowchart(model, findings);
        const parsed = await parseFlowchart(flowchart.text);
        const subgraphs = new Set(parsed.subgraphs.map(s => s.id));
        const holders = new Set([...model.components.values()].filter(c => c.parent !== undefined && model.components.has(c.parent)).map(c => c.parent));
        expect(parsed.vertices.filter(v => !v.id.startsWith('legend_') && !subgraphs.has(v.id)).length).toBe(model.components.size - holders.size);
        expect(rawControls(flowchart.text)).toEqual([]);
        expect(flowchart.text).not.toContain('%%');
        expect(flowchart.text).not.toContain('`');
        const views = toMermaidSequences(model);
        expect(views).toHaveLength(3);
        for (const view of views) {
            await parseSequence(view.text);
            expect(rawControls(view.text)).toEqual([]);
            expect(view.text).not.toContain('%%');
        }
    });

    test('the Markdown page renders with markdown-it to HTML without live elements or raw controls, file names included', async () => {
        const { model, findings } = hostileModel();
        for (const [displayPath, ruleLink] of [
            [undefined, undefined],
            [(uri: string) => uri.slice('file:///work/'.length), () => undefined]
        ] as const) {
            const page = toMarkdownPage(model, findings, {
                // The intro is Markdown; the CLI quotes each file name in it as code, as here.
                title: HOSTILE.join(' '), intro: `Generated from ${HOSTILE.map(f => `\`${f.replace(/`/g, "'")}\``).join(', ')}.`,
                displayPath, ruleLink
            });
            expect(rawControls(page)).toEqual([]);
            for (const html of [new MarkdownIt({ html: true }).render(page), new MarkdownIt().render(page)]) {
                const dom = new JSDOM(`<!doctype html><body>${html}</body>`);
                expect(liveIn(dom.window.document.body).filter(part => part !== '<a>')).toEqual([]);
                // Links are only the rule pages (relative, never javascript:).
                for (const a of Array.from(dom.window.document.querySelectorAll('a'))) expect(a.getAttribute('href')).toMatch(/^docs\/rules\//);
            }
            // The fenced diagrams in the page still parse.
            for (const block of page.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)) {
                if (block[1].startsWith('flowchart')) await parseFlowchart(block[1]);
                else await parseSequence(block[1]);
            }
        }
    });
});
