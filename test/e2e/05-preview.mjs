// Scenario 5: "SysD: Open Preview to the Side" draws the example's components; a service typed into
// the editor appears in the diagram; clicking a node moves the editor cursor to its definition.
import { assert, lines } from './util.mjs';

const FILE = 'online-store.sysd';
const COMMAND = 'SysD: Open Preview to the Side';
const COMPONENTS = ['Api', 'Catalog', 'Cart', 'Orders', 'Payments', 'Projector', 'OrdersDb', 'CatalogIndex', 'CartCache', 'Bus'];

/**
 * The nodes drawn in the preview's webview, found in whichever frame holds `[data-id]` elements
 * (the webview is an iframe inside an iframe). Returns { frame, nodes: [{ id, label }], labels } or undefined.
 */
async function diagram(page) {
    for (const frame of page.frames()) {
        const nodes = await frame.evaluate(() => [...document.querySelectorAll('[data-id]')]
            .filter(el => !el.hasAttribute('data-source'))
            .map(el => ({ id: el.getAttribute('data-id') ?? '', label: (el.querySelector('text')?.textContent ?? '').trim() })))
            .catch(() => []);
        if (nodes.length) return { frame, nodes, labels: nodes.map(node => node.label) };
    }
    return undefined;
}

export default {
    id: '05-preview',
    title: 'Preview to the side: components drawn, typing adds a node, clicking a node reveals it',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        if (!(await wb.hasCommand(COMMAND))) t.pending(`the packaged extension does not offer "${COMMAND}" yet`);
        await wb.runCommand(COMMAND);
        const first = await wb.poll(async () => {
            const found = await diagram(page);
            return found && COMPONENTS.every(name => found.labels.includes(name)) ? found : undefined;
        }, `the preview to draw ${COMPONENTS.join(', ')}`, 60_000);
        t.note(`the preview draws ${first.nodes.length} nodes, among them ${COMPONENTS.join(', ')}`);
        await t.shot('diagram');

        // Type a new service into the editor (left group) and watch it appear.
        await wb.focusEditor();
        const text = lines(t.examplesDir, FILE);
        await wb.cursorOn(text, 'search', { offset: 0 });
        await page.keyboard.press('Home');
        await page.keyboard.insertText('service Newcomer { replicas 2 across a, b }\n\n    ');
        await wb.poll(async () => (await diagram(page))?.labels.includes('Newcomer'), 'the typed service Newcomer to appear in the preview', 60_000);
        await t.shot('typed');

        // Click the Payments node: the editor's cursor moves to `service Payments`.
        const paymentsLine = text.findIndex(line => /\bservice Payments\b/.test(line)) + 1;
        const { frame, nodes } = await diagram(page);
        // The preview draws the whole workspace; take the Payments of this file's system (Store).
        const payments = nodes.find(node => node.label === 'Payments' && /Store/.test(node.id)) ?? nodes.find(node => node.label === 'Payments');
        assert(payments, `no Payments node in the preview (nodes: ${nodes.map(node => node.id).join(', ')})`);
        t.note(`clicking node ${payments.id}`);
        const node = frame.locator(`[data-id="${payments.id}"]`).first();
        await node.click();
        const at = await wb.poll(async () => {
            const position = await wb.cursor().catch(() => undefined);
            return position?.line === paymentsLine ? position : undefined;
        }, `the editor cursor to move to line ${paymentsLine} (service Payments) after clicking its node`);
        t.note(`clicking Payments moved the cursor to Ln ${at.line}, Col ${at.column}`);
        const editorTab = await page.locator('.editor-group-container').first().locator('.tab.active').innerText().then(text => text.replace(/\s+/g, ''));
        assert(editorTab.includes(FILE), `the editor beside the preview shows "${editorTab}", not ${FILE}`);
    }
};
