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

        // Filtered by the file's name: every promised finding is listed with its rule id. (One filter: a
        // second one would race with the first one's "Showing n of m" badge.)
        const rows = await wb.problems(FILE, found => expected.every(rule => rowFor(found, FILE, rule) !== undefined),
            `the ${expected.join(', ')} findings in ${FILE}`);
        for (const rule of expected) t.note(`Problems: ${rowFor(rows, FILE, rule)}`);
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
