// Scenario 2: the light bulb's quick fix (Ctrl+.) for dual-write-without-outbox adds `via outbox`, and
// the finding leaves the Problems panel.
import { lines, rowFor } from './util.mjs';

const FILE = 'online-store.sysd';
const RULE = 'dual-write-without-outbox';

export default {
    id: '02-quick-fix',
    title: 'Quick fix "via outbox" from the light bulb removes dual-write-without-outbox',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        await wb.problems(RULE, rows => rowFor(rows, FILE, RULE) !== undefined, `the ${RULE} finding before the fix`);
        await wb.leaveProblems();

        const { line } = await wb.cursorOn(lines(t.examplesDir, FILE), 'Bus.orders', { offset: 2 });
        await page.keyboard.press('Control+.');
        const title = await wb.until(() => [...document.querySelectorAll('.action-widget .monaco-list-row')]
            .map(row => (row.textContent ?? '').trim()).find(text => text.includes('transactional outbox')) ?? '',
        undefined, 'the light bulb menu to offer "Publish through a transactional outbox"');
        t.note(`light bulb offers: ${title}`);
        await t.shot('lightbulb');
        await page.locator('.action-widget .monaco-list-row', { hasText: 'transactional outbox' }).first().click();

        const edited = await wb.until(lineNumber => {
            const rows = [...document.querySelectorAll('.editor-group-container.active .view-lines .view-line')];
            const text = rows.map(row => (row.textContent ?? '').replace(/\u00a0/g, ' ')).find(row => row.includes('publishes Bus.orders'));
            return text?.includes('via outbox') ? text.trim() : '';
        }, line, 'the editor line to read "publishes Bus.orders via outbox"');
        t.note(`line ${line} now reads: ${edited}`);
        // Gone from this file, while the same rule still reports chat.sysd: the panel is live and filtered.
        await wb.problems(RULE, found => rowFor(found, FILE, RULE) === undefined && found.some(row => row.includes(`sysd${RULE}`)),
            `no ${RULE} finding left in ${FILE}`);
    }
};
