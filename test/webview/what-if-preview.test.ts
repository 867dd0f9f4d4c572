/**
 * The preview's what-if mode in headless Chromium: the built webview on the page the extension
 * serves, a stand-in host that answers the webview's `whatIf` requests with the server's own mapping
 * (`server/src/what-if.ts`) of a real model. Clicks fail zones and components, the drawn SVG is
 * restyled (never laid out again), the side list tells what broke, Reset and Escape undo.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildViewGraph } from '../../diagram/src/build-graph.js';
import { resolveView } from '../../diagram/src/views/resolve.js';
import type { ResolvedView } from '../../diagram/src/views/types.js';
import type { DiagramGraph } from '../../diagram/src/types.js';
import type { ArchModel } from '../../language/src/model/workspace.js';
import type { HostMessage } from '../../protocol/src/webview.js';
import { previewHtml } from '../../client/src/preview/html.js';
import { buildWebview } from '../../scripts/build-webview.mjs';
import { whatIfForView } from '../../server/src/what-if.js';
import { workspace } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const ORIGIN = 'http://sysd.test';
const CHROMIUM = '/usr/bin/chromium';
const URI = 'file:///test/shop.sysd';
const SHOP = `system Shop {
    region eu { zones a, b }
    client Web : browser
    service Api { replicas 2 in a }
    service Orders { replicas 2 in b }
    database Db : postgres { replicas 2 in b }
    Web -> Api : https
    Api -> Orders
    Orders -> Db
    flow Buy { path Web -> Api -> Orders }
}`;

const HOST_STANDIN = `
window.__posted = [];
window.__layoutRequests = 0;
let state = undefined;
window.acquireVsCodeApi = () => ({
    postMessage: message => window.__posted.push(message),
    getState: () => state,
    setState: value => { state = value; }
});
window.__savedState = () => state;
const originalPost = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
    window.__layoutRequests++;
    originalPost.apply(this, args);
};
`;

interface Posted { type: string; seq?: number; fail?: string[]; id?: string }

let browser: Browser;
let page: Page;
let model: ArchModel;
let graph: DiagramGraph;
let answered = 0;

async function post(message: HostMessage): Promise<void> {
    await page.evaluate(data => window.postMessage(data, '*'), message as unknown as Record<string, unknown>);
}

async function posted(): Promise<Posted[]> {
    return page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
}

/** Answers the webview's what-if requests not answered yet, as the client and server would; returns the last one's failures. */
async function serve(): Promise<string[] | undefined> {
    await expect.poll(async () => (await posted()).filter(m => m.type === 'whatIf').length).toBeGreaterThan(answered);
    const requests = (await posted()).filter(m => m.type === 'whatIf');
    let last: string[] | undefined;
    for (const request of requests.slice(answered)) {
        await post({ type: 'whatIfResult', seq: request.seq!, result: whatIfForView(model, graph, request.fail!) });
        last = request.fail;
    }
    answered = requests.length;
    return last;
}

async function classesOf(id: string): Promise<string[]> {
    return page.evaluate(target => {
        const found = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === target);
        return found ? Array.from(found.classList) : [];
    }, id);
}

async function clickNode(id: string, part: string): Promise<void> {
    const box = await page.evaluate(({ target, selector }) => {
        const found = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === target)!;
        const r = found.querySelector(selector)!.getBoundingClientRect();
        // A group is clicked inside its box, clear of the title and of the components in it.
        return selector === '.sysd-group-box' ? { x: r.left + 6, y: r.bottom - 6 } : { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, { target: id, selector: part });
    await page.mouse.click(box.x, box.y);
}

const layoutRequests = () => page.evaluate(() => (window as unknown as { __layoutRequests: number }).__layoutRequests);

describe.skipIf(!existsSync(CHROMIUM))('what-if mode in the diagram webview', () => {
    beforeAll(async () => {
        const [built] = await Promise.all([workspace({ 'shop.sysd': SHOP }), buildWebview()]);
        model = built.model;
        graph = buildViewGraph(model, [], resolveView(model, { kind: 'all' }) as ResolvedView);
        const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
        const html = previewHtml({
            cspSource: ORIGIN, nonce,
            scriptUri: `${ORIGIN}/webview/main.js`, workerUri: `${ORIGIN}/webview/layout-worker.js`, styleUri: `${ORIGIN}/webview/main.css`
        }).replace('<body>', `<body class="vscode-light">\n<script nonce="${nonce}">${HOST_STANDIN}</script>`);
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
        page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
        await page.route('**/*', async route => {
            const url = new URL(route.request().url());
            if (url.origin !== ORIGIN) return route.abort();
            if (url.pathname === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
            const file = path.join(ROOT, 'out', url.pathname);
            if (url.pathname.startsWith('/webview/') && existsSync(file)) {
                return route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
            }
            return route.fulfill({ status: 404, body: 'not found' });
        });
        await page.goto(`${ORIGIN}/index.html`);
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
        await post({ type: 'diagram', uri: URI, graph });
        await page.waitForSelector('#canvas svg [data-id]', { timeout: 20_000 });
    }, 50_000);

    afterAll(async () => {
        await browser?.close();
    });

    test('the toggle turns the mode on; a zone clicked in the picture fails, the flow through it is down, without a new layout', async () => {
        const layouts = await layoutRequests();
        const toggle = page.locator('#what-if-toggle');
        expect(await toggle.getAttribute('aria-pressed')).toBe('false');
        expect(await toggle.getAttribute('aria-label')).toMatch(/What if/);
        await toggle.click();
        expect(await toggle.getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => page.locator('#what-if').isVisible()).toBe(true);
        expect(await serve()).toEqual([]);
        await expect.poll(() => page.locator('#what-if .what-if-path[data-path="flow Shop.Buy"]').getAttribute('data-status')).toBe('up');

        const zoneB = graph.nodes.flatMap(function all(n): DiagramGraph['nodes'] { return [n, ...n.children.flatMap(all)]; }).find(n => n.kind === 'zone' && n.id.endsWith('/Shop.eu.b'))!;
        await clickNode(zoneB.id, '.sysd-group-box');
        expect(await serve()).toEqual(['zone:Shop.eu.b']);
        await expect.poll(() => page.locator('#what-if .what-if-path[data-path="flow Shop.Buy"]').getAttribute('data-status')).toBe('down');
        // Failed greyed with a cross, unavailable red with '!', not by colour alone; the broken flow's edges red.
        expect(await classesOf(zoneB.id)).toContain('sysd-wi-failed');
        expect(await classesOf('Shop.Orders')).toContain('sysd-wi-down');
        expect(await page.locator('#canvas .sysd-wi-mark-failed').count()).toBe(1);
        expect(await page.locator('#canvas .sysd-wi-mark-down text').first().textContent()).toBe('!');
        const broken = graph.edges.find(e => e.source === 'Shop.Api' && e.target === 'Shop.Orders')!;
        expect(await classesOf(broken.id)).toContain('sysd-wi-edge-down');
        const entry = page.locator('#what-if .what-if-path[data-path="flow Shop.Buy"]');
        expect(await entry.textContent()).toMatch(/Flow Buy.*Down.*availability 0% \(was .*%\).*step 3 Orders/s);
        expect(await page.locator('#what-if .what-if-status').textContent()).toBe('1 down, 0 up');
        // The line of a down edge is drawn in the theme's error colour.
        const stroke = await page.evaluate(id => {
            const line = Array.from(document.querySelectorAll('#canvas [data-id]')).find(e => e.getAttribute('data-id') === id)!.querySelector('.sysd-line')!;
            return getComputedStyle(line).strokeDasharray;
        }, broken.id);
        expect(stroke).not.toBe('none');
        // Colouring never lays the picture out again; a click in the mode opens no definition.
        expect(await layoutRequests()).toBe(layouts);
        expect((await posted()).filter(m => m.type === 'reveal')).toEqual([]);
    });

    test('hovering an entry highlights its path; clicking a failed element brings it back; the failures persist', async () => {
        const entry = page.locator('#what-if .what-if-path[data-path="flow Shop.Buy"]');
        await entry.hover();
        await expect.poll(() => page.locator('#canvas .sysd-wi-path').count()).toBeGreaterThanOrEqual(5);
        await page.mouse.move(5, 400);
        await expect.poll(() => page.locator('#canvas .sysd-wi-path').count()).toBe(0);
        // Focus stays after a click (keyboard too: the title is a button).
        await entry.locator('.what-if-path-title').click();
        expect(await entry.locator('.what-if-path-title').getAttribute('aria-pressed')).toBe('true');
        await page.mouse.move(5, 400);
        await expect.poll(() => page.locator('#canvas .sysd-wi-path').count()).toBeGreaterThanOrEqual(5);

        await clickNode('Shop.Api', '.sysd-front');
        expect(await serve()).toEqual(['zone:Shop.eu.b', 'component:Shop.Api']);
        await expect.poll(() => classesOf('Shop.Api')).toContain('sysd-wi-failed');
        await page.waitForTimeout(300);
        const saved = await page.evaluate(() => (window as unknown as { __savedState: () => { whatIf?: unknown } }).__savedState().whatIf);
        expect(saved).toEqual({ on: true, fail: ['zone:Shop.eu.b', 'component:Shop.Api'], focus: 'flow Shop.Buy' });
        await clickNode('Shop.Api', '.sysd-front');
        expect(await serve()).toEqual(['zone:Shop.eu.b']);
        await expect.poll(() => classesOf('Shop.Api')).not.toContain('sysd-wi-failed');
    });

    test('a redraw keeps the failures and asks again; Reset brings everything back; Escape leaves the mode', async () => {
        await post({ type: 'diagram', uri: URI, graph: structuredClone(graph) });
        expect(await serve()).toEqual(['zone:Shop.eu.b']);
        await expect.poll(() => classesOf('Shop.Orders')).toContain('sysd-wi-down');

        // The side list's zone toggles fail a zone too, from the keyboard.
        const zoneA = page.locator('#what-if .what-if-place[data-target="zone:Shop.eu.a"]');
        await zoneA.focus();
        await page.keyboard.press('Enter');
        expect(await serve()).toEqual(['zone:Shop.eu.b', 'zone:Shop.eu.a']);
        await expect.poll(() => page.locator('#what-if .what-if-place[data-target="zone:Shop.eu.a"]').getAttribute('aria-pressed')).toBe('true');

        await page.locator('#what-if-reset').click();
        expect(await serve()).toEqual([]);
        await expect.poll(() => page.locator('#canvas .sysd-wi-failed, #canvas .sysd-wi-down, #canvas .sysd-wi-edge-down').count()).toBe(0);
        await expect.poll(() => page.locator('#what-if .what-if-path[data-path="flow Shop.Buy"]').getAttribute('data-status')).toBe('up');

        await page.locator('#viewport').focus();
        await page.keyboard.press('Escape');
        expect(await page.locator('#what-if-toggle').getAttribute('aria-pressed')).toBe('false');
        expect(await page.locator('#what-if').isVisible()).toBe(false);
        // Out of the mode, a click opens the definition again.
        await clickNode('Shop.Api', '.sysd-front');
        await expect.poll(async () => (await posted()).filter(m => m.type === 'reveal').map(m => m.id)).toEqual(['Shop.Api']);
    });

    test('the host turns the mode on with an entry focused (the CodeLens)', async () => {
        await post({ type: 'whatIfMode', on: true, focus: 'flow Shop.Buy' });
        await serve();
        await expect.poll(() => page.locator('#what-if .what-if-focused').getAttribute('data-path')).toBe('flow Shop.Buy');
        expect(await page.locator('#what-if-toggle').getAttribute('aria-pressed')).toBe('true');
    });
});
