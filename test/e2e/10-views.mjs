// Scenario 10: the preview shows one view at a time. trips.sysd opens on its own view (only the Rides
// system); the picker switches to the whole workspace (8 systems) and back; a service typed into
// trips.sysd is painted within a second of the keystroke (timed by the preview's own trace) while the
// other nodes keep their places (mean shift under 20 px); an SVG export from the preview holds only
// the view shown.
//
// With SYSD_E2E_SCREENSHOTS=<folder> (e.g. docs/images), the run also saves the README's pictures
// there: the editor beside the preview of the Rides view, and the whole workspace's view.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assert, lines } from './util.mjs';
import { updateTrace } from './preview-trace.mjs';

const FILE = 'ride-sharing/trips.sysd';
const COMMAND = 'SysD: Open Preview to the Side';
const EXPORT = 'trips-view.svg';
const DEFAULT_EXPORT = 'trips.svg';
/** Systems of the example workspace (Rides is declared across the three ride-sharing files). */
const SYSTEMS = ['Ads', 'Chat', 'Learn', 'Payments', 'Rides', 'Shortener', 'Store', 'Tickets'];
/**
 * How soon a typed service must be painted in the preview, from the keystroke that completes it.
 * Timed from the moment the keystroke is sent to the preview's `sysd:painted` mark, not by this
 * scenario's polling (which would add up to a poll round); the note printed breaks it down step by
 * step. The issue's goal is 1 s: 455-841 ms are measured here on a quiet machine (the server answers
 * in under 120 ms, the layout in the worker takes about 400 ms). The default limit, 2 s, leaves room
 * for a loaded CI machine; SYSD_E2E_VIEW_UPDATE_MS=1000 asserts the goal itself.
 */
const UPDATE_MS = Number(process.env.SYSD_E2E_VIEW_UPDATE_MS ?? 2_000);
/** Where to save the README's screenshots (SYSD_E2E_SCREENSHOTS, relative to the repository); unset: none. */
const SCREENSHOTS = process.env.SYSD_E2E_SCREENSHOTS;

/**
 * Saves a screenshot of the workbench as `<SYSD_E2E_SCREENSHOTS>/<name>.png`, when asked to: the side
 * bar hidden and the text editor narrowed, so the preview has most of the window; `fit` presses the
 * preview's Fit button first. The side bar and the editors' sizes come back afterwards, as the
 * other scenarios expect them.
 */
async function readmeShot(t, frame, name, { fit = false } = {}) {
    if (!SCREENSHOTS) return;
    const folder = resolve(t.root, SCREENSHOTS);
    mkdirSync(folder, { recursive: true });
    await t.wb.runCommand('View: Toggle Primary Side Bar Visibility');
    try {
        // Drag the sash between the text editor and the preview 260 px to the left.
        const sash = await t.page.locator('.part.editor .monaco-sash.vertical').first().boundingBox().catch(() => null);
        if (sash) {
            const x = sash.x + sash.width / 2;
            const y = sash.y + sash.height / 2;
            await t.page.mouse.move(x, y);
            await t.page.mouse.down();
            await t.page.mouse.move(x - 130, y, { steps: 5 });
            await t.page.mouse.move(x - 260, y, { steps: 5 });
            await t.page.mouse.up();
            // Away from the sash, which is drawn highlighted while the pointer is on it.
            await t.page.mouse.move(x + 200, y + 300);
        }
        await t.page.waitForTimeout(300);
        if (fit) await frame.click('button[title="Fit to view (0)"]');
        // The panel's new width reaches the webview, the fade-in of a new picture ends.
        await t.page.waitForTimeout(800);
        const file = join(folder, `${name}.png`);
        await t.page.screenshot({ path: file });
        t.note(`saved ${file} (${readFileSync(file).length} bytes)`);
    } finally {
        await t.wb.runCommand('View: Reset Editor Group Sizes');
        await t.wb.runCommand('View: Toggle Primary Side Bar Visibility');
    }
}
/** How far, on average, the nodes already drawn may move when one is added. */
const MAX_MEAN_SHIFT = 20;

/**
 * The preview's webview frame (the one with the view picker) and what it draws: each node's id, kind,
 * label and centre on the screen. Returns undefined while no frame draws a diagram.
 */
async function preview(page) {
    for (const frame of page.frames()) {
        const found = await frame.evaluate(() => {
            if (!document.querySelector('#view-picker')) return undefined;
            const nodes = [...document.querySelectorAll('#canvas [data-id]')]
                .filter(el => !el.hasAttribute('data-source'))
                .map(el => {
                    const shape = el.querySelector('.sysd-front, .sysd-group-box') ?? el;
                    const r = shape.getBoundingClientRect();
                    return {
                        id: el.getAttribute('data-id') ?? '',
                        kind: el.getAttribute('data-kind') ?? '',
                        label: (el.querySelector('.sysd-label, .sysd-group-title')?.textContent ?? '').trim(),
                        x: r.left + r.width / 2,
                        y: r.top + r.height / 2
                    };
                });
            const picker = document.querySelector('#view-picker');
            return { nodes, view: picker.value, viewTitle: picker.selectedOptions[0]?.textContent ?? '', options: [...picker.options].map(o => ({ value: o.value, text: o.textContent })) };
        }).catch(() => undefined);
        if (found && found.nodes.length > 0) return { frame, ...found };
    }
    return undefined;
}

const systemsOf = found => found.nodes.filter(node => node.kind === 'system').map(node => node.id.replace(/^system:/, '')).sort();

export default {
    id: '10-views',
    title: 'Preview views: the file view first, the picker switches to everything, edits keep the layout, export holds the view',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        if (!(await wb.hasCommand(COMMAND))) t.pending(`the packaged extension does not offer "${COMMAND}" yet`);
        await wb.runCommand(COMMAND);

        // 1. The file's own view: only the Rides system (stand-ins for what it talks to may show too).
        const own = await wb.poll(async () => {
            const found = await preview(page);
            return found && found.nodes.some(node => node.label === 'Trips') ? found : undefined;
        }, 'the preview to draw the Trips service of trips.sysd', 60_000);
        assert(JSON.stringify(systemsOf(own)) === JSON.stringify(['Rides']),
            `the file view of trips.sysd draws the systems ${systemsOf(own).join(', ') || '(none)'}, expected only Rides`);
        const tab = await page.locator('.tab.active').filter({ hasText: 'Diagram:' }).first().innerText().catch(() => '');
        t.note(`the file view draws ${own.nodes.length} nodes in one system (Rides); the picker shows "${own.viewTitle}"; the tab reads "${tab.trim()}"`);
        await t.shot('file-view');
        await readmeShot(t, own.frame, 'preview-rides', { fit: true });

        // 2. Pick the whole workspace in the webview's picker.
        const everything = own.options.find(option => option.value === 'all');
        assert(everything, `the picker offers no "all" view: ${own.options.map(o => `${o.value} (${o.text})`).join(', ')}`);
        await own.frame.selectOption('#view-picker', 'all');
        const all = await wb.poll(async () => {
            const found = await preview(page);
            return found && found.view === 'all' && systemsOf(found).length >= SYSTEMS.length ? found : undefined;
        }, `the preview to draw the whole workspace (${SYSTEMS.length} systems)`, 60_000);
        assert(JSON.stringify(systemsOf(all)) === JSON.stringify(SYSTEMS), `"${everything.text}" draws the systems ${systemsOf(all).join(', ')}, expected ${SYSTEMS.join(', ')}`);
        t.note(`"${everything.text}" draws ${all.nodes.length} nodes in ${SYSTEMS.length} systems`);
        await t.shot('everything');
        await readmeShot(t, all.frame, 'preview-all');
        // 3. Back to the file's view (the picker lists it first), where the edit happens.
        const fileView = all.options.find(option => option.value.startsWith('file:'));
        assert(fileView, 'the picker offers no view of the file');
        await all.frame.selectOption('#view-picker', fileView.value);
        await wb.poll(async () => {
            const found = await preview(page);
            return found && found.view === fileView.value && systemsOf(found).length === 1 ? found : undefined;
        }, 'the preview to draw the file view again', 30_000);
        // Let the move into the new picture end before measuring places.
        await page.waitForTimeout(400);
        const shownBefore = await preview(page);
        const before = new Map(shownBefore.nodes.map(node => [node.id, node]));

        // 4. Type a service into trips.sysd: it is painted within a second, the others keep their places.
        await wb.focusEditor();
        const text = lines(t.examplesDir, FILE);
        await wb.cursorOn(text, 'service', { offset: 0 });
        await page.keyboard.press('Home');
        // The declaration is written first as a comment (`// service Newcomer ...`: nothing drawn), then
        // made code by one keystroke that deletes the selected `//`, which is what is timed. Typed as one
        // text, the characters reach the server one by one over about a second in code-server, and that
        // second is the typing, not the update.
        await page.keyboard.insertText('// service Newcomer { replicas 2 }\n\n    ');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('Home');
        await page.keyboard.press('Shift+ArrowRight');
        await page.keyboard.press('Shift+ArrowRight');
        await page.waitForTimeout(1500);
        const settled = await preview(page);
        assert(!settled.nodes.some(node => node.label === 'Newcomer'), 'the preview drew Newcomer while its declaration was still a comment');
        const typed = Date.now();
        await page.keyboard.press('Delete');
        const grown = await wb.poll(async () => {
            const found = await preview(page);
            return found && found.nodes.some(node => node.label === 'Newcomer') ? found : undefined;
        }, 'the typed service Newcomer to appear in the preview', 30_000);
        const polled = Date.now() - typed;
        assert(grown.view === fileView.value, `typing in trips.sysd switched the preview from "${fileView.value}" to "${grown.view}": a picked view must stay`);
        // The preview's trace: the first picture painted after the keystroke with more nodes than before.
        const trace = await updateTrace(grown.frame, typed, settled.nodes.length);
        assert(trace, 'the preview recorded no painted picture with the new service (its sysd:* performance marks are missing)');
        t.note(`Newcomer painted ${trace.painted} ms after the keystroke (${trace.steps}); this scenario's polling saw it after ${polled} ms`);
        assert(trace.painted <= UPDATE_MS, `Newcomer was painted ${trace.painted} ms after the keystroke, more than ${UPDATE_MS} ms (${trace.steps})`);
        await page.waitForTimeout(400);
        const after = (await preview(page)).nodes.filter(node => before.has(node.id) && node.kind !== 'system' && node.kind !== 'region' && node.kind !== 'zone');
        assert(after.length > 10, `only ${after.length} nodes of the picture before the edit are still drawn`);
        // The preview pans to the element under the cursor (the new service): the whole picture moves by
        // one offset on the screen. What counts is how the nodes moved against each other, so the median
        // offset is taken out first (as `alignmentOffset` in diagram/src/stable-layout.ts does).
        const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        const dx = median(after.map(node => node.x - before.get(node.id).x));
        const dy = median(after.map(node => node.y - before.get(node.id).y));
        const shifts = after.map(node => Math.hypot(node.x - before.get(node.id).x - dx, node.y - before.get(node.id).y - dy));
        const mean = shifts.reduce((sum, d) => sum + d, 0) / shifts.length;
        t.note(`${after.length} nodes kept their places within ${mean.toFixed(1)} px on average (max ${Math.max(...shifts).toFixed(1)} px), the picture panned by (${dx.toFixed(0)}, ${dy.toFixed(0)}) px`);
        assert(mean < MAX_MEAN_SHIFT, `the nodes moved ${mean.toFixed(1)} px on average when Newcomer was added (limit ${MAX_MEAN_SHIFT} px)`);
        await t.shot('typed');

        // 5. Export the view shown as SVG from the preview: only Rides is in the file.
        const shown = grown;
        const target = join(t.folder, 'ride-sharing', EXPORT);
        // The dialog proposes the document's name (trips.svg); whether the typed path replaces it
        // depends on when code-server fills in its proposal, so either file counts.
        const proposed = join(t.folder, 'ride-sharing', DEFAULT_EXPORT);
        rmSync(target, { force: true });
        rmSync(proposed, { force: true });
        await shown.frame.click('button[title="Export the diagram as SVG"]');
        // The save dialog (VS Code's own, in the browser) asks for the path.
        await wb.quickInput.waitFor({ state: 'visible', timeout: 15_000 });
        await wb.quickInput.fill(target);
        await page.keyboard.press('Enter');
        const written = await wb.poll(async () => (existsSync(target) ? target : existsSync(proposed) ? proposed : undefined), `${EXPORT} to be written`, 15_000);
        const svg = readFileSync(written, 'utf8');
        const exported = [...svg.matchAll(/<g class="[^"]*\bsysd-group-system\b[^"]*"[^>]*\bdata-id="([^"]+)"/g)].map(match => match[1].replace(/^system:/, ''));
        assert(JSON.stringify(exported) === JSON.stringify(['Rides']), `the exported SVG holds the systems ${exported.join(', ') || '(none)'}, expected only Rides`);
        for (const other of ['Shortener', 'Store', 'Chat']) assert(!svg.includes(`data-id="system:${other}"`), `the exported SVG of the file view holds ${other}`);
        assert(svg.includes('Newcomer'), 'the exported SVG lacks the service typed into trips.sysd');
        t.note(`${written.slice(written.lastIndexOf('/') + 1)}: ${svg.length} bytes, one system (Rides)`);
    },
    async cleanup(t) {
        rmSync(join(t.folder, 'ride-sharing', EXPORT), { force: true });
        rmSync(join(t.folder, 'ride-sharing', DEFAULT_EXPORT), { force: true });
    }
};
