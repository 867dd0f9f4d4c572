/**
 * The web extension's language server (out/server/browser.js, as esbuild builds it for the browser) in
 * headless Chromium: a page starts it as a Web Worker and speaks LSP to it over postMessage, playing
 * the browser client's part (workspace files through `sysd/readDirectory`/`sysd/readFile`, configuration
 * files through `sysd/configFiles`). Diagnostics, hover, the diagram and the configuration are checked
 * from what the worker answers, so nothing here runs in Node but the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserBuildOptions } from '../../scripts/build-browser.mjs';

const ROOT = path.resolve(__dirname, '../..');
const ORIGIN = 'http://sysd.test';
const CHROMIUM = '/usr/bin/chromium';
const STORE = readFileSync(path.join(ROOT, 'examples/online-store.sysd'), 'utf8');
const STORE_URI = 'file:///ws/online-store.sysd';
const OTHER_URI = 'file:///ws/notes/other.sysd';
/** A file the page serves as the workspace's (never opened): a syntax error the server must find by itself. */
const OTHER = 'system Notes {\n    service Lonely {\n        replicas\n    }\n}\n';

/** The client side, in the page: JSON-RPC over the worker's postMessage, with the workspace the page serves. */
const CLIENT = `
const worker = new Worker('/server.js');
let nextId = 1;
const pending = new Map();
window.__notifications = [];
window.__requests = [];
const workspace = { 'file:///ws': ['file:///ws/online-store.sysd', 'file:///ws/notes'], 'file:///ws/notes': ['file:///ws/notes/other.sysd'] };
worker.onmessage = event => {
    const message = event.data;
    if (message.id !== undefined && message.method === undefined) {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(message.error.message)); else waiting.resolve(message.result);
        return;
    }
    if (message.id === undefined) { window.__notifications.push(message); return; }
    window.__requests.push(message.method);
    let result = null;
    if (message.method === 'workspace/configuration') result = message.params.items.map(() => ({}));
    if (message.method === 'sysd/readDirectory') result = (workspace[message.params.uri] ?? []).map(uri => ({ uri, isFile: uri.endsWith('.sysd'), isDirectory: !uri.endsWith('.sysd') }));
    if (message.method === 'sysd/readFile') result = window.__files[message.params.uri] ?? null;
    worker.postMessage({ jsonrpc: '2.0', id: message.id, result });
};
window.__request = (method, params) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
});
window.__notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
`;

let browser: Browser;
let page: Page;

interface Diagnostic {
    code?: string;
    message: string;
    severity?: number;
    range: { start: { line: number; character: number } };
    codeDescription?: { href: string };
}

function request<T>(method: string, params: unknown): Promise<T> {
    return page.evaluate(([m, p]) => (window as unknown as { __request(method: string, params: unknown): Promise<unknown> }).__request(m, p), [method, params] as const) as Promise<T>;
}

function notify(method: string, params: unknown): Promise<void> {
    return page.evaluate(([m, p]) => (window as unknown as { __notify(method: string, params: unknown): void }).__notify(m, p), [method, params] as const);
}

/** The newest diagnostics the worker published for `uri` after `after` publications of it, waiting for them. */
async function diagnosticsOf(uri: string, accept: (list: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const handle = await page.waitForFunction(([target]) => {
        const published = (window as unknown as { __notifications: { method: string; params: { uri: string; diagnostics: unknown[] } }[] }).__notifications
            .filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === target);
        return published.length > 0 ? published.map(n => n.params.diagnostics) : undefined;
    }, [uri] as const, { timeout: 20_000 });
    const all = await handle.jsonValue() as Diagnostic[][];
    const latest = all[all.length - 1];
    if (accept(latest)) return latest;
    // Not yet what the caller waits for: wait for the next publication.
    await page.waitForFunction(([target, count]) =>
        (window as unknown as { __notifications: { method: string; params: { uri: string } }[] }).__notifications
            .filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === target).length > (count), [uri, all.length] as const, { timeout: 20_000 });
    return diagnosticsOf(uri, accept);
}

const codes = (list: Diagnostic[]) => list.map(d => d.code).filter((code): code is string => typeof code === 'string');

// Each step waits for the browser; on a loaded machine that takes longer than vitest's default.
describe.skipIf(!existsSync(CHROMIUM))('the language server in a Web Worker (Chromium)', { timeout: 120_000 }, () => {
    // The timeout is generous for a loaded machine: unloaded, the build and start take 15-25 s.
    beforeAll(async () => {
        const result = await esbuild.build({ ...browserBuildOptions()[0], write: false, sourcemap: false, logLevel: 'silent' });
        const server = result.outputFiles.find(file => file.path.endsWith('.js'))!.text;
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
        page = await browser.newPage();
        await page.route('**/*', async route => {
            const url = new URL(route.request().url());
            if (url.origin !== ORIGIN) return route.abort();
            if (url.pathname === '/index.html') return route.fulfill({ body: '<!DOCTYPE html><title>worker</title>', contentType: 'text/html' });
            if (url.pathname === '/server.js') return route.fulfill({ body: server, contentType: 'text/javascript' });
            return route.fulfill({ status: 404, body: 'not found' });
        });
        await page.goto(`${ORIGIN}/index.html`);
        await page.evaluate(([files]) => { (window as unknown as { __files: unknown }).__files = files; }, [{ [STORE_URI]: STORE, [OTHER_URI]: OTHER }] as const);
        await page.addScriptTag({ content: CLIENT });
        const init = await request<{ capabilities: { hoverProvider?: unknown; codeActionProvider?: unknown } }>('initialize', {
            processId: null, rootUri: 'file:///ws', workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }], capabilities: { workspace: { configuration: true } },
            initializationOptions: { workspaceFiles: true, docsBase: 'https://sysd.test/docs/rules/' }
        });
        expect(init.capabilities.hoverProvider).toBeTruthy();
        await notify('initialized', {});
        await notify('textDocument/didOpen', { textDocument: { uri: STORE_URI, languageId: 'sysd', version: 1, text: STORE } });
    }, 180_000);

    afterAll(async () => {
        await browser?.close();
    });

    test('publishes the example\'s lint findings, linked to the rule pages', async () => {
        const list = await diagnosticsOf(STORE_URI, l => codes(l).includes('dual-write-without-outbox'));
        expect(codes(list)).toEqual(expect.arrayContaining(['dual-write-without-outbox', 'consumer-without-dlq', 'shared-database', 'async-replication-lost-writes']));
        const dualWrite = list.find(d => d.code === 'dual-write-without-outbox')!;
        expect(dualWrite.codeDescription?.href).toBe('https://sysd.test/docs/rules/dual-write-without-outbox.md');
    });

    test('loads the workspace\'s other files through the client and reports their problems', async () => {
        const list = await diagnosticsOf(OTHER_URI, l => l.length > 0);
        expect(list.length).toBeGreaterThan(0);
        const requests = await page.evaluate(() => (window as unknown as { __requests: string[] }).__requests);
        expect(requests).toEqual(expect.arrayContaining(['sysd/readDirectory', 'sysd/readFile']));
    });

    test('answers hover from the knowledge base', async () => {
        const line = STORE.split('\n').findIndex(text => /^\s*service Catalog\b/.test(text));
        const character = STORE.split('\n')[line].indexOf('service') + 2;
        const hover = await request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri: STORE_URI }, position: { line, character } });
        expect(hover?.contents.kind).toBe('markdown');
        expect(hover?.contents.value.length).toBeGreaterThan(40);
    });

    test('answers the diagram request with the view graph and its finding badges', async () => {
        type Node = { label: string; children: Node[]; findings: { ruleId: string }[] };
        const graph = await request<{ nodes: Node[]; edges: unknown[] } | null>('sysd/diagram', { uri: STORE_URI });
        expect(graph).not.toBeNull();
        const nodes: Node[] = [];
        const walk = (list: Node[]) => list.forEach(node => {
            nodes.push(node);
            walk(node.children);
        });
        walk(graph!.nodes);
        expect(nodes.map(node => node.label)).toEqual(expect.arrayContaining(['Catalog', 'Cart', 'Orders']));
        expect(nodes.flatMap(node => node.findings.map(finding => finding.ruleId))).toContain('shared-database');
        expect(graph!.edges.length).toBeGreaterThan(3);
        const mermaid = await request<{ text: string }>('sysd/mermaid', { uri: STORE_URI, format: 'mermaid' });
        expect(mermaid.text).toMatch(/^flowchart /m);
    });

    test('applies a configuration file the client sends, and forgets it when it is deleted', async () => {
        const configUri = 'file:///ws/sysd.config.json';
        await notify('sysd/configFiles', { replace: true, files: [{ uri: configUri, text: JSON.stringify({ rules: { 'dual-write-without-outbox': 'off' } }) }] });
        const off = await diagnosticsOf(STORE_URI, l => !codes(l).includes('dual-write-without-outbox'));
        expect(codes(off)).toContain('shared-database');
        await notify('sysd/configFiles', { replace: false, files: [{ uri: configUri, text: null }] });
        const on = await diagnosticsOf(STORE_URI, l => codes(l).includes('dual-write-without-outbox'));
        expect(codes(on)).toContain('dual-write-without-outbox');
    });
});
