import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildMermaidFlowchart, toMermaidFlowchart } from '../../diagram/src/mermaid/flowchart.js';
import { workspace } from '../helpers.js';
import { exampleWorkspaces } from './fixtures.js';

const CHROMIUM = process.env.SYSD_CHROMIUM ?? '/usr/bin/chromium';
const MERMAID_JS = path.resolve(__dirname, '../../node_modules/mermaid/dist/mermaid.min.js');
const OUT = path.resolve(__dirname, '../../test-results/mermaid');

let browser: Browser;
beforeAll(async () => {
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic']
    });
}, 60_000);
afterAll(async () => {
    await browser?.close();
});

test('an exported example renders to SVG with Mermaid in Chromium, with every component name', async () => {
    const example = exampleWorkspaces().find(e => e.name === 'online-store')!;
    const { model, services } = await workspace(example.files);
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    const result = buildMermaidFlowchart(model, findings);
    const text = result.text;
    // A broker with channels is the box around them (a cluster), not a node; the legend's entries are nodes.
    const holders = new Set([...model.components.values()].filter(c => c.parent !== undefined && model.components.has(c.parent)).map(c => c.parent!));
    const legendEntries = text.match(/^\s+legend_\d+[[({>]/gm)?.length ?? 0;
    expect(legendEntries).toBeGreaterThan(3);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="out"></div></body></html>');
    await page.addScriptTag({ path: MERMAID_JS });
    const svg = await page.evaluate(async source => {
        const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        const { svg } = await mermaid.render('sysd', source);
        document.getElementById('out')!.innerHTML = svg;
        return svg;
    }, text);
    // Written first, so a failing check below leaves the picture to look at.
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'online-store.svg'), svg);
    fs.writeFileSync(path.join(OUT, 'online-store.mmd'), text);
    await page.locator('#out svg').screenshot({ path: path.join(OUT, 'online-store.png') });
    expect(svg.startsWith('<svg')).toBe(true);
    const shown = await page.evaluate(() => document.getElementById('out')!.textContent ?? '');
    for (const c of model.components.values()) expect(shown).toContain(c.name);
    for (const system of model.systems.values()) expect(shown).toContain(system.name);
    // Nodes and edges were drawn, not just the text.
    expect(await page.locator('#out svg g.node').count()).toBe(model.components.size - holders.size + legendEntries);
    expect(await page.locator('#out svg path.flowchart-link').count()).toBe(result.edges.length);
    expect(result.edges.length).toBe(model.relations.length);
    for (const broker of holders) expect(shown).toContain(model.components.get(broker)!.name);
    expect(shown).toContain('Legend');
    expect(shown).toContain('Solid arrow: synchronous call');

    await page.close();
}, 60_000);

test('the Markdown preview script draws blocks that arrive before Mermaid has loaded, and blocks added later', async () => {
    const { model, services } = await workspace({ 'a.sysd': 'system Shop {\n  service Cart { replicas 2; calls Pricing over http { timeout 1s } }\n  service Pricing { replicas 2 }\n}\n' });
    const text = toMermaidFlowchart(model, [...services.model.ModelService.allFindings().values()].flat());
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body><pre class="sysd-mermaid" id="first">${escape(text)}</pre></body></html>`);
    // VS Code loads preview scripts asynchronously: the small glue script usually runs first.
    await page.addScriptTag({ path: path.resolve(__dirname, '../../client/media/mermaid-preview.js') });
    expect(await page.locator('#first svg').count()).toBe(0);
    await page.addScriptTag({ path: MERMAID_JS });
    await page.waitForSelector('#first svg', { timeout: 20_000 });
    expect(await page.locator('#first').textContent()).toContain('Pricing');

    // The preview swaps its content on edits; a new block is drawn without an event.
    await page.evaluate(source => {
        const pre = document.createElement('pre');
        pre.className = 'sysd-mermaid';
        pre.id = 'second';
        pre.textContent = source.replace('"Cart', '"Basket');
        document.body.appendChild(pre);
    }, text);
    await page.waitForSelector('#second svg', { timeout: 20_000 });
    expect(await page.locator('#second').textContent()).toContain('Basket');
    await page.close();
});
