// Scenario 9: the ```sysd block of examples/README.md is drawn as a diagram in VS Code's Markdown preview.
import { assert } from './util.mjs';

const FILE = 'README.md';

export default {
    id: '09-markdown-preview',
    title: 'The ```sysd block of a Markdown file is drawn in the Markdown preview',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        await wb.runCommand('Markdown: Open Preview to the Side');
        // Mermaid draws the block as an <svg> whose labels are the component names.
        const labels = await wb.poll(async () => {
            for (const frame of page.frames()) {
                const found = await frame.evaluate(() => {
                    const svg = document.querySelector('pre.sysd-mermaid svg');
                    if (!svg) return '';
                    svg.scrollIntoView({ block: 'center' }); // for the screenshot
                    return [...svg.querySelectorAll('.nodeLabel, text')].map(node => node.textContent ?? '').join(' | ');
                }).catch(() => '');
                if (found) return found;
            }
            return undefined;
        }, 'the Markdown preview to draw the sysd block', 60_000);
        assert(!/Syntax error/i.test(labels), `Mermaid could not draw the block: ${labels.slice(0, 200)}`);
        for (const name of ['Cart', 'Pricing', 'PriceDb', 'Edge']) assert(labels.includes(name), `the drawn diagram has no ${name}: ${labels.slice(0, 300)}`);
        t.note(`the preview drew the block: ${labels.replace(/\s+/g, ' ').slice(0, 100)}`);
        await t.shot('markdown-preview');
    }
};
