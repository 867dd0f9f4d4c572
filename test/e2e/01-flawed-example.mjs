// Scenario 1: opening a flawed example shows its findings in Problems (with rule ids), squiggles in the
// editor, and a hover on a keyword shows its documentation.
import { assert, expectedFindings, lines, rowFor } from './util.mjs';

const FILE = 'online-store.sysd';

export default {
    id: '01-flawed-example',
    title: 'Problems lists the findings of online-store.sysd with rule ids; squiggles; keyword hover',
    async run(t) {
        const { wb } = t;
        const expected = expectedFindings(t.examplesDir, FILE);
        assert(expected.length >= 3, `${FILE} announces only ${expected.length} findings`);
        await wb.openFile(FILE);

        for (const rule of expected) {
            const rows = await wb.problems(rule, found => rowFor(found, FILE, rule) !== undefined, `a ${rule} finding in ${FILE}`);
            t.note(`Problems: ${rowFor(rows, FILE, rule)}`);
        }
        // All of them at once, for the screenshot: filter by the file's name.
        await wb.problems(FILE, rows => rows.length > expected.length, `the findings of ${FILE}`);
        await t.shot('problems');
        await wb.leaveProblems();

        // `publishes Bus.orders` carries the dual-write finding: bring it into view, then look for its
        // squiggle (Monaco draws decorations for visible lines only) and hover the keyword.
        const text = lines(t.examplesDir, FILE);
        await wb.cursorOn(text, 'publishes');
        const squiggles = await wb.until(() => document.querySelectorAll(
            '.editor-group-container.active .editor-instance .squiggly-warning, .editor-group-container.active .editor-instance .squiggly-error, .editor-group-container.active .editor-instance .squiggly-info').length,
        undefined, 'squiggles in the editor');
        t.note(`${squiggles} squiggle(s) rendered around the cursor`);
        const hover = await wb.hoverAtCursor('Sends messages to a topic or queue');
        t.note(`hover: ${hover.slice(0, 160)}`);
        await t.shot('hover');
        await wb.pressEscape();
    }
};
