import { describe, expect, test } from 'vitest';
import { buildMermaidFlowchart, nodeId, toMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
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

function checkIds(text: string): void {
    for (const match of text.matchAll(/^\s*(?:subgraph )?([A-Za-z0-9_]+)[[({>]/gm)) {
        expect(match[1]).toMatch(/^[nsrzb]_/);
        expect(MERMAID_KEYWORDS.has(match[1])).toBe(false);
    }
}

describe('flowchart export of the examples (real Mermaid parser)', () => {
    for (const example of exampleWorkspaces()) {
        test(`${example.name}: parses, one node per component, one edge per relation`, async () => {
            const { model, findings } = await load(example.files);
            const result = buildMermaidFlowchart(model, findings);
            const parsed = await parseFlowchart(result.text);
            expect(model.components.size).toBeGreaterThan(0);
            expect(parsed.vertices.length).toBe(model.components.size);
            const drawable = model.relations.filter(r => model.components.has(r.source) && model.components.has(r.target));
            expect(parsed.edges.length).toBe(drawable.length);
            expect(result.edges.length).toBe(drawable.length);
            // Every component keeps its name, every edge its endpoints.
            const byId = new Map(parsed.vertices.map(v => [v.id, decodeMermaid(v.text)]));
            for (const c of model.components.values()) expect(byId.get(nodeId(c.id))).toContain(c.name);
            expect(parsed.edges.map(e => `${e.start}>${e.end}`).sort()).toEqual(drawable.map(r => `${nodeId(r.source)}>${nodeId(r.target)}`).sort());
            // Systems are subgraphs; topics sit in their broker's subgraph.
            for (const system of model.systems.values()) expect(parsed.subgraphs.map(s => decodeMermaid(s.title))).toContain(system.name);
            for (const c of model.components.values()) {
                if (!c.parent) continue;
                const group = parsed.subgraphs.find(s => s.id === `b_${encodeIdPart(c.parent)}`);
                expect(group?.nodes).toContain(nodeId(c.id));
            }
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
        expect(type('Bus')).toBe('subroutine');
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
        // A consumer's label says the delivery it gets: its topic's unless it says otherwise.
        expect(decodeMermaid(edge('Billing', 'Bus.events').text)).toBe('consumes at-least-once');
        expect(decodeMermaid(edge('Audit', 'Bus.events').text)).toBe('consumes at-most-once');
        expect(result.text).toMatch(/linkStyle \d+ stroke-dasharray:2/);
        expect(result.text).toContain('classDef kind_database');
        expect(result.text).toMatch(new RegExp(`class [^\\n]*${nodeId('Shop.Db')}[^\\n]* kind_database`));
        // Orders calls Billing without a timeout etc.: whatever the rules say, flagged components carry a finding class.
        const flagged = new Set(findings.flatMap(f => f.elements).filter(id => model.components.has(id)));
        expect(flagged.size).toBeGreaterThan(0);
        for (const id of flagged) expect(result.text).toMatch(new RegExp(`class [^\\n]*\\b${nodeId(id)}\\b[^\\n]* finding_(error|warning|info)`));
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
        expect((await parseFlowchart(tb)).vertices).toHaveLength(3);
        const onlyA = await parseFlowchart(toMermaidFlowchart(model, findings, { system: 'A' }));
        expect(onlyA.vertices.map(v => v.id).sort()).toEqual([nodeId('A.D'), nodeId('A.S')].sort());
        expect(onlyA.edges).toHaveLength(1);
        const noDb = await parseFlowchart(toMermaidFlowchart(model, findings, { excludeKinds: ['database'] }));
        expect(noDb.vertices).toHaveLength(2);
        expect(noDb.edges).toHaveLength(1);
        const onlyDb = await parseFlowchart(toMermaidFlowchart(model, findings, { includeKinds: ['database'] }));
        expect(onlyDb.vertices.map(v => v.id)).toEqual([nodeId('A.D')]);
        expect(() => toMermaidFlowchart(model, findings, { system: 'Nope' })).toThrow(/no system 'Nope'/);
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
        expect(parsed.vertices.length).toBe(model.components.size);
        expect(parsed.edges.length).toBe(model.relations.length);
        const labels = new Map(parsed.vertices.map(v => [v.id, decodeMermaid(v.text)]));
        for (const c of model.components.values()) {
            const label = labels.get(nodeId(c.id))!;
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
        expect(parsed.vertices).toHaveLength(9);
        expect(parsed.edges).toHaveLength(7);
        for (const edge of parsed.edges) expect(edge.text === '' || !/circle|cross/.test(JSON.stringify(edge))).toBe(true);
        expect(parsed.vertices.map(v => decodeMermaid(v.text).split(/<br\/?>/)[0]).sort()).toEqual(['class', 'click', 'direction', 'end', 'oops', 'orders', 'style', 'subgraph', 'xray']);
        expect(parsed.subgraphs.map(s => decodeMermaid(s.title)).sort()).toEqual(['empty', 'graph']);
        checkIds(text);
    });

    test('a generated model of 500 components parses', async () => {
        const { model, findings } = await load(generatedSource(500));
        expect(model.components.size).toBe(500);
        const started = performance.now();
        const text = toMermaidFlowchart(model, findings);
        expect(performance.now() - started).toBeLessThan(2000);
        const parsed = await parseFlowchart(text);
        expect(parsed.vertices).toHaveLength(500);
        expect(model.relations.length).toBe(399);
        expect(parsed.edges).toHaveLength(399);
        expect(parsed.subgraphs).toHaveLength(20);
    });
});
