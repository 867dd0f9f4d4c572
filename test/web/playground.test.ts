/**
 * The playground (npm run playground) in headless Chromium, opened from disk (file://, no server):
 * an example is picked from the list, its findings and diagram appear, an edit updates the findings,
 * the Mermaid export shows the text, and the share link in the URL brings the edited text back.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPlayground } from '../../scripts/build-playground.mjs';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const STORE = readFileSync(path.join(ROOT, 'examples/online-store.sysd'), 'utf8');

let browser: Browser;
let page: Page;
let out: string;
const errors: string[] = [];

interface PlaygroundFile {
    name: string;
    text: string;
}

const files = () => page.evaluate<PlaygroundFile[]>(() => window.sysdPlayground!.files());
const rules = () => page.$$eval('#finding-list li.finding', rows => rows.map(row => (row as HTMLElement).dataset.rule ?? ''));

declare global {
    interface Window {
        sysdPlayground?: { files(): PlaygroundFile[]; active(): string };
    }
}

// Each step waits for the browser; on a loaded machine that takes longer than vitest's default.
describe.skipIf(!existsSync(CHROMIUM))('the playground in Chromium (file://)', { timeout: 120_000 }, () => {
    // The timeout is generous for a loaded machine: unloaded, the build and start take 15-25 s.
    beforeAll(async () => {
        out = mkdtempSync(path.join(tmpdir(), 'sysd-playground-'));
        await buildPlayground({ out });
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
        page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.on('pageerror', error => errors.push(error.message));
        await page.goto(pathToFileURL(path.join(out, 'index.html')).href, { timeout: 120_000 });
    }, 180_000);

    afterAll(async () => {
        await browser?.close();
        if (out) rmSync(out, { recursive: true, force: true });
    });

    test('lists every example and shows the picked one\'s findings and diagram', async () => {
        const options = await page.$$eval('#example option:not([hidden])', list => list.map(option => (option as HTMLOptionElement).value));
        expect(options).toEqual(['ad-analytics', 'chat', 'online-education', 'online-store', 'ride-sharing', 'ticket-reservation', 'url-shortener']);
        await page.selectOption('#example', 'online-store');
        await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('#finding-list li.finding')).some(row => row.dataset.rule === 'dual-write-without-outbox'), undefined, { timeout: 30_000 });
        expect(await rules()).toEqual(expect.arrayContaining(['dual-write-without-outbox', 'consumer-without-dlq', 'shared-database', 'async-replication-lost-writes']));
        expect((await files()).map(file => file.text)).toEqual([STORE]);
        // The preview's own page draws the picture in the frame, laid out by its ELK worker.
        const frame = page.frameLocator('iframe.diagram-frame');
        await frame.locator('#canvas svg [data-id]').first().waitFor({ timeout: 30_000 });
        const labels = await frame.locator('#canvas svg').textContent();
        expect(labels).toContain('Catalog');
        expect(errors).toEqual([]);
    });

    test('an edit updates the findings', async () => {
        const before = (await rules()).length;
        await page.click('#editor .view-lines');
        await page.keyboard.press('Control+End');
        // Monaco closes the brace as it is typed; the closing one typed over it. `replicas 0` is a model problem.
        await page.keyboard.type('\nservice Stray { replicas 0 }', { delay: 5 });
        await page.waitForFunction(count => document.querySelectorAll('#finding-list li.finding').length > count, before, { timeout: 20_000 });
        const where = await page.$$eval('#finding-list li.finding .where', list => list.map(item => item.textContent));
        const lastLine = STORE.split('\n').length + 1;
        expect(where.some(text => Number(text?.split(':')[1]) >= lastLine)).toBe(true);
    });

    test('exports the diagram shown as Mermaid text', async () => {
        await page.click('#mermaid');
        await page.waitForFunction(() => (document.getElementById('mermaid-text') as HTMLTextAreaElement).value.length > 0);
        expect(await page.inputValue('#mermaid-text')).toMatch(/^flowchart /m);
        await page.click('#mermaid-close');
    });

    test('the share link in the URL brings the same text back', async () => {
        const edited = await files();
        expect(edited[0].text).toContain('service Stray { replicas 0 }');
        await page.waitForFunction(() => location.hash.startsWith('#code='), undefined, { timeout: 10_000 });
        // The hash is rewritten once typing pauses: wait until it holds the edited text, then reload from it.
        await page.waitForTimeout(600);
        const url = page.url();
        const fresh = await browser.newPage();
        await fresh.goto(url, { timeout: 120_000 });
        await fresh.waitForFunction(() => (window.sysdPlayground?.files().length ?? 0) > 0, undefined, { timeout: 20_000 });
        expect(await fresh.evaluate(() => window.sysdPlayground!.files())).toEqual(edited);
        expect(await fresh.inputValue('#example')).toBe('');
        await fresh.close();
    });
});
