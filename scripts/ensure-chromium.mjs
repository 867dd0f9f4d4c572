// Makes sure Debian's Chromium is installed for the browser tests (webview, Mermaid rendering,
// end to end). Installs it with apt-get when missing and allowed (root); never downloads a
// browser build of its own. Prints the executable path.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.SYSD_CHROMIUM ?? '/usr/bin/chromium';

export function ensureChromium() {
    if (existsSync(CHROMIUM)) return CHROMIUM;
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
    if (!isRoot || !hasApt) {
        throw new Error(`Chromium is missing at ${CHROMIUM}. Install Debian's 'chromium' package (apt-get install -y chromium) or set SYSD_CHROMIUM.`);
    }
    console.log('Installing Debian chromium for the browser tests (once per machine)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} does not exist`);
    return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    try {
        console.log(ensureChromium());
    } catch (error) {
        console.error(String(error instanceof Error ? error.message : error));
        process.exit(1);
    }
}
