// Scenario 12: the "Get Started with SysD" walkthrough, opened from the palette as a new user would,
// with each step's button clicked in the walkthrough page: the example opens with its findings, a
// finding is shown with its rule, the quick fix menu offers the outbox and applying it removes the
// finding (the step checks itself off), and the preview draws the example.
//
// With SYSD_E2E_SCREENSHOTS=<folder> (e.g. docs/images), the run also saves the walkthrough's step
// images there (walkthrough-1-example.png ... walkthrough-4-preview.png) and the README's animation
// (walkthrough.png, an animated PNG of those four frames, assembled by scripts/apng.mjs).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assembleApng } from '../../scripts/apng.mjs';
import { assert } from './util.mjs';

const WALKTHROUGH = 'Get Started with SysD';
const OPEN_WALKTHROUGH = 'Welcome: Open Walkthrough...';
const STEPS = {
    example: { title: 'Open an example architecture', button: 'Open the Example', image: 'walkthrough-1-example' },
    finding: { title: 'See a finding', button: 'Go to a Finding', image: 'walkthrough-2-finding' },
    fix: { title: 'Apply a quick fix', button: 'Quick Fix a Finding', image: 'walkthrough-3-quick-fix' },
    preview: { title: 'Open the diagram', button: 'Open the Diagram', image: 'walkthrough-4-preview' }
};
/** The step images, as package.json's `walkthroughs` names them. */
export const WALKTHROUGH_IMAGES = Object.values(STEPS).map(step => `docs/images/${step.image}.png`);
const SCREENSHOTS = process.env.SYSD_E2E_SCREENSHOTS;
const COMPONENTS = ['Api', 'Orders', 'Billing', 'OrdersDb', 'Events'];

/** Saves a step's picture for the walkthrough and the README (SYSD_E2E_SCREENSHOTS only). */
async function stepShot(t, step, frames) {
    await t.shot(step.image);
    if (!SCREENSHOTS) return;
    const folder = resolve(t.root, SCREENSHOTS);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${step.image}.png`);
    // The walkthrough pane shows it small: the mouse away from any hover, the whole workbench.
    await t.page.screenshot({ path: file });
    frames.push(file);
    t.note(`saved ${file} (${readFileSync(file).length} bytes)`);
}

/** Whether the walkthrough marks the step done (its check box). */
function stepDone(page, title) {
    return page.evaluate(text => {
        const step = [...document.querySelectorAll('button.getting-started-step')].find(el => el.querySelector('.step-title')?.textContent?.trim() === text);
        return step?.querySelector('[data-done-step-id]')?.getAttribute('aria-checked') === 'true';
    }, title);
}

/** Brings the walkthrough forward, expands `step` and clicks its button. */
async function runStep(t, step) {
    const { page, wb } = t;
    const tab = page.locator('.tab', { hasText: /Welcome|Walkthrough/ }).first();
    await tab.click();
    const title = page.locator('button.getting-started-step', { has: page.locator('.step-title', { hasText: step.title }) }).first();
    // The page may have gone back to its list of walkthroughs (it does when its editor group is resized).
    if (!(await title.isEnabled().catch(() => false))) {
        await page.locator('button.getting-started-category', { hasText: 'SysD' }).first().click();
    }
    await title.waitFor({ state: 'visible' });
    await wb.until(text => [...document.querySelectorAll('button.getting-started-step')]
        .some(el => el.querySelector('.step-title')?.textContent?.trim() === text && !el.disabled), step.title, `the walkthrough to show the step "${step.title}"`);
    if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
    await wb.until(text => [...document.querySelectorAll('button.getting-started-step')]
        .some(el => el.querySelector('.step-title')?.textContent?.trim() === text && el.getAttribute('aria-expanded') === 'true'),
    step.title, `the walkthrough step "${step.title}" to expand`);
    const button = page.locator('.gettingStartedContainer .step-description-container :is(.monaco-button, a, button)', { hasText: step.button }).filter({ visible: true }).first();
    await button.click();
}

/** The nodes the preview draws (its webview is an iframe in an iframe). */
async function previewLabels(page) {
    for (const frame of page.frames()) {
        const labels = await frame.evaluate(() => [...document.querySelectorAll('#canvas [data-id]')]
            .map(el => (el.querySelector('text')?.textContent ?? '').trim())).catch(() => []);
        if (labels.length) return labels;
    }
    return [];
}

export default {
    id: '12-walkthrough',
    title: 'Get Started walkthrough: open the example, see a finding, quick fix it, open the preview',
    async run(t) {
        const { wb, page } = t;
        const frames = [];
        // Not wb.runCommand: the command opens a second quick pick (the walkthroughs).
        await wb.quick('F1', `>${OPEN_WALKTHROUGH}`);
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: OPEN_WALKTHROUGH }).first().click();
        const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: WALKTHROUGH }).first();
        await row.waitFor({ state: 'visible' });
        await row.click();
        await wb.until(title => document.querySelector('.gettingStartedContainer')?.textContent?.includes(title), WALKTHROUGH,
            `the walkthrough "${WALKTHROUGH}" to open`);
        t.note('the walkthrough opened from the palette');

        // 1. The example opens as an unsaved sysd document, and the server finds its problems.
        await runStep(t, STEPS.example);
        await wb.until(() => [...document.querySelectorAll('.editor-group-container.active .view-lines .view-line')]
            .some(line => (line.textContent ?? '').replace(/\u00a0/g, ' ').includes('system Shop')), undefined, 'the example (system Shop) in the active editor');
        await wb.until(() => document.querySelectorAll('.editor-group-container.active .squiggly-warning').length > 0,
            undefined, 'the example\'s findings to be drawn');
        const tab = await wb.activeTab();
        assert(/shop\s*\.sysd/.test(tab), `the example opened as "${tab}", not as the unsaved shop.sysd`);
        assert(await page.locator('.editor-group-container.active .tab.active.dirty').count() === 1, 'the example is not an unsaved document');
        assert(await stepDone(page, STEPS.example.title), 'the walkthrough does not check off step 1');
        t.note(`step 1: the example opened as ${tab} with findings`);
        await stepShot(t, STEPS.example, frames);

        // 2. Go to a finding: the problem widget shows its message and rule.
        await runStep(t, STEPS.finding);
        const finding = await wb.until(() => {
            const widget = document.querySelector('.marker-widget');
            return widget && widget.getBoundingClientRect().height > 0 ? (widget.textContent ?? '').replace(/\s+/g, ' ').trim() : '';
        }, undefined, 'the problem widget with a finding of the example');
        assert(/sysd\(?[a-z]+(-[a-z]+)+/.test(finding), `the problem widget names no sysd rule: ${finding.slice(0, 200)}`);
        t.note(`step 2: ${finding.slice(0, 120)}`);
        await stepShot(t, STEPS.finding, frames);
        await wb.pressEscape();

        // 3. Quick fix: the menu offers the outbox; applying it removes the finding and checks the step off.
        assert(!(await stepDone(page, STEPS.fix.title)), 'the quick-fix step is checked off before any fix');
        await runStep(t, STEPS.fix);
        const offer = await wb.until(() => [...document.querySelectorAll('.action-widget .monaco-list-row')]
            .map(row => (row.textContent ?? '').trim()).find(text => text.includes('transactional outbox')) ?? '',
        undefined, 'the quick fix menu to offer "Publish through a transactional outbox"');
        t.note(`step 3: the menu offers "${offer}"`);
        await stepShot(t, STEPS.fix, frames);
        await page.locator('.action-widget .monaco-list-row', { hasText: 'transactional outbox' }).first().click();
        await wb.until(() => [...document.querySelectorAll('.editor-group-container .view-lines .view-line')]
            .some(line => (line.textContent ?? '').replace(/\u00a0/g, ' ').includes('publishes Events.orders via outbox')),
        undefined, 'the example to read "publishes Events.orders via outbox"');
        await wb.poll(() => stepDone(page, STEPS.fix.title), 'the walkthrough to check off the quick-fix step once the finding is gone');
        t.note('step 3: the fix applied, the finding gone, the step checked off');

        // 4. The preview draws the example.
        await runStep(t, STEPS.preview);
        const previewTab = () => page.locator('.tab', { hasText: 'Diagram' }).count();
        if (!(await wb.poll(previewTab, 'a preview tab', 20_000).catch(() => 0))) {
            // A click that lands while the page redraws its steps (it does when a step checks itself off) is lost.
            t.note(`no preview tab 20 s after the click (tabs: ${(await page.locator('.tab').allInnerTexts()).join(' | ').replace(/\s+/g, ' ')}); clicking again`);
            await runStep(t, STEPS.preview);
        }
        const labels = await wb.poll(async () => {
            const found = await previewLabels(page);
            return COMPONENTS.every(name => found.includes(name)) ? found : undefined;
        }, `the preview to draw ${COMPONENTS.join(', ')}`, 120_000);
        assert(await stepDone(page, STEPS.preview.title), 'the walkthrough does not check off the preview step');
        t.note(`step 4: the preview draws ${labels.length} nodes`);
        await page.waitForTimeout(800); // the fade-in of the picture
        await stepShot(t, STEPS.preview, frames);

        if (SCREENSHOTS && frames.length === 4) {
            const file = join(resolve(t.root, SCREENSHOTS), 'walkthrough.png');
            const bytes = assembleApng(frames, file, { delayMs: 2200 });
            t.note(`saved ${file}: an animated PNG of ${frames.length} frames (${bytes} bytes)`);
        }
    },
    async cleanup(t) {
        // The example is an unsaved document: revert and close it so that no dialog asks to save it.
        const { page, wb } = t;
        for (let guard = 0; guard < 5; guard++) {
            const dirty = page.locator('.tab.dirty').first();
            if (!(await dirty.isVisible().catch(() => false))) break;
            await dirty.click();
            await wb.runCommand('View: Revert and Close Editor');
        }
    }
};
