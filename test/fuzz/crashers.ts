/**
 * Saved crashers: minimised texts that once made the pipeline throw, kept as regression fixtures in
 * `test/fuzz/crashers/` (`crashers.test.ts` runs each one), with `crashers.json` saying where each came from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Mutant } from './mutate.js';
import type { Pipeline } from './pipeline.js';
import { reduce, signaturesOf, signatureSlug } from './run.js';

export const CRASHERS_DIR = path.resolve(__dirname, 'crashers');
const MANIFEST = 'crashers.json';

export interface CrasherEntry {
    signature: string;
    seed: number;
    index: number;
    source: string;
    operations: string[];
}

export function readManifest(dir: string): Record<string, CrasherEntry> {
    const file = path.join(dir, MANIFEST);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, CrasherEntry> : {};
}

/** The saved crashers of a folder: file name and text, sorted by name. */
export function savedCrashers(dir = CRASHERS_DIR): { name: string; text: string }[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter(f => f.endsWith('.sysd')).sort().map(name => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Minimises the mutant while it keeps failing with `signature` and saves it under `dir`, unless a
 * crasher with that signature is saved already. Returns the file written, or undefined.
 */
export async function saveCrasher(pipeline: Pipeline, dir: string, mutant: Mutant, signature: string): Promise<string | undefined> {
    const manifest = readManifest(dir);
    if (Object.values(manifest).some(entry => entry.signature === signature)) return undefined;
    const reduced = await reduce(pipeline, mutant.text, signature);
    // The reducer may stop at a text whose failure only a fresh workspace shows differently; keep the original then.
    const text = (await signaturesOf(pipeline, reduced)).includes(signature) ? reduced : mutant.text;
    fs.mkdirSync(dir, { recursive: true });
    const base = signatureSlug(signature);
    let name = `${base}.sysd`;
    for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${base}-${n}.sysd`;
    fs.writeFileSync(path.join(dir, name), text);
    manifest[name] = { signature, seed: mutant.seed, index: mutant.index, source: mutant.source, operations: mutant.operations };
    const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(sorted, null, 2) + '\n');
    return path.join(dir, name);
}
