// The bundled language server that the stdio tests start, rebuilt when a source it is made from is newer.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const SERVER = path.join(ROOT, 'out/server/main.cjs');
const SOURCES = ['language/src', 'server/src', 'diagram/src', 'protocol/src'];

/** Newest modification time of the TypeScript sources below `dir`. */
function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
        else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
    return newest;
}

/** Rebuilds out/ when the server bundle is missing or older than its sources. */
export function ensureServerBuilt(): void {
    const stale = () => {
        try {
            const built = statSync(SERVER).mtimeMs;
            return built < Math.max(...SOURCES.map(dir => newestSource(path.join(ROOT, dir))));
        } catch {
            return true;
        }
    };
    if (!stale()) return;
    try {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
        // The other bundles (client, CLI) may fail while the server one is fine.
        if (stale()) throw error;
    }
}
