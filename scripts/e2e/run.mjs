// End-to-end run of the packaged extension in a real VS Code (code-server), driven by Debian's Chromium
// through playwright-core. `npm run test:e2e` runs this.
//
//   node scripts/e2e/run.mjs [--skip-package] [--vsix FILE] [--only ID[,ID...]] [--break-server] [--keep]
//
//   --skip-package   use the existing .vsix instead of running `npm run package`
//   --vsix FILE      the .vsix to install (default sysd.vsix)
//   --only IDS       run only these scenarios (ids or number prefixes, e.g. --only 01,04)
//   --break-server   replace the installed extension's language server with a module that throws at
//                    start; scenario 01 must then fail (scripts/e2e/self-test.mjs checks that it does)
//   --keep           keep the temp folder (workspace, user data, logs) for a look afterwards
//
// Environment: SYSD_E2E_CACHE (install cache, default ~/.cache/sysd-e2e), SYSD_E2E_CODE_SERVER /
// SYSD_E2E_NODE24 (use an existing install), SYSD_CHROMIUM, SYSD_E2E_TIMEOUT (ms per wait, default 45000),
// SYSD_E2E_STARTUP_TIMEOUT (ms for the language server's first findings, default 120000: a cold start on a
// busy machine is slow, and only the start gets this allowance).
//
// Before the scenarios, the run opens online-store.sysd and waits for the language server to publish its
// findings (timed as "language server ready"). When it never does, no scenario runs and all are failed.
//
// Screenshots: test-results/e2e/NN-scenario.png (and NN-scenario-FAILED.png); results.json beside them.
// Everything started here (code-server, its entry child, the extension host, the language server,
// Chromium) is stopped in `finally`, by PID.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureChromium } from '../ensure-chromium.mjs';
import { ensureCodeServer, node24Env } from './install.mjs';
import { freePort, stopTree, waitForHttp } from './processes.mjs';
import { Workbench, TIMEOUT } from './workbench.mjs';
import { scenarios } from '../../test/e2e/scenarios.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const option = name => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
};
const flags = {
    skipPackage: args.includes('--skip-package'),
    breakServer: args.includes('--break-server') || process.env.SYSD_E2E_BREAK_SERVER === '1',
    keep: args.includes('--keep'),
    vsix: resolve(root, option('--vsix') ?? 'sysd.vsix'),
    only: option('--only')?.split(',').map(s => s.trim()).filter(Boolean)
};
const resultsDir = join(root, 'test-results', 'e2e');
const SCENARIO_TIMEOUT = 4 * TIMEOUT;
const STARTUP_TIMEOUT = Number(process.env.SYSD_E2E_STARTUP_TIMEOUT ?? 120_000);
const STARTUP_FILE = 'online-store.sysd';

const log = message => console.log(`[e2e] ${message}`);
const timings = [];
async function timed(label, step) {
    const started = Date.now();
    try {
        return await step();
    } finally {
        const seconds = (Date.now() - started) / 1000;
        timings.push({ label, seconds });
        log(`${label}: ${seconds.toFixed(1)} s`);
    }
}

/** Settings that keep the workbench quiet and the same on every run. */
export const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.editor.enablePreview': false,
    // Settings JSON and other editors open as ordinary tabs, not in a modal over the workbench.
    'workbench.editor.useModal': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'window.commandCenter': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'files.hotExit': 'off',
    'editor.minimap.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.accessibilitySupport': 'off',
    // Typed text lands as typed (the harness types JSON into settings.json and services into .sysd files).
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.formatOnType': false,
    'editor.formatOnPaste': false,
    'problems.showCurrentInStatus': false
};

function selectScenarios() {
    if (!flags.only) return scenarios;
    const chosen = scenarios.filter(s => flags.only.some(key => s.id === key || s.id.startsWith(`${key}-`) || s.id.startsWith(key)));
    if (chosen.length === 0) throw new Error(`--only ${flags.only.join(',')} matches no scenario (${scenarios.map(s => s.id).join(', ')})`);
    return chosen;
}

class Pending extends Error {}

/** The tail of every log file under `dir` whose path matches `pattern` (the extension host's logs). */
function logTails(dir, pattern, lines = 40) {
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir, { recursive: true }).map(String).filter(file => pattern.test(file.replaceAll('\\', '/'))).sort();
    return files.map(file => {
        const text = readFileSync(join(dir, file), 'utf8').trimEnd();
        const tail = text ? text.split('\n').slice(-lines).join('\n') : '(empty)';
        return `--- ${file}\n${tail}`;
    });
}

/** Replaces the installed extension's server bundle with a module that throws when it loads. */
function breakInstalledServer(extensionsDir) {
    const installed = readdirSync(extensionsDir).find(name => name.startsWith('sysd.sysd-'));
    if (!installed) throw new Error(`--break-server: no sysd extension in ${extensionsDir}`);
    const serverModule = join(extensionsDir, installed, 'out', 'server', 'main.cjs');
    if (!existsSync(serverModule)) throw new Error(`--break-server: ${serverModule} does not exist (did the server bundle move?)`);
    writeFileSync(serverModule, "throw new Error('SysD language server deliberately broken by the e2e harness (--break-server)');\n");
    log(`--break-server: ${serverModule} now throws at start`);
}

async function main() {
    const started = Date.now();
    const chosen = selectScenarios();
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });

    if (!flags.skipPackage) {
        await timed('package (npm run package)', () => {
            const result = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
            if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status})`);
        });
    }
    if (!existsSync(flags.vsix)) throw new Error(`${flags.vsix} does not exist: run \`npm run package\` (or drop --skip-package)`);
    const chromiumPath = await timed('chromium (apt when missing)', () => ensureChromium());
    const codeServer = await timed('code-server (install or reuse cache)', () => ensureCodeServer());
    const { chromium } = await import('playwright-core');

    const tmp = mkdtempSync(join(tmpdir(), 'sysd-e2e-'));
    const home = join(tmp, 'home');
    const userData = join(tmp, 'user-data');
    const extensionsDir = join(tmp, 'extensions');
    const folder = join(tmp, 'examples');
    for (const dir of [home, join(userData, 'User'), extensionsDir]) mkdirSync(dir, { recursive: true });
    cpSync(join(root, 'examples'), folder, { recursive: true });
    const settingsFile = join(userData, 'User', 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(USER_SETTINGS, null, 2));
    writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
    const env = node24Env(codeServer.node, {
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_CACHE_HOME: join(home, '.cache'),
        TMPDIR: tmp
    });
    const common = ['--config', join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensionsDir];

    const results = [];
    let server;
    let browser;
    const serverLog = [];
    const consoleErrors = [];
    try {
        await timed('install the .vsix', () => {
            const install = spawnSync(codeServer.node, [codeServer.entry, ...common, '--install-extension', flags.vsix], { env, encoding: 'utf8', timeout: 120_000 });
            if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}\n${install.stderr}`);
            const installed = readdirSync(extensionsDir).filter(name => name.startsWith('sysd.'));
            if (installed.length !== 1) throw new Error(`expected one sysd extension in ${extensionsDir}, found: ${installed.join(', ') || 'none'}`);
            log(`installed ${installed[0]}`);
        });
        if (flags.breakServer) breakInstalledServer(extensionsDir);

        const port = await freePort();
        await timed('start code-server', async () => {
            server = spawn(codeServer.node, [codeServer.entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
                '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder], {
                env, stdio: ['ignore', 'pipe', 'pipe']
            });
            server.stdout.on('data', chunk => serverLog.push(String(chunk)));
            server.stderr.on('data', chunk => serverLog.push(String(chunk)));
            log(`code-server pid ${server.pid} on http://127.0.0.1:${port}`);
            await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => server.exitCode !== null);
        });

        const page = await timed('open the workbench in Chromium', async () => {
            browser = await chromium.launch({
                executablePath: chromiumPath,
                args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage']
            });
            const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
            const opened = await context.newPage();
            opened.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
            opened.on('pageerror', error => consoleErrors.push(String(error)));
            await opened.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
            await opened.waitForSelector('.monaco-workbench', { timeout: 60_000 });
            await opened.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
            return opened;
        });
        const wb = new Workbench(page, folder);
        const shot = async name => {
            const file = join(resultsDir, `${name}.png`);
            await page.screenshot({ path: file }).catch(error => log(`screenshot ${name} failed: ${error.message}`));
            return file;
        };
        /** Back to a clean workbench after `what` (running `cleanup` first); reloads the page if that fails. */
        const resetOrReload = async (what, cleanup) => {
            try {
                await cleanup?.();
                await wb.reset();
            } catch (resetError) {
                log(`resetting after ${what} failed (${resetError.message}); reloading the workbench`);
                await page.reload();
                await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
            }
        };
        const showPage = async () => log(`what the page showed:\n${(await wb.visibleText()).split('\n').map(line => `    | ${line}`).join('\n')}`);

        // The first .sysd file starts the extension and its language server; wait for its findings once,
        // with the start-up allowance, so that no scenario pays for (or races with) the cold start.
        let startupError;
        try {
            await timed('language server ready (first findings)', async () => {
                await wb.openFile(STARTUP_FILE);
                const problems = await wb.languageServerReady(STARTUP_TIMEOUT);
                log(`the language server published ${problems} problem(s) after ${STARTUP_FILE} opened`);
            });
        } catch (caught) {
            startupError = caught instanceof Error ? caught.message : String(caught);
            await shot('00-startup-FAILED');
            log(`FAIL start-up: ${startupError}`);
            await showPage();
            for (const scenario of chosen) {
                results.push({ id: scenario.id, title: scenario.title, status: 'failed', seconds: 0, error: `not run: ${startupError}`, notes: [] });
            }
        }
        if (!startupError) await resetOrReload('the start-up');

        for (const scenario of startupError ? [] : chosen) {
            const scenarioStarted = Date.now();
            const notes = [];
            const context = {
                wb, page, folder, tmp, settingsFile, examplesDir: join(root, 'examples'), root,
                userSettings: USER_SETTINGS,
                note: message => { notes.push(message); log(`  ${scenario.id}: ${message}`); },
                shot: suffix => shot(`${scenario.id}${suffix ? `-${suffix}` : ''}`),
                pending: reason => { throw new Pending(reason); }
            };
            let status = 'passed';
            let error;
            log(`--- ${scenario.id}: ${scenario.title}`);
            try {
                let timer;
                await Promise.race([
                    scenario.run(context),
                    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`scenario took longer than ${SCENARIO_TIMEOUT / 1000} s`)), SCENARIO_TIMEOUT); })
                ]).finally(() => clearTimeout(timer));
                await shot(scenario.id);
            } catch (caught) {
                if (caught instanceof Pending) {
                    status = 'pending';
                    error = caught.message;
                    await shot(`${scenario.id}-PENDING`);
                } else {
                    status = 'failed';
                    error = caught instanceof Error ? caught.message : String(caught);
                    await shot(`${scenario.id}-FAILED`);
                    log(`FAIL ${scenario.id}: ${error}`);
                    await showPage();
                }
            }
            const seconds = (Date.now() - scenarioStarted) / 1000;
            results.push({ id: scenario.id, title: scenario.title, status, seconds, error, notes });
            log(`${status.toUpperCase()} ${scenario.id} (${seconds.toFixed(1)} s)${status === 'pending' ? `: ${error}` : ''}`);
            await resetOrReload(scenario.id, () => scenario.cleanup?.(context));
        }
    } finally {
        if (browser) await browser.close().catch(() => undefined);
        if (server?.pid) {
            const stopped = await stopTree(server.pid);
            log(`stopped code-server and its children (pids ${stopped.join(', ')})`);
        }
        if (results.some(r => r.status === 'failed')) {
            const tails = logTails(join(userData, 'logs'), /exthost\d*\/(sysd\.sysd\/|remoteexthost\.log$)/);
            log(`extension host logs (SysD output and the host's own log, last 40 lines each):\n${tails.join('\n') || '(none found)'}`);
        }
        if (flags.keep) log(`kept ${tmp}`);
        else rmSync(tmp, { recursive: true, force: true });
    }

    const failed = results.filter(r => r.status === 'failed');
    const pending = results.filter(r => r.status === 'pending');
    if (failed.length) {
        log(`code-server output (last 40 lines):\n${serverLog.join('').split('\n').slice(-40).join('\n')}`);
        if (consoleErrors.length) log(`browser console errors (first 10):\n  ${consoleErrors.slice(0, 10).join('\n  ')}`);
    }
    timings.push({ label: 'total', seconds: (Date.now() - started) / 1000 });
    writeFileSync(join(resultsDir, 'results.json'), JSON.stringify({ breakServer: flags.breakServer, results, timings }, null, 2));
    console.log('\n[e2e] summary');
    for (const r of results) console.log(`  ${r.status.padEnd(7)} ${r.id.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s${r.error ? `  ${r.status === 'pending' ? 'pending: ' : ''}${r.error.split('\n')[0]}` : ''}`);
    console.log('[e2e] timings');
    for (const t of timings) console.log(`  ${t.label.padEnd(40)} ${t.seconds.toFixed(1).padStart(6)} s`);
    console.log(`\ne2e: ${results.length - failed.length - pending.length} passed, ${failed.length} failed${pending.length ? `, ${pending.length} pending` : ''}; screenshots in ${resultsDir}`);
    if (failed.length) process.exitCode = 1;
}

main().catch(error => {
    console.error(`[e2e] ${error instanceof Error ? error.stack : error}`);
    process.exitCode = 1;
});
