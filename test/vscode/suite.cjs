// Runs inside the desktop VS Code's extension host (loaded by @vscode/test-electron, see run.mjs). The
// scenarios of test/e2e/, asserted through the VS Code API instead of the screen.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const folder = () => vscode.workspace.workspaceFolders[0].uri;
const file = relative => vscode.Uri.joinPath(folder(), ...relative.split('/'));
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function until(check, what, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
        const value = await check();
        if (value) return value;
        await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
}

const codeOf = diagnostic => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
const findings = (uri, rule) => vscode.languages.getDiagnostics(uri).filter(d => codeOf(d) === rule);
const positionOf = (document, text, from = 0) => document.positionAt(document.getText().indexOf(text, from));

const scenarios = {
    async '01 flawed example: findings with rule ids and a keyword hover'() {
        const uri = file('online-store.sysd');
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        const expected = [...document.getText().matchAll(/\/\/\s*expect\s+([a-z0-9-]+)/g)].map(m => m[1]);
        for (const rule of expected) await until(() => findings(uri, rule).length > 0, `a ${rule} finding`);
        const at = positionOf(document, 'publishes Bus.orders');
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at.translate(0, 2));
        const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /Sends messages to a topic or queue/);
    },
    async '02 quick fix via outbox removes dual-write-without-outbox'() {
        const uri = file('online-store.sysd');
        const [finding] = await until(() => findings(uri, 'dual-write-without-outbox').length && findings(uri, 'dual-write-without-outbox'), 'the dual-write finding');
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, finding.range);
        const fix = actions.find(a => /transactional outbox/.test(a.title));
        assert.ok(fix, `no outbox quick fix among: ${actions.map(a => a.title).join(', ')}`);
        await vscode.workspace.applyEdit(fix.edit);
        await until(() => findings(uri, 'dual-write-without-outbox').length === 0, 'the finding to go away');
        await vscode.commands.executeCommand('workbench.action.files.revert');
    },
    async '03 completion in a service block'() {
        const uri = file('online-store.sysd');
        const document = await vscode.workspace.openTextDocument(uri);
        const line = positionOf(document, 'reads CatalogIndex').line;
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 8));
        const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
        assert.ok(labels.includes('replicas'), labels.join(', '));
        assert.ok(labels.some(label => /^health( check)?$/.test(label)), labels.join(', '));
    },
    async '04 definition across files and rename'() {
        const trips = file('ride-sharing/trips.sysd');
        const document = await vscode.workspace.openTextDocument(trips);
        const at = positionOf(document, 'Dispatch.tripRequests').translate(0, 2);
        const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', trips, at);
        const target = locations[0].targetUri ?? locations[0].uri;
        assert.ok(target.path.endsWith('ride-sharing/platform.sysd'), target.toString());
        const platform = await vscode.workspace.openTextDocument(file('ride-sharing/platform.sysd'));
        const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', platform.uri,
            positionOf(platform, 'broker Dispatch').translate(0, 8), 'DispatchHub');
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(!/\bDispatch\b/.test(document.getText()) && !/\bDispatch\b/.test(platform.getText()));
        await vscode.workspace.saveAll(false);
    },
    async '05 preview command is registered'() {
        const commands = await vscode.commands.getCommands(true);
        assert.ok(commands.includes('sysd.openPreviewToSide'));
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('online-store.sysd')));
        await vscode.commands.executeCommand('sysd.openPreviewToSide');
        await until(() => vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputWebview)), 'the preview panel');
        for (const id of ['sysd.preview.showSource', 'sysd.preview.selectView', 'sysd.preview.export', 'sysd.preview.refresh', 'sysd.preview.toggleLock']) {
            assert.ok(commands.includes(id), `${id} is registered`);
        }
        const previewTab = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.input instanceof vscode.TabInputWebview);
        // The title names the view shown (the file's own: its system Store), and the lock.
        await until(() => /^Diagram: /.test(previewTab()?.label ?? ''), 'the preview title to name its view');
        await vscode.commands.executeCommand('sysd.preview.toggleLock');
        await until(() => previewTab()?.label.startsWith('[Locked] Diagram: '), 'the locked preview title');
        await vscode.commands.executeCommand('sysd.preview.toggleLock');
        await until(() => previewTab()?.label.startsWith('Diagram: '), 'the unlocked preview title');
    },
    async '06 export Mermaid writes a .mmd'() {
        const commands = await vscode.commands.getCommands(true);
        if (!commands.includes('sysd.exportMermaid')) return 'pending: sysd.exportMermaid is not in this build';
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('online-store.sysd')));
        void vscode.commands.executeCommand('sysd.exportMermaid');
        const written = path.join(folder().fsPath, 'online-store.mmd');
        await until(() => fs.existsSync(written), 'online-store.mmd');
        assert.match(fs.readFileSync(written, 'utf8'), /^(flowchart|graph)\b/m);
    },
    async '07 sysd.rules off removes the finding without a reload'() {
        const uri = file('online-store.sysd');
        await until(() => findings(uri, 'shared-database').length > 0, 'the shared-database finding');
        await vscode.workspace.getConfiguration('sysd').update('rules', { 'shared-database': 'off' }, vscode.ConfigurationTarget.Global);
        await until(() => findings(uri, 'shared-database').length === 0, 'the finding to disappear');
        await vscode.workspace.getConfiguration('sysd').update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
};

exports.run = async function run() {
    const failures = [];
    for (const [name, scenario] of Object.entries(scenarios)) {
        try {
            const note = await scenario();
            console.log(`${note ? 'PENDING' : 'PASS'} ${name}${note ? ` (${note})` : ''}`);
        } catch (error) {
            failures.push(name);
            console.log(`FAIL ${name}: ${error instanceof Error ? error.message : error}`);
        }
    }
    if (failures.length) throw new Error(`${failures.length} scenario(s) failed: ${failures.join(', ')}`);
};
