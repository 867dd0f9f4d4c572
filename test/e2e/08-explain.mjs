// Scenario 8: hovering a keyword explains its pattern, and "SysD: Explain..." opens a topic page in the
// Markdown preview.
import { assert, lines } from './util.mjs';

const FILE = 'online-store.sysd';
const COMMAND = 'SysD: Explain...';

/** The visible text of every frame (the Markdown preview lives in nested webview iframes). */
async function frameTexts(page) {
    const texts = [];
    for (const frame of page.frames()) {
        texts.push(await frame.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
    }
    return texts;
}

export default {
    id: '08-explain',
    title: 'Hover on replicas explains redundancy; Explain... shows the quorum topic in the Markdown preview',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        // The server has answered once its findings are drawn; hovering earlier shows nothing.
        await wb.cursorOn(lines(t.examplesDir, FILE), 'publishes');
        await wb.until(() => document.querySelectorAll('.editor-group-container.active .editor-instance .squiggly-warning').length,
            undefined, 'the findings of the file to be drawn');
        await wb.cursorOn(lines(t.examplesDir, FILE), 'replicas');
        const hover = await wb.hoverAtCursor('Single points of failure and redundancy');
        assert(hover.includes('sysd explain') || hover.includes('single-point-of-failure'), `the hover does not point further: ${hover.slice(0, 300)}`);
        t.note(`hover on replicas: ${hover.slice(0, 90)}...`);
        await t.shot('hover');
        await wb.pressEscape();

        // Not wb.runCommand: that waits for the quick input to close, and this command opens another.
        await wb.quick('F1', `>${COMMAND}`);
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: COMMAND }).first().click();
        // The pick opens once the server has listed the topics; type only into that one.
        await wb.until(() => [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].some(row => row.textContent?.includes('Patterns and concepts')),
            undefined, 'the Explain pick to list the topics');
        await page.keyboard.type('Quorums');
        const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Quorums' }).first();
        await row.waitFor({ state: 'visible' });
        await row.click();
        await wb.until(() => [...document.querySelectorAll('.tab')].some(tab => /quorum/i.test(tab.textContent ?? '')),
            undefined, 'a preview tab of the quorum topic');
        const shown = await wb.poll(async () => (await frameTexts(page)).find(text => text.includes('w + r > n')),
            'the Markdown preview to show the quorum topic');
        assert(/When to use it/.test(shown), `the topic page lacks its sections: ${shown.slice(0, 300)}`);
        t.note(`the preview shows the topic (${shown.length} characters), starting "${shown.slice(0, 40).replace(/\s+/g, ' ')}"`);
        await t.shot('explain');

        // Its "Checked by" links open the rule's page in the preview too.
        let clicked = false;
        for (const frame of page.frames()) {
            const link = frame.locator('a', { hasText: 'quorum-no-overlap' }).first();
            if (await link.count().catch(() => 0)) {
                await link.click();
                clicked = true;
                break;
            }
        }
        assert(clicked, 'the topic page has no link to the quorum-no-overlap rule');
        const rule = await wb.poll(async () => (await frameTexts(page)).find(text => /quorum-no-overlap/.test(text) && /Incorrect|Correct/.test(text)),
            'the Markdown preview to show the quorum-no-overlap rule page');
        t.note(`the link opened the rule page (${rule.length} characters)`);
        await t.shot('rule-page');
    }
};
