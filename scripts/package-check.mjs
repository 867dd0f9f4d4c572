// Copies the editor contributions kept in client/package-contributes.json into package.json
// (`--write`), or checks that package.json carries them unchanged (default; exits 1 on drift).
// Only the keys listed in that file are touched.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const packagePath = new URL('package.json', root);
const source = JSON.parse(readFileSync(new URL('client/package-contributes.json', root), 'utf8'));
const manifest = JSON.parse(readFileSync(packagePath, 'utf8'));

const drift = Object.keys(source).filter(key => JSON.stringify(manifest[key]) !== JSON.stringify(source[key]));
if (process.argv.includes('--write')) {
    const updated = {};
    // Keep package.json's key order; new keys go right before "contributes"' usual neighbours.
    for (const [key, value] of Object.entries(manifest)) {
        if (key === 'scripts') for (const k of Object.keys(source)) if (!(k in manifest)) updated[k] = source[k];
        updated[key] = key in source ? source[key] : value;
    }
    for (const k of Object.keys(source)) if (!(k in updated)) updated[k] = source[k];
    writeFileSync(packagePath, JSON.stringify(updated, null, 2) + '\n');
    console.log(drift.length ? `package.json: updated ${drift.join(', ')}` : 'package.json: already up to date');
} else if (drift.length) {
    console.error(`package.json differs from client/package-contributes.json in: ${drift.join(', ')}. Run: node scripts/package-check.mjs --write`);
    process.exit(1);
} else {
    console.log('package.json carries the client contributions.');
}
