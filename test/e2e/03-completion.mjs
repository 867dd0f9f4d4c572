// Scenario 3: completion inside a `service` block offers its properties.
import { lines } from './util.mjs';

const FILE = 'online-store.sysd';

export default {
    id: '03-completion',
    title: 'Completion inside a service block offers replicas and health (check)',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        // A new line inside `service Catalog { ... }`, after its last property.
        await wb.cursorOn(lines(t.examplesDir, FILE), 'reads', { offset: 0 });
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');

        const offer = async (typed, label) => {
            await page.keyboard.press('Control+Space');
            await wb.until(() => document.querySelectorAll('.suggest-widget.visible .monaco-list-row').length > 0, undefined, 'the suggest widget');
            await page.keyboard.type(typed);
            // The list is virtualized: typing narrows it so the wanted row is rendered.
            const shown = await wb.until(wanted => {
                const labels = [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row .label-name')]
                    .map(l => (l.textContent ?? '').replace(/\s+/g, ' ').trim());
                return labels.some(l => new RegExp(wanted).test(l)) ? labels : undefined;
            }, label.source, `completion to offer ${label} after typing "${typed}"`);
            t.note(`after "${typed}": ${shown.join(', ')}`);
        };
        await offer('rep', /^replicas$/);
        await t.shot('replicas');
        await wb.pressEscape();
        for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
        // `health` starts the two-word property `health check`.
        await offer('heal', /^health( check)?$/);
        await t.shot('health-check');
        await wb.pressEscape();
    }
};
