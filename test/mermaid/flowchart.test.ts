import { describe, expect, test } from 'vitest';
import { buildMermaidFlowchart, compoundId, nodeId, renderMermaidFlowchart, toMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
import { buildViewGraph, resolveView, type ResolvedView } from '../../diagram/src/views/index.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import { toMermaidSequences } from '../../diagram/src/mermaid/sequence.js';
import { encodeIdPart, mermaidText } from '../../diagram/src/mermaid/escape.js';
import { workspace } from '../helpers.js';
import { adversarialModel, exampleWorkspaces, generatedSource, NASTY } from './fixtures.js';
import { decodeMermaid, parseFlowchart, parseSequence } from './mermaid-env.js';

async function load(files: Record<string, string> | string) {
    const { model, services } = await workspace(files);
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    return { model, findings };
}

const MERMAID_KEYWORDS = new Set(['end', 'graph', 'flowchart', 'subgraph', 'class', 'classDef', 'style', 'click', 'linkStyle', 'default', 'direction']);

/** What a label shows for a name: each run of C0 control characters becomes one space. */
function flattenControls(text: string): string {
    let out = '';
    let inRun = false;
    for (const ch of text) {
        const control = ch.charCodeAt(0) <= 0x1f;
        if (!control) out += ch;
        else if (!inRun) out += ' ';
        inRun = control;
    }
    return out;
}

/** Element ids start with `n_`, `b_`, `s_`, `r_` or `z_`; the legend's with `legend_`, which no element id does. */
function checkIds(text: string): void {
    for (const match of text.matchAll(/^\s*(?:subgraph )?([A-Za-z0-9_]+)[[({>]/gm)) {
        expect(match[1]).toMatch(/^(?:[nsrzb]_|legend_\d+$|empty_view$)/);
        expect(MERMAID_KEYWORDS.has(match[1])).toBe(false);
    }
}

/** Components that hold drawn components (a broker with channels): drawn as the box around them, not as a node. */
function holders(model: ArchModel): Set<string> {
    return new Set([...model.components.values()].filter(c => c.parent !== undefined && model.components.has(c.parent)).map(c => c.parent!));
}

/** The vertices that are elements: not the legend's, and not a subgraph that an edge names (Mermaid lists those as vertices too). */
function elementVertices(parsed: Awaited<ReturnType<typeof parseFlowchart>>) {
    const subgraphs = new Set(parsed.subgraphs.map(s => s.id));
    return parsed.vertices.filter(v => !v.id.startsWith('legend_') && !subgraphs.has(v.id));
}

/** The Mermaid id a component is drawn with. */
function drawnId(model: ArchModel, id: string): string {
    return holders(model).has(id) ? compoundId(id) : nodeId(id);
}

describe('flowchart export of the examples (real Mermaid parser)', () => {
    for (const example of exampleWorkspaces()) {
        test(`${example.name}: parses, one node per component, one edge per relation`, async () => {
            const { model, findings } = await load(example.files);
            const result = buildMermaidFlowchart(model, findings);
            const parsed = await parseFlowchart(result.text);
            expect(model.components.size).toBeGreaterThan(0);
            // Every component once: a broker with channels as the box around them (not also a node inside it).
            const boxes = holders(model);
            expect(result.nodes.sort()).toEqual([...model.components.keys()].sort());
            expect(elementVertices(parsed).length).toBe(model.components.size - boxes.size);
            for (const id of boxes) expect(parsed.vertices.filter(v => v.id === nodeId(id))).toEqual([]);
            const drawable = model.relations.filter(r => model.components.has(r.source) && model.components.has(r.target));
            expect(parsed.edges.length).toBe(drawable.length);
            expect(result.edges.length).toBe(drawable.length);
            // Every component keeps its name, every edge its endpoints, drawn the way the message flows:
            // a consumer's edge comes out of its channel, as in the preview.
            const byId = new Map([...parsed.vertices.map(v => [v.id, decodeMermaid(v.text)] as const), ...parsed.subgraphs.map(s => [s.id, decodeMermaid(s.title)] as const)]);
            for (const c of model.components.values()) expect(byId.get(drawnId(model, c.id))).toContain(c.name);
            const ends = (r: typeof drawable[number]) => (r.kind === 'consumes' ? [r.target, r.source] : [r.source, r.target]).map(id => drawnId(model, id));
            expect(parsed.edges.map(e => `${e.start}>${e.end}`).sort()).toEqual(drawable.map(r => ends(r).join('>')).sort());
            // Systems are subgraphs; topics sit in their broker's subgraph.
            for (const system of model.systems.values()) expect(parsed.subgraphs.map(s => decodeMermaid(s.title))).toContain(system.name);
            for (const c of model.components.values()) {
                const parent = c.parent;
                if (!parent) continue;
                const group = parsed.subgraphs.find(s => s.id === compoundId(parent));
                expect(group?.nodes).toContain(drawnId(model, c.id));
            }
            // The legend is drawn, in its own subgraph.
            expect(parsed.subgraphs.find(s => s.id === 'legend')?.nodes.length).toBeGreaterThan(0);
            checkIds(result.text);
            // Byte-identical on a second export, and on a freshly built workspace.
            expect(toMermaidFlowchart(model, findings)).toBe(result.text);
            const again = await load(example.files);
            expect(toMermaidFlowchart(again.model, again.findings)).toBe(result.text);
        });

        test(`${example.name}: every saga and flow gives a sequence diagram that parses`, async () => {
            const { model } = await load(example.files);
            const views = toMermaidSequences(model);
            expect(views.length).toBe(model.sagas.length + model.flows.length);
            for (const view of views) {
                const parsed = await parseSequence(view.text);
                expect(parsed.messages.length).toBeGreaterThan(0);
                expect(parsed.actors.map(a => decodeMermaid(a.description)).join('|')).not.toContain('#');
            }
        });
    }
});

describe('shapes, line styles and classes', () => {
    test('kinds get their shapes, relations their line styles, findings a class', async () => {
        const { model, findings } = await load(`
            system Shop {
                client Web
                gateway Api { calls Orders over grpc }
                loadbalancer Lb { routes Api }
                cdn Edge
                service Orders {
                    writes Db
                    reads Cache
                    publishes Bus.events
                    calls Billing async
                }
                service Billing { consumes Bus.events { dlq Bus.dead } }
                service Audit { consumes Bus.events { delivery at-most-once } }
                database Db : postgres { replicates to Replica async }
                database Replica : postgres
                cache Cache : redis
                broker Bus : kafka { topic events { delivery at-least-once }; queue dead }
                Web -> Lb : https
            }`);
        const result = buildMermaidFlowchart(model, findings);
        const parsed = await parseFlowchart(result.text);
        const type = (name: string) => parsed.vertices.find(v => v.id === nodeId(`Shop.${name}`))?.type;
        expect(type('Db')).toBe('cylinder');
        expect(type('Api')).toBe('hexagon');
        expect(type('Web')).toBe('stadium');
        expect(type('Lb')).toBe('trapezoid');
        expect(type('Edge')).toBe('inv_trapezoid');
        // The broker is the box around its channels, not a node inside it.
        expect(type('Bus')).toBeUndefined();
        expect(parsed.subgraphs.find(s => s.id === compoundId('Shop.Bus'))?.nodes.sort()).toEqual([nodeId('Shop.Bus.dead'), nodeId('Shop.Bus.events')].sort());
        expect(type('Bus.events')).toBe('odd');
        const edge = (from: string, to: string) => parsed.edges.find(e => e.start === nodeId(`Shop.${from}`) && e.end === nodeId(`Shop.${to}`))!;
        expect(edge('Api', 'Orders').stroke).toBe('normal');
        expect(decodeMermaid(edge('Api', 'Orders').text)).toBe('grpc');
        expect(edge('Orders', 'Billing').stroke).toBe('dotted');
        expect(edge('Orders', 'Bus.events').stroke).toBe('dotted');
        expect(edge('Orders', 'Db').stroke).toBe('thick');
        expect(decodeMermaid(edge('Orders', 'Cache').text)).toBe('reads');
        expect(decodeMermaid(edge('Db', 'Replica').text)).toBe('replicates async');
        expect(decodeMermaid(edge('Orders', 'Bus.events').text)).toBe('publishes');
        // A consume is drawn from the channel to the consumer (as in the preview), labelled with the
        // delivery the consumer gets: its topic's unless it says otherwise.
        expect(edge('Billing', 'Bus.events')).toBeUndefined();
        expect(decodeMermaid(edge('Bus.events', 'Billing').text)).toBe('delivers at-least-once');
        expect(decodeMermaid(edge('Bus.events', 'Audit').text)).toBe('delivers at-most-once');
        expect(edge('Bus.events', 'Audit').stroke).toBe('dotted');
        expect(result.text).toMatch(/linkStyle \d+ stroke-dasharray:2/);
        expect(result.text).toContain('classDef kind_database');
        expect(result.text).toMatch(new RegExp(`class [^\\n]*${nodeId('Shop.Db')}[^\\n]* kind_database`));
        // Orders calls Billing without a timeout etc.: whatever the rules say, flagged components carry a finding class.
        const flagged = new Set(findings.flatMap(f => f.elements).filter(id => model.components.has(id)));
        expect(flagged.size).toBeGreaterThan(0);
        for (const id of flagged) expect(result.text).toMatch(new RegExp(`class [^\\n]*\\b${drawnId(model, id)}\\b[^\\n]* finding_(error|warning|info)`));
    });

    test('regions and zones: a component placed in one zone sits in it; several zones of a region put it in the region', async () => {
        const { model, findings } = await load(`
            system Shop {
                region eu { zones a, b }
                service One { replicas 2 across a, b }
                service Two { in a }
                service Three
            }`);
        const parsed = await parseFlowchart(toMermaidFlowchart(model, findings));
        const region = parsed.subgraphs.find(s => decodeMermaid(s.title) === 'region eu')!;
        const zone = parsed.subgraphs.find(s => decodeMermaid(s.title) === 'zone a')!;
        const system = parsed.subgraphs.find(s => decodeMermaid(s.title) === 'Shop')!;
        expect(zone.nodes).toEqual([nodeId('Shop.Two')]);
        expect(region.nodes).toContain(nodeId('Shop.One'));
        expect(region.nodes).toContain(zone.id);
        expect(system.nodes).toContain(nodeId('Shop.Three'));
        expect(system.nodes).toContain(region.id);
    });

    test('options: direction, one system, kinds, ELK front matter', async () => {
        const { model, findings } = await load(`
            system A { service S { writes D } database D }
            system B { service T { calls A.S } }`);
        const tb = toMermaidFlowchart(model, findings, { direction: 'TB', layout: 'elk' });
        expect(tb.startsWith('---\nconfig:\n  layout: elk\n---\nflowchart TB\n')).toBe(true);
        expect(elementVertices(await parseFlowchart(tb))).toHaveLength(3);
        // One system: its components, and a dashed stand-in for B.T, which calls into it (as in the preview).
        const onlyA = await parseFlowchart(toMermaidFlowchart(model, findings, { system: 'A' }));
        expect(elementVertices(onlyA).map(v => v.id).sort()).toEqual([nodeId('A.D'), nodeId('A.S'), nodeId('B.T')].sort());
        expect(onlyA.edges).toHaveLength(2);
        expect(toMermaidFlowchart(model, findings, { system: 'A' })).toMatch(new RegExp(`class [^\\n]*\\b${nodeId('B.T')}\\b[^\\n]* stub\\n`));
        const noDb = await parseFlowchart(toMermaidFlowchart(model, findings, { excludeKinds: ['database'] }));
        expect(elementVertices(noDb)).toHaveLength(2);
        expect(noDb.edges).toHaveLength(1);
        const onlyDb = await parseFlowchart(toMermaidFlowchart(model, findings, { includeKinds: ['database'] }));
        expect(elementVertices(onlyDb).map(v => v.id)).toEqual([nodeId('A.D')]);
        // Without the legend, nothing but the elements.
        const bare = await parseFlowchart(toMermaidFlowchart(model, findings, { legend: false }));
        expect(bare.vertices).toHaveLength(3);
        expect(bare.subgraphs.map(s => s.id).sort()).toEqual(['s_A', 's_B']);
        expect(() => toMermaidFlowchart(model, findings, { system: 'Nope' })).toThrow(/no system 'Nope'/);
    });
});

describe('the renderer of the view graph', () => {
    const view = (model: ArchModel, key: Parameters<typeof resolveView>[1]): ResolvedView => {
        const resolved = resolveView(model, key);
        if ('error' in resolved) throw new Error(resolved.error);
        return resolved;
    };

    test('an edge to a broker with channels ends at its box; a stand-in is dashed; the report lists what was drawn', async () => {
        const { model, findings } = await load(`
            system Shop {
                service Orders { publishes Bus.events; calls Bus over http { timeout 1s } }
                broker Bus : kafka { topic events }
            }
            system Ops { service Monitor { calls Shop.Orders over http { timeout 1s } } }`);
        const graph = buildViewGraph(model, findings, view(model, { kind: 'system', id: 'Shop' }));
        const result = renderMermaidFlowchart(graph);
        const parsed = await parseFlowchart(result.text);
        expect(parsed.edges.map(e => `${e.start}>${e.end}`).sort())
            .toEqual([`${nodeId('Ops.Monitor')}>${nodeId('Shop.Orders')}`, `${nodeId('Shop.Orders')}>${compoundId('Shop.Bus')}`, `${nodeId('Shop.Orders')}>${nodeId('Shop.Bus.events')}`].sort());
        expect(result.nodes.sort()).toEqual(['Ops.Monitor', 'Shop.Bus', 'Shop.Bus.events', 'Shop.Orders']);
        expect(result.edges.sort()).toEqual(graph.edges.map(e => e.id).sort());
        expect(result.text).toMatch(new RegExp(`class [^\\n]*\\b${nodeId('Ops.Monitor')}\\b[^\\n]* stub\\n`));
        expect(result.text).toMatch(/legend_\d+\["Dashed small box#58; outside this view"\]/);
    });

    test('a flow view: its path is drawn bold; an empty view says so; the legend can be left out', async () => {
        const { model, findings } = await load(`
            system Shop {
                client Web
                service Api { calls Orders over grpc { timeout 1s } }
                service Orders { writes Db }
                database Db
                Web -> Api : https
                flow Buy { path Web -> Api -> Orders }
                view Nothing { include Nope }
            }`);
        const graph = buildViewGraph(model, findings, view(model, { kind: 'flow', id: 'Shop.Buy' }));
        const result = renderMermaidFlowchart(graph, { legend: false });
        const parsed = await parseFlowchart(result.text);
        expect(parsed.subgraphs.some(s => s.id === 'legend')).toBe(false);
        const focused = /^\s*class (\S+) focus$/m.exec(result.text)![1];
        expect(focused.split(',').sort()).toEqual([nodeId('Shop.Api'), nodeId('Shop.Orders'), nodeId('Shop.Web')].sort());
        const bold = [...result.text.matchAll(/linkStyle (\d+) [^\n]*stroke-width:4px/g)].map(m => result.edges[Number(m[1])]);
        expect(bold).toHaveLength(2);
        for (const id of bold) expect(graph.edges.find(e => e.id === id)?.focus).toBe(true);
        // Db is outside the flow: a stand-in.
        expect(result.text).toMatch(new RegExp(`class [^\\n]*\\b${nodeId('Shop.Db')}\\b[^\\n]* stub\\n`));

        const empty = renderMermaidFlowchart(buildViewGraph(model, findings, view(model, { kind: 'declared', id: 'Shop.Nothing' })));
        const parsedEmpty = await parseFlowchart(empty.text);
        expect(empty.nodes).toEqual([]);
        expect(parsedEmpty.vertices.map(v => v.id)).toEqual(['empty_view']);
        expect(decodeMermaid(parsedEmpty.vertices[0].text)).toContain('no components to show');
    });
});

describe('escaping', () => {
    test('mermaidText leaves no syntax character', () => {
        for (const text of NASTY) {
            const encoded = mermaidText(text);
            expect(encoded).not.toMatch(/["|<>`:%[\]{}\n\t&]/);
            // Every # and ; belongs to an entity code.
            expect(encoded.replace(/#(\d+|quot);/g, '')).not.toMatch(/[#;]/);
        }
        expect(mermaidText('')).toBe('#160;');
        expect(mermaidText('a "b" #c; d|e <f>')).toBe('a #quot;b#quot; #35;c#59; d#124;e #60;f#62;');
        expect(mermaidText('ünïcødé 日本語 🚀')).toBe('ünïcødé 日本語 🚀');
    });

    test('ids are injective and safe', () => {
        const names = ['a.b', 'a_b', 'a-b', 'a__b', 'a._b', 'a_.b', 'a.u', 'a_', 'end', 'orders', 'xray', 'o', 'x', 'ä'];
        const ids = names.map(encodeIdPart);
        expect(new Set(ids).size).toBe(names.length);
        for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
        for (const name of ['orders', 'xray', 'end', 'default', 'class']) expect(nodeId(name)).toMatch(/^n_/);
    });

    test('an adversarial model parses and keeps every text', async () => {
        const model = adversarialModel();
        const result = buildMermaidFlowchart(model, [
            { ruleId: 'r', messageId: 'm', severity: 'error', message: 'm', loc: model.components.get('orders')!.loc, elements: ['orders'], related: [], fixes: [] },
            { ruleId: 'r', messageId: 'm', severity: 'warning', message: 'm', loc: model.components.get('xray')!.loc, elements: ['xray'], related: [], fixes: [] },
            { ruleId: 'r', messageId: 'm', severity: 'warning', message: 'm', loc: model.relations[0].loc, elements: [model.relations[0].id], related: [], fixes: [] }
        ]);
        const parsed = await parseFlowchart(result.text);
        expect(elementVertices(parsed).length).toBe(model.components.size - holders(model).size);
        expect(parsed.edges.length).toBe(model.relations.length);
        const labels = new Map([...parsed.vertices.map(v => [v.id, decodeMermaid(v.text)] as const), ...parsed.subgraphs.map(s => [s.id, decodeMermaid(s.title)] as const)]);
        for (const c of model.components.values()) {
            const label = labels.get(drawnId(model, c.id))!;
            const expected = flattenControls(c.name);
            expect(label.split(/<br\/?>/)[0].trim()).toBe(expected.trim());
            if (c.technology) expect(label).toContain(flattenControls(c.technology));
        }
        const titles = parsed.subgraphs.map(s => decodeMermaid(s.title).trim());
        for (const system of model.systems.values()) expect(titles).toContain(flattenControls(system.name).trim());
        const edgeTexts = parsed.edges.map(e => decodeMermaid(e.text));
        for (const r of model.relations) if (r.protocol && ['calls', 'reads', 'writes', 'uses', 'routes'].includes(r.kind)) expect(edgeTexts.some(t => t.includes(flattenControls(r.protocol!)))).toBe(true);
        expect(result.text).not.toContain('<img');
        expect(result.text).toMatch(/class n_orders[^\n]* finding_error/);
        checkIds(result.text);

        for (const view of toMermaidSequences(model)) {
            const seq = await parseSequence(view.text);
            expect(view.text).not.toContain('<b>');
            const texts = [...seq.actors.map(a => decodeMermaid(a.description)), ...seq.messages.map(m => decodeMermaid(m.message))].join('\n');
            if (view.id === 'S') {
                expect(texts).toContain('do "it"; end');
                expect(texts).toContain('undo <it>|#');
                expect(decodeMermaid(seq.title ?? '')).toContain('saga "end" <x>;#|');
            }
            if (view.id === 'C') expect(seq.messages.map(m => decodeMermaid(m.message))).toEqual(expect.arrayContaining(['a;b', 'end', 'loop', 'opt failed']));
        }
    });

    test('names that are Mermaid keywords or start with o/x, written in .sysd', async () => {
        const { model, findings } = await load(`
            system graph {
                service end { calls orders; calls xray; calls oops }
                service orders { calls direction }
                service xray
                service oops
                service direction { writes class }
                database class
                service subgraph { calls click }
                service click { calls style }
                service style
            }
            system empty {}`);
        const text = toMermaidFlowchart(model, findings);
        const parsed = await parseFlowchart(text);
        expect(elementVertices(parsed)).toHaveLength(9);
        expect(parsed.edges).toHaveLength(7);
        for (const edge of parsed.edges) expect(edge.text === '' || !/circle|cross/.test(JSON.stringify(edge))).toBe(true);
        expect(elementVertices(parsed).map(v => decodeMermaid(v.text).split(/<br\/?>/)[0]).sort()).toEqual(['class', 'click', 'direction', 'end', 'oops', 'orders', 'style', 'subgraph', 'xray']);
        expect(parsed.subgraphs.filter(s => s.id !== 'legend').map(s => decodeMermaid(s.title)).sort()).toEqual(['empty', 'graph']);
        checkIds(text);
    });

    test('a generated model of 500 components parses', async () => {
        const { model, findings } = await load(generatedSource(500));
        expect(model.components.size).toBe(500);
        const started = performance.now();
        const text = toMermaidFlowchart(model, findings);
        expect(performance.now() - started).toBeLessThan(2000);
        const parsed = await parseFlowchart(text);
        expect(elementVertices(parsed)).toHaveLength(500);
        expect(model.relations.length).toBe(399);
        expect(parsed.edges).toHaveLength(399);
        expect(parsed.subgraphs.filter(s => s.id !== 'legend')).toHaveLength(20);
    });
});
