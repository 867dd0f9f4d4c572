// Process helpers for the end-to-end harness: free ports, waiting for HTTP, and stopping a process
// together with everything it started, by PID (code-server's launcher does not stop its `entry` child).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = ms => new Promise(resolveSleep => setTimeout(resolveSleep, ms));

export function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

export async function waitForHttp(url, timeoutMs, isDead = () => false) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (isDead()) throw new Error(`the process serving ${url} exited`);
        try {
            const response = await fetch(url);
            if (response.ok) return;
        } catch {
            // Not listening yet.
        }
        await sleep(200);
    }
    throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** All descendants of a process, read from /proc (Linux). */
export function descendants(pid) {
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

export function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/**
 * Stops `pid` and all its descendants (collected before the first signal, so children that get
 * re-parented are not lost): SIGTERM, then SIGKILL for whatever is left after `graceMs`.
 * Returns the PIDs it signalled.
 */
export async function stopTree(pid, graceMs = 5000) {
    const pids = [pid, ...descendants(pid)];
    for (const target of pids) {
        try { process.kill(target, 'SIGTERM'); } catch { /* already gone */ }
    }
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && pids.some(alive)) await sleep(100);
    for (const target of pids.filter(alive)) {
        try { process.kill(target, 'SIGKILL'); } catch { /* already gone */ }
    }
    return pids;
}
