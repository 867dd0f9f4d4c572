/**
 * The built diagram webview in headless Chromium, with a stand-in for the VS Code host: the page
 * is the one the extension serves (same HTML, same CSP), `acquireVsCodeApi()` records what the
 * webview posts, and the diagram is built in Node from a real example.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { legendFor } from '../../diagram/src/legend.js';
import type { DiagramGraph, DiagramNode } from '../../diagram/src/types.js';
import type { HostMessage, ViewOption } from '../../protocol/src/webview.js';
import { previewHtml } from '../../client/src/preview/html.js';
import { buildWebview } from '../../scripts/build-webview.mjs';
import { workspace } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const ORIGIN = 'http://sysd.test';
const CHROMIUM = '/usr/bin/chromium';
const EVIL = '<img src=x onerror=alert(1)>';
const EXAMPLE_URI = 'file:///test/online-store.sysd';

/** Runs in the page before the webview script: the host stand-in, a dark theme, instrumentation. */
const HOST_STANDIN = `
window.__posted = [];
window.__cspViolations = [];
window.__layoutRequests = 0;
let state = undefined;
window.acquireVsCodeApi = () => ({
    postMessage: message => window.__posted.push(message),
    getState: () => state,
    setState: value => { state = value; }
});
// Counts layout requests; __layoutDelay (ms) holds them back to stand in for a slow layout.
window.__layoutDelay = 0;
const originalPost = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
    window.__layoutRequests++;
    if (window.__layoutDelay > 0) setTimeout(() => originalPost.apply(this, args), window.__layoutDelay);
    else originalPost.apply(this, args);
};
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
const theme = {
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
    '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4',
    '--vscode-editorWidget-background': '#252526', '--vscode-editorWidget-border': '#454545',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-errorForeground': '#f48771',
    '--vscode-editorError-foreground': '#f14c4c', '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-editorInfo-foreground': '#3794ff', '--vscode-focusBorder': '#007fd4',
    '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-button-secondaryHoverBackground': '#45494e', '--vscode-progressBar-background': '#0e70c0',
    '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc',
    '--vscode-panel-border': '#80808059', '--vscode-badge-background': '#4d4d4d', '--vscode-badge-foreground': '#ffffff'
};
for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
`;

let browser: Browser;
let page: Page;
let graph: DiagramGraph;
const dialogs: string[] = [];

function flatten(nodes: DiagramNode[], parent: string | undefined = undefined, out: { node: DiagramNode; parent: string | undefined }[] = []) {
    for (const node of nodes) {
        out.push({ node, parent });
        flatten(node.children, node.id, out);
    }
    return out;
}

async function exampleGraph(): Promise<DiagramGraph> {
    const text = readFileSync(path.join(ROOT, 'examples/online-store.sysd'), 'utf8');
    // A component whose name is markup: it must reach the picture as text.
    const { model, services } = await workspace({ 'online-store.sysd': text, 'intruder.sysd': 'service Intruder { replicas 2 }\n' });
    const intruder = model.components.get('Intruder');
    if (!intruder) throw new Error('the Intruder component is missing from the model');
    intruder.name = EVIL;
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    return buildDiagram(model, findings);
}

async function postToWebview(message: HostMessage): Promise<void> {
    await page.evaluate(data => window.postMessage(data, '*'), message as unknown as Record<string, unknown>);
}

async function posted(): Promise<{ type: string; id?: string }[]> {
    return page.evaluate(() => (window as unknown as { __posted: { type: string; id?: string }[] }).__posted);
}

async function layoutRequests(): Promise<number> {
    return page.evaluate(() => (window as unknown as { __layoutRequests: number }).__layoutRequests);
}

describe.skipIf(!existsSync(CHROMIUM))('diagram webview in Chromium', () => {
    beforeAll(async () => {
        const [built] = await Promise.all([exampleGraph(), buildWebview()]);
        graph = built;
        const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
        const html = previewHtml({
            cspSource: ORIGIN,
            nonce,
            scriptUri: `${ORIGIN}/webview/main.js`,
            workerUri: `${ORIGIN}/webview/layout-worker.js`,
            styleUri: `${ORIGIN}/webview/main.css`
        }).replace('<body>', `<body class="vscode-dark">\n<script nonce="${nonce}">${HOST_STANDIN}</script>`);

        browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-quic']
        });
        page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.on('dialog', dialog => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
        });
        // Everything is served from memory; any other request fails.
        await page.route('**/*', async route => {
            const url = new URL(route.request().url());
            if (url.origin !== ORIGIN) return route.abort();
            if (url.pathname === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
            const file = path.join(ROOT, 'out', url.pathname);
            if (url.pathname.startsWith('/webview/') && existsSync(file)) {
                const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.map') ? 'application/json' : 'text/javascript';
                return route.fulfill({ body: readFileSync(file), contentType: type });
            }
            return route.fulfill({ status: 404, body: 'not found' });
        });
        await page.goto(`${ORIGIN}/index.html`);
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph });
        await page.waitForSelector('#canvas svg [data-id]', { timeout: 20_000 });
    }, 50_000);

    afterAll(async () => {
        await browser?.close();
    });

    test('renders the example components as text', async () => {
        const text = await page.locator('#canvas svg').textContent();
        const components = flatten(graph.nodes).filter(entry => !['system', 'region', 'zone'].includes(entry.node.kind));
        expect(components.length).toBeGreaterThan(10);
        for (const { node } of components) expect(text).toContain(node.label);
        expect(await page.locator('#canvas svg [data-id]').count()).toBeGreaterThan(components.length);
    });

    test('no two sibling nodes overlap', async () => {
        const entries = flatten(graph.nodes);
        const boxes = await page.evaluate(ids => {
            const result: Record<string, { left: number; top: number; right: number; bottom: number }> = {};
            for (const g of Array.from(document.querySelectorAll('#canvas [data-kind]'))) {
                const id = g.getAttribute('data-id')!;
                if (!ids.includes(id)) continue;
                // The drawn shape (and its stacked copies), not badges that sit on its corner.
                const shapes = Array.from(g.querySelectorAll('.sysd-shape, .sysd-copy, .sysd-group-box'));
                const rects = (shapes.length > 0 ? shapes : [g]).map(s => s.getBoundingClientRect());
                result[id] = {
                    left: Math.min(...rects.map(r => r.left)), top: Math.min(...rects.map(r => r.top)),
                    right: Math.max(...rects.map(r => r.right)), bottom: Math.max(...rects.map(r => r.bottom))
                };
            }
            return result;
        }, entries.map(entry => entry.node.id));
        expect(Object.keys(boxes).length).toBe(entries.length);
        const overlaps: string[] = [];
        for (let i = 0; i < entries.length; i++) {
            for (let j = i + 1; j < entries.length; j++) {
                if (entries[i].parent !== entries[j].parent) continue;
                const a = boxes[entries[i].node.id];
                const b = boxes[entries[j].node.id];
                const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (overlapX > 0.5 && overlapY > 0.5) overlaps.push(`${entries[i].node.id} / ${entries[j].node.id}`);
            }
        }
        expect(overlaps).toEqual([]);
    });

    test('every edge starts and ends on its nodes', async () => {
        const report = await page.evaluate(() => {
            const zoom = new DOMMatrix(getComputedStyle(document.getElementById('canvas')!).transform).a;
            const boxOf = (id: string) => {
                const g = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === id && !e.classList.contains('sysd-edge'));
                if (!g) return undefined;
                const shapes = Array.from(g.querySelectorAll('.sysd-shape, .sysd-copy, .sysd-group-box'));
                const rects = (shapes.length > 0 ? shapes : [g]).map(s => s.getBoundingClientRect());
                return {
                    left: Math.min(...rects.map(r => r.left)), top: Math.min(...rects.map(r => r.top)),
                    right: Math.max(...rects.map(r => r.right)), bottom: Math.max(...rects.map(r => r.bottom))
                };
            };
            /** Distance (in diagram units) from a point to the outline of a box. */
            const toOutline = (p: DOMPoint, b: { left: number; top: number; right: number; bottom: number }) => {
                const inside = p.x >= b.left && p.x <= b.right && p.y >= b.top && p.y <= b.bottom;
                const d = inside
                    ? Math.min(p.x - b.left, b.right - p.x, p.y - b.top, b.bottom - p.y)
                    : Math.hypot(Math.max(b.left - p.x, 0, p.x - b.right), Math.max(b.top - p.y, 0, p.y - b.bottom));
                return d / zoom;
            };
            const problems: string[] = [];
            let checked = 0;
            for (const edge of Array.from(document.querySelectorAll<SVGGElement>('#canvas .sysd-edge'))) {
                const line = edge.querySelector<SVGPathElement>('.sysd-line');
                const source = boxOf(edge.getAttribute('data-source')!);
                const target = boxOf(edge.getAttribute('data-target')!);
                if (!line || !source || !target) {
                    problems.push(`${edge.getAttribute('data-id')}: missing path or node`);
                    continue;
                }
                const matrix = line.getScreenCTM()!;
                const length = line.getTotalLength();
                const start = new DOMPoint(line.getPointAtLength(0).x, line.getPointAtLength(0).y).matrixTransform(matrix);
                const end = new DOMPoint(line.getPointAtLength(length).x, line.getPointAtLength(length).y).matrixTransform(matrix);
                const forward = Math.max(toOutline(start, source), toOutline(end, target));
                const backward = Math.max(toOutline(start, target), toOutline(end, source));
                const gap = Math.min(forward, backward);
                if (gap > 3) problems.push(`${edge.getAttribute('data-id')}: ${gap.toFixed(1)} units off its nodes`);
                checked++;
            }
            return { problems, checked };
        });
        expect(report.checked).toBe(graph.edges.length);
        expect(report.problems).toEqual([]);
    });

    test('a click on a node posts a reveal message with its id', async () => {
        const target = flatten(graph.nodes).find(entry => entry.node.label === 'Orders')!.node;
        const box = await page.evaluate(id => {
            const g = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === id)!;
            const r = g.querySelector('.sysd-front')!.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }, target.id);
        await page.mouse.click(box.x, box.y);
        expect((await posted()).filter(m => m.type === 'reveal')).toEqual([{ type: 'reveal', id: target.id }]);
    });

    test('a component named like markup shows as text and runs nothing', async () => {
        expect(await page.locator('img').count()).toBe(0);
        const labels = await page.locator('#canvas svg text').allTextContents();
        expect(labels).toContain(EVIL);
        expect(dialogs).toEqual([]);
        expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    });

    test('a diagram with the same structure reuses the layout and updates the decorations', async () => {
        const before = await layoutRequests();
        expect(before).toBe(1);
        const badges = await page.locator('#canvas .sysd-finding-badge').count();
        // Same structure key, one more finding on a component that had none.
        const changed: DiagramGraph = structuredClone(graph);
        const quiet = flatten(changed.nodes).find(entry => entry.node.findings.length === 0 && !['system', 'region', 'zone'].includes(entry.node.kind))!.node;
        quiet.findings = [{ ruleId: 'example-rule', severity: 'warning', message: 'Added by the test.' }];
        quiet.severity = 'warning';
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: changed });
        await expect.poll(() => page.locator('#canvas .sysd-finding-badge').count()).toBe(badges + 1);
        expect(await layoutRequests()).toBe(before);
    });

    test('rapid structural changes lay out only the first and the latest diagram', async () => {
        const before = await layoutRequests();
        const variants = [1, 2, 3, 4].map(i => {
            const variant: DiagramGraph = structuredClone(graph);
            flatten(variant.nodes).find(entry => entry.node.label === 'Cart')!.node.label = `Cart${i}`;
            variant.structureKey = `${graph.structureKey}-variant-${i}`;
            return variant;
        });
        await page.evaluate(list => {
            for (const variant of list) window.postMessage({ type: 'diagram', uri: 'file:///test/online-store.sysd', graph: variant }, '*');
        }, variants as unknown as Record<string, unknown>[]);
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 15_000 }).toContain('Cart4');
        const text = await page.locator('#canvas svg').textContent();
        expect(text).not.toContain('Cart2');
        expect(text).not.toContain('Cart3');
        expect(await layoutRequests()).toBe(before + 2);
        // Back to the original structure (and its layout).
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph });
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 15_000 }).toContain('Cart');
        await expect.poll(() => page.locator('#canvas svg').textContent()).not.toContain('Cart4');
    });

    test('a slow layout shows progress instead of a frozen panel', async () => {
        await page.evaluate(() => {
            (window as unknown as { __layoutDelay: number }).__layoutDelay = 1200;
        });
        const slow: DiagramGraph = { ...structuredClone(graph), structureKey: `${graph.structureKey}-slow` };
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: slow });
        await page.waitForTimeout(200);
        expect(await page.locator('#progress').isVisible()).toBe(false);
        await expect.poll(() => page.locator('#progress').isVisible(), { timeout: 2_000 }).toBe(true);
        expect(await page.locator('#progress').textContent()).toMatch(/Laying out \d+ elements/);
        // The panel still answers while the worker is busy.
        await page.click('button[title^="Zoom in"]');
        await expect.poll(() => page.locator('#progress').isVisible(), { timeout: 5_000 }).toBe(false);
        await page.evaluate(() => {
            (window as unknown as { __layoutDelay: number }).__layoutDelay = 0;
        });
    });

    test('a 300-component model lays out in the worker and stays responsive', async () => {
        const systems: string[] = [];
        for (let s = 0; s < 10; s++) {
            const lines = [`system S${s} {`];
            // A tree of calls in each system; the roots call the next system's root.
            for (let i = 0; i < 30; i++) {
                const targets = [2 * i + 1, 2 * i + 2].filter(t => t < 30).map(t => `Svc${s}x${t}`);
                if (i === 0 && s < 9) targets.push(`S${s + 1}.Svc${s + 1}x0`);
                lines.push(`    service Svc${s}x${i} {${targets.map(t => ` calls ${t} { timeout 1s };`).join('')} }`);
            }
            lines.push('}');
            systems.push(lines.join('\n'));
        }
        const { model, services } = await workspace({ 'large.sysd': systems.join('\n') });
        expect(model.components.size).toBe(300);
        const large = buildDiagram(model, [...services.model.ModelService.allFindings().values()].flat());
        const started = Date.now();
        await postToWebview({ type: 'diagram', uri: 'file:///test/large.sysd', graph: large });
        // The page answers while ELK works in the worker.
        const ping = Date.now();
        await page.evaluate(() => 1);
        expect(Date.now() - ping).toBeLessThan(400);
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 30_000 }).toContain('Svc9x29');
        const elapsed = Date.now() - started;
        expect(await page.locator('#canvas [data-kind="service"]').count()).toBe(300);
        // It opens readable (width fitted, not below the floor) at its top, not whole at a few per cent.
        const opened = await page.evaluate(() => new DOMMatrix(getComputedStyle(document.getElementById('canvas')!).transform));
        expect(opened.a).toBeGreaterThanOrEqual(0.8 - 1e-6);
        expect(opened.f).toBeCloseTo(24, 0);
        // Panning redraws a transform: a burst of drags completes quickly.
        const dragStarted = Date.now();
        await page.mouse.move(700, 500);
        await page.mouse.down();
        for (let i = 1; i <= 20; i++) await page.mouse.move(700 + i * 10, 500 + i * 5);
        await page.mouse.up();
        const dragMs = Date.now() - dragStarted;
        console.log(`300 components: laid out and rendered in ${elapsed} ms; 20 pan steps in ${dragMs} ms`);
        expect(dragMs).toBeLessThan(3_000);
        await page.click('button[title^="Fit"]');
        mkdirSync(path.join(ROOT, 'test-results/webview'), { recursive: true });
        await page.screenshot({ path: path.join(ROOT, 'test-results/webview/preview-300.png') });
        // Back to the example for the tests that follow.
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph });
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 15_000 }).toContain('Shopper');
    }, 45_000);

    test('malformed host messages are ignored', async () => {
        const svgBefore = await page.locator('#canvas svg').innerHTML();
        await page.evaluate(() => {
            window.postMessage({ type: 'diagram', uri: 'x', graph: { nodes: [{ id: 1 }], edges: [], structureKey: 'k' } }, '*');
            window.postMessage({ type: 'highlight', id: 42 }, '*');
            window.postMessage('diagram', '*');
        });
        await page.waitForTimeout(100);
        expect(await page.locator('#canvas svg').innerHTML()).toBe(svgBefore);
    });

    test('a highlight message outlines the element; the screenshot shows a readable diagram', async () => {
        await page.click('button[title^="Fit"]');
        const id = flatten(graph.nodes).find(entry => entry.node.label === 'Payments')!.node.id;
        await postToWebview({ type: 'highlight', id });
        await expect.poll(() => page.evaluate(() => document.querySelectorAll('#canvas .sysd-highlight').length)).toBe(1);
        expect(await page.locator('.highlight-box').isVisible()).toBe(true);
        const dir = path.join(ROOT, 'test-results/webview');
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, 'preview.png') });
        await postToWebview({ type: 'highlight', id: null });
        await expect.poll(() => page.locator('.highlight-box').isVisible()).toBe(false);
    });

    test('search centres and outlines a component; export posts SVG and PNG', async () => {
        await page.fill('#search', 'Payments');
        await expect.poll(() => page.locator('.search-status').textContent()).toBe('1 of 1');
        expect(await page.locator('.highlight-box').isVisible()).toBe(true);
        await page.fill('#search', '');

        await page.click('button[title="Export the diagram as SVG"]');
        await page.click('button[title="Export the diagram as PNG"]');
        await expect.poll(async () => (await posted()).filter(m => m.type === 'export').length, { timeout: 10_000 }).toBe(2);
        const exports = await page.evaluate(() => (window as unknown as { __posted: { type: string; format?: string; data?: string }[] }).__posted
            .filter(m => m.type === 'export'));
        const svg = exports.find(m => m.format === 'svg')!.data!;
        expect(svg).toContain('<svg');
        expect(svg).not.toContain('var(--vscode-');
        expect(svg).toContain('#1e1e1e');
        const png = Buffer.from(exports.find(m => m.format === 'png')!.data!, 'base64');
        expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        expect(png.length).toBeGreaterThan(10_000);
        writeFileSync(path.join(ROOT, 'test-results/webview/export.png'), png);
    });

    test('keys zoom and fit; Enter steps through matches, Escape clears; hover shows findings; the view is saved', async () => {
        const zoom = () => page.evaluate(() => new DOMMatrix(getComputedStyle(document.getElementById('canvas')!).transform).a);
        await page.click('button[title^="Fit"]');
        const fitted = await zoom();
        await page.focus('#viewport');
        await page.keyboard.press('=');
        expect(await zoom()).toBeCloseTo(fitted * 1.25, 3);
        await page.keyboard.press('-');
        expect(await zoom()).toBeCloseTo(fitted, 3);
        await page.keyboard.press('=');
        await page.keyboard.press('0');
        expect(await zoom()).toBeCloseTo(fitted, 3);
        await page.keyboard.press('Control+f');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');

        await page.fill('#search', 'or');
        const status = page.locator('.search-status');
        const total = Number((await status.textContent())!.split(' of ')[1]);
        expect(total).toBeGreaterThan(1);
        await page.press('#search', 'Enter');
        expect(await status.textContent()).toBe(`2 of ${total}`);
        await page.press('#search', 'Shift+Enter');
        await page.press('#search', 'Shift+Enter');
        expect(await status.textContent()).toBe(`${total} of ${total}`);
        await page.fill('#search', 'no such component');
        expect(await status.textContent()).toBe('No match');
        expect(await page.locator('#search.no-match').count()).toBe(1);
        await page.press('#search', 'Escape');
        expect(await page.inputValue('#search')).toBe('');
        expect(await status.textContent()).toBe('');
        expect(await page.locator('.highlight-box').isVisible()).toBe(false);

        const flagged = flatten(graph.nodes).find(entry => entry.node.findings.length > 0 && !['system', 'region', 'zone'].includes(entry.node.kind))!.node;
        const centre = await page.evaluate(id => {
            const g = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === id)!;
            const r = g.querySelector('.sysd-front')!.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }, flagged.id);
        await page.mouse.move(centre.x, centre.y);
        await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(true);
        const tooltip = await page.locator('#tooltip').textContent();
        expect(tooltip).toContain(flagged.label);
        for (const finding of flagged.findings) expect(tooltip).toContain(`${finding.message} (${finding.ruleId})`);
        await page.mouse.move(2, 2);
        await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(false);

        // The page's state (what a reload restores) follows the view.
        const saved = () => page.evaluate<{ uri?: string; zoom?: number } | undefined>('state');
        await expect.poll(async () => Math.abs(((await saved())?.zoom ?? 0) - fitted)).toBeLessThan(1e-3);
        expect((await saved())?.uri).toBe(EXAMPLE_URI);
    });
    test('the picker lists the views under their headings; picking one asks the host for it', async () => {
        const views: ViewOption[] = [
            { key: 'file:file:///test/online-store.sysd', kind: 'file', title: 'online-store.sysd' },
            { key: 'system:Store', kind: 'system', title: 'Store', detail: 'system · 12 components' },
            { key: 'all', kind: 'all', title: 'Everything' },
            { key: 'deployment', kind: 'deployment', title: 'Deployment (regions and zones)' },
            { key: 'flow:Store.Checkout', kind: 'flow', title: 'Flow Checkout' }
        ];
        const shown: DiagramGraph = { ...structuredClone(graph), view: { key: 'system:Store', title: 'Store' } };
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: shown });
        await postToWebview({ type: 'views', views, current: 'system:Store', selected: 'system:Store', locked: true });
        await expect.poll(() => page.locator('#view-picker option').count()).toBe(views.length);
        const groups = await page.locator('#view-picker optgroup').evaluateAll(list => list.map(group => ({
            label: group.getAttribute('label'),
            options: Array.from(group.querySelectorAll('option')).map(option => option.textContent)
        })));
        expect(groups).toEqual([
            { label: 'This file', options: ['online-store.sysd'] },
            { label: 'Systems', options: ['Store'] },
            { label: 'Workspace', options: ['Everything', 'Deployment (regions and zones)'] },
            { label: 'Flows', options: ['Flow Checkout'] }
        ]);
        // The view shown is the one selected, by its title.
        await expect.poll(() => page.inputValue('#view-picker')).toBe('system:Store');
        expect(await page.locator('#view-picker option:checked').textContent()).toBe('Store');
        // The host's choice is kept for a reload of the window.
        await expect.poll(() => page.evaluate<{ selected?: string; locked?: boolean; viewKey?: string } | undefined>('state'))
            .toMatchObject({ selected: 'system:Store', locked: true, viewKey: 'system:Store' });

        await page.selectOption('#view-picker', 'all');
        await expect.poll(async () => (await posted()).filter(m => m.type === 'selectView')).toEqual([{ type: 'selectView', key: 'all' }]);
        // A view the list lacks (opened by key) is still named in the picker.
        const other: DiagramGraph = { ...structuredClone(graph), view: { key: 'neighbourhood:Store.Orders', title: 'Around Orders' } };
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: other });
        await expect.poll(() => page.locator('#view-picker option:checked').textContent()).toBe('Around Orders');
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph });
        await expect.poll(() => page.evaluate(() => document.querySelector('#view-picker option[value="neighbourhood:Store.Orders"]') === null)).toBe(true);
    });

    test('the legend panel lists what the picture contains, each with a sample drawn like the picture', async () => {
        expect(await page.locator('#legend').isVisible()).toBe(false);
        await page.click('button[title="Show or hide the legend"]');
        await expect.poll(() => page.locator('#legend').isVisible()).toBe(true);
        const entries = legendFor(graph);
        expect(entries.length).toBeGreaterThan(5);
        const labels = await page.locator('#legend .legend-label').allTextContents();
        expect(labels).toEqual(entries.map(entry => entry.label));
        expect(await page.locator('#legend li svg').count()).toBe(entries.length);
        // A database sample is the renderer's database shape, in its store tint.
        const databaseIndex = entries.findIndex(entry => entry.kind === 'shape' && entry.component === 'database');
        expect(databaseIndex).toBeGreaterThanOrEqual(0);
        const sample = page.locator('#legend li').nth(databaseIndex).locator('svg');
        expect(await sample.locator('.sysd-kind-database .sysd-shape').count()).toBe(1);
        expect(await page.getAttribute('button[title="Show or hide the legend"]', 'aria-pressed')).toBe('true');
        await expect.poll(() => page.evaluate<{ legend?: boolean } | undefined>('state')).toMatchObject({ legend: true });
        expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
        await page.screenshot({ path: path.join(ROOT, 'test-results/webview/legend.png') });
        await page.click('button[title="Show or hide the legend"]');
        expect(await page.locator('#legend').isVisible()).toBe(false);
    });

    test('kinds keep their tint in the VS Code theme: stores, messaging and services differ', async () => {
        const fills = await page.evaluate(() => {
            const fill = (selector: string) => {
                const shape = document.querySelector(`#canvas ${selector} .sysd-shape`);
                return shape ? getComputedStyle(shape).fill : undefined;
            };
            return { service: fill('.sysd-kind-service'), database: fill('.sysd-kind-database'), broker: fill('.sysd-kind-broker') };
        });
        expect(fills.service).toBeDefined();
        expect(fills.database).toBeDefined();
        expect(fills.broker).toBeDefined();
        expect(new Set([fills.service, fills.database, fills.broker]).size).toBe(3);
        for (const fill of Object.values(fills)) expect(fill).not.toBe('rgb(248, 248, 248)');
        // A switch to a light colour theme (VS Code changes the body class) restyles the picture.
        const serviceFill = () => page.evaluate(() => getComputedStyle(document.querySelector('#canvas .sysd-kind-service .sysd-shape')!).fill);
        await page.evaluate(() => document.body.classList.replace('vscode-dark', 'vscode-light'));
        await expect.poll(serviceFill).not.toBe(fills.service);
        await page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
        await expect.poll(serviceFill).toBe(fills.service);
    });

    test('an element under the editor cursor outside the viewport is panned into it, at the same zoom', async () => {
        const target = flatten(graph.nodes).find(entry => entry.node.label === 'Payments')!.node.id;
        const matrix = () => page.evaluate(() => {
            const m = new DOMMatrix(getComputedStyle(document.getElementById('canvas')!).transform);
            return { zoom: m.a, x: m.e, y: m.f };
        });
        const inViewport = () => page.evaluate(id => {
            const g = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === id)!;
            const r = g.getBoundingClientRect();
            const v = document.getElementById('viewport')!.getBoundingClientRect();
            return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
        }, target);
        // Pan the picture far away, so Payments is out of sight.
        await page.focus('#viewport');
        await page.keyboard.press('=');
        await page.mouse.move(700, 500);
        await page.mouse.down();
        await page.mouse.move(700 + 3000, 500 + 3000, { steps: 4 });
        await page.mouse.up();
        expect(await inViewport()).toBe(false);
        const before = await matrix();
        await postToWebview({ type: 'highlight', id: target, reveal: true });
        await expect.poll(inViewport).toBe(true);
        expect((await matrix()).zoom).toBeCloseTo(before.zoom, 5);
        // The same element again without `reveal` (a redraw): the view stays where it is.
        await page.mouse.move(700, 500);
        await page.mouse.down();
        await page.mouse.move(700 + 3000, 500, { steps: 4 });
        await page.mouse.up();
        await postToWebview({ type: 'highlight', id: target });
        await page.waitForTimeout(100);
        expect(await inViewport()).toBe(false);
        await postToWebview({ type: 'highlight', id: null });
        await page.click('button[title^="Fit"]');
    });

    test('the next picture of the same view moves what stays and fades in what is new', async () => {
        const view = { key: 'system:Store', title: 'Store' };
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: { ...structuredClone(graph), view } });
        await expect.poll(() => page.locator('#view-picker option:checked').textContent()).toBe('Store');
        const grown: DiagramGraph = { ...structuredClone(graph), view, structureKey: `${graph.structureKey}-grown` };
        // A new service beside an existing one, in the same group.
        const sibling = flatten(grown.nodes).find(entry => entry.node.kind === 'service' && entry.parent)!;
        const parent = flatten(grown.nodes).find(entry => entry.node.id === sibling.parent)!.node;
        const newcomer = `${parent.id}.Newcomer`;
        parent.children.push({ ...structuredClone(sibling.node), id: newcomer, label: 'Newcomer', findings: [], severity: undefined, children: [] });
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph: grown });
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 15_000 }).toContain('Newcomer');
        expect(await page.locator(`#canvas [data-id="${newcomer}"]`).getAttribute('class')).toContain('sysd-enter');
        // Once moved, no inline transforms are left: the renderer's attributes hold the places.
        await expect.poll(() => page.evaluate(() => Array.from(document.querySelectorAll<SVGElement>('#canvas [data-id]')).filter(e => e.style.transform !== '').length)).toBe(0);
        await postToWebview({ type: 'diagram', uri: EXAMPLE_URI, graph });
        await expect.poll(() => page.locator('#canvas svg').textContent(), { timeout: 15_000 }).not.toContain('Newcomer');
    });
});
