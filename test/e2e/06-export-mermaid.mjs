// Scenario 6: "SysD: Export Mermaid to File" writes online-store.mmd next to the source, and the real
// Mermaid parser accepts it.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert } from './util.mjs';

const FILE = 'online-store.sysd';
const OUTPUT = 'online-store.mmd';
const COMMAND = 'SysD: Export Mermaid to File';
const parser = fileURLToPath(new URL('./mermaid-parse.mjs', import.meta.url));

export default {
    id: '06-export-mermaid',
    title: 'Export Mermaid to File writes a .mmd that Mermaid parses',
    async run(t) {
        const { wb } = t;
        await wb.openFile(FILE);
        if (!(await wb.hasCommand(COMMAND))) t.pending(`the packaged extension does not offer "${COMMAND}" yet`);
        const target = join(t.folder, OUTPUT);
        rmSync(target, { force: true });
        await wb.runCommand(COMMAND);
        await wb.poll(async () => existsSync(target), `${OUTPUT} to be written`);
        await wb.until(expected => [...document.querySelectorAll('.notifications-toasts .notification-toast')]
            .some(toast => toast.textContent?.includes(expected)), `wrote ${OUTPUT}`, `the "wrote ${OUTPUT}" notification`);
        await t.shot('notification');
        const run = spawnSync(process.execPath, [parser, target], { cwd: t.root, encoding: 'utf8', timeout: 60_000 });
        const parsed = JSON.parse(run.stdout.trim().split('\n').pop() || '{}');
        assert(parsed.ok, `Mermaid rejects ${OUTPUT}: ${parsed.error ?? run.stderr}`);
        const names = parsed.vertices.map(v => `${v.id} ${v.text}`).join(' ');
        for (const component of ['Orders', 'Payments', 'OrdersDb']) assert(names.includes(component), `${OUTPUT} has no node for ${component}: ${names}`);
        t.note(`Mermaid parsed ${OUTPUT}: ${parsed.type}, ${parsed.vertices.length} nodes, ${parsed.edges} edges`);
    },
    async cleanup(t) {
        rmSync(join(t.folder, OUTPUT), { force: true });
    }
};
